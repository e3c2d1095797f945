import { isOpenForScreening } from './screening-rules';

// issue 17: who may add which note to a contact, with no framework in it (decision 0024)

export const NOTE_KINDS = ['CASE_NOTE', 'REFERRER_UPDATE', 'PHONE_CALL', 'CONSENT_UPDATE'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

// a note's text after trimming: a word at least, and no more than a long phone call's record
export const NOTE_TEXT_MAX = 5000;

export interface NoteAuthor {
  role: string;
  agencyId: string;
}

export interface NoteTarget {
  status: string;
  originAgencyId: string;
}

// the note a correction points at, as the author may see it (undefined: no such note on this
// contact, or one the author's agency may not see)
export interface CorrectedNote {
  authorAgencyId: string;
  correctedBy: string | null;
}

export type NoteRefusal =
  // the role adds no notes (POLICE, ADMIN: the route's roles refuse them first)
  | 'ROLE_MAY_NOT'
  // another agency's contact: answered as "no such contact"
  | 'NOT_YOURS'
  // a partner adds what the referrer says, nothing else
  | 'KIND_NOT_ALLOWED'
  // a partner adds information while the contact is being screened, not after
  | 'CONTACT_CLOSED'
  // a correction points at a note of this contact the author can see
  | 'CORRECTS_UNKNOWN'
  // a note is corrected once: a later correction corrects the correction
  | 'ALREADY_CORRECTED';

export const isMachNoteAuthor = (role: string): boolean => role === 'SCREENER' || role === 'MANAGER';

// whether the author's agency may read a note: MACH staff read every note of a contact, a
// partner its own agency's
export function canReadNote(reader: NoteAuthor, noteAgencyId: string): boolean {
  return isMachNoteAuthor(reader.role) || reader.agencyId === noteAgencyId;
}

// the first rule the note breaks, or null. `corrects` is checked only when the note corrects one.
export function noteRefusal(
  author: NoteAuthor,
  kind: NoteKind,
  contact: NoteTarget,
  corrects?: { id: string; note: CorrectedNote | undefined },
): NoteRefusal | null {
  if (author.role === 'PARTNER') {
    if (contact.originAgencyId !== author.agencyId) return 'NOT_YOURS';
    if (kind !== 'REFERRER_UPDATE') return 'KIND_NOT_ALLOWED';
    if (!isOpenForScreening(contact.status)) return 'CONTACT_CLOSED';
  } else if (!isMachNoteAuthor(author.role)) {
    return 'ROLE_MAY_NOT';
  }
  if (corrects) {
    if (!corrects.note || !canReadNote(author, corrects.note.authorAgencyId)) return 'CORRECTS_UNKNOWN';
    if (corrects.note.correctedBy) return 'ALREADY_CORRECTED';
  }
  return null;
}

// a partner's update is new information for the screener until MACH staff read the contact
export function raisesNewInformation(author: NoteAuthor, kind: NoteKind): boolean {
  return author.role === 'PARTNER' && kind === 'REFERRER_UPDATE';
}
