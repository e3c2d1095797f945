import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '@app/core/openapi';
import { CurrentUser, DuringMfaEnrolment, Public, Roles, ROLES, type AuthenticatedUser } from '@app/access';
import { AuthService } from './auth.service';
import { CurrentSession } from './sessions/current-session';
import type { OpenSession } from './sessions/session.repository';
import { ChangePasswordDto, LoginDto, LoginResultDto, MeResultDto, SetupDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password (and a second factor where set up)',
    security: [],
  })
  @ApiOkResponse({
    type: LoginResultDto,
    description: 'the session: a token (or a cookie), and who it is for',
  })
  @ApiErrors(
    400,
    [
      401,
      'UNAUTHENTICATED: email and password do not match an active user; MFA_REQUIRED: send the code too; ACCOUNT_LOCKED: too many failures in a row',
    ],
    [
      429,
      'RATE_LIMITED: too many failed sign-ins in a row for this account (Retry-After), or too many requests',
    ],
  )
  login(@Body() dto: LoginDto, @Res({ passthrough: true }) response: Response): Promise<LoginResultDto> {
    return this.auth.login(dto, response);
  }

  @Post('logout')
  @ApiBearerAuth()
  @Roles(...ROLES)
  @DuringMfaEnrolment()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session now (its live sockets too)' })
  @ApiNoContentResponse({ description: 'the session has ended' })
  @ApiErrors(401, 403)
  logout(
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    return this.auth.logout(user, response);
  }

  @Get('me')
  @ApiBearerAuth()
  @Roles(...ROLES)
  @DuringMfaEnrolment()
  @ApiOperation({ summary: 'Who is signed in: user, agency, role, and when the session ends' })
  @ApiOkResponse({ type: MeResultDto })
  @ApiErrors(401)
  me(@CurrentUser() user: AuthenticatedUser, @CurrentSession() session: OpenSession): Promise<MeResultDto> {
    return this.auth.me(user, session);
  }

  @Post('password')
  @ApiBearerAuth()
  @Roles(...ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password (ends your other sessions)' })
  @ApiNoContentResponse({ description: 'changed' })
  @ApiErrors([400, 'VALIDATION_FAILED: currentPassword is wrong, or newPassword breaks the policy'], 401, 403)
  changePassword(@CurrentUser() user: AuthenticatedUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, dto);
  }

  @Post('setup')
  @Public()
  @LoginThrottle()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set your first password with the setup code an administrator gave you',
    security: [],
  })
  @ApiNoContentResponse({ description: 'the password is set: sign in with it' })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: the password breaks the policy'],
    [401, 'UNAUTHENTICATED: the setup code is wrong, used or expired'],
    429,
  )
  setup(@Body() dto: SetupDto): Promise<void> {
    return this.auth.setup(dto);
  }
}
