import { Clock } from '@app/core';

// the time sessions, locks, setup codes and TOTP run on: the wall clock, always. The domain
// Clock is set and moved by tests of timeliness (days at a time), which must not end their
// sessions; tests of sessions set this one instead. Tokens' expiry is checked against it too.
export abstract class AuthClock extends Clock {}
