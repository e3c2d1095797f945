import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '@app/access';
import { AuthService } from '../auth.service';
import type { OpenSession } from '../sessions/session.repository';
import { ConfirmMfa } from './confirm-mfa';
import { EnrolMfa } from './enrol-mfa';
import type {
  ConfirmMfaDto,
  MfaConfirmResultDto,
  MfaEnrolResultDto,
  MfaRecoveryCodesResultDto,
  RegenerateRecoveryCodesDto,
} from './mfa.dto';
import { RegenerateRecoveryCodes } from './regenerate-recovery-codes';

// the MFA routes' service: the use cases, and what HTTP adds to them (the new session's
// token, or its cookie and CSRF token, answered as a sign-in is)
@Injectable()
export class MfaService {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolMfa: EnrolMfa,
    private readonly confirmMfa: ConfirmMfa,
    private readonly regenerate: RegenerateRecoveryCodes,
  ) {}

  enrol(user: AuthenticatedUser): Promise<MfaEnrolResultDto> {
    return this.enrolMfa.execute(user);
  }

  async confirm(
    user: AuthenticatedUser,
    session: OpenSession,
    dto: ConfirmMfaDto,
    response: Response,
  ): Promise<MfaConfirmResultDto> {
    const confirmed = await this.confirmMfa.execute(user, { code: dto.code, session });
    const cookie = session.kind === 'COOKIE';
    const answer = this.auth.answer(confirmed.account, confirmed.session, false, cookie, response);
    return { ...answer, recoveryCodes: confirmed.recoveryCodes };
  }

  async recoveryCodes(
    user: AuthenticatedUser,
    dto: RegenerateRecoveryCodesDto,
  ): Promise<MfaRecoveryCodesResultDto> {
    return { recoveryCodes: await this.regenerate.execute(user, { code: dto.code }) };
  }
}
