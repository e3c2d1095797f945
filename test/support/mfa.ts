import { Secret, TOTP } from 'otpauth';
import type { TestApp } from './test-app';

// the code an authenticator app shows for a secret at a moment (RFC 6238: SHA-1, 30 s, 6 digits)
export function totpCode(secret: string, at: Date | number = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: typeof at === 'number' ? at : at.getTime(),
  });
}

// a staff sign-in where MFA is required and not yet set up: sign in, enrol, confirm; the
// token of the full session that replaces the enrolment one
export async function signInEnrollingMfa(t: TestApp, email: string, password: string): Promise<string> {
  const login = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
  if (login.body.mfaEnrolmentRequired !== true) throw new Error(`${email} was not asked to enrol`);
  const enrolling = login.body.accessToken as string;
  const enrol = await t
    .http()
    .post('/api/auth/mfa/enrol')
    .set('authorization', `Bearer ${enrolling}`)
    .expect(200);
  const confirmed = await t
    .http()
    .post('/api/auth/mfa/confirm')
    .set('authorization', `Bearer ${enrolling}`)
    .send({ code: totpCode(enrol.body.secret as string) })
    .expect(200);
  return confirmed.body.accessToken as string;
}
