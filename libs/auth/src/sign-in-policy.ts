// issue 14 item 8: failed sign-ins are throttled per account, not per address (an office
// behind one NAT signs in at nine o'clock). After a few failures in a row each further attempt
// waits a little longer; the failure that reaches SIGN_IN_LOCK_AFTER locks the account
// (auth.config.ts), lifted by an admin or when SIGN_IN_LOCK_SECONDS have passed.

// failures allowed before any wait: a mistyped password or two costs nothing
export const FREE_FAILURES = 2;
// the longest wait between attempts
export const MAX_DELAY_SECONDS = 60;

// seconds to wait after the last failure before the next attempt is heard: 0, 0, 1, 2, 4, ...
export function signInDelaySeconds(failuresInARow: number): number {
  if (failuresInARow <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failuresInARow - FREE_FAILURES - 1), MAX_DELAY_SECONDS);
}

// how long until an attempt may be made, or 0 when it may be made now
export function retryAfterSeconds(failuresInARow: number, lastFailedAt: Date | null, now: Date): number {
  if (!lastFailedAt) return 0;
  const readyAt = lastFailedAt.getTime() + signInDelaySeconds(failuresInARow) * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}
