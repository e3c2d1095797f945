import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { DateInput, dateOf, instantOf, NO_DATE_TIME, onDateBoxes, type DateTimeParts } from '../date-input';
import { ErrorSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { applyServerErrors, dateOnly, problemsOf, Radios, Submit, TextArea, useSingleFlight } from '../ui';
import {
  S47_OUTCOME_HINTS,
  S47_OUTCOME_WORDS,
  S47_OUTCOMES,
  startsS47,
  type Discussion,
  type S47Outcome,
} from './words';

interface Form {
  concludedAt: DateTimeParts;
  outcome: string;
  rationale: string;
}

const RATIONALE_MIN = 20; // RecordS47OutcomeDto: 20 to 10000 characters
const RATIONALE_MAX = 10_000;
// the date's error is held on its first box (the api names it concludedAt)
const FIELDS = ['concludedAt.day', 'outcome', 'rationale'] as const;
const LABELS: Record<string, string> = {
  'concludedAt.day': 'The date and time it concluded',
  outcome: 'The outcome',
  rationale: 'The rationale',
};
const boxOf = (field: string) => (/^concludedAt(\.|$)/.test(field) ? 'concludedAt.day' : undefined);

// the checks that save a round trip (the api checks them all again)
function check(form: Form, s47StartDate: string): [keyof Form | 'concludedAt.day', string][] {
  const problems: [keyof Form | 'concludedAt.day', string][] = [];
  const concludedAt = instantOf(form.concludedAt);
  if (!concludedAt)
    problems.push([
      'concludedAt.day',
      'Enter the date and time the enquiry concluded, for example 27 3 2026 and 14:30',
    ]);
  else if (new Date(concludedAt).getTime() > Date.now() + 60_000)
    problems.push(['concludedAt.day', 'The date and time the enquiry concluded must not be in the future']);
  else if ((dateOf(form.concludedAt) ?? '') < s47StartDate)
    problems.push([
      'concludedAt.day',
      `The enquiry cannot conclude before it started, on ${dateOnly(s47StartDate)}`,
    ]);
  if (!form.outcome) problems.push(['outcome', 'Select the outcome of the section 47 enquiry']);
  const length = Array.from(form.rationale.trim()).length;
  if (length < RATIONALE_MIN)
    problems.push([
      'rationale',
      `Rationale must be at least ${RATIONALE_MIN} characters; you have ${length}`,
    ]);
  else if (length > RATIONALE_MAX)
    problems.push([
      'rationale',
      `Rationale must be ${RATIONALE_MAX} characters or fewer; you have ${length}`,
    ]);
  return problems;
}

// decision 0023: how the s47 enquiry the discussion started concluded (once): when, the outcome
// and why. Only for a discussion held with an s47 outcome and no enquiry outcome yet
export function S47OutcomeForm({
  discussion,
  childName,
  onRecorded,
}: {
  discussion: Discussion;
  childName: string;
  onRecorded(): Promise<unknown>;
}) {
  // the discussion this form began from: once recorded, the read again holds the outcome
  const [start] = useState(discussion);
  const record = start.record;
  if (!record?.s47StartDate || !startsS47(record.outcome) || start.s47Outcome) return <NotFound />;
  return (
    <OutcomeForm
      discussion={start}
      s47StartDate={record.s47StartDate}
      childName={childName}
      onRecorded={onRecorded}
    />
  );
}

function OutcomeForm({
  discussion,
  s47StartDate,
  childName,
  onRecorded,
}: {
  discussion: Discussion;
  s47StartDate: string;
  childName: string;
  onRecorded(): Promise<unknown>;
}) {
  const navigate = useNavigate();
  const once = useSingleFlight();
  const [problem, setProblem] = useState<string>();
  const { register, formState, watch, setError, clearErrors, handleSubmit } = useForm<Form>({
    defaultValues: { concludedAt: { ...NO_DATE_TIME }, outcome: '', rationale: '' },
  });
  const problems = problemsOf(formState.errors);
  const save = useMutation({
    mutationFn: (body: Schema<'RecordS47OutcomeDto'>) =>
      unwrap(
        client.POST('/api/strategy-discussions/{id}/s47-outcome', {
          params: { path: { id: discussion.id } },
          body,
        }),
      ),
    onSuccess: async (answer) => {
      await onRecorded();
      const next =
        answer.outcome === 'CONCERNS_SUBSTANTIATED_ICPC'
          ? ` The initial child protection conference is due by ${dateOnly(discussion.record?.icpcDueDate)}.`
          : '';
      void navigate('..', {
        relative: 'path',
        state: {
          banner: `Outcome of the section 47 enquiry recorded: ${S47_OUTCOME_WORDS[answer.outcome]}.${next}`,
        },
      });
    },
    onError: (error) => {
      // recorded by someone else, or the record amended away from an s47 enquiry, since this
      // page read it
      if (error instanceof ApiFailure && error.error.status === 409) {
        setError('root', { type: 'server', message: error.error.message });
        setProblem(error.error.message);
        void onRecorded();
        return;
      }
      const rest = applyServerErrors(onDateBoxes(error, boxOf), setError, FIELDS, (f) => LABELS[f]);
      if (rest) setError('root', { type: 'server', message: rest });
    },
  });
  const title = 'Record the outcome of the section 47 enquiry';
  return (
    <Page title={title} error={problems.length > 0}>
      <Link to=".." relative="path" className="govuk-back-link">
        Back to the strategy discussion
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {childName} · enquiry started {dateOnly(s47StartDate)}
          </span>
          <h1 className="govuk-heading-l">{title}</h1>
          {problem && (
            <p className="govuk-body">
              <Link className="govuk-link" to=".." relative="path">
                Go to the strategy discussion
              </Link>
            </p>
          )}
          <form
            noValidate
            onSubmit={handleSubmit((values) => {
              clearErrors();
              setProblem(undefined);
              const found = check(values, s47StartDate);
              for (const [field, message] of found) setError(field, { type: 'client', message });
              if (found.length > 0) return;
              once(() =>
                save.mutateAsync({
                  concludedAt: instantOf(values.concludedAt) ?? '',
                  outcome: values.outcome as S47Outcome,
                  rationale: values.rationale.trim(),
                }),
              );
            })}
          >
            <DateInput<Form>
              name="concludedAt"
              legend="When did the enquiry conclude?"
              legendClass="govuk-fieldset__legend--m"
              hint={`Not before it started, on ${dateOnly(s47StartDate)}. For example, 27 3 2026 and 14:30 (24-hour clock, UK time)`}
              register={register}
              errors={formState.errors}
              withTime
            />
            <Radios<Form>
              name="outcome"
              label="What did the enquiry find?"
              legendClass="govuk-fieldset__legend--m"
              register={register}
              errors={formState.errors}
              choices={S47_OUTCOMES.map((o) => ({
                value: o,
                label: S47_OUTCOME_WORDS[o],
                hint: S47_OUTCOME_HINTS[o],
              }))}
            />
            <TextArea<Form>
              name="rationale"
              label="Rationale"
              labelClass="govuk-label--m"
              hint="What the enquiry found and why this outcome. Managers and inspectors read this."
              register={register}
              errors={formState.errors}
              rows={6}
              minLength={RATIONALE_MIN}
              value={watch('rationale')}
            />
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                The outcome is recorded once. A wrong outcome is corrected by a manager.
              </strong>
            </div>
            <Submit busy={save.isPending}>Record the outcome</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}
