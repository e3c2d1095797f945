import {
  canReadNote,
  noteRefusal,
  raisesNewInformation,
  type CorrectedNote,
  type NoteAuthor,
  type NoteKind,
  type NoteTarget,
} from './note-rules';

const MACH = 'agency-mach';
const SCHOOL = 'agency-school';
const SURGERY = 'agency-surgery';

const screener: NoteAuthor = { role: 'SCREENER', agencyId: MACH };
const manager: NoteAuthor = { role: 'MANAGER', agencyId: MACH };
const partner: NoteAuthor = { role: 'PARTNER', agencyId: SCHOOL };
const police: NoteAuthor = { role: 'POLICE', agencyId: 'agency-police' };
const admin: NoteAuthor = { role: 'ADMIN', agencyId: MACH };

const open: NoteTarget = { status: 'RECEIVED', originAgencyId: SCHOOL };
const claimed: NoteTarget = { status: 'IN_SCREENING', originAgencyId: SCHOOL };
const awaiting: NoteTarget = { status: 'AWAITING_AUTHORISATION', originAgencyId: SCHOOL };
const decided: NoteTarget = { status: 'DECIDED', originAgencyId: SCHOOL };
const surgeryContact: NoteTarget = { status: 'RECEIVED', originAgencyId: SURGERY };

describe('noteRefusal (issue 17: who adds which note to which contact)', () => {
  it.each<[string, NoteAuthor, NoteKind, NoteTarget, string | null]>([
    // MACH staff: any kind, any contact, open or not
    ['a screener adds a case note to an open contact', screener, 'CASE_NOTE', open, null],
    ['a screener records a phone call on a decided contact', screener, 'PHONE_CALL', decided, null],
    ['a manager records a consent update awaiting authorisation', manager, 'CONSENT_UPDATE', awaiting, null],
    ['a screener records what a referrer said', screener, 'REFERRER_UPDATE', surgeryContact, null],
    // a partner: its own open contact, what the referrer says
    ['a partner updates its own received contact', partner, 'REFERRER_UPDATE', open, null],
    ['a partner updates its own contact in screening', partner, 'REFERRER_UPDATE', claimed, null],
    ['a partner updates another agency’s contact', partner, 'REFERRER_UPDATE', surgeryContact, 'NOT_YOURS'],
    ['a partner adds a case note', partner, 'CASE_NOTE', open, 'KIND_NOT_ALLOWED'],
    ['a partner records a phone call', partner, 'PHONE_CALL', open, 'KIND_NOT_ALLOWED'],
    ['a partner records consent', partner, 'CONSENT_UPDATE', open, 'KIND_NOT_ALLOWED'],
    [
      'a partner updates a contact awaiting authorisation',
      partner,
      'REFERRER_UPDATE',
      awaiting,
      'CONTACT_CLOSED',
    ],
    ['a partner updates a decided contact', partner, 'REFERRER_UPDATE', decided, 'CONTACT_CLOSED'],
    // "not yours" comes before anything that would tell the partner about the contact
    [
      'a partner adds a case note to another agency’s decided contact',
      partner,
      'CASE_NOTE',
      { ...decided, originAgencyId: SURGERY },
      'NOT_YOURS',
    ],
    // police and admins add no notes
    ['the police add a case note', police, 'CASE_NOTE', open, 'ROLE_MAY_NOT'],
    ['an admin adds a case note', admin, 'CASE_NOTE', open, 'ROLE_MAY_NOT'],
  ])('should answer %s with %s', (_what, author, kind, contact, refusal) => {
    expect(noteRefusal(author, kind, contact)).toBe(refusal);
  });

  const schoolNote: CorrectedNote = { authorAgencyId: SCHOOL, correctedBy: null };
  const machNote: CorrectedNote = { authorAgencyId: MACH, correctedBy: null };
  const correctedNote: CorrectedNote = { authorAgencyId: SCHOOL, correctedBy: 'note-2' };

  it.each<[string, NoteAuthor, NoteKind, CorrectedNote | undefined, string | null]>([
    ['a screener corrects a partner’s note', screener, 'CASE_NOTE', schoolNote, null],
    ['a screener corrects a MACH note', screener, 'CASE_NOTE', machNote, null],
    ['a partner corrects its own agency’s note', partner, 'REFERRER_UPDATE', schoolNote, null],
    [
      'a partner corrects a MACH note it cannot see',
      partner,
      'REFERRER_UPDATE',
      machNote,
      'CORRECTS_UNKNOWN',
    ],
    ['a correction names no note of this contact', screener, 'CASE_NOTE', undefined, 'CORRECTS_UNKNOWN'],
    [
      'a note already corrected is corrected again',
      screener,
      'CASE_NOTE',
      correctedNote,
      'ALREADY_CORRECTED',
    ],
    // the kind rule comes first for a partner
    ['a partner corrects with a case note', partner, 'CASE_NOTE', schoolNote, 'KIND_NOT_ALLOWED'],
  ])('should answer %s with %s', (_what, author, kind, note, refusal) => {
    expect(noteRefusal(author, kind, open, { id: 'note-1', note })).toBe(refusal);
  });
});

describe('canReadNote (staff read every note, a partner its own agency’s)', () => {
  it.each<[NoteAuthor, string, boolean]>([
    [screener, SCHOOL, true],
    [manager, MACH, true],
    [partner, SCHOOL, true],
    [partner, MACH, false],
    [partner, SURGERY, false],
  ])('%o reading a note of %s -> %s', (reader, agency, readable) => {
    expect(canReadNote(reader, agency)).toBe(readable);
  });
});

describe('raisesNewInformation (a partner’s REFERRER_UPDATE flags the queue item)', () => {
  it.each<[NoteAuthor, NoteKind, boolean]>([
    [partner, 'REFERRER_UPDATE', true],
    [screener, 'REFERRER_UPDATE', false],
    [manager, 'PHONE_CALL', false],
    [screener, 'CASE_NOTE', false],
  ])('%o adding %s -> %s', (author, kind, raises) => {
    expect(raisesNewInformation(author, kind)).toBe(raises);
  });
});
