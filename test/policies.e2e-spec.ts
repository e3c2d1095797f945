import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '@app/core';
import { contactBody } from './support/contacts';
import { notificationBody } from './support/notifications';
import { createTestApp, type TestApp } from './support/test-app';

// config/ drives the code: a council's edit of a policy file changes what the service does,
// with no number or time zone from it written again in code (issue 13 item 5)

// a copy of config/ with one file edited, for one app
async function policyDir(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'frontdoor-policy-'));
  await cp(join(__dirname, '..', 'config'), dir, { recursive: true });
  const path = join(dir, file);
  const before = await readFile(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  await writeFile(path, after);
  return dir;
}

const as = (token: string) => ({ authorization: `Bearer ${token}` });

describe('policies drive the code', () => {
  describe('MARAC look-back (da-triage-matrix.yml marac.monthsSincePreviousMaracFlag)', () => {
    // a HIGH-risk incident (MARAC flagged) eight months before a standard one
    async function suggestionAfterEightMonths(
      months: number | undefined,
    ): Promise<{ marac: boolean; maracReasons?: string[] }> {
      const dir =
        months === undefined
          ? undefined
          : await policyDir('da-triage-matrix.yml', (t) =>
              t.replace(/monthsSincePreviousMaracFlag: \d+/, `monthsSincePreviousMaracFlag: ${months}`),
            );
      const clock = new SettableClock('2026-03-02T10:00:00Z');
      const t = await createTestApp({ clock, env: dir ? { POLICY_DIR: dir } : {} });
      try {
        const police = await t.login('police@cleveland.example');
        const victim = {
          firstName: `Vera${randomUUID().slice(0, 6)}`,
          lastName: 'Adams',
          dateOfBirth: '1990-01-01',
        };
        const first = await t
          .http()
          .post('/api/da-notifications')
          .set(as(police))
          .send(notificationBody({ victim, incidentAt: '2026-03-02T06:00:00Z', riskLevel: 'HIGH' }))
          .expect(201);
        expect(first.body.suggestion.marac).toBe(true);
        clock.set('2026-11-02T10:00:00Z');
        const second = await t
          .http()
          .post('/api/da-notifications')
          .set(as(police))
          .send(notificationBody({ victim, incidentAt: '2026-11-02T06:00:00Z' }))
          .expect(201);
        return second.body.suggestion as { marac: boolean; maracReasons?: string[] };
      } finally {
        await t.close();
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    }

    it('should flag MARAC for an incident 8 months after a MARAC flag with the shipped 12-month look-back', async () => {
      const suggestion = await suggestionAfterEightMonths(undefined);
      expect(suggestion.marac).toBe(true);
      expect(suggestion.maracReasons).toContain('an incident within 12 months of a previous MARAC flag');
    });

    it('should not flag it when the council sets the look-back to 6 months', async () => {
      const suggestion = await suggestionAfterEightMonths(6);
      expect(suggestion.marac).toBe(false);
      expect(suggestion.maracReasons ?? []).toEqual([]);
    });
  });

  describe('time zone (calendar.yml timeZone)', () => {
    let t: TestApp;
    let dir: string;
    // 12:00 UTC on 2 December is already 3 December in Auckland (UTC+13)
    const clock = new SettableClock('2025-12-02T12:00:00Z');

    beforeAll(async () => {
      dir = await policyDir('calendar.yml', (text) =>
        text.replace('timeZone: Europe/London', 'timeZone: Pacific/Auckland'),
      );
      t = await createTestApp({ clock, env: { POLICY_DIR: dir } });
    });
    afterAll(async () => {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("should count a child's referrals in 12 months by the front door's own date, not London's", async () => {
      const screener = await t.login('screener@mach.example');
      const child = {
        firstName: `Aroha${randomUUID().slice(0, 6)}`,
        lastName: 'Ngata',
        dateOfBirth: '2016-05-04',
      };
      const first = await t
        .http()
        .post('/api/contacts')
        .set(as(screener))
        .send(contactBody({ child }))
        .expect(201);
      await t.http().post(`/api/contacts/${first.body.id}/claim`).set(as(screener)).send({}).expect(200);
      const decided = await t
        .http()
        .post(`/api/contacts/${first.body.id}/decision`)
        .set(as(screener))
        .send({
          level: 3,
          outcome: 'SOCIAL_CARE_ASSESSMENT',
          primaryNeedCode: 'N1',
          rationale: 'Persistent neglect reported by school over a term; an assessment of need is required.',
        })
        .expect(201);
      // dated in Auckland: 3 December 2025
      expect(decided.body.referral.referralDate).toBe('2025-12-03');

      // a year later to the minute: 3 December 2026 in Auckland, so that referral is exactly
      // 12 months old and out of the window (London's date would still be 2 December)
      clock.set('2026-12-02T12:00:00Z');
      const second = await t
        .http()
        .post('/api/contacts')
        .set(as(screener))
        .send(contactBody({ child }))
        .expect(201);
      expect(second.body.history.referralsLast12Months).toBe(0);

      clock.set('2026-12-02T10:00:00Z'); // 2 December 2026 23:00 in Auckland: still inside
      const third = await t
        .http()
        .post('/api/contacts')
        .set(as(screener))
        .send(contactBody({ child }))
        .expect(201);
      expect(third.body.history.referralsLast12Months).toBe(1);
    });
  });

  describe('DUE_SOON fraction (timeliness.yml dueSoonFraction; rag-policy.yml before the move)', () => {
    // a contact's timeliness on the screening queue 40% of its allowed time before it is due:
    // ON_TRACK with the shipped quarter, DUE_SOON with a half
    async function timelinessWith40PercentLeft(dir: string | undefined): Promise<string> {
      const clock = new SettableClock('2026-03-02T10:00:00Z');
      const t = await createTestApp({ clock, env: dir ? { POLICY_DIR: dir } : {} });
      try {
        const screener = await t.login('screener@mach.example');
        const created = await t
          .http()
          .post('/api/contacts')
          .set(as(screener))
          .send(contactBody())
          .expect(201);
        const received = new Date(created.body.receivedAt).getTime();
        const due = new Date(created.body.decisionDueAt).getTime();
        clock.set(new Date(due - 0.4 * (due - received)).toISOString());
        const queue = await t.http().get('/api/queues/screening').set(as(screener)).expect(200);
        const item = (queue.body.items as { id: string; timeliness: string }[]).find(
          (i) => i.id === created.body.id,
        );
        return item!.timeliness;
      } finally {
        await t.close();
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    }
    const half = (text: string) => text.replace(/dueSoonFraction: [\d.]+/, 'dueSoonFraction: 0.5');

    it('should be ON_TRACK with the shipped quarter', async () => {
      expect(await timelinessWith40PercentLeft(undefined)).toBe('ON_TRACK');
    });

    it('should be DUE_SOON when the council sets a half in timeliness.yml', async () => {
      expect(await timelinessWith40PercentLeft(await policyDir('timeliness.yml', half))).toBe('DUE_SOON');
    });

    it("should keep a council's edit in rag-policy.yml working in a folder from before the move", async () => {
      const dir = await policyDir('rag-policy.yml', (text) => `${text}\ndueSoonFraction: 0.5\n`);
      await rm(join(dir, 'timeliness.yml'));
      expect(await timelinessWith40PercentLeft(dir)).toBe('DUE_SOON');
    });

    // both files setting it refuses boot, naming both: libs/core/src/policy/load-policies.spec.ts
  });
});
