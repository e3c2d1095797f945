import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm, type FieldErrors, type UseFormRegister, type UseFormSetError } from 'react-hook-form';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { ErrorSummary } from '../error-summary';
import { useErrorInTitle } from '../layout';
import { applyServerErrors, problemsOf, Radios, Submit, useSingleFlight, when, type Choice } from '../ui';
import { KIND_WORDS, NOTE_TEXT_MAX, type Note, type NoteKind } from './kinds';

export type AddedNote = Schema<'AddNoteResultDto'>;
type Body = Schema<'AddContactNoteDto'>;

interface NoteForm {
  noteKind: NoteKind | '';
  noteText: string;
}

// what each kind is for, in a line (staff choose; a partner's is always REFERRER_UPDATE)
const KIND_CHOICES: Choice[] = [
  { value: 'CASE_NOTE', label: KIND_WORDS.CASE_NOTE, hint: 'What you did, found out or decided' },
  {
    value: 'PHONE_CALL',
    label: KIND_WORDS.PHONE_CALL,
    hint: 'A call with the family, the referrer or another agency',
  },
  {
    value: 'REFERRER_UPDATE',
    label: KIND_WORDS.REFERRER_UPDATE,
    hint: 'Something the referrer told you after the contact came in',
  },
  {
    value: 'CONSENT_UPDATE',
    label: KIND_WORDS.CONSENT_UPDATE,
    hint: 'The family gave, refused or withdrew consent',
  },
];

// the api's field names onto the form's (the form's ids must not clash with the page's others)
const FIELD_OF: Record<string, keyof NoteForm | 'corrects'> = {
  kind: 'noteKind',
  text: 'noteText',
  corrects: 'corrects',
};
const SERVER_WORDS: Record<string, string> = {
  noteKind: 'Select what kind of note this is',
  noteText: `Enter the note, up to ${NOTE_TEXT_MAX.toLocaleString('en-GB')} characters`,
  corrects: 'The note you are correcting is not on this contact. Cancel the correction and try again',
};

const length = (text: string) => Array.from(text.trim()).length;

// the GOV.UK character count, without its JavaScript: the count shows as the person types, and
// a screen reader hears it once they pause (a polite region, not every keystroke)
function NoteText({
  label,
  hint,
  register,
  errors,
  value,
}: {
  label: string;
  hint: ReactNode;
  register: UseFormRegister<NoteForm>;
  errors: FieldErrors<NoteForm>;
  value: string;
}) {
  const id = 'noteText';
  const error = errors.noteText?.message;
  const left = NOTE_TEXT_MAX - length(value);
  const count =
    left >= 0
      ? `You have ${left.toLocaleString('en-GB')} character${left === 1 ? '' : 's'} remaining`
      : `You have ${(-left).toLocaleString('en-GB')} character${left === -1 ? '' : 's'} too many`;
  const [heard, setHeard] = useState(count);
  useEffect(() => {
    const timer = setTimeout(() => setHeard(count), 1000);
    return () => clearTimeout(timer);
  }, [count]);
  return (
    <div className={`govuk-form-group govuk-character-count${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        {hint}
      </div>
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <textarea
        className={`govuk-textarea govuk-js-character-count${error || left < 0 ? ' govuk-textarea--error' : ''}`}
        id={id}
        rows={6}
        aria-describedby={[`${id}-hint`, `${id}-info`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        {...register('noteText')}
      />
      <div id={`${id}-info`} className="govuk-visually-hidden">
        You can enter up to {NOTE_TEXT_MAX.toLocaleString('en-GB')} characters
      </div>
      <div
        className={`govuk-character-count__message govuk-character-count__status ${left < 0 ? 'govuk-error-message' : 'govuk-hint'}`}
        aria-hidden="true"
        data-testid="note-count"
      >
        {count}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {heard}
      </div>
    </div>
  );
}

// an Idempotency-Key for one note: the same answers sent again (a double press, a retry after a
// lost answer) carry the same key, so the api replays the first note; other answers, a new key
function useNoteKey() {
  const sent = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: Body): string {
      const json = JSON.stringify(body);
      if (sent.current?.body !== json) sent.current = { body: json, key: crypto.randomUUID() };
      return sent.current.key;
    },
    done() {
      sent.current = null;
    },
  };
}

// decision 0024: POST /api/contacts/:id/notes. Staff choose the kind and may correct a note (a
// new note naming it); a partner adds what it has learnt (REFERRER_UPDATE), text only.
export function AddNote({
  contactId,
  mode,
  correcting,
  onCancelCorrection,
  onStart,
  onAdded,
  onStale,
}: {
  contactId: string;
  mode: 'staff' | 'partner';
  correcting?: Note;
  onCancelCorrection?(): void;
  onStart(): void;
  onAdded(note: AddedNote, corrected?: Note): void;
  onStale(): void;
}) {
  const staff = mode === 'staff';
  const once = useSingleFlight();
  const key = useNoteKey();
  const heading = useRef<HTMLHeadingElement>(null);
  const { register, formState, watch, setError, clearErrors, handleSubmit, reset } = useForm<NoteForm>({
    defaultValues: { noteKind: '', noteText: '' },
  });
  const problems = problemsOf(formState.errors);
  useErrorInTitle(problems.length > 0);

  // "Correct this note" opens this form on that note: its kind and text to start from, and
  // focus on the form's heading, so the person hears what they are doing
  const correctingId = correcting?.id;
  useEffect(() => {
    reset(
      correcting ? { noteKind: correcting.kind, noteText: correcting.text } : { noteKind: '', noteText: '' },
    );
    if (correctingId) heading.current?.focus();
    // the note's id says which note: its other fields do not change while it is open
  }, [correctingId, reset]);

  const add = useMutation({
    mutationFn: (body: Body) =>
      unwrap(
        client.POST('/api/contacts/{id}/notes', {
          params: { path: { id: contactId }, header: { 'Idempotency-Key': key.keyFor(body) } },
          body,
        }),
      ),
    onSuccess: (note, body) => {
      key.done();
      reset({ noteKind: '', noteText: '' });
      onAdded(note, body.corrects ? correcting : undefined);
    },
    onError: (error) => {
      if (error instanceof ApiFailure && error.error.code === 'IDEMPOTENCY_KEY_REUSED') {
        key.done();
        setError('root', {
          type: 'server',
          message: 'This form was already sent with different answers. Start again',
        });
        return;
      }
      if (error instanceof ApiFailure && error.error.status === 409) {
        // the contact moved on while the form was open: decided (a partner), or the note was
        // corrected by someone else (staff). Read it again, so the page shows what is true now
        key.done();
        setError('root', {
          type: 'server',
          message: staff
            ? 'Someone has already corrected this note. Correct the later note instead'
            : 'The front door has made its decision on this referral, so you cannot add to it. Make a new referral instead',
        });
        onStale();
        return;
      }
      const onField: UseFormSetError<NoteForm> = (name) => {
        const field = FIELD_OF[name] ?? name;
        setError(field as keyof NoteForm, { type: 'server', message: SERVER_WORDS[field] ?? 'Check this' });
      };
      const rest = applyServerErrors(error, onField, ['kind', 'text', 'corrects']);
      if (rest) setError('root', { type: 'server', message: rest });
    },
  });

  const text = watch('noteText');
  const submit = handleSubmit(({ noteKind, noteText }) => {
    clearErrors();
    onStart();
    let wrong = false;
    if (staff && !noteKind) {
      setError('noteKind', { type: 'client', message: 'Select what kind of note this is' });
      wrong = true;
    }
    const n = length(noteText);
    if (n === 0) {
      setError('noteText', {
        type: 'client',
        message: staff ? 'Enter the note' : 'Enter what you want to tell the front door',
      });
      wrong = true;
    } else if (n > NOTE_TEXT_MAX) {
      setError('noteText', {
        type: 'client',
        message: `The note must be ${NOTE_TEXT_MAX.toLocaleString('en-GB')} characters or fewer`,
      });
      wrong = true;
    } else if (correcting && noteText.trim() === correcting.text.trim() && noteKind === correcting.kind) {
      setError('noteText', { type: 'client', message: 'Change the note to correct it' });
      wrong = true;
    }
    if (wrong) return;
    const body: Body = {
      kind: staff ? (noteKind as NoteKind) : 'REFERRER_UPDATE',
      text: noteText.trim(),
      ...(correcting ? { corrects: correcting.id } : {}),
    };
    once(() => add.mutateAsync(body));
  });

  const Heading = staff ? 'h3' : 'h2';
  const title = correcting ? 'Correct a note' : staff ? 'Add a note' : 'Add information for the front door';
  return (
    <form
      noValidate
      onSubmit={(e) => void submit(e)}
      data-testid="add-note"
      aria-labelledby="add-note-heading"
    >
      {/* staff: a part of the Notes section; a partner: a section of the page of its own */}
      <Heading
        className={staff ? 'govuk-heading-s' : 'govuk-heading-m'}
        id="add-note-heading"
        ref={heading}
        tabIndex={-1}
      >
        {title}
      </Heading>
      <ErrorSummary problems={problems} />
      {correcting && (
        <div className="govuk-inset-text" id="corrects" tabIndex={-1} data-testid="correcting">
          <p className="govuk-body govuk-!-margin-bottom-1">
            You are correcting the {KIND_WORDS[correcting.kind].toLowerCase()} by {correcting.author.name},{' '}
            {when(correcting.createdAt)}. It stays on the record, marked as corrected:
          </p>
          <p className="govuk-body fd-preserve-lines govuk-!-margin-bottom-0" data-testid="correcting-text">
            {correcting.text}
          </p>
        </div>
      )}
      {staff && (
        <Radios<NoteForm>
          name="noteKind"
          label="What kind of note is this?"
          register={register}
          errors={formState.errors}
          choices={KIND_CHOICES}
          small
        />
      )}
      <NoteText
        label={
          correcting ? 'The corrected note' : staff ? 'Note' : 'What do you want to tell the front door?'
        }
        hint={
          staff
            ? 'Everyone at the front door reads notes. The referrer sees only what their own agency added.'
            : 'For example, something the child or family said, or a change at home, since you sent the referral. A screener reads it with the referral.'
        }
        register={register}
        errors={formState.errors}
        value={text}
      />
      <div className="govuk-button-group">
        <Submit busy={add.isPending}>
          {correcting ? 'Add correction' : staff ? 'Add note' : 'Send information'}
        </Submit>
        {correcting && onCancelCorrection && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancelCorrection}>
            Cancel correction
          </button>
        )}
      </div>
    </form>
  );
}
