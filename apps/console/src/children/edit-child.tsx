import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldErrors, type Path, type UseFormReturn } from 'react-hook-form';
import { Link, Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { BackLink } from '../admin/common';
import { failureMessage } from '../admin/forms';
import { ErrorSummary, ProblemSummary, type FieldProblem } from '../error-summary';
import { NotFound, Page } from '../layout';
import { dateOf, DateInput, partsOfDate, type DateParts } from '../date-input';
import { dateOnly, fieldId, Input, problemsOf, Radios, Select, Submit, SummaryList, TextArea } from '../ui';
import {
  CHANGE_REASON_MAX,
  CHANGE_REASON_MIN,
  CHILD_FIELDS,
  DISABILITY_WORDS,
  ETHNICITY_WORDS,
  FIELD_WORDS,
  fieldsInWords,
  NO_DISABILITY,
  SEX_WORDS,
  valueWords,
  type ChildField,
  type FieldValue,
} from './demographics';

type Child = Schema<'ChildViewDto'>;
type Update = Schema<'UpdateChildDto'>;

// the question page's answers, as the fields hold them
interface Answers {
  firstName: string;
  lastName: string;
  sex: string;
  ethnicity: string;
  disabilities: string[];
  upn: string;
  firstLanguage: string;
  interpreterNeeded: string; // 'yes' | 'no' | '' (not known)
  openToSocialCareSince: DateParts;
  caseSystemId: string;
  address: string;
  postcode: string;
  school: string;
  reason: string;
}

const nameOf = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;
const DISABILITY_ORDER = Object.keys(DISABILITY_WORDS);

function answersOf(c: Child): Answers {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    sex: c.sex ?? '',
    ethnicity: c.ethnicity ?? '',
    disabilities: c.disabilities ?? [],
    upn: c.upn ?? '',
    firstLanguage: c.firstLanguage ?? '',
    interpreterNeeded: c.interpreterNeeded === undefined ? '' : c.interpreterNeeded ? 'yes' : 'no',
    openToSocialCareSince: partsOfDate(c.openToSocialCareSince),
    caseSystemId: c.caseSystemId ?? '',
    address: c.address ?? '',
    postcode: c.postcode ?? '',
    school: c.school ?? '',
    reason: '',
  };
}

// each field's value as the api holds it (null: none), so that what the api would store the
// same (a postcode in lower case, a UPN with spaces) is no change
function valueOf(field: ChildField, a: Answers): FieldValue {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  switch (field) {
    case 'disabilities':
      return [...a.disabilities].sort((x, y) => DISABILITY_ORDER.indexOf(x) - DISABILITY_ORDER.indexOf(y));
    case 'interpreterNeeded':
      return a.interpreterNeeded === '' ? null : a.interpreterNeeded === 'yes';
    // a date not real is held as typed, so it is a change the check refuses
    case 'openToSocialCareSince': {
      const date = dateOf(a.openToSocialCareSince);
      return date === '' ? null : (date ?? Object.values(a.openToSocialCareSince).join('/'));
    }
    case 'postcode':
      return text(a.postcode.toUpperCase());
    case 'upn':
      return text(a.upn.replace(/\s+/g, '').toUpperCase());
    default:
      return text(a[field]);
  }
}

const same = (x: FieldValue, y: FieldValue) =>
  Array.isArray(x) && Array.isArray(y) ? x.join() === y.join() : x === y;

interface Change {
  field: ChildField;
  before: FieldValue;
  after: FieldValue;
}

// only the fields the answers change, in the form's order
function changesOf(start: Answers, now: Answers): Change[] {
  return CHILD_FIELDS.map((field) => ({
    field,
    before: valueOf(field, start),
    after: valueOf(field, now),
  })).filter((c) => !same(c.before, c.after));
}

// the PATCH body: the reason and the changed fields only; a field emptied is sent empty, for
// the api to say why it cannot be
function bodyOf(changes: Change[], reason: string): Update {
  const body: Record<string, unknown> = { reason: reason.trim() };
  // a date cleared is null (no longer open); other fields emptied are sent empty
  for (const c of changes)
    body[c.field] =
      c.after ?? (c.field === 'openToSocialCareSince' || c.field === 'caseSystemId' ? null : '');
  return body as unknown as Update;
}

// issue 17 item 8: correct a child's record. The question page holds the record's fields and
// the reason; the check page shows only what changes, before and after; "Save changes" sends
// one PATCH with the changed fields. NHS number and date of birth are not corrected here (they
// decide which record a contact matches: a wrong one is a duplicate record, for a merge).
export function EditChild() {
  const { id = '' } = useParams();
  const child = useQuery({
    queryKey: ['child', id],
    queryFn: () => unwrap(client.GET('/api/children/{id}', { params: { path: { id } } })),
  });
  if (child.error) return <NotFound />;
  if (!child.data) {
    return (
      <Page title="Correct a child’s record">
        <p className="govuk-body">Loading the child’s record…</p>
      </Page>
    );
  }
  // a merged duplicate is corrected on the record it was merged into
  if (child.data.mergedInto) return <Navigate to={`/children/${child.data.mergedInto}/edit`} replace />;
  return <Correction key={child.data.id} child={child.data} />;
}

function Correction({ child }: { child: Child }) {
  const [start] = useState(() => answersOf(child));
  const form = useForm<Answers>({ defaultValues: start, shouldFocusError: false });
  return (
    <Routes>
      <Route index element={<Questions child={child} start={start} form={form} />} />
      <Route path="check" element={<CheckChanges child={child} start={start} form={form} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

// the checks that save a round trip: a reason, and something to change; the api checks all
function check(start: Answers, answers: Answers): [Path<Answers> | 'root', string][] {
  const problems: [Path<Answers> | 'root', string][] = [];
  if (changesOf(start, answers).length === 0)
    problems.push(['root', 'Change at least one detail, or go back to the record']);
  if (dateOf(answers.openToSocialCareSince) === undefined)
    problems.push(['openToSocialCareSince.day', 'Enter a real date, for example 3 11 2025']);
  const reason = Array.from(answers.reason.trim()).length;
  if (reason === 0) problems.push(['reason', 'Enter why the record is being corrected']);
  else if (reason < CHANGE_REASON_MIN)
    problems.push(['reason', `The reason must be ${CHANGE_REASON_MIN} characters or more`]);
  else if (reason > CHANGE_REASON_MAX)
    problems.push(['reason', `The reason must be ${CHANGE_REASON_MAX} characters or fewer`]);
  return problems;
}

// the form's problems for the error summary: "nothing changed" is about no one field, so it
// leads to the first
function summaryOf(form: UseFormReturn<Answers>): FieldProblem[] {
  const { root, ...fields } = form.formState.errors;
  return [
    ...(root?.message ? [{ field: 'firstName', message: root.message }] : []),
    ...problemsOf(fields as FieldErrors),
  ];
}

function Questions({ child, start, form }: { child: Child; start: Answers; form: UseFormReturn<Answers> }) {
  const navigate = useNavigate();
  const { hash } = useLocation();
  const { register, formState, watch, setError, clearErrors, handleSubmit } = form;
  const errors = formState.errors;
  const problems = summaryOf(form);
  const reason = watch('reason');
  const name = nameOf(child);
  // a Change link from the check page leads to its field
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.focus();
  }, [hash]);
  return (
    <Page title={`Correct ${name}’s record`} error={problems.length > 0}>
      <BackLink to={`/children/${child.id}`}>{name}’s record</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">Child record</span>
          <h1 className="govuk-heading-l">Correct {name}’s record</h1>
          <p className="govuk-body">
            Change what is wrong and say why. Each change is kept on the record with your name and the reason.
          </p>
          <SummaryList
            rows={[
              [
                'Date of birth',
                child.dateOfBirth
                  ? dateOnly(child.dateOfBirth)
                  : child.expectedDateOfBirth
                    ? `Unborn: expected ${dateOnly(child.expectedDateOfBirth)}`
                    : 'Not known',
              ],
              ['NHS number', child.nhsNumber ?? 'Not known'],
            ]}
          />
          <div className="govuk-inset-text" data-testid="fixed-fields">
            The date of birth and NHS number cannot be corrected here: they decide which record a contact
            belongs to. If one is wrong, this may be a duplicate record, which a manager can merge.
          </div>
          <form
            noValidate
            onSubmit={(e) =>
              void handleSubmit((answers) => {
                clearErrors();
                const found = check(start, answers);
                for (const [field, message] of found) setError(field, { type: 'client', message });
                if (found.length === 0) void navigate('check');
              })(e)
            }
          >
            <h2 className="govuk-heading-m">Who they are</h2>
            <Input<Answers>
              name="firstName"
              label="First name"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Input<Answers>
              name="lastName"
              label="Last name"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Radios<Answers>
              name="sex"
              label="Sex"
              small
              choices={Object.entries(SEX_WORDS).map(([value, label]) => ({ value, label }))}
              register={register}
              errors={errors}
            />
            <Select<Answers>
              name="ethnicity"
              label="Ethnicity"
              hint="As the child or family describe it (CIN census categories)"
              placeholder="Not recorded"
              choices={Object.entries(ETHNICITY_WORDS).map(([value, label]) => ({ value, label }))}
              register={register}
              errors={errors}
            />
            <DisabilityChoices form={form} />
            <Input<Answers>
              name="upn"
              label="Unique pupil number (UPN)"
              hint="13 characters, starting with its check letter, as the school gives it"
              width="10"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Input<Answers>
              name="firstLanguage"
              label="First language"
              width="20"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Radios<Answers>
              name="interpreterNeeded"
              label="Is an interpreter needed?"
              small
              choices={[
                { value: 'yes', label: 'Yes' },
                { value: 'no', label: 'No' },
              ]}
              register={register}
              errors={errors}
            />
            <DateInput<Answers>
              name="openToSocialCareSince"
              legend="Open to children’s social care since (optional)"
              hint="The date the council’s case system shows the case open from, for example 3 11 2025. Leave it empty if the case is not open."
              register={register}
              errors={errors}
            />
            <Input<Answers>
              name="caseSystemId"
              label="Case system ID (optional)"
              hint="The child’s ID in the council’s case-management system: letters and digits, up to 20"
              width="20"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <h2 className="govuk-heading-m">Where they live and go to school</h2>
            <Input<Answers>
              name="address"
              label="Address"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Input<Answers>
              name="postcode"
              label="Postcode"
              width="10"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Input<Answers>
              name="school"
              label="School"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <TextArea<Answers>
              name="reason"
              label="Why are you correcting this record?"
              labelClass="govuk-label--m"
              hint="Say where the right details come from. This is kept with each change."
              rows={3}
              minLength={CHANGE_REASON_MIN}
              value={reason}
              register={register}
              errors={errors}
            />
            <Submit busy={false}>Continue</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}

// the GOV.UK checkboxes with an exclusive "none" answer: "No disability" clears the others and
// any other clears it; none ticked is "not known"
function DisabilityChoices({ form }: { form: UseFormReturn<Answers> }) {
  const chosen = form.watch('disabilities');
  const error = form.formState.errors.disabilities?.message;
  const id = 'disabilities';
  const toggle = (code: string, on: boolean) => {
    const next = !on
      ? chosen.filter((c) => c !== code)
      : code === NO_DISABILITY
        ? [NO_DISABILITY]
        : [...chosen.filter((c) => c !== NO_DISABILITY), code];
    form.setValue('disabilities', next, { shouldDirty: true });
  };
  const codes = DISABILITY_ORDER.filter((c) => c !== NO_DISABILITY);
  const item = (code: string, itemId: string) => (
    <div className="govuk-checkboxes__item" key={code}>
      <input
        className="govuk-checkboxes__input"
        id={itemId}
        name="disabilities"
        type="checkbox"
        value={code}
        checked={chosen.includes(code)}
        onChange={(e) => toggle(code, e.target.checked)}
      />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={itemId}>
        {DISABILITY_WORDS[code as keyof typeof DISABILITY_WORDS]}
      </label>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        data-testid="disabilities"
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Disabilities</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          Select all that apply. Leave them all unticked if it is not known.
        </div>
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {codes.map((code, index) => item(code, index === 0 ? id : `${id}-${code.toLowerCase()}`))}
          <div className="govuk-checkboxes__divider">or</div>
          {item(NO_DISABILITY, `${id}-none`)}
        </div>
      </fieldset>
    </div>
  );
}

// the api's 400 details on the fields they name (its message after the field's words); the
// rest, for the check page
function serverProblems(error: unknown, form: UseFormReturn<Answers>): { onFields: boolean; rest?: string } {
  if (!(error instanceof ApiFailure)) return { onFields: false, rest: failureMessage(error) };
  const { status, details, message } = error.error;
  if (status === 409) return { onFields: false, rest: message };
  if (status !== 400 || !details?.length) return { onFields: false, rest: failureMessage(error) };
  let onFields = false;
  const rest: string[] = [];
  for (const d of details) {
    const field = [...CHILD_FIELDS, 'reason'].find((f) => d.field === f || d.field.startsWith(`${f}.`)) as
      keyof Answers | undefined;
    if (field) {
      const label = field === 'reason' ? 'The reason' : FIELD_WORDS[field as ChildField];
      const text = d.message.replace(new RegExp(`^${field}\\s+`), '');
      // a date's error is held on its first box (date-input.tsx)
      form.setError(field === 'openToSocialCareSince' ? 'openToSocialCareSince.day' : field, {
        type: 'server',
        message: `${label} ${text}`,
      });
      onFields = true;
    } else if (d.field === 'body') {
      rest.push('The record already has these details: change at least one, or go back to the record');
    } else rest.push(`${d.field} ${d.message}`);
  }
  return { onFields, rest: rest.length > 0 ? [...new Set(rest)].join('; ') : undefined };
}

function CheckChanges({
  child,
  start,
  form,
}: {
  child: Child;
  start: Answers;
  form: UseFormReturn<Answers>;
}) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const [problem, setProblem] = useState<string>();
  const answers = form.getValues();
  const changes = changesOf(start, answers);
  // straight here (a reload, a typed address) with nothing to check: the question page
  if (check(start, answers).length > 0) return <Navigate to=".." relative="path" replace />;
  const save = async () => {
    // a second press before the button shows it is busy sends nothing
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await unwrap(
        client.PATCH('/api/children/{id}', {
          params: { path: { id: child.id } },
          body: bodyOf(changes, answers.reason),
        }),
      );
      await queries.invalidateQueries({ queryKey: ['child', child.id] });
      void navigate(`/children/${child.id}`, {
        state: { done: `Record corrected: ${fieldsInWords(result.changed)}` },
      });
    } catch (error) {
      const { onFields, rest } = serverProblems(error, form);
      setProblem(rest);
      if (onFields) void navigate('..', { relative: 'path' });
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  const changeLink = (anchor: string, what: string) => (
    <Link className="govuk-link" to={`..#${anchor}`} relative="path">
      Change<span className="govuk-visually-hidden"> {what}</span>
    </Link>
  );
  const name = nameOf(child);
  return (
    <Page title="Check your changes" error={Boolean(problem)}>
      <Link to=".." relative="path" className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ProblemSummary problem={problem} />
          <span className="govuk-caption-l">{name}’s record</span>
          <h1 className="govuk-heading-l">Check your changes</h1>
          <dl className="govuk-summary-list" data-testid="child-edit-changes">
            {changes.map((c) => (
              <div className="govuk-summary-list__row" key={c.field}>
                <dt className="govuk-summary-list__key">{FIELD_WORDS[c.field]}</dt>
                <dd className="govuk-summary-list__value">
                  <span className="fd-block">
                    <span className="govuk-!-font-weight-bold">Was:</span> {valueWords(c.field, c.before)}
                  </span>
                  <span className="fd-block">
                    <span className="govuk-!-font-weight-bold">Now:</span> {valueWords(c.field, c.after)}
                  </span>
                </dd>
                <dd className="govuk-summary-list__actions">
                  {changeLink(fieldId(c.field), FIELD_WORDS[c.field].toLowerCase())}
                </dd>
              </div>
            ))}
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Why</dt>
              <dd className="govuk-summary-list__value fd-preserve-lines">{answers.reason.trim()}</dd>
              <dd className="govuk-summary-list__actions">{changeLink('reason', 'the reason')}</dd>
            </div>
          </dl>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Submit busy={busy}>Save changes</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}
