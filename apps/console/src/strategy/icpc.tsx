import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import {
  DateInput,
  dateOf,
  instantOf,
  NO_DATE_TIME,
  onDateBoxes,
  partsOfInstant,
  type DateTimeParts,
} from '../date-input';
import { ErrorSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { applyServerErrors, dateOnly, problemsOf, Radios, Submit, useSingleFlight } from '../ui';
import { CATEGORIES, CATEGORY_WORDS, isWeekend, type AbuseCategory, type Discussion } from './words';

interface Form {
  heldAt: DateTimeParts;
  childProtectionPlan: string; // 'yes' | 'no'
  category: string;
}
type Icpc = Schema<'IcpcViewDto'>;

// the date's error is held on its first box (the api names it heldAt)
const FIELDS = ['heldAt.day', 'childProtectionPlan', 'category'] as const;
const LABELS: Record<string, string> = {
  'heldAt.day': 'The date and time it was held',
  childProtectionPlan: 'Whether it made a child protection plan',
  category: 'The category of abuse',
};
const boxOf = (field: string) => (/^heldAt(\.|$)/.test(field) ? 'heldAt.day' : undefined);

interface Limits {
  s47StartDate: string;
  concludedDate: string; // the London date the enquiry concluded
}

// the CIN census rules the api checks at entry (it checks them all again)
function check(form: Form, limits: Limits): [keyof Form | 'heldAt.day', string][] {
  const problems: [keyof Form | 'heldAt.day', string][] = [];
  const heldAt = instantOf(form.heldAt);
  const heldDate = dateOf(form.heldAt) ?? '';
  if (!heldAt)
    problems.push([
      'heldAt.day',
      'Enter the date and time of the conference, for example 27 3 2026 and 14:30',
    ]);
  else if (new Date(heldAt).getTime() > Date.now() + 60_000)
    problems.push(['heldAt.day', 'The date and time of the conference must not be in the future']);
  else if (heldDate < limits.s47StartDate)
    problems.push([
      'heldAt.day',
      `The conference cannot be before the section 47 enquiry started, on ${dateOnly(limits.s47StartDate)}`,
    ]);
  else if (heldDate < limits.concludedDate)
    problems.push([
      'heldAt.day',
      `The conference cannot be before the enquiry concluded, on ${dateOnly(limits.concludedDate)}`,
    ]);
  else if (isWeekend(heldDate))
    problems.push([
      'heldAt.day',
      'The conference cannot be on a Saturday or a Sunday: enter the day it was held',
    ]);
  if (!form.childProtectionPlan)
    problems.push(['childProtectionPlan', 'Select whether the conference made a child protection plan']);
  else if (form.childProtectionPlan === 'yes' && !form.category)
    problems.push(['category', 'Select the category of abuse the child protection plan is under']);
  return problems;
}

function bodyOf(form: Form): Schema<'RecordIcpcDto'> {
  const plan = form.childProtectionPlan === 'yes';
  return {
    heldAt: instantOf(form.heldAt) ?? '',
    childProtectionPlan: plan,
    ...(plan ? { category: form.category as AbuseCategory } : {}),
  };
}

// "Held within the target: held 7 Dec 2026, due by 14 Dec 2026" (CIN census DateOfInitialCPC
// against InitialCPCtarget, as the api judged it)
export function icpcTiming(icpc: Pick<Icpc, 'heldDate' | 'icpcDueDate' | 'heldWithinTarget'>): string {
  return `${icpc.heldWithinTarget ? 'Held within the target' : 'Held after the target'}: held ${dateOnly(icpc.heldDate)}, due by ${dateOnly(icpc.icpcDueDate)}`;
}

export const planInWords = (icpc: Pick<Icpc, 'childProtectionPlan' | 'category'>) =>
  icpc.childProtectionPlan
    ? `Yes: ${icpc.category ? CATEGORY_WORDS[icpc.category] : 'no category recorded'}`
    : 'No';

// decision 0023: the initial child protection conference (once), after an s47 outcome that
// calls one: when it was held, and whether it made a child protection plan under which category
export function IcpcForm({
  discussion,
  childName,
  onRecorded,
}: {
  discussion: Discussion;
  childName: string;
  onRecorded(): Promise<unknown>;
}) {
  // the discussion this form began from: once recorded, the read again holds the ICPC
  const [start] = useState(discussion);
  const s47StartDate = start.record?.s47StartDate;
  const concluded = start.s47Outcome;
  if (!s47StartDate || concluded?.outcome !== 'CONCERNS_SUBSTANTIATED_ICPC' || start.icpc)
    return <NotFound />;
  return (
    <ConferenceForm
      discussion={start}
      limits={{ s47StartDate, concludedDate: dateOf(partsOfInstant(concluded.concludedAt)) ?? s47StartDate }}
      childName={childName}
      onRecorded={onRecorded}
    />
  );
}

function ConferenceForm({
  discussion,
  limits,
  childName,
  onRecorded,
}: {
  discussion: Discussion;
  limits: Limits;
  childName: string;
  onRecorded(): Promise<unknown>;
}) {
  const navigate = useNavigate();
  const once = useSingleFlight();
  const [stale, setStale] = useState(false);
  const { register, formState, watch, setError, clearErrors, handleSubmit } = useForm<Form>({
    defaultValues: { heldAt: { ...NO_DATE_TIME }, childProtectionPlan: '', category: '' },
  });
  const problems = problemsOf(formState.errors);
  const plan = watch('childProtectionPlan');
  const dueDate = discussion.record?.icpcDueDate;
  const save = useMutation({
    mutationFn: (body: Schema<'RecordIcpcDto'>) =>
      unwrap(
        client.POST('/api/strategy-discussions/{id}/icpc', {
          params: { path: { id: discussion.id } },
          body,
        }),
      ),
    onSuccess: async (answer) => {
      await onRecorded();
      void navigate('..', {
        relative: 'path',
        state: {
          banner: `Initial child protection conference recorded. ${icpcTiming(answer)}. Child protection plan: ${planInWords(answer)}.`,
        },
      });
    },
    onError: (error) => {
      if (error instanceof ApiFailure && error.error.status === 409) {
        setError('root', { type: 'server', message: error.error.message });
        setStale(true);
        void onRecorded();
        return;
      }
      const rest = applyServerErrors(onDateBoxes(error, boxOf), setError, FIELDS, (f) => LABELS[f]);
      if (rest) setError('root', { type: 'server', message: rest });
    },
  });
  const title = 'Record the initial child protection conference';
  return (
    <Page title={title} error={problems.length > 0}>
      <Link to=".." relative="path" className="govuk-back-link">
        Back to the strategy discussion
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {childName} · due by {dateOnly(dueDate)}
          </span>
          <h1 className="govuk-heading-l">{title}</h1>
          <div className="govuk-inset-text" data-testid="icpc-target">
            The conference is due by {dateOnly(dueDate)}: 15 working days from the start of the section 47
            enquiry on {dateOnly(limits.s47StartDate)}.
          </div>
          {stale && (
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
              const found = check(values, limits);
              for (const [field, message] of found) setError(field, { type: 'client', message });
              if (found.length === 0) once(() => save.mutateAsync(bodyOf(values)));
            })}
          >
            <DateInput<Form>
              name="heldAt"
              legend="When was the conference held?"
              legendClass="govuk-fieldset__legend--m"
              hint={`A weekday, not before the enquiry concluded on ${dateOnly(limits.concludedDate)}. For example, 27 3 2026 and 14:30 (24-hour clock, UK time)`}
              register={register}
              errors={formState.errors}
              withTime
            />
            <Radios<Form>
              name="childProtectionPlan"
              label="Did it make a child protection plan?"
              legendClass="govuk-fieldset__legend--m"
              register={register}
              errors={formState.errors}
              checked={plan}
              choices={[
                {
                  value: 'yes',
                  label: 'Yes',
                  reveal: (
                    <Radios<Form>
                      name="category"
                      label="Under which category of abuse?"
                      hint="The initial category of abuse, as the CIN census returns it"
                      small
                      register={register}
                      errors={formState.errors}
                      choices={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_WORDS[c] }))}
                    />
                  ),
                },
                { value: 'no', label: 'No' },
              ]}
            />
            <Submit busy={save.isPending}>Record the conference</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}
