import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { client, unwrap, type Schema } from '../api-client';
import { isStaffView, useCatalogue, useContact, type StaffContact } from '../contact-data';
import { ErrorSummary, ProblemSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { useSession } from '../session';
import {
  applyServerErrors,
  Checkboxes,
  dateOnly,
  fieldId,
  OUTCOME_WORDS,
  problemsOf,
  Radios,
  Select,
  Submit,
  SummaryList,
  TextArea,
  useSingleFlight,
  when,
} from '../ui';

interface Form {
  level: string;
  outcome: string;
  overrideReason: string;
  primaryNeedCode: string;
  factors: string[];
  rationale: string;
}
const FIELDS = ['level', 'outcome', 'overrideReason', 'primaryNeedCode', 'factors', 'rationale'] as const;
const LABELS: Record<string, string> = {
  level: 'Level',
  outcome: 'Outcome',
  overrideReason: 'Override reason',
  primaryNeedCode: 'Primary need',
  factors: 'Assessment factors',
  rationale: 'Rationale',
};
const EMPTY: Form = {
  level: '',
  outcome: '',
  overrideReason: '',
  primaryNeedCode: '',
  factors: [],
  rationale: '',
};
type Catalogue = Schema<'ThresholdCatalogueDto'>;
type Result = Schema<'DecisionResultDto'>;

// a draft is kept per person and record, so a session that ends loses nothing and another
// person signing in on this tab never sees it (CONSOLE.md 4)
const draftKey = (userId: string, contactId: string) => `draft:decision:${userId}:${contactId}`;
function readDraft(key: string): Form {
  try {
    return { ...EMPTY, ...(JSON.parse(sessionStorage.getItem(key) ?? '{}') as Partial<Form>) };
  } catch {
    return EMPTY;
  }
}

const usual = (catalogue: Catalogue, level: string, outcome: string) =>
  catalogue.levels.find((l) => String(l.level) === level)?.usualOutcomes.some((o) => o === outcome) ?? true;

const makesReferral = (catalogue: Catalogue, outcome: string) =>
  catalogue.referralOutcomes.some((o) => o === outcome);

// the checks that save a round trip (the server stays the authority, and checks them all again)
function check(form: Form, catalogue: Catalogue): [keyof Form, string][] {
  const problems: [keyof Form, string][] = [];
  if (!form.level) problems.push(['level', 'Select the level of need']);
  if (!form.outcome) problems.push(['outcome', 'Select the outcome']);
  if (form.level && form.outcome && !usual(catalogue, form.level, form.outcome)) {
    if (Array.from(form.overrideReason.trim()).length < catalogue.overrideReasonMinLength)
      problems.push([
        'overrideReason',
        `Explain why this outcome fits the level: at least ${catalogue.overrideReasonMinLength} characters`,
      ]);
  }
  if (makesReferral(catalogue, form.outcome) && !form.primaryNeedCode)
    problems.push(['primaryNeedCode', 'Select the primary need: the outcome makes a referral']);
  if (form.factors.includes(catalogue.noFactorsCode) && form.factors.length > 1)
    problems.push([
      'factors',
      `${catalogue.noFactorsCode} (no factors identified) cannot be chosen with other factors`,
    ]);
  const length = Array.from(form.rationale.trim()).length;
  if (length < catalogue.rationaleMinLength)
    problems.push([
      'rationale',
      `Rationale must be at least ${catalogue.rationaleMinLength} characters; you have ${length}`,
    ]);
  return problems;
}

// issue 15 screen 3: record the threshold decision -> check answers -> confirmation
export function RecordDecision() {
  const { id = '' } = useParams();
  const contact = useContact(id);
  const catalogue = useCatalogue();
  if (contact.error || catalogue.error) return <NotFound />;
  if (!contact.data || !catalogue.data) {
    return (
      <Page title="Record a threshold decision">
        <p className="govuk-body">Loading…</p>
      </Page>
    );
  }
  if (!isStaffView(contact.data)) return <NotFound />;
  return <DecisionJourney contact={contact.data} catalogue={catalogue.data} reload={contact.reload} />;
}

function DecisionJourney({
  contact,
  catalogue,
  reload,
}: {
  contact: StaffContact;
  catalogue: Catalogue;
  reload(): Promise<void>;
}) {
  const { me } = useSession();
  const key = draftKey(me?.user.id ?? '', contact.id);
  const form = useForm<Form>({ defaultValues: readDraft(key) });
  const [result, setResult] = useState<Result>();
  const values = form.watch();
  useEffect(() => {
    if (!result) sessionStorage.setItem(key, JSON.stringify(values));
  }, [key, values, result]);
  return (
    <Routes>
      <Route index element={<DecisionForm contact={contact} catalogue={catalogue} form={form} />} />
      <Route
        path="check"
        element={
          <CheckAnswers
            contact={contact}
            catalogue={catalogue}
            form={form}
            onRecorded={(answer) => {
              sessionStorage.removeItem(key);
              setResult(answer);
              void reload();
            }}
          />
        }
      />
      <Route path="done" element={<Done contact={contact} result={result} />} />
    </Routes>
  );
}

function DecisionForm({
  contact,
  catalogue,
  form,
}: {
  contact: StaffContact;
  catalogue: Catalogue;
  form: UseFormReturn<Form>;
}) {
  const navigate = useNavigate();
  const { register, formState, watch, setError, clearErrors, handleSubmit } = form;
  const [level, outcome, rationale, factors] = watch(['level', 'outcome', 'rationale', 'factors']);
  const unusual = Boolean(level && outcome && !usual(catalogue, level, outcome));
  const problems = problemsOf(formState.errors);
  const usualFor = (o: string) =>
    catalogue.levels.filter((l) => l.usualOutcomes.some((u) => u === o)).map((l) => `level ${l.level}`);
  return (
    <Page title="Record a threshold decision" error={problems.length > 0}>
      <Link to={`/contacts/${contact.id}`} className="govuk-back-link">
        Back to the contact
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {contact.child.firstName} {contact.child.lastName}, {contact.reference} · {contact.rag} · due{' '}
            {when(contact.decisionDueAt)}
          </span>
          <h1 className="govuk-heading-l">Record a threshold decision</h1>
          <form
            noValidate
            onSubmit={handleSubmit((body) => {
              clearErrors();
              const found = check(body, catalogue);
              for (const [field, message] of found) setError(field, { type: 'client', message });
              if (found.length === 0) void navigate('check');
            })}
          >
            <Radios<Form>
              name="level"
              label="Level of need"
              legendClass="govuk-fieldset__legend--m"
              register={register}
              errors={formState.errors}
              checked={level}
              choices={catalogue.levels.map((l) => ({
                value: String(l.level),
                label: `${l.level} ${l.name}`,
              }))}
            />
            <Radios<Form>
              name="outcome"
              label="Outcome"
              legendClass="govuk-fieldset__legend--m"
              register={register}
              errors={formState.errors}
              checked={unusual ? outcome : undefined}
              choices={catalogue.outcomes.map((o) => ({
                value: o,
                label: OUTCOME_WORDS[o] ?? o,
                hint: usualFor(o).length ? `Usual for ${usualFor(o).join(' and ')}` : undefined,
                reveal: (
                  <TextArea<Form>
                    name="overrideReason"
                    label="Override reason"
                    hint={`This outcome is not usual for level ${level}. Say why it is right for this child.`}
                    register={register}
                    errors={formState.errors}
                    rows={3}
                  />
                ),
              }))}
            />
            {makesReferral(catalogue, outcome) && (
              <Select<Form>
                name="primaryNeedCode"
                label="Primary need"
                hint="The CIN census primary need: this outcome makes a referral"
                register={register}
                errors={formState.errors}
                choices={catalogue.primaryNeeds.map((n) => ({
                  value: n.code,
                  label: `${n.code} ${n.label}`,
                }))}
              />
            )}
            <details className="govuk-details" open={factors.length > 0 || undefined}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  Assessment factors{factors.length > 0 ? ` (${factors.length} chosen)` : ''}
                </span>
              </summary>
              <div className="govuk-details__text">
                <Checkboxes<Form>
                  name="factors"
                  label="Assessment factors (optional)"
                  hint={`Choose all that apply. ${catalogue.noFactorsCode} means none, on its own.`}
                  small
                  register={register}
                  errors={formState.errors}
                  choices={catalogue.factors.map((f) => ({ value: f.code, label: `${f.code} ${f.label}` }))}
                />
              </div>
            </details>
            <TextArea<Form>
              name="rationale"
              label="Rationale"
              labelClass="govuk-label--m"
              hint="Why this decision: what you weighed, and what you found. Managers and inspectors read this."
              register={register}
              errors={formState.errors}
              rows={6}
              minLength={catalogue.rationaleMinLength}
              value={rationale}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue
            </button>
          </form>
        </div>
      </div>
    </Page>
  );
}

function CheckAnswers({
  contact,
  catalogue,
  form,
  onRecorded,
}: {
  contact: StaffContact;
  catalogue: Catalogue;
  form: UseFormReturn<Form>;
  onRecorded(result: Result): void;
}) {
  const navigate = useNavigate();
  const values = form.getValues();
  const [problem, setProblem] = useState<string>();
  const once = useSingleFlight();
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/contacts/{id}/decision', {
          params: { path: { id: contact.id } },
          body: {
            level: Number(values.level),
            outcome: values.outcome as Schema<'RecordDecisionDto'>['outcome'],
            rationale: values.rationale,
            primaryNeedCode: values.primaryNeedCode || undefined,
            factors: values.factors.length ? values.factors : undefined,
            overrideReason: usual(catalogue, values.level, values.outcome)
              ? undefined
              : values.overrideReason,
          },
        }),
      ),
    onSuccess: (answer) => {
      onRecorded(answer);
      void navigate('../done', { relative: 'path' });
    },
    onError: (error) => {
      const rest = applyServerErrors(error, form.setError, FIELDS, (f) => LABELS[f]);
      if (Object.keys(form.formState.errors).length > 0) void navigate('..', { relative: 'path' });
      else setProblem(rest ?? (error instanceof Error ? error.message : 'The decision was not recorded'));
    },
  });
  if (!values.level || !values.outcome) {
    return (
      <Page title="Check your answers">
        <p className="govuk-body">
          <Link className="govuk-link" to="..">
            Start the decision
          </Link>
        </p>
      </Page>
    );
  }
  const change = (field: string) => (
    <Link className="govuk-link" to={`..#${fieldId(field)}`} relative="path">
      Change<span className="govuk-visually-hidden"> {LABELS[field].toLowerCase()}</span>
    </Link>
  );
  const level = catalogue.levels.find((l) => String(l.level) === values.level);
  const rows: [string, string, string][] = [
    ['level', 'Level', `${values.level} ${level?.name ?? ''}`],
    ['outcome', 'Outcome', OUTCOME_WORDS[values.outcome] ?? values.outcome],
    ...(usual(catalogue, values.level, values.outcome)
      ? []
      : ([['overrideReason', 'Override reason', values.overrideReason]] as [string, string, string][])),
    ...(makesReferral(catalogue, values.outcome)
      ? ([['primaryNeedCode', 'Primary need', values.primaryNeedCode]] as [string, string, string][])
      : []),
    ['factors', 'Assessment factors', values.factors.length ? values.factors.join(', ') : 'None chosen'],
    ['rationale', 'Rationale', values.rationale],
  ];
  return (
    <Page title="Check your answers before recording the decision">
      <Link to=".." relative="path" className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ProblemSummary problem={problem}>
            <Link className="govuk-link" to={`/contacts/${contact.id}`}>
              Go to the contact
            </Link>
          </ProblemSummary>
          <span className="govuk-caption-l">
            {contact.child.firstName} {contact.child.lastName}, {contact.reference}
          </span>
          <h1 className="govuk-heading-l">Check your answers before recording the decision</h1>
          <dl className="govuk-summary-list" data-testid="check-answers">
            {rows.map(([field, key, value]) => (
              <div className="govuk-summary-list__row" key={field}>
                <dt className="govuk-summary-list__key">{key}</dt>
                <dd className="govuk-summary-list__value fd-preserve-lines">{value}</dd>
                <dd className="govuk-summary-list__actions">{change(field)}</dd>
              </div>
            ))}
          </dl>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Recording this decision closes screening. If a manager must authorise it, it will wait in the
              authorisation queue.
            </strong>
          </div>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              once(() => record.mutateAsync());
            }}
          >
            <Submit busy={record.isPending}>Record decision</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}

function Done({ contact, result }: { contact: StaffContact; result: Result | undefined }) {
  if (!result) return <NotFound />;
  const awaiting = result.status === 'AWAITING_AUTHORISATION';
  return (
    <Page title={awaiting ? 'Decision sent for authorisation' : 'Decision recorded'}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation" data-testid="decision-done">
            <h1 className="govuk-panel__title">
              {awaiting ? 'Decision sent for authorisation' : 'Decision recorded'}
            </h1>
            <div className="govuk-panel__body">
              {contact.child.firstName} {contact.child.lastName}
              <br />
              <strong>{contact.reference}</strong>
            </div>
          </div>
          {awaiting && (
            <>
              <h2 className="govuk-heading-m">Why a manager must authorise it</h2>
              <ul className="govuk-list govuk-list--bullet" data-testid="authorisation-reasons">
                {result.decision.authorisationReasons.map((r) => (
                  <li key={r.code}>{r.text}</li>
                ))}
              </ul>
            </>
          )}
          {result.referral && (
            <SummaryList
              rows={[
                ['Referral date', dateOnly(result.referral.referralDate)],
                ['Assessment due', dateOnly(result.referral.assessmentDueDate)],
                ['Re-referral', result.referral.reReferral ? 'Yes' : 'No'],
              ]}
            />
          )}
          {result.strategyDiscussion && (
            <SummaryList rows={[['Strategy discussion due', when(result.strategyDiscussion.dueAt)]]} />
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to="/screening">
              Back to the screening queue
            </Link>
          </p>
        </div>
      </div>
    </Page>
  );
}
