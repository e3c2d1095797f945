import { memo, useState } from 'react';
import { Link } from 'react-router';
import type { PartnerContact, StaffContact } from '../contact-data';
import { Banner, when } from '../ui';
import { AddNote, type AddedNote } from './add-note';
import { KIND_WORDS, noteAnchor, type Note, type NoteKind } from './kinds';

// an in-page link to another note: focus goes to it (the note is focusable), so a keyboard or
// screen reader user carries on from there
function NoteLink({ to, children }: { to: string; children: string }) {
  return (
    <a
      className="govuk-link"
      href={`#${noteAnchor(to)}`}
      onClick={(e) => {
        const target = document.getElementById(noteAnchor(to));
        if (!target) return;
        e.preventDefault();
        target.focus();
        target.scrollIntoView({ block: 'start' });
      }}
    >
      {children}
    </a>
  );
}

// decision 0024: the notes oldest first, as the api lists them; a note is never changed, so a
// correction is a later note and each of the pair points at the other
export function NoteList({
  notes,
  kindWords = KIND_WORDS,
  onCorrect,
}: {
  notes: readonly Note[];
  kindWords?: Record<NoteKind, string>;
  onCorrect?(note: Note): void;
}) {
  const shown = new Set(notes.map((n) => n.id));
  return (
    <ol className="fd-timeline fd-notes" data-testid="notes">
      {notes.map((note) => (
        <li
          key={note.id}
          id={noteAnchor(note.id)}
          tabIndex={-1}
          className="fd-timeline__item fd-note"
          data-testid="note"
          data-kind={note.kind}
          data-note-id={note.id}
        >
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{kindWords[note.kind] ?? note.kind}</h3>
          <p className="govuk-body-s fd-secondary govuk-!-margin-bottom-1" data-testid="note-byline">
            {note.author.name}, {note.author.agency.name},{' '}
            <time dateTime={note.createdAt}>{when(note.createdAt)}</time>
          </p>
          {note.corrects && (
            <p className="govuk-body-s govuk-!-margin-bottom-1" data-testid="note-corrects">
              {shown.has(note.corrects) ? (
                <NoteLink to={note.corrects}>Corrects an earlier note</NoteLink>
              ) : (
                'Corrects an earlier note'
              )}
            </p>
          )}
          <p className="govuk-body fd-preserve-lines govuk-!-margin-bottom-1" data-testid="note-text">
            {note.text}
          </p>
          {note.correctedBy && (
            <p className="govuk-body-s govuk-!-margin-bottom-1" data-testid="note-corrected-by">
              <strong className="govuk-tag govuk-tag--grey fd-tag-gap">Corrected</strong>
              {shown.has(note.correctedBy) ? (
                <NoteLink to={note.correctedBy}>Corrected by a later note</NoteLink>
              ) : (
                'Corrected by a later note'
              )}
            </p>
          )}
          {onCorrect && !note.correctedBy && (
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 fd-inline-button"
              onClick={() => onCorrect(note)}
            >
              Correct this note
              <span className="govuk-visually-hidden">
                {' '}
                ({kindWords[note.kind] ?? note.kind}, {note.author.name}, {when(note.createdAt)})
              </span>
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

// a success banner that takes focus once, when it appears (not on every render of the page: the
// person may be typing the next note)
const AddedBanner = memo(function AddedBanner({ message }: { message: string }) {
  return (
    <Banner kind="success" title="Success" focus>
      <p className="govuk-notification-banner__heading" data-testid="note-added">
        {message}
      </p>
    </Banner>
  );
});

// issue 17 item 6, staff: every note of the contact, and a form to add one or correct one. After
// a note is added the contact is read again (one audited read), so the list is the api's own
export function ContactNotes({ contact, reload }: { contact: StaffContact; reload(): void }) {
  const notes = contact.notes ?? [];
  const [correcting, setCorrecting] = useState<Note>();
  const [added, setAdded] = useState<{ message: string; count: number }>();
  const onAdded = (_note: AddedNote, corrected?: Note) => {
    setCorrecting(undefined);
    setAdded((was) => ({
      message: corrected
        ? 'Correction added. The earlier note is kept and marked as corrected.'
        : 'Note added to the contact.',
      count: (was?.count ?? 0) + 1,
    }));
    reload();
  };
  return (
    <section data-testid="contact-notes" aria-labelledby="notes-heading">
      <h2 className="govuk-heading-m" id="notes-heading">
        Notes
      </h2>
      {added && <AddedBanner key={added.count} message={added.message} />}
      {notes.length > 0 ? (
        <NoteList notes={notes} onCorrect={setCorrecting} />
      ) : (
        <p className="govuk-body" data-testid="no-notes">
          No notes yet.
        </p>
      )}
      <AddNote
        contactId={contact.id}
        mode="staff"
        correcting={correcting}
        onCancelCorrection={() => setCorrecting(undefined)}
        onStart={() => setAdded(undefined)}
        onAdded={onAdded}
        onStale={reload}
      />
    </section>
  );
}

const PARTNER_KIND_WORDS: Record<NoteKind, string> = {
  ...KIND_WORDS,
  REFERRER_UPDATE: 'Information sent to the front door',
};

// issue 17 item 6, partner: what its agency added to the referral, and while the front door is
// still screening it, a form to add more (REFERRER_UPDATE). Once decided, new information is a
// new referral (decision 0024), so there is no form.
export function PartnerNotes({ contact, reload }: { contact: PartnerContact; reload(): void }) {
  const notes = contact.notes ?? [];
  const open = contact.status === 'RECEIVED' || contact.status === 'IN_SCREENING';
  const [added, setAdded] = useState<{ message: string; count: number }>();
  return (
    <section data-testid="partner-notes" aria-labelledby="partner-notes-heading">
      <h2 className="govuk-heading-m" id="partner-notes-heading">
        Information you added
      </h2>
      {added && <AddedBanner key={added.count} message={added.message} />}
      {notes.length > 0 ? (
        <NoteList notes={notes} kindWords={PARTNER_KIND_WORDS} />
      ) : (
        <p className="govuk-body" data-testid="no-notes">
          You have not added anything to this referral since you sent it.
        </p>
      )}
      {open ? (
        <AddNote
          contactId={contact.id}
          mode="partner"
          onStart={() => setAdded(undefined)}
          onAdded={() => {
            setAdded((was) => ({
              message:
                'Your information was sent to the front door. A screener will read it with the referral.',
              count: (was?.count ?? 0) + 1,
            }));
            reload();
          }}
          onStale={reload}
        />
      ) : (
        <p className="govuk-body" data-testid="notes-closed">
          The front door has made its decision, so you cannot add to this referral. If you have a new worry
          about the child,{' '}
          <Link className="govuk-link" to="/contacts/new">
            make a new referral
          </Link>
          .
        </p>
      )}
    </section>
  );
}
