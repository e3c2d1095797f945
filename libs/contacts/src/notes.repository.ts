import type { EntityManager } from 'typeorm';
import type { ContactStatus } from './entities/contact.entity';
import type { ContactNoteDto } from './dto/contact-note.dto';
import type { NoteKind } from './policy/note-rules';

// contacts' notes (contact_note) and the contact's NEW_INFORMATION mark, in one place
// (decision 0024). Notes are only ever inserted. Reads of auth's app_user and agency here are
// declared: the name and agency of a note's author.

export interface NoteContact {
  status: ContactStatus;
  origin_agency_id: string;
}

// the contact a note is added to, locked for this transaction: its status cannot move on
// (a decision closing it) while a partner's note is checked against it, and notes of one
// contact are added one at a time
export async function lockContactForNote(
  manager: EntityManager,
  contactId: string,
): Promise<NoteContact | undefined> {
  const [row] = (await manager.query(
    `select status, origin_agency_id from contact where id = $1 for update`,
    [contactId],
  )) as NoteContact[];
  return row;
}

// the note a correction points at, when it is one of this contact's
export async function noteToCorrect(
  manager: EntityManager,
  contactId: string,
  noteId: string,
): Promise<{ authorAgencyId: string; correctedBy: string | null } | undefined> {
  const [row] = (await manager.query(
    `select n.author_agency_id, k.id as corrected_by
       from contact_note n left join contact_note k on k.corrects_id = n.id
      where n.contact_id = $1 and n.id = $2`,
    [contactId, noteId],
  )) as { author_agency_id: string; corrected_by: string | null }[];
  return row ? { authorAgencyId: row.author_agency_id, correctedBy: row.corrected_by } : undefined;
}

interface NoteRow {
  id: string;
  kind: NoteKind;
  text: string;
  author_id: string;
  author_name: string;
  agency_id: string;
  agency_name: string;
  created_at: Date;
  corrects_id: string | null;
  corrected_by: string | null;
}

function noteDto(row: NoteRow): ContactNoteDto {
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    author: {
      id: row.author_id,
      name: row.author_name,
      agency: { id: row.agency_id, name: row.agency_name },
    },
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.corrects_id ? { corrects: row.corrects_id } : {}),
    ...(row.corrected_by ? { correctedBy: row.corrected_by } : {}),
  };
}

// the note, and its author's name and agency as it shows them, in one round trip
export async function insertNote(
  manager: EntityManager,
  n: {
    contactId: string;
    kind: NoteKind;
    text: string;
    authorId: string;
    authorAgencyId: string;
    corrects: string | null;
    createdAt: Date;
  },
): Promise<ContactNoteDto> {
  const [row] = (await manager.query(
    `with n as (
       insert into contact_note (contact_id, kind, text, author_id, author_agency_id, corrects_id, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       returning id, kind, text, author_id, author_agency_id, corrects_id, created_at)
     select n.id, n.kind, n.text, n.author_id, u.name as author_name, a.id as agency_id,
            a.name as agency_name, n.created_at, n.corrects_id, null as corrected_by
       from n join app_user u on u.id = n.author_id join agency a on a.id = n.author_agency_id`,
    [n.contactId, n.kind, n.text, n.authorId, n.authorAgencyId, n.corrects, n.createdAt],
  )) as NoteRow[];
  return noteDto(row);
}

// a contact's notes, oldest first (ix_contact_note_contact_position); `referrerOnly`: only the
// notes of the agency that made the contact, and only their corrections named (what the
// referring partner sees)
export async function notesOf(
  manager: EntityManager,
  contactId: string,
  referrerOnly: boolean,
): Promise<ContactNoteDto[]> {
  const rows = (await manager.query(
    `select n.id, n.kind, n.text, n.author_id, u.name as author_name, a.id as agency_id,
            a.name as agency_name, n.created_at, n.corrects_id, k.id as corrected_by
       from contact_note n
       join contact c on c.id = n.contact_id
       join app_user u on u.id = n.author_id
       join agency a on a.id = n.author_agency_id
       left join contact_note k on k.corrects_id = n.id and (not $2 or k.author_agency_id = c.origin_agency_id)
      where n.contact_id = $1 and (not $2 or n.author_agency_id = c.origin_agency_id)
      order by n.position`,
    [contactId, referrerOnly],
  )) as NoteRow[];
  return rows.map(noteDto);
}

// a partner's update arrived: the contact carries NEW_INFORMATION since the first unread one
export async function markNewInformation(
  manager: EntityManager,
  contactId: string,
  now: Date,
): Promise<void> {
  await manager.query(
    `update contact set new_information_since = coalesce(new_information_since, $2), updated_at = $2
      where id = $1`,
    [contactId, now],
  );
}

// MACH staff read the contact: its new information is read. True when there was some. An
// update that commits while this waits on the row is seen by the reads that follow it.
export async function clearNewInformation(manager: EntityManager, contactId: string): Promise<boolean> {
  const cleared = (await manager.query(
    `update contact set new_information_since = null
      where id = $1 and new_information_since is not null
      returning id`,
    [contactId],
  )) as [unknown[], number];
  return cleared[1] > 0;
}
