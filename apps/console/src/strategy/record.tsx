import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import {
  DateInput,
  dateOf,
  instantOf,
  NO_DATE,
  onDateBoxes,
  partsOfDate,
  partsOfInstant,
  type DateParts,
  type DateTimeParts,
} from '../date-input';
import { ErrorSummary, ProblemSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { useSession } from '../session';
import {
  applyServerErrors,
  dateOnly,
  fieldId,
  Input,
  problemsOf,
  Radios,
  Select,
  Submit,
  TextArea,
  useSingleFlight,
  when,
} from '../ui';
import { useStaffName } from './data';
import { EarlierVersions, RecordSummary } from './record-summary';
import {
  AGENCIES,
  AGENCY_WORDS,
  ATTENDANCE_WORDS,
  attendingAgencies,
  quorumExplained,
  quorumInWords,
  sentenceStart,
  STRATEGY_OUTCOME_WORDS,
  STRATEGY_OUTCOMES,
  type Agency,
  type Attendance,
  type Discussion,
  type StrategyOutcome,
} from './words';

interface ActionRow {
  description: string;
  ownerAgency: string;
  dueDate: DateParts;
}
interface Form {
  heldAt: DateTimeParts;
  attendance: Partial<Record<Agency, string>>;
  outcome: string;
  rationale: string;
  actions: ActionRow[];
  amendmentReason: string;
}
type Result = Schema<'StrategyRecordResultDto'>;

const RATIONALE_MIN = 20; // RecordDto: 20 to 10000 characters
const REASON_MIN = 5; // RecordDto: amendmentReason 5 to 2000
const LABELS: Record<string, string> = {
  heldAt: 'The date and time it was held',
  attendance: 'Attendance',
  outcome: 'Outcome',
  rationale: 'Rationale',
  amendmentReason: 'Amendment reason',
  description: 'The action',
  ownerAgency: 'The owner agency',
  dueDate: 'The due date',
};
// the field's last name, a date's ".day" aside: "actions.0.dueDate.day" -> "The due date"
const label = (field: string) => LABELS[/([^.]+)(\.day)?$/.exec(field)?.[1] ?? ''] ?? field;
const fieldsOf = (actions: number) => [
  'heldAt.day',
  'attendance',
  'outcome',
  'rationale',
  'amendmentReason',
  ...Array.from({ length: actions }, (_, i) => [
    `actions.${i}.description`,
    `actions.${i}.ownerAgency`,
    `actions.${i}.dueDate.day`,
  ]).flat(),
];
// the api names a date as one field; the form holds its error on the first box
const DATES = /^(heldAt|actions\.\d+\.dueDate)(\..*)?$/;
const boxOf = (field: string) => (DATES.test(field) ? field.replace(DATES, '$1.day') : undefined);
const NO_ACTION: ActionRow = { description: '', ownerAgency: '', dueDate: { ...NO_DATE } };

// "LA children’s social care, police and health must all attend for the discussion to be quorate"
const quorumRule = (required: readonly Agency[]) =>
  sentenceStart(
    `${quorumInWords(required)} must ${required.length > 1 ? 'all ' : ''}attend for the discussion to be quorate.`,
  );

// a first record starts from the schedule; an amendment from the record it replaces
function startingPoint(discussion: Discussion): Form {
  const record = discussion.record;
  if (!record) {
    return {
      heldAt: partsOfInstant(discussion.scheduledFor),
      attendance: {},
      outcome: '',
      rationale: '',
      actions: [],
      amendmentReason: '',
    };
  }
  return {
    heldAt: partsOfInstant(record.heldAt),
    attendance: Object.fromEntries(record.attendance.map((a) => [a.agency, a.status])),
    outcome: record.outcome,
    rationale: record.rationale,
    actions: record.actions.map((a) => ({
      description: a.description,
      ownerAgency: a.ownerAgency,
      dueDate: partsOfDate(a.dueDate),
    })),
    amendmentReason: '',
  };
}

// a draft per person, discussion and record version: a session that ends loses nothing, and a
// draft of an amendment never lands on a newer record (CONSOLE.md 4)
const draftKey = (userId: string, discussion: Discussion) =>
  `draft:strategy-record:${userId}:${discussion.id}:${discussion.record?.version ?? 0}`;
function readDraft(key: string, start: Form): Form {
  try {
    return { ...start, ...(JSON.parse(sessionStorage.getItem(key) ?? '{}') as Partial<Form>) };
  } catch {
    return start;
  }
}

// the checks that save a round trip (the server checks them all again)
function check(form: Form, agencies: Agency[], amending: boolean): [string, string][] {
  const problems: [string, string][] = [];
  const heldAt = instantOf(form.heldAt);
  if (!heldAt)
    problems.push(['heldAt.day', 'Enter the date and time it was held, for example 27 3 2026 and 14:30']);
  else if (new Date(heldAt).getTime() > Date.now() + 60_000)
    problems.push(['heldAt.day', 'The date and time it was held must not be in the future']);
  for (const agency of agencies) {
    if (!form.attendance[agency])
      problems.push([`attendance.${agency}`, `Select whether ${AGENCY_WORDS[agency]} attended`]);
  }
  if (!form.outcome) problems.push(['outcome', 'Select the outcome of the discussion']);
  const length = Array.from(form.rationale.trim()).length;
  if (length < RATIONALE_MIN)
    problems.push([
      'rationale',
      `Rationale must be at least ${RATIONALE_MIN} characters; you have ${length}`,
    ]);
  form.actions.forEach((action, i) => {
    const n = i + 1;
    if (Array.from(action.description.trim()).length < 3)
      problems.push([`actions.${i}.description`, `Describe action ${n} (at least 3 characters)`]);
    if (!action.ownerAgency) problems.push([`actions.${i}.ownerAgency`, `Select who owns action ${n}`]);
    if (!dateOf(action.dueDate))
      problems.push([
        `actions.${i}.dueDate.day`,
        `Enter a real due date for action ${n}, for example 27 3 2026`,
      ]);
  });
  if (amending && Array.from(form.amendmentReason.trim()).length < REASON_MIN)
    problems.push([
      'amendmentReason',
      `Enter the amendment reason: why this record replaces the one made before (at least ${REASON_MIN} characters)`,
    ]);
  return problems;
}

function bodyOf(form: Form, agencies: Agency[], amending: boolean): Schema<'RecordDto'> {
  return {
    heldAt: instantOf(form.heldAt) ?? '',
    attendance: agencies.map((agency) => ({ agency, status: form.attendance[agency] as Attendance })),
    outcome: form.outcome as StrategyOutcome,
    rationale: form.rationale.trim(),
    actions: form.actions.map((a) => ({
      description: a.description.trim(),
      ownerAgency: a.ownerAgency as Agency,
      dueDate: dateOf(a.dueDate) ?? '',
    })),
    ...(amending ? { amendmentReason: form.amendmentReason.trim() } : {}),
  };
}

// CONSOLE.md S8: record the discussion (or amend the record) -> check answers -> the result
export function RecordJourney({
  discussion,
  childName,
  reload,
}: {
  discussion: Discussion;
  childName: string;
  reload(): Promise<unknown>;
}) {
  const { me } = useSession();
  // the record this journey began from: after recording, the discussion read again holds the
  // new one, and the draft and form stay those of this journey
  const [start] = useState(discussion);
  const key = draftKey(me?.user.id ?? '', start);
  const form = useForm<Form>({ defaultValues: readDraft(key, startingPoint(start)) });
  const [result, setResult] = useState<Result>();
  const values = form.watch();
  useEffect(() => {
    if (!result) sessionStorage.setItem(key, JSON.stringify(values));
  }, [key, values, result]);
  const agencies = attendingAgencies(start);
  const amending = Boolean(start.record);
  return (
    <Routes>
      <Route
        index
        element={
          <RecordForm
            discussion={start}
            childName={childName}
            form={form}
            agencies={agencies}
            amending={amending}
          />
        }
      />
      <Route
        path="check"
        element={
          <CheckRecord
            discussion={start}
            childName={childName}
            form={form}
            agencies={agencies}
            amending={amending}
            onRecorded={async (answer) => {
              sessionStorage.removeItem(key);
              setResult(answer);
              await reload();
            }}
            reload={reload}
          />
        }
      />
      <Route
        path="done"
        element={
          <RecordDone discussion={discussion} childName={childName} result={result} amending={amending} />
        }
      />
    </Routes>
  );
}

function RecordForm({
  discussion,
  childName,
  form,
  agencies,
  amending,
}: {
  discussion: Discussion;
  childName: string;
  form: UseFormReturn<Form>;
  agencies: Agency[];
  amending: boolean;
}) {
  const navigate = useNavigate();
  const staffName = useStaffName();
  const { register, formState, watch, setError, clearErrors, handleSubmit, control } = form;
  const actions = useFieldArray({ control, name: 'actions' });
  const [rationale, amendmentReason] = watch(['rationale', 'amendmentReason']);
  const problems = problemsOf(formState.errors);
  const title = amending ? 'Amend the record of the strategy discussion' : 'Record the strategy discussion';
  return (
    <Page title={title} error={problems.length > 0}>
      <Link to=".." relative="path" className="govuk-back-link">
        Back to the strategy discussion
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {childName} · due {when(discussion.dueAt)}
          </span>
          <h1 className="govuk-heading-l">{title}</h1>
          {amending && discussion.record && (
            <div className="govuk-inset-text">
              This discussion was recorded by {staffName(discussion.record.recordedBy)},{' '}
              {when(discussion.record.recordedAt)} (version {discussion.record.version}). Your answers replace
              that record; it is kept as an earlier version.
            </div>
          )}
          <form
            noValidate
            onSubmit={handleSubmit((body) => {
              clearErrors();
              const found = check(body, agencies, amending);
              for (const [field, message] of found)
                setError(field as keyof Form, { type: 'client', message });
              if (found.length === 0) void navigate('check');
            })}
          >
            {amending && (
              <TextArea<Form>
                name="amendmentReason"
                label="Amendment reason"
                labelClass="govuk-label--m"
                hint="Why this record replaces the one made before, for example what was recorded wrongly."
                register={register}
                errors={formState.errors}
                rows={3}
                minLength={REASON_MIN}
                value={amendmentReason}
              />
            )}
            <DateInput<Form>
              name="heldAt"
              legend="When was it held?"
              legendClass="govuk-fieldset__legend--m"
              hint="For example, 27 3 2026 and 14:30 (24-hour clock, UK time)"
              register={register}
              errors={formState.errors}
              withTime
            />
            <h2 className="govuk-heading-m" id="attendance" tabIndex={-1}>
              Who attended?
            </h2>
            <p className="govuk-body" data-testid="quorum">
              {quorumRule(discussion.requiredAgencies)}
            </p>
            {formState.errors.attendance?.message && (
              <p className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {formState.errors.attendance.message}
              </p>
            )}
            {agencies.map((agency) => (
              <Radios<Form>
                key={agency}
                name={`attendance.${agency}`}
                label={AGENCY_WORDS[agency]}
                small
                register={register}
                errors={formState.errors}
                choices={Object.entries(ATTENDANCE_WORDS).map(([value, words]) => ({ value, label: words }))}
              />
            ))}
            <Radios<Form>
              name="outcome"
              label="Outcome"
              legendClass="govuk-fieldset__legend--m"
              register={register}
              errors={formState.errors}
              choices={STRATEGY_OUTCOMES.map((o) => ({
                value: o,
                label: STRATEGY_OUTCOME_WORDS[o],
                hint:
                  o === 'S47_SINGLE_AGENCY' || o === 'S47_JOINT'
                    ? 'Enquiries start the day it was held; the initial child protection conference falls due from that date'
                    : undefined,
              }))}
            />
            <TextArea<Form>
              name="rationale"
              label="Rationale"
              labelClass="govuk-label--m"
              hint="What the agencies shared and why this outcome."
              register={register}
              errors={formState.errors}
              rows={6}
              minLength={RATIONALE_MIN}
              value={rationale}
            />
            <h2 className="govuk-heading-m">Actions</h2>
            {actions.fields.length === 0 && <p className="govuk-body">No actions added.</p>}
            {actions.fields.map((field, i) => (
              <div className="fd-strategy-action" key={field.id}>
                <fieldset className="govuk-fieldset">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Action {i + 1}</legend>
                  <Input<Form>
                    name={`actions.${i}.description`}
                    label="What is to be done"
                    register={register}
                    errors={formState.errors}
                  />
                  <Select<Form>
                    name={`actions.${i}.ownerAgency`}
                    label="Owner agency"
                    placeholder="Choose an agency"
                    register={register}
                    errors={formState.errors}
                    choices={AGENCIES.map((a) => ({ value: a, label: AGENCY_WORDS[a] }))}
                  />
                  <DateInput<Form>
                    name={`actions.${i}.dueDate`}
                    legend="Due date"
                    hint="For example, 27 3 2026"
                    register={register}
                    errors={formState.errors}
                  />
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    onClick={() => actions.remove(i)}
                  >
                    Remove<span className="govuk-visually-hidden"> action {i + 1}</span>
                  </button>
                </fieldset>
              </div>
            ))}
            <p className="govuk-body">
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => actions.append(NO_ACTION, { shouldFocus: true })}
              >
                {actions.fields.length === 0 ? 'Add an action' : 'Add another action'}
              </button>
            </p>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue
            </button>
          </form>
        </div>
      </div>
    </Page>
  );
}

function CheckRecord({
  discussion,
  childName,
  form,
  agencies,
  amending,
  onRecorded,
  reload,
}: {
  discussion: Discussion;
  childName: string;
  form: UseFormReturn<Form>;
  agencies: Agency[];
  amending: boolean;
  onRecorded(result: Result): Promise<void>;
  reload(): Promise<unknown>;
}) {
  const navigate = useNavigate();
  const values = form.getValues();
  const [problem, setProblem] = useState<string>();
  const once = useSingleFlight();
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/strategy-discussions/{id}/record', {
          params: { path: { id: discussion.id } },
          body: bodyOf(values, agencies, amending),
        }),
      ),
    onSuccess: async (answer) => {
      await onRecorded(answer);
      void navigate('../done', { relative: 'path' });
    },
    onError: (error) => {
      // recorded by someone else since this page read it: an amendment now, with a reason
      if (error instanceof ApiFailure && error.error.status === 409) {
        setProblem(
          'Someone else recorded this discussion while you were writing. Read their record first: a change to it is an amendment, with a reason.',
        );
        void reload();
        return;
      }
      const rest = applyServerErrors(
        onDateBoxes(error, boxOf),
        form.setError,
        fieldsOf(values.actions.length),
        label,
      );
      if (Object.keys(form.formState.errors).length > 0) void navigate('..', { relative: 'path' });
      else setProblem(rest ?? (error instanceof Error ? error.message : 'The discussion was not recorded'));
    },
  });
  if (check(values, agencies, amending).length > 0) {
    return (
      <Page title="Check your answers">
        <p className="govuk-body">
          <Link className="govuk-link" to=".." relative="path">
            Answer the questions first
          </Link>
        </p>
      </Page>
    );
  }
  const change = (field: string, what: string) => (
    <Link className="govuk-link" to={`..#${fieldId(field)}`} relative="path">
      Change<span className="govuk-visually-hidden"> {what}</span>
    </Link>
  );
  const body = bodyOf(values, agencies, amending);
  const rows: [string, string, ReactNode, string][] = [
    ...(amending
      ? ([['amendmentReason', 'Amendment reason', body.amendmentReason, 'the amendment reason']] as [
          string,
          string,
          ReactNode,
          string,
        ][])
      : []),
    ['heldAt.day', 'Held', when(body.heldAt), 'when it was held'],
    [
      `attendance.${agencies[0]}`,
      'Attendance',
      <ul className="govuk-list" key="a">
        {body.attendance.map((a) => (
          <li key={a.agency}>
            {AGENCY_WORDS[a.agency]}: {ATTENDANCE_WORDS[a.status]}
          </li>
        ))}
      </ul>,
      'attendance',
    ],
    [
      `attendance.${agencies[0]}`,
      'Quorate (from your answers)',
      // a preview from the discussion's quorum: the api decides it when it records
      quorumExplained(
        {
          quorate: discussion.requiredAgencies.every((agency) =>
            body.attendance.some((a) => a.agency === agency && a.status === 'ATTENDED'),
          ),
          attendance: body.attendance,
        },
        discussion.requiredAgencies,
      ),
      'attendance',
    ],
    ['outcome', 'Outcome', STRATEGY_OUTCOME_WORDS[body.outcome], 'the outcome'],
    ['rationale', 'Rationale', body.rationale, 'the rationale'],
    [
      'actions',
      'Actions',
      body.actions.length === 0 ? (
        'None'
      ) : (
        <ul className="govuk-list govuk-list--bullet" key="x">
          {body.actions.map((a, i) => (
            <li key={i}>
              {a.description} ({AGENCY_WORDS[a.ownerAgency]}, due {dateOnly(a.dueDate)})
            </li>
          ))}
        </ul>
      ),
      'the actions',
    ],
  ];
  const title = amending
    ? 'Check your answers before amending the record'
    : 'Check your answers before recording the discussion';
  return (
    <Page title={title}>
      <Link to=".." relative="path" className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ProblemSummary problem={problem}>
            <Link className="govuk-link" to="../.." relative="path">
              Go to the strategy discussion
            </Link>
          </ProblemSummary>
          <span className="govuk-caption-l">{childName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <dl className="govuk-summary-list" data-testid="check-answers">
            {rows.map(([field, key, value, what]) => (
              <div className="govuk-summary-list__row" key={key}>
                <dt className="govuk-summary-list__key">{key}</dt>
                <dd className="govuk-summary-list__value fd-preserve-lines">{value}</dd>
                <dd className="govuk-summary-list__actions">{change(field, what)}</dd>
              </div>
            ))}
          </dl>
          {amending && (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                This replaces the current record. The record it replaces is kept as an earlier version.
              </strong>
            </div>
          )}
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              once(() => record.mutateAsync());
            }}
          >
            <Submit busy={record.isPending}>
              {amending ? 'Record the amendment' : 'Record the discussion'}
            </Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}

// the result: quorate and why, in time, the s47 start and the ICPC target (from the api's answer)
function RecordDone({
  discussion,
  childName,
  result,
  amending,
}: {
  discussion: Discussion;
  childName: string;
  result: Result | undefined;
  amending: boolean;
}) {
  const staffName = useStaffName();
  if (!result) return <NotFound />;
  const record = discussion.record;
  const title = amending ? 'Record amended' : 'Strategy discussion recorded';
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation" data-testid="record-done">
            <h1 className="govuk-panel__title">{title}</h1>
            <div className="govuk-panel__body">
              {childName}
              <br />
              <strong data-testid="result-quorate">
                {record
                  ? quorumExplained(
                      { quorate: result.quorate, attendance: record.attendance },
                      discussion.requiredAgencies,
                    )
                  : result.quorate
                    ? 'Quorate'
                    : 'Not quorate'}
              </strong>
            </div>
          </div>
          {record ? (
            <>
              <h2 className="govuk-heading-m">The record (version {record.version})</h2>
              <RecordSummary
                record={{ ...record, ...result }}
                dueAt={discussion.dueAt}
                required={discussion.requiredAgencies}
                staffName={staffName}
              />
              <EarlierVersions
                history={discussion.history ?? []}
                dueAt={discussion.dueAt}
                required={discussion.requiredAgencies}
                staffName={staffName}
              />
            </>
          ) : (
            <p className="govuk-body">
              Held within timescale: {result.heldWithinTimescale ? 'yes' : 'no'}.
              {result.s47StartDate &&
                ` Section 47 enquiry starts ${dateOnly(result.s47StartDate)}; initial child protection conference due ${dateOnly(result.icpcDueDate)}.`}
            </p>
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to="../.." relative="path">
              View the strategy discussion
            </Link>
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/strategy">
              Back to the strategy discussions
            </Link>
          </p>
        </div>
      </div>
    </Page>
  );
}
