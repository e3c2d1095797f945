import type { Schema } from '../api-client';

export type Note = Schema<'ContactNoteDto'>;
export type NoteKind = Note['kind'];

// each kind as a screener says it (typed against the api's list: a new kind fails the build)
export const KIND_WORDS: Record<NoteKind, string> = {
  CASE_NOTE: 'Case note',
  REFERRER_UPDATE: 'Information from the referrer',
  PHONE_CALL: 'Phone call',
  CONSENT_UPDATE: 'Consent update',
};

// decision 0024: text 1 to 5000 characters once trimmed (NOTE_TEXT_MAX)
export const NOTE_TEXT_MAX = 5000;

export const noteAnchor = (id: string) => `note-${id}`;
