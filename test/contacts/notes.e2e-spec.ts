import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { connectLive, record, subscribe, waitFor, type QueueChanged } from '../support/live-client';
import { createTestApp, type TestApp } from '../support/test-app';
import { createContact, type Body } from '../support/contacts';

interface Note {
  id: string;
  kind: string;
  text: string;
  author: { id: string; name: string; agency: { id: string; name: string } };
  createdAt: string;
  corrects?: string;
  correctedBy?: string;
}

// issue 17 item 6, decision 0024: case notes and additional information on a contact
describe('contacts: notes (append-only, partner updates, NEW_INFORMATION)', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  let partner: string;
  let police: string;
  let admin: string;
  let otherPartner: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    [screener, manager, partner, police, admin] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
      t.login('school@partner.example'),
      t.login('police@cleveland.example'),
      t.login('admin@mach.example'),
    ]);
    // a second partner agency, to be refused the first one's contacts
    await t.dataSource.query(`insert into agency (name, kind) values ('Linthorpe Surgery', 'HEALTH')`);
    await t.dataSource.query(
      `insert into app_user (agency_id, email, name, role, password_hash)
       select a.id, 'gp@partner.example', 'Dr Gray', 'PARTNER', u.password_hash
         from agency a, app_user u where a.name = 'Linthorpe Surgery' and u.email = 'school@partner.example'`,
    );
    otherPartner = await t.login('gp@partner.example');
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const addNote = (token: string, contactId: string, body: Body, key?: string) => {
    const req = t.http().post(`/api/contacts/${contactId}/notes`).set(as(token));
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };
  const view = async (token: string, contactId: string) =>
    (await t.http().get(`/api/contacts/${contactId}`).set(as(token)).expect(200)).body as Record<
      string,
      unknown
    > & { notes?: Note[] };
  const notesStored = async (contactId: string) =>
    (
      (await t.dataSource.query(`select count(*)::int as n from contact_note where contact_id = $1`, [
        contactId,
      ])) as { n: number }[]
    )[0].n;
  const auditOf = (entityId: string, action: string) =>
    t.dataSource.query(
      `select actor_id, actor_role, details from audit_entry where entity_id = $1 and action = $2 order by id`,
      [entityId, action],
    ) as Promise<{ actor_id: string; actor_role: string; details: Record<string, unknown> }[]>;
  const userId = async (email: string) =>
    ((await t.dataSource.query('select id from app_user where email = $1', [email])) as { id: string }[])[0]
      .id;
  const decide = async (contactId: string) => {
    await t.http().post(`/api/contacts/${contactId}/claim`).set(as(screener)).send({}).expect(200);
    const res = await t
      .http()
      .post(`/api/contacts/${contactId}/decision`)
      .set(as(screener))
      .send({
        level: 1,
        outcome: 'NFA',
        rationale: 'School reports one late collection; no wider concern, parents engaged and agree.',
      })
      .expect(201);
    expect(res.body.status).toBe('DECIDED');
  };
  const screeningItem = async (contactId: string) => {
    const res = await t.http().get('/api/queues/screening').set(as(screener)).expect(200);
    return (res.body.items as { id: string; flags: string[] }[]).find((i) => i.id === contactId);
  };

  describe('MACH staff', () => {
    it('should let screeners and managers add every kind of note and list them oldest first with their authors', async () => {
      const c = await createContact(t, screener);
      const kinds = ['CASE_NOTE', 'REFERRER_UPDATE', 'PHONE_CALL', 'CONSENT_UPDATE'];
      const added: Note[] = [];
      for (const [i, kind] of kinds.entries()) {
        const res = await addNote(i % 2 ? manager : screener, c.id, {
          kind,
          text: `  ${kind} about the family, number ${i}.  `,
        }).expect(201);
        added.push(res.body as Note);
        expect(res.body).toEqual({
          contactId: c.id,
          id: expect.any(String),
          kind,
          // trimmed
          text: `${kind} about the family, number ${i}.`,
          author: {
            id: await userId(i % 2 ? 'manager@mach.example' : 'screener@mach.example'),
            name: expect.any(String),
            agency: { id: expect.any(String), name: 'MACH' },
          },
          createdAt: expect.any(String),
        });
      }
      const read = await view(screener, c.id);
      expect(read.notes).toEqual(
        added.map(({ contactId: _c, ...note }: Note & { contactId?: string }) => note),
      );
      // every existing field of the view is still there
      for (const key of ['id', 'reference', 'child', 'history', 'ragHistory', 'household', 'consent'])
        expect(read).toHaveProperty(key);
    });

    it('should show staff an empty list of notes on a contact that has none', async () => {
      const c = await createContact(t, screener);
      expect((await view(manager, c.id)).notes).toEqual([]);
    });

    it('should let MACH staff add a note to a decided contact', async () => {
      const c = await createContact(t, screener);
      await decide(c.id);
      await addNote(manager, c.id, { kind: 'PHONE_CALL', text: 'Mother rang to say thank you.' }).expect(201);
      await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'Closed; letter sent.' }).expect(201);
      expect(await notesStored(c.id)).toBe(2);
    });

    it('should audit each note with its kind and id, never its text, and write no live event for a staff note', async () => {
      const c = await createContact(t, screener);
      await t.sequenced();
      const [{ seq: before }] = (await t.dataSource.query(
        `select coalesce(max(seq), 0)::bigint as seq from live_event`,
      )) as { seq: string }[];
      const res = await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'Spoke to the DSL: Amira ate.' });
      expect(res.status).toBe(201);
      const rows = await auditOf(c.id, 'CONTACT_NOTE_ADDED');
      expect(rows).toEqual([
        {
          actor_id: await userId('screener@mach.example'),
          actor_role: 'SCREENER',
          details: { noteId: res.body.id, kind: 'CASE_NOTE' },
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain('DSL');
      await t.sequenced();
      const events = (await t.dataSource.query(
        `select type from live_event where seq > $1 and payload->>'id' = $2`,
        [before, c.id],
      )) as unknown[];
      expect(events).toEqual([]);
      expect((await screeningItem(c.id))?.flags).not.toContain('NEW_INFORMATION');
    });
  });

  describe('partners', () => {
    it('should let a partner add a REFERRER_UPDATE to its own open contact, received or in screening', async () => {
      const c = await createContact(t, partner);
      const first = await addNote(partner, c.id, {
        kind: 'REFERRER_UPDATE',
        text: 'Amira told her teacher she is scared to go home.',
      }).expect(201);
      expect(first.body.author.agency.name).toBe('Acklam Primary School');
      await t.http().post(`/api/contacts/${c.id}/claim`).set(as(screener)).send({}).expect(200);
      await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: 'She was collected by an aunt.' }).expect(
        201,
      );
      expect(await notesStored(c.id)).toBe(2);
    });

    it.each(['CASE_NOTE', 'PHONE_CALL', 'CONSENT_UPDATE'])(
      'should refuse a partner a %s with 403 naming the kind, storing nothing',
      async (kind) => {
        const c = await createContact(t, partner);
        const res = await addNote(partner, c.id, { kind, text: 'Something else.' }).expect(403);
        expect(res.body.error).toMatchObject({
          code: 'FORBIDDEN',
          details: [{ field: 'kind', message: expect.any(String) }],
        });
        expect(await notesStored(c.id)).toBe(0);
        const [denial] = await auditOf(c.id, 'ACCESS_DENIED');
        expect(denial).toMatchObject({
          actor_role: 'PARTNER',
          details: { route: 'POST /api/contacts/:id/notes', status: 403 },
        });
      },
    );

    it("should answer a partner's note on another agency's contact as a missing one, and audit the denial", async () => {
      const schools = await createContact(t, partner);
      const machs = await createContact(t, screener);
      const missing = await addNote(otherPartner, randomUUID(), {
        kind: 'REFERRER_UPDATE',
        text: 'Anything.',
      }).expect(404);
      for (const c of [schools, machs]) {
        const res = await addNote(otherPartner, c.id, { kind: 'REFERRER_UPDATE', text: 'Anything.' }).expect(
          404,
        );
        expect(res.body.error).toEqual(missing.body.error);
        expect(await notesStored(c.id)).toBe(0);
        expect(await auditOf(c.id, 'ACCESS_DENIED')).toEqual([
          expect.objectContaining({
            actor_id: await userId('gp@partner.example'),
            details: { route: 'POST /api/contacts/:id/notes', status: 404 },
          }),
        ]);
      }
      // even a kind it may never add reads as "not found" there
      await addNote(otherPartner, schools.id, { kind: 'CASE_NOTE', text: 'Anything.' }).expect(404);
    });

    it('should refuse a partner a note on its own contact once decided, with 409 STALE_STATE', async () => {
      const c = await createContact(t, partner);
      await decide(c.id);
      const res = await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: 'Too late.' }).expect(409);
      expect(res.body.error.code).toBe('STALE_STATE');
      expect(await notesStored(c.id)).toBe(0);
    });

    it('should show a partner only its own agency’s notes, and no notes key before it has added one', async () => {
      const c = await createContact(t, partner);
      await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'Internal: sibling known to CSC.' }).expect(
        201,
      );
      const before = await view(partner, c.id);
      expect(Object.keys(before).sort()).toEqual(['householdId', 'id', 'receivedAt', 'reference', 'status']);
      const own = await addNote(partner, c.id, {
        kind: 'REFERRER_UPDATE',
        text: 'Attendance is 71%.',
      }).expect(201);
      const after = await view(partner, c.id);
      expect(after.notes).toEqual([
        {
          id: own.body.id,
          kind: 'REFERRER_UPDATE',
          text: 'Attendance is 71%.',
          author: own.body.author,
          createdAt: own.body.createdAt,
        },
      ]);
      expect(JSON.stringify(after)).not.toContain('sibling');
      expect((await view(screener, c.id)).notes?.map((n) => n.kind)).toEqual([
        'CASE_NOTE',
        'REFERRER_UPDATE',
      ]);
    });
  });

  it.each([
    ['police', () => police],
    ['an admin', () => admin],
  ])('should refuse %s with 403 and audit it', async (_who, token) => {
    const c = await createContact(t, screener);
    const res = await addNote(token(), c.id, { kind: 'CASE_NOTE', text: 'A note.' }).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await notesStored(c.id)).toBe(0);
    expect(await auditOf(c.id, 'ACCESS_DENIED')).toHaveLength(1);
  });

  it('should need a signed-in caller', async () => {
    const c = await createContact(t, screener);
    await t.http().post(`/api/contacts/${c.id}/notes`).send({ kind: 'CASE_NOTE', text: 'x' }).expect(401);
  });

  describe('validation', () => {
    it.each<[string, Body, string]>([
      ['an empty text', { kind: 'CASE_NOTE', text: '' }, 'text'],
      ['a text of spaces only', { kind: 'CASE_NOTE', text: '   \n\t ' }, 'text'],
      ['a text over 5000 characters', { kind: 'CASE_NOTE', text: 'a'.repeat(5001) }, 'text'],
      ['no text', { kind: 'CASE_NOTE' }, 'text'],
      ['a text that is not a string', { kind: 'CASE_NOTE', text: 42 }, 'text'],
      ['an unknown kind', { kind: 'GOSSIP', text: 'A note.' }, 'kind'],
      ['no kind', { text: 'A note.' }, 'kind'],
      ['corrects that is not an id', { kind: 'CASE_NOTE', text: 'A note.', corrects: 'note-1' }, 'corrects'],
      ['an unknown field', { kind: 'CASE_NOTE', text: 'A note.', author: 'someone else' }, 'author'],
    ])('should answer %s with 400 naming the field, storing nothing', async (_what, body, field) => {
      const c = await createContact(t, screener);
      const res = await addNote(screener, c.id, body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field) })]),
      );
      expect(await notesStored(c.id)).toBe(0);
      expect(await auditOf(c.id, 'CONTACT_NOTE_ADDED')).toEqual([]);
    });

    it('should take a text of exactly 5000 characters', async () => {
      const c = await createContact(t, screener);
      const res = await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'b'.repeat(5000) }).expect(201);
      expect(res.body.text).toHaveLength(5000);
    });

    it('should answer 404 for a contact that does not exist or an id that is not one', async () => {
      await addNote(screener, randomUUID(), { kind: 'CASE_NOTE', text: 'A note.' }).expect(404);
      const res = await addNote(screener, 'not-an-id', { kind: 'CASE_NOTE', text: 'A note.' }).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('append-only, and corrections', () => {
    it('should keep a corrected note as it was and link it to its correction both ways', async () => {
      const c = await createContact(t, partner);
      const wrong = await addNote(partner, c.id, {
        kind: 'REFERRER_UPDATE',
        text: 'Dad is Mr Smyth.',
      }).expect(201);
      const fix = await addNote(partner, c.id, {
        kind: 'REFERRER_UPDATE',
        text: 'Correction: Dad is Mr Smith.',
        corrects: wrong.body.id,
      }).expect(201);
      expect(fix.body.corrects).toBe(wrong.body.id);
      for (const token of [screener, partner]) {
        const [old, correction] = (await view(token, c.id)).notes ?? [];
        expect(old).toMatchObject({ id: wrong.body.id, text: 'Dad is Mr Smyth.', correctedBy: fix.body.id });
        expect(correction).toMatchObject({ id: fix.body.id, corrects: wrong.body.id });
        expect(correction.correctedBy).toBeUndefined();
      }
      const [added] = await auditOf(c.id, 'CONTACT_NOTE_ADDED').then((rows) =>
        rows.filter((r) => r.details.noteId === fix.body.id),
      );
      expect(added.details).toEqual({
        noteId: fix.body.id,
        kind: 'REFERRER_UPDATE',
        corrects: wrong.body.id,
      });
    });

    it('should let a screener correct a partner’s note with a note of another kind', async () => {
      const c = await createContact(t, partner);
      const said = await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: 'Mum consents.' }).expect(
        201,
      );
      await addNote(screener, c.id, {
        kind: 'CONSENT_UPDATE',
        text: 'Rang mum: she consents to the school sharing, not the GP.',
        corrects: said.body.id,
      }).expect(201);
    });

    it('should refuse a correction of a note of another contact, or of no note, with 400 on corrects', async () => {
      const c = await createContact(t, screener);
      const other = await createContact(t, screener);
      const elsewhere = await addNote(screener, other.id, { kind: 'CASE_NOTE', text: 'Other child.' }).expect(
        201,
      );
      for (const corrects of [elsewhere.body.id, randomUUID()]) {
        const res = await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'Fix.', corrects }).expect(400);
        expect(res.body.error.details).toEqual([{ field: 'corrects', message: expect.any(String) }]);
      }
      expect(await notesStored(c.id)).toBe(0);
    });

    it('should refuse a partner a correction of a MACH note it cannot see, as if there were none', async () => {
      const c = await createContact(t, partner);
      const internal = await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'Internal.' }).expect(201);
      const res = await addNote(partner, c.id, {
        kind: 'REFERRER_UPDATE',
        text: 'Fix.',
        corrects: internal.body.id,
      }).expect(400);
      expect(res.body.error.details).toEqual([{ field: 'corrects', message: expect.any(String) }]);
    });

    it('should correct a note once: a second correction of it is 409, a correction of the correction is fine', async () => {
      const c = await createContact(t, screener);
      const first = await addNote(screener, c.id, { kind: 'PHONE_CALL', text: 'Rang at 10:00.' }).expect(201);
      const fix = await addNote(screener, c.id, {
        kind: 'PHONE_CALL',
        text: 'Rang at 11:00.',
        corrects: first.body.id,
      }).expect(201);
      const again = await addNote(manager, c.id, {
        kind: 'PHONE_CALL',
        text: 'Rang at 12:00.',
        corrects: first.body.id,
      }).expect(409);
      expect(again.body.error).toMatchObject({ code: 'STALE_STATE', details: [{ field: 'corrects' }] });
      await addNote(manager, c.id, {
        kind: 'PHONE_CALL',
        text: 'Rang at 12:00.',
        corrects: fix.body.id,
      }).expect(201);
    });

    it('should let exactly one of two simultaneous corrections of a note in', async () => {
      const c = await createContact(t, screener);
      const first = await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'Seen on Monday.' }).expect(201);
      const results = await Promise.all(
        [screener, manager].map((token) =>
          addNote(token, c.id, { kind: 'CASE_NOTE', text: 'Seen on Tuesday.', corrects: first.body.id }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await notesStored(c.id)).toBe(2);
    });

    it.each(['put', 'patch', 'delete'] as const)(
      'should offer no %s of a note, and leave it as written',
      async (method) => {
        const c = await createContact(t, screener);
        const note = await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'As written.' }).expect(201);
        for (const path of [`/api/contacts/${c.id}/notes/${note.body.id}`, `/api/contacts/${c.id}/notes`]) {
          const res = await t.http()[method](path).set(as(manager)).send({ text: 'Rewritten.' });
          expect([404, 405]).toContain(res.status);
        }
        expect((await view(screener, c.id)).notes).toEqual([
          expect.objectContaining({ id: note.body.id, text: 'As written.' }),
        ]);
      },
    );
  });

  describe('idempotency (Idempotency-Key, as for POST /api/contacts)', () => {
    it('should answer a partner’s retry with the first note, store one and audit the replay', async () => {
      const c = await createContact(t, partner);
      const key = `note-${randomUUID()}`;
      const body = { kind: 'REFERRER_UPDATE', text: 'Amira was absent today.' };
      const first = await addNote(partner, c.id, body, key).expect(201);
      const again = await addNote(partner, c.id, body, key).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(again.body).toEqual(first.body);
      expect(await notesStored(c.id)).toBe(1);
      expect(await auditOf(c.id, 'CONTACT_NOTE_ADDED')).toHaveLength(1);
      expect(await auditOf(c.id, 'CONTACT_NOTE_REPLAYED')).toEqual([
        expect.objectContaining({ actor_role: 'PARTNER', details: { noteId: first.body.id } }),
      ]);
    });

    it('should store one note when a partner sends the same keyed note twice at once', async () => {
      const c = await createContact(t, partner);
      const key = `note-${randomUUID()}`;
      const body = { kind: 'REFERRER_UPDATE', text: 'Sent twice by a flaky link.' };
      const [a, b] = await Promise.all([
        addNote(partner, c.id, body, key),
        addNote(partner, c.id, body, key),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body).toEqual(b.body);
      expect(await notesStored(c.id)).toBe(1);
    });

    it('should replay the first answer even after the contact has closed', async () => {
      const c = await createContact(t, partner);
      const key = `note-${randomUUID()}`;
      const body = { kind: 'REFERRER_UPDATE', text: 'One more thing.' };
      const first = await addNote(partner, c.id, body, key).expect(201);
      await decide(c.id);
      const again = await addNote(partner, c.id, body, key).expect(201);
      expect(again.body).toEqual(first.body);
    });

    it('should answer 422 for the key with another body or on another contact, storing nothing more', async () => {
      const c = await createContact(t, partner);
      const other = await createContact(t, partner);
      const key = `note-${randomUUID()}`;
      const body = { kind: 'REFERRER_UPDATE', text: 'First.' };
      await addNote(partner, c.id, body, key).expect(201);
      const changed = await addNote(partner, c.id, { ...body, text: 'Second.' }, key).expect(422);
      expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const moved = await addNote(partner, other.id, body, key).expect(422);
      expect(moved.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await notesStored(c.id)).toBe(1);
      expect(await notesStored(other.id)).toBe(0);
    });

    it('should not keep the key of a refused note, so a corrected retry with it goes through', async () => {
      const c = await createContact(t, partner);
      const key = `note-${randomUUID()}`;
      await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: '   ' }, key).expect(400);
      await addNote(partner, c.id, { kind: 'CASE_NOTE', text: 'Wrong kind.' }, key).expect(403);
      await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: 'Right.' }, key).expect(201);
    });

    it('should refuse a malformed key with 400', async () => {
      const c = await createContact(t, partner);
      const res = await addNote(
        partner,
        c.id,
        { kind: 'REFERRER_UPDATE', text: 'A note.' },
        'bad key!',
      ).expect(400);
      expect(res.body.error.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    });
  });

  describe('NEW_INFORMATION on the screening queue', () => {
    const live = async (token: string) => {
      const socket = await connectLive(t.url, token);
      sockets.push(socket);
      return socket;
    };
    const flagged = (contactId: string, set: boolean) => (m: QueueChanged) =>
      m.view === 'screening' &&
      m.op === 'upsert' &&
      m.item.id === contactId &&
      (m.item.flags as string[]).includes('NEW_INFORMATION') === set;

    it('should flag a partner’s update to screeners live, keep it through queue and partner reads, and clear it live when staff read the contact', async () => {
      const c = await createContact(t, partner);
      const socket = await live(screener);
      const seen = record(socket);
      const ack = await subscribe(socket, 'screening');
      expect(ack).toHaveProperty('seq');
      expect((await screeningItem(c.id))?.flags).not.toContain('NEW_INFORMATION');

      const started = Date.now();
      const note = await addNote(partner, c.id, {
        kind: 'REFERRER_UPDATE',
        text: 'Mum’s new partner has moved in.',
      }).expect(201);
      const raised = await waitFor(seen, flagged(c.id, true), 5000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(raised.item).toMatchObject({ id: c.id, kind: 'CONTACT', status: 'RECEIVED' });
      expect((await screeningItem(c.id))?.flags).toContain('NEW_INFORMATION');

      // a second update while unread keeps one flag
      await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: 'And he has a dog.' }).expect(201);
      expect((await screeningItem(c.id))?.flags.filter((f) => f === 'NEW_INFORMATION')).toEqual([
        'NEW_INFORMATION',
      ]);
      // the partner reading its own contact, and staff notes, read nothing for the screener
      await view(partner, c.id);
      await addNote(screener, c.id, { kind: 'CASE_NOTE', text: 'Will ring school.' }).expect(201);
      expect((await screeningItem(c.id))?.flags).toContain('NEW_INFORMATION');
      expect(await auditOf(c.id, 'CONTACT_NEW_INFORMATION_READ')).toEqual([]);

      const read = await view(manager, c.id);
      expect(read.notes?.map((n) => n.id)).toContain(note.body.id);
      await waitFor(seen, flagged(c.id, false), 5000);
      expect((await screeningItem(c.id))?.flags).not.toContain('NEW_INFORMATION');
      expect(await auditOf(c.id, 'CONTACT_NEW_INFORMATION_READ')).toEqual([
        expect.objectContaining({ actor_id: await userId('manager@mach.example'), actor_role: 'MANAGER' }),
      ]);

      // read once: a later read clears nothing more; a new update raises it again
      await view(screener, c.id);
      expect(await auditOf(c.id, 'CONTACT_NEW_INFORMATION_READ')).toHaveLength(1);
      seen.splice(0);
      await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: 'Update: he has left.' }).expect(201);
      await waitFor(seen, flagged(c.id, true), 5000);
    });

    it('should replay the flag to a screener who reconnects with the seq it last saw', async () => {
      const c = await createContact(t, partner);
      const first = await live(screener);
      const ack = (await subscribe(first, 'screening')) as { seq: number };
      first.close();
      await addNote(partner, c.id, { kind: 'REFERRER_UPDATE', text: 'Seen at the food bank.' }).expect(201);
      await t.sequenced();
      const again = await live(screener);
      const replay = (await subscribe(again, 'screening', ack.seq)) as { events?: QueueChanged[] };
      expect(replay.events?.some(flagged(c.id, true))).toBe(true);
    });

    it('should not raise the flag for a note a partner could not add', async () => {
      const c = await createContact(t, partner);
      await addNote(partner, c.id, { kind: 'CASE_NOTE', text: 'Not mine to add.' }).expect(403);
      await addNote(otherPartner, c.id, { kind: 'REFERRER_UPDATE', text: 'Not my contact.' }).expect(404);
      expect((await screeningItem(c.id))?.flags).not.toContain('NEW_INFORMATION');
    });
  });

  it('should describe the route and the notes on both contact views in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    const route = doc.paths['/api/contacts/{id}/notes'];
    expect(Object.keys(route)).toEqual(['post']);
    expect(Object.keys(route.post.responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '413', '422', '429'].sort(),
    );
    const schemas = doc.components.schemas;
    expect(schemas.AddContactNoteDto.required?.sort()).toEqual(['kind', 'text']);
    expect(schemas.ContactDto.properties).toHaveProperty('notes');
    expect(schemas.PartnerContactDto.properties).toHaveProperty('notes');
    expect(Object.keys(schemas.ContactNoteDto.properties ?? {}).sort()).toEqual(
      ['author', 'corrects', 'correctedBy', 'createdAt', 'id', 'kind', 'text'].sort(),
    );
    expect(Object.keys(schemas.AddNoteResultDto.properties ?? {}).sort()).toEqual(
      ['author', 'contactId', 'corrects', 'createdAt', 'id', 'kind', 'text'].sort(),
    );
  });
});
