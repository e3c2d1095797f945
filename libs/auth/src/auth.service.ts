import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DomainError, WorkingCalendar } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { authConfig } from './auth.config';
import type {
  ChangePasswordDto,
  LoginDto,
  LoginResultDto,
  MeResultDto,
  SetupDto,
  UserDto,
} from './dto/login.dto';
import { CSRF_HEADER, SESSION_COOKIE, SessionAuthenticator } from './sessions/session-authenticator';
import type { IssuedSession } from './sessions/session-issuer';
import type { OpenSession } from './sessions/session.repository';
import { ChangePassword } from './use-cases/change-password';
import { SetUpPassword } from './use-cases/set-up-password';
import { SignIn } from './use-cases/sign-in';
import { SignOut } from './use-cases/sign-out';
import { accountById, type SignInAccount } from './users.repository';

export function userDtoOf(account: SignInAccount): UserDto {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    role: account.role,
    agency: { id: account.agencyId, name: account.agencyName },
  };
}

// the auth routes' service: the use cases, and what HTTP adds to them (the cookie)
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signIn: SignIn,
    private readonly signOut: SignOut,
    private readonly passwordChange: ChangePassword,
    private readonly passwordSetup: SetUpPassword,
    private readonly authenticator: SessionAuthenticator,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    private readonly calendar: WorkingCalendar,
  ) {}

  async login(dto: LoginDto, response: Response): Promise<LoginResultDto> {
    const cookie = dto.session === 'cookie';
    const signedIn = await this.signIn.execute({
      email: dto.email,
      password: dto.password,
      code: dto.code,
      kind: cookie ? 'COOKIE' : 'BEARER',
    });
    return this.answer(signedIn.account, signedIn.session, signedIn.mfaEnrolmentRequired, cookie, response);
  }

  // the answer to any sign-in (password, SSO, MFA enrolment): a token, or the cookie and CSRF token
  answer(
    account: SignInAccount,
    session: IssuedSession,
    mfaEnrolmentRequired: boolean,
    cookie: boolean,
    response: Response,
  ): LoginResultDto {
    const base = {
      user: userDtoOf(account),
      sessionExpiresAt: session.expiresAt.toISOString(),
      mfaEnrolmentRequired,
    };
    if (!cookie) return { ...base, accessToken: session.accessToken };
    this.setCookie(response, session);
    return { ...base, csrfToken: this.authenticator.csrfToken(session.sessionId), csrfHeader: CSRF_HEADER };
  }

  // the session cookie's attributes, set and cleared alike (a browser clears only a match)
  private cookieOptions() {
    return { httpOnly: true, secure: this.config.cookieSecure, sameSite: 'strict', path: '/' } as const;
  }

  setCookie(response: Response, session: IssuedSession): void {
    response.cookie(SESSION_COOKIE, session.accessToken, {
      ...this.cookieOptions(),
      expires: session.expiresAt,
    });
  }

  async logout(user: AuthenticatedUser, response: Response): Promise<void> {
    await this.signOut.execute(user);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  // the session is the one the guard has just checked: not asked for again
  async me(user: AuthenticatedUser, session: OpenSession): Promise<MeResultDto> {
    const account = await accountById(this.dataSource, user.id);
    if (!account) throw DomainError.unauthenticated('Your session has ended: sign in again.');
    const cookie = session.kind === 'COOKIE';
    return {
      user: userDtoOf(account),
      session: { expiresAt: session.expiresAt.toISOString(), kind: session.kind, mfa: session.mfa },
      mfaEnabled: account.mfaEnabled,
      mfaEnrolmentRequired: session.purpose === 'MFA_ENROLMENT',
      timeZone: this.calendar.zone,
      ...(cookie ? { csrfToken: this.authenticator.csrfToken(session.id), csrfHeader: CSRF_HEADER } : {}),
    };
  }

  changePassword(user: AuthenticatedUser, dto: ChangePasswordDto): Promise<void> {
    return this.passwordChange.execute(user, dto);
  }

  setup(dto: SetupDto): Promise<void> {
    return this.passwordSetup.execute(dto);
  }
}
