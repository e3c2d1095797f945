import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '@app/core/openapi';
import { CurrentUser, DuringMfaEnrolment, Roles, ROLES, type AuthenticatedUser } from '@app/access';
import { CurrentSession } from '../sessions/current-session';
import type { OpenSession } from '../sessions/session.repository';
import {
  ConfirmMfaDto,
  MfaConfirmResultDto,
  MfaEnrolResultDto,
  MfaRecoveryCodesResultDto,
  RegenerateRecoveryCodesDto,
} from './mfa.dto';
import { MfaService } from './mfa.service';
import { NoBody } from './no-body';

// issue 14 item 6: setting up the second factor (TOTP) and its recovery codes
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/mfa')
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Post('enrol')
  @Roles(...ROLES)
  @DuringMfaEnrolment()
  @NoBody()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start setting up MFA: a new TOTP secret for an authenticator app (confirm it with a code)',
  })
  @ApiOkResponse({ type: MfaEnrolResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: this route takes no body'],
    401,
    [403, 'FORBIDDEN: a system account has no second factor'],
    [409, 'CONFLICT: MFA is already set up (an administrator resets it)'],
    429,
  )
  enrol(@CurrentUser() user: AuthenticatedUser): Promise<MfaEnrolResultDto> {
    return this.mfa.enrol(user);
  }

  @Post('confirm')
  @Roles(...ROLES)
  @DuringMfaEnrolment()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Finish setting up MFA with a code from the app: ten recovery codes, and a full session in place of this one',
  })
  @ApiOkResponse({
    type: MfaConfirmResultDto,
    description: 'the recovery codes (shown once) and the new session, as login answers it',
  })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: code is not six digits, or not the current code for the enrolled secret'],
    401,
    [403, 'FORBIDDEN: a system account, or a cookie session without its CSRF header'],
    [409, 'CONFLICT: nothing to confirm (enrol first)'],
    429,
  )
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @CurrentSession() session: OpenSession,
    @Body() dto: ConfirmMfaDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MfaConfirmResultDto> {
    return this.mfa.confirm(user, session, dto, response);
  }

  @Post('recovery-codes')
  @Roles(...ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace your recovery codes with ten new ones (needs the app’s current code)' })
  @ApiOkResponse({ type: MfaRecoveryCodesResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: code is not the current code from the app (it counts towards the lock)'],
    401,
    403,
    [409, 'CONFLICT: MFA is not set up'],
    [429, 'RATE_LIMITED: too many wrong codes in a row (Retry-After), or too many requests'],
  )
  recoveryCodes(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: RegenerateRecoveryCodesDto,
  ): Promise<MfaRecoveryCodesResultDto> {
    return this.mfa.recoveryCodes(user, dto);
  }
}
