import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { FieldErrors, FieldValues, Path, UseFormRegister, UseFormSetError } from 'react-hook-form';
import { ApiFailure } from './api';
import type { Schema } from './api-client';
import type { FieldProblem } from './error-summary';
import { zoned } from './time-zone';

// --- time (CONSOLE.md 4: the server owns deadlines; the console only words them) -------------

const dayKey = () => zoned('day', { dateStyle: 'short' });
const clock = () => zoned('clock', { hour: '2-digit', minute: '2-digit' });
const dayAndClock = () =>
  zoned('day-and-clock', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
const longDate = () => zoned('long-date', { day: 'numeric', month: 'short', year: 'numeric' });

// "Today 14:05", or "Tue 3 Dec 09:00"
export function when(iso: string | undefined | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (dayKey().format(at) === dayKey().format(new Date())) return `Today ${clock().format(at)}`;
  return dayAndClock().format(at).replace(',', '');
}

// "2 Apr 2017" (a date-only value is a calendar date, not an instant)
export function dateOnly(value: string | undefined | null): string {
  if (!value) return '';
  return longDate().format(new Date(`${value.slice(0, 10)}T12:00:00Z`));
}

export function ageInYears(dateOfBirth: string, now = new Date()): number {
  const [y, m, d] = dateOfBirth.slice(0, 10).split('-').map(Number);
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age -= 1;
  return age;
}

function span(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48) return `${Math.floor(h / 24)} days`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

// "in 3 h 20 min" or "overdue by 35 min"
export function countdown(dueAt: string, now: number): string {
  const minutes = Math.round((new Date(dueAt).getTime() - now) / 60_000);
  return minutes >= 0 ? `in ${span(minutes)}` : `overdue by ${span(-minutes)}`;
}

// --- tags: one meaning per colour (CONSOLE.md 5) ----------------------------------------------

const RAG_CLASS: Record<string, string> = {
  RED: 'govuk-tag--red',
  AMBER: 'govuk-tag--orange',
  GREEN: 'govuk-tag--green',
};

export function RagTag({ rag }: { rag: string }) {
  return <strong className={`govuk-tag ${RAG_CLASS[rag] ?? ''}`}>{rag}</strong>;
}

export function TimelinessTag({ timeliness }: { timeliness: string }) {
  if (timeliness === 'OVERDUE') return <strong className="govuk-tag govuk-tag--magenta">Overdue</strong>;
  if (timeliness === 'DUE_SOON') return <strong className="govuk-tag govuk-tag--yellow">Due soon</strong>;
  return null;
}

export const FLAG_WORDS: Record<string, string> = {
  REPEAT_CONTACT: 'Repeat contact',
  RETURNED_AFTER_NFA: 'Back after closure',
  NO_CONSENT: 'No consent',
  IMMEDIATE_RISK: 'Immediate risk',
  INJURY: 'Injury',
  RETURNED: 'Returned by manager',
  NEW_INFORMATION: 'New information',
  AWAITING_INFORMATION: 'Awaiting partners',
  INFORMATION_RECEIVED: 'Partner answered',
  AUDIT_THRESHOLD_WRONG: 'Audit found threshold wrong',
};
export const words = (code: string) =>
  FLAG_WORDS[code] ?? code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');

export function FlagTags({ flags }: { flags: readonly string[] | undefined }) {
  return (
    <>
      {(flags ?? []).map((flag) => (
        <strong key={flag} className="govuk-tag govuk-tag--grey fd-tag-gap">
          {words(flag)}
        </strong>
      ))}
    </>
  );
}

export const STATUS_WORDS: Record<string, string> = {
  RECEIVED: 'Received',
  IN_SCREENING: 'In screening',
  AWAITING_AUTHORISATION: 'Awaiting authorisation',
  DECIDED: 'Decided',
};

export const OUTCOME_WORDS: Record<string, string> = {
  NFA: 'No further action',
  INFORMATION_AND_ADVICE: 'Information and advice',
  EARLY_HELP: 'Early help',
  SOCIAL_CARE_ASSESSMENT: 'Social care assessment',
  STRATEGY_DISCUSSION: 'Strategy discussion',
};

// CIN census referral sources (DOMAIN.md "Codes"), as a referrer would say them
// every source the api takes, typed against its own list (a new one fails the build)
export const SOURCE_WORDS: Record<Schema<'CreateContactDto'>['source'], string> = {
  '1A': 'Individual: family member, relative or carer',
  '1B': 'Individual: acquaintance',
  '1C': 'Individual: self',
  '1D': 'Individual: other',
  '2A': 'School',
  '2B': 'Education services',
  '3A': 'Health: GP',
  '3B': 'Health: health visitor',
  '3C': 'Health: school nurse',
  '3D': 'Health: other primary health services',
  '3E': 'Health: A&E',
  '3F': 'Health: other',
  '4': 'Housing',
  '5A': 'LA services: social care',
  '5B': 'LA services: other internal',
  '5C': 'LA services: external',
  '5D': 'LA services: early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
};
export const SOURCES = Object.entries(SOURCE_WORDS) as [Schema<'CreateContactDto'>['source'], string][];

// --- a summary list ----------------------------------------------------------------------------

export function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Banner({
  kind = 'important',
  title,
  children,
  focus = false,
}: {
  kind?: 'important' | 'success';
  title: string;
  children: ReactNode;
  focus?: boolean;
}) {
  // focus once, when the banner appears (a new message is a new banner: key it by the message):
  // a ref callback made anew each render took focus back on every render, and a page's ticking
  // clock re-renders it every 15 s
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) banner.current?.focus();
  }, [focus]);
  return (
    <div
      className={`govuk-notification-banner${kind === 'success' ? ' govuk-notification-banner--success' : ''}`}
      role={kind === 'success' ? 'alert' : 'region'}
      aria-label={title}
      tabIndex={focus ? -1 : undefined}
      ref={banner}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title">{title}</h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

// --- forms: react-hook-form fields in GOV.UK markup ----------------------------------------------

// a field's path ("child.dateOfBirth", "children[2].name") as an element id
export const fieldId = (path: string) => path.replace(/[.[\]]+/g, '-').replace(/-$/, '');

// every message react-hook-form holds, as the error summary lists them
export function problemsOf(errors: FieldErrors, prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && 'message' in value && typeof value.message === 'string') {
      out.push({ field: key === 'root' ? 'main-content' : fieldId(path), message: value.message });
    } else if (typeof value === 'object') {
      out.push(...problemsOf(value as FieldErrors, path));
    }
  }
  return out;
}

// the server's 400 details onto the form's fields (those it has), the rest to the summary
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  known: readonly string[],
  label: (field: string) => string = (f) => f,
): string | undefined {
  if (!(error instanceof ApiFailure)) return 'Sorry, there is a problem with the service. Try again.';
  const { details, message, correlationId } = error.error as ApiFailure['error'] & { correlationId?: string };
  if (error.error.status === 400 && details?.length) {
    let rest: string[] = [];
    for (const d of details) {
      const field = known.find((k) => d.field === k || d.field.startsWith(`${k}.`));
      if (field) setError(field as Path<T>, { type: 'server', message: `${label(field)} ${d.message}` });
      else rest.push(`${d.field} ${d.message}`);
    }
    rest = [...new Set(rest)];
    return rest.length > 0 ? rest.join('; ') : undefined;
  }
  if (error.error.status >= 500)
    return `Sorry, there is a problem with the service.${correlationId ? ` Quote ${correlationId}.` : ''}`;
  return message;
}

interface FieldProps<T extends FieldValues> {
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  labelClass?: string;
}

function errorOf<T extends FieldValues>(errors: FieldErrors<T>, name: string): string | undefined {
  let node: unknown = errors;
  for (const part of name.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function Group({
  id,
  error,
  hint,
  children,
}: {
  id: string;
  error?: string;
  hint?: ReactNode;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {children(describedBy || undefined)}
    </div>
  );
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
    </>
  );
}

export function Input<T extends FieldValues>(
  props: FieldProps<T> & {
    type?: string;
    autoComplete?: string;
    inputMode?: 'numeric' | 'text';
    width?: string;
  },
) {
  const id = fieldId(props.name);
  const error = errorOf(props.errors, props.name);
  return (
    <Group id={id} error={error} hint={props.hint}>
      {(describedBy) => (
        <>
          <label className={`govuk-label ${props.labelClass ?? ''}`} htmlFor={id}>
            {props.label}
          </label>
          <HintAndError id={id} hint={props.hint} error={error} />
          <input
            className={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${error ? ' govuk-input--error' : ''}`}
            id={id}
            type={props.type ?? 'text'}
            autoComplete={props.autoComplete}
            inputMode={props.inputMode}
            aria-describedby={describedBy}
            {...props.register(props.name)}
          />
        </>
      )}
    </Group>
  );
}

// a textarea with the GOV.UK character count (its message is polite, not every keystroke)
export function TextArea<T extends FieldValues>(
  props: FieldProps<T> & { rows?: number; minLength?: number; value?: string },
) {
  const id = fieldId(props.name);
  const error = errorOf(props.errors, props.name);
  const length = Array.from((props.value ?? '').trim()).length;
  const short = props.minLength !== undefined && length < props.minLength;
  return (
    <Group id={id} error={error} hint={props.hint}>
      {(describedBy) => (
        <>
          <label className={`govuk-label ${props.labelClass ?? ''}`} htmlFor={id}>
            {props.label}
          </label>
          <HintAndError id={id} hint={props.hint} error={error} />
          <textarea
            className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
            id={id}
            rows={props.rows ?? 5}
            aria-describedby={[describedBy, props.minLength ? `${id}-count` : ''].filter(Boolean).join(' ')}
            {...props.register(props.name)}
          />
          {props.minLength !== undefined && (
            <div id={`${id}-count`} className="govuk-hint govuk-character-count__message" aria-live="polite">
              {short
                ? `You need at least ${props.minLength} characters; you have ${length}`
                : `${length} characters`}
            </div>
          )}
        </>
      )}
    </Group>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
  reveal?: ReactNode; // a conditional reveal, shown while this choice is checked
}

export function Radios<T extends FieldValues>(
  props: FieldProps<T> & { choices: Choice[]; checked?: string; small?: boolean; legendClass?: string },
) {
  const id = fieldId(props.name);
  const error = errorOf(props.errors, props.name);
  return (
    <Group id={id} error={error} hint={props.hint}>
      {(describedBy) => (
        <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
          <legend className={`govuk-fieldset__legend ${props.legendClass ?? 'govuk-fieldset__legend--s'}`}>
            {props.label}
          </legend>
          <HintAndError id={id} hint={props.hint} error={error} />
          <div className={`govuk-radios${props.small ? ' govuk-radios--small' : ''}`}>
            {props.choices.map((choice, index) => {
              const choiceId = index === 0 ? id : `${id}-${index + 1}`;
              return (
                <div key={choice.value}>
                  <div className="govuk-radios__item">
                    <input
                      className="govuk-radios__input"
                      id={choiceId}
                      type="radio"
                      value={choice.value}
                      aria-describedby={choice.hint ? `${choiceId}-item-hint` : undefined}
                      {...props.register(props.name)}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={choiceId}>
                      {choice.label}
                    </label>
                    {choice.hint && (
                      <div id={`${choiceId}-item-hint`} className="govuk-hint govuk-radios__hint">
                        {choice.hint}
                      </div>
                    )}
                  </div>
                  {choice.reveal && props.checked === choice.value && (
                    <div className="govuk-radios__conditional">{choice.reveal}</div>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      )}
    </Group>
  );
}

export function Checkboxes<T extends FieldValues>(
  props: FieldProps<T> & { choices: Choice[]; small?: boolean; legendClass?: string },
) {
  const id = fieldId(props.name);
  const error = errorOf(props.errors, props.name);
  return (
    <Group id={id} error={error} hint={props.hint}>
      {(describedBy) => (
        <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
          <legend className={`govuk-fieldset__legend ${props.legendClass ?? 'govuk-fieldset__legend--s'}`}>
            {props.label}
          </legend>
          <HintAndError id={id} hint={props.hint} error={error} />
          <div className={`govuk-checkboxes${props.small ? ' govuk-checkboxes--small' : ''}`}>
            {props.choices.map((choice, index) => {
              const choiceId = index === 0 ? id : `${id}-${index + 1}`;
              return (
                <div className="govuk-checkboxes__item" key={choice.value}>
                  <input
                    className="govuk-checkboxes__input"
                    id={choiceId}
                    type="checkbox"
                    value={choice.value}
                    {...props.register(props.name)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={choiceId}>
                    {choice.label}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      )}
    </Group>
  );
}

export function Select<T extends FieldValues>(
  props: FieldProps<T> & { choices: Choice[]; placeholder?: string },
) {
  const id = fieldId(props.name);
  const error = errorOf(props.errors, props.name);
  return (
    <Group id={id} error={error} hint={props.hint}>
      {(describedBy) => (
        <>
          <label className={`govuk-label ${props.labelClass ?? ''}`} htmlFor={id}>
            {props.label}
          </label>
          <HintAndError id={id} hint={props.hint} error={error} />
          <select
            className={`govuk-select${error ? ' govuk-select--error' : ''}`}
            id={id}
            aria-describedby={describedBy}
            {...props.register(props.name)}
          >
            <option value="">{props.placeholder ?? 'Choose'}</option>
            {props.choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </>
      )}
    </Group>
  );
}

// a button that is never pressed twice: disabled (aria-disabled, label kept) while posting;
// a warning button for what cannot be undone (deactivate, revoke)
export function Submit({
  busy,
  children,
  kind = 'primary',
}: {
  busy: boolean;
  children: ReactNode;
  kind?: 'primary' | 'secondary' | 'warning';
}) {
  return (
    <button
      type="submit"
      className={`govuk-button${kind === 'primary' ? '' : ` govuk-button--${kind}`}`}
      disabled={busy}
      aria-disabled={busy || undefined}
      data-module="govuk-button"
    >
      {children}
    </button>
  );
}

// one change at a time from a form: a second press before the page shows the first is busy
// does nothing (state updates too late to stop a double click on its own)
export function useSingleFlight(): (change: () => Promise<unknown>) => void {
  const inFlight = useRef(false);
  return useCallback((change) => {
    if (inFlight.current) return;
    inFlight.current = true;
    void change()
      .catch(() => undefined) // the mutation's onError has shown it
      .finally(() => {
        inFlight.current = false;
      });
  }, []);
}
