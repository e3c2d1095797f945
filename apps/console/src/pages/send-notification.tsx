import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import {
  clockOf,
  DateInput,
  dateOf,
  instantOf,
  NO_DATE,
  NO_DATE_TIME,
  onDateBoxes,
  type DateParts,
  type DateTimeParts,
} from '../date-input';
import { ErrorSummary, ProblemSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { outcomeWords, useRemember, type Notification } from '../police/notifications';
import { useSession } from '../session';
import {
  applyServerErrors,
  Checkboxes,
  dateOnly,
  fieldId,
  Input,
  problemsOf,
  Radios,
  Submit,
  SummaryList,
  TextArea,
  useSingleFlight,
  when,
} from '../ui';

type Body = Schema<'SubmitNotificationDto'>;

interface ChildForm extends DateParts {
  firstName: string;
  lastName: string;
  school: string;
  about: string[]; // present, witnessed, injured
}
interface PersonForm extends DateParts {
  firstName: string;
  lastName: string;
}
interface Form {
  policeReference: string;
  incident: DateTimeParts;
  riskTool: string;
  riskLevel: string;
  dashScore: string;
  victim: PersonForm & { pregnant: string };
  perpetrator: PersonForm & { arrested: string; parentOfChildren: string };
  relationship: string;
  children: ChildForm[];
  injuries: string;
  weaponUsed: string;
  substanceMisuse: string;
  summary: string;
  officer: { name: string; collarNumber: string };
}

const MAX_CHILDREN = 20;
const SUMMARY_MIN = 20;
const SUMMARY_MAX = 10_000;
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_.-]{2,39}$/;

// every value the api takes, in words (typed against its own lists)
const RISK_TOOLS: Record<Body['riskTool'], string> = { DASH: 'DASH', DARA: 'DARA' };
const RISK_LEVELS: Record<Body['riskLevel'], string> = {
  STANDARD: 'Standard',
  MEDIUM: 'Medium',
  HIGH: 'High',
};
const RELATIONSHIPS: Record<Body['relationship'], string> = {
  PARTNER: 'Partner',
  EX_PARTNER: 'Ex-partner',
  FAMILY: 'Family member',
  OTHER: 'Other',
};
const ABOUT = [
  { value: 'present', label: 'In the home at the time' },
  { value: 'witnessed', label: 'A witness (saw or heard it)' },
  { value: 'injured', label: 'Injured' },
];
const choices = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const YES_NO_UNKNOWN = [...YES_NO, { value: 'unknown', label: 'Not known' }];

const EMPTY_CHILD: ChildForm = { firstName: '', lastName: '', ...NO_DATE, school: '', about: [] };
const emptyForm = (officer: string): Form => ({
  policeReference: '',
  incident: { ...NO_DATE_TIME },
  riskTool: '',
  riskLevel: '',
  dashScore: '',
  victim: { firstName: '', lastName: '', ...NO_DATE, pregnant: '' },
  perpetrator: { firstName: '', lastName: '', ...NO_DATE, arrested: '', parentOfChildren: '' },
  relationship: '',
  children: [{ ...EMPTY_CHILD }],
  injuries: '',
  weaponUsed: '',
  substanceMisuse: '',
  summary: '',
  // the person signed in is usually the officer (WCAG 3.3.7: not asked again)
  officer: { name: officer, collarNumber: '' },
});

// a draft per person, kept while the session lasts (sign out clears draft:*)
const draftKey = (userId: string) => `draft:da-notification:${userId}`;
function readDraft(key: string, officer: string): Form {
  try {
    const draft = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Partial<Form> | null;
    return draft ? { ...emptyForm(officer), ...draft } : emptyForm(officer);
  } catch {
    return emptyForm(officer);
  }
}

// what an officer types is the front door's wall clock; the api takes an instant
const incidentAtOf = (form: Form) => instantOf(form.incident);

const yesNo = (value: string) => (value === 'yes' ? true : value === 'no' ? false : undefined);
const optional = <K extends string, V>(key: K, value: V | undefined | '') =>
  (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: V };

// the body the api takes: the same answers always make the same body, so sending it again is
// a replay (API.md: same reference, identical body -> 200 with the original)
function bodyOf(form: Form): Body {
  const person = (p: PersonForm) => ({
    firstName: p.firstName.trim(),
    lastName: p.lastName.trim(),
    ...optional('dateOfBirth', dateOf(p)),
  });
  return {
    policeReference: form.policeReference.trim(),
    incidentAt: incidentAtOf(form) ?? '',
    riskTool: form.riskTool as Body['riskTool'],
    riskLevel: form.riskLevel as Body['riskLevel'],
    // DASH only: a DARA notification never carries a score
    ...(form.riskTool === 'DASH'
      ? optional('dashScore', form.dashScore.trim() && Number(form.dashScore))
      : {}),
    victim: { ...person(form.victim), ...optional('pregnant', yesNo(form.victim.pregnant)) },
    perpetrator: {
      ...person(form.perpetrator),
      ...optional('arrested', yesNo(form.perpetrator.arrested)),
      ...optional('parentOfChildren', yesNo(form.perpetrator.parentOfChildren)),
    },
    relationship: form.relationship as Body['relationship'],
    children: form.children.map((c) => ({
      firstName: c.firstName.trim(),
      lastName: c.lastName.trim(),
      dateOfBirth: dateOf(c) ?? '',
      ...optional('school', c.school.trim()),
      present: c.about.includes('present'),
      witnessed: c.about.includes('witnessed'),
      injured: c.about.includes('injured'),
    })),
    injuries: form.injuries === 'yes',
    weaponUsed: form.weaponUsed === 'yes',
    ...optional('substanceMisuse', yesNo(form.substanceMisuse)),
    summary: form.summary.trim(),
    officer: {
      name: form.officer.name.trim(),
      ...optional('collarNumber', form.officer.collarNumber.trim()),
    },
  };
}

const ordinal = (i: number) => `child ${i + 1}’s`;

// the checks that save a round trip, in the order of the page; the server checks them all again
function check(form: Form, now = Date.now()): [string, string][] {
  const problems: [string, string][] = [];
  const reference = form.policeReference.trim();
  if (!reference) problems.push(['policeReference', 'Enter the police reference']);
  else if (!REFERENCE.test(reference))
    problems.push(['policeReference', 'Police reference must be 3 to 40 letters, digits or / _ . -']);

  const incidentDate = dateOf(form.incident);
  if (incidentDate === '') problems.push(['incident.day', 'Enter the date of the incident']);
  else if (!incidentDate) problems.push(['incident.day', 'Date of the incident must be a real date']);
  if (!form.incident.time.trim()) problems.push(['incident.time', 'Enter the time of the incident']);
  else if (!clockOf(form.incident.time))
    problems.push(['incident.time', 'Enter the time on the 24-hour clock, for example 23:15']);
  const incidentAt = incidentAtOf(form);
  if (incidentAt && Date.parse(incidentAt) > now + 60_000)
    problems.push(['incident.day', 'Date and time of the incident must be in the past']);

  if (!form.riskTool) problems.push(['riskTool', 'Select the risk tool used']);
  if (!form.riskLevel) problems.push(['riskLevel', 'Select the risk level']);
  if (form.riskTool === 'DASH' && form.dashScore.trim()) {
    const score = Number(form.dashScore.trim());
    if (!/^\d{1,2}$/.test(form.dashScore.trim()) || score > 27)
      problems.push(['dashScore', 'DASH score must be a whole number from 0 to 27']);
  }

  const born = (prefix: string, parts: DateParts, who: string, required: boolean) => {
    const date = dateOf(parts);
    if (date === '' && required) problems.push([`${prefix}.day`, `Enter ${who} date of birth`]);
    else if (date === undefined)
      problems.push([`${prefix}.day`, `${cap(who)} date of birth must be a real date`]);
    else if (date && incidentDate && date > incidentDate)
      problems.push([`${prefix}.day`, `${cap(who)} date of birth must be before the incident`]);
  };
  const named = (prefix: string, p: PersonForm, who: string) => {
    if (!p.firstName.trim()) problems.push([`${prefix}.firstName`, `Enter ${who} first name`]);
    if (!p.lastName.trim()) problems.push([`${prefix}.lastName`, `Enter ${who} last name`]);
  };
  named('victim', form.victim, 'the victim’s');
  born('victim', form.victim, 'the victim’s', false);
  named('perpetrator', form.perpetrator, 'the perpetrator’s');
  born('perpetrator', form.perpetrator, 'the perpetrator’s', false);
  if (!form.relationship)
    problems.push(['relationship', 'Select how the victim and the perpetrator are related']);

  form.children.forEach((c, i) => {
    named(`children.${i}`, c, ordinal(i));
    born(`children.${i}`, c, ordinal(i), true);
  });

  if (!form.injuries) problems.push(['injuries', 'Select whether anyone was injured']);
  if (!form.weaponUsed) problems.push(['weaponUsed', 'Select whether a weapon was used']);
  const summary = Array.from(form.summary.trim()).length;
  if (summary === 0) problems.push(['summary', 'Enter a summary of the incident']);
  else if (summary < SUMMARY_MIN)
    problems.push(['summary', `Summary must be at least ${SUMMARY_MIN} characters; you have ${summary}`]);
  else if (summary > SUMMARY_MAX)
    problems.push(['summary', `Summary must be ${SUMMARY_MAX} characters or fewer; you have ${summary}`]);
  if (!form.officer.name.trim()) problems.push(['officer.name', 'Enter the officer’s name']);
  return problems;
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// the api's field names onto the form's (a date is three boxes; its error sits on the first)
function formField(field: string): string {
  if (field === 'incidentAt') return 'incident.day';
  return field.replace(/^((?:children\.\d+)|victim|perpetrator)\.dateOfBirth$/, '$1.day');
}
function fieldsOf(form: Form): string[] {
  return [
    'policeReference',
    'incident.day',
    'riskTool',
    'riskLevel',
    'dashScore',
    ...['victim', 'perpetrator'].flatMap((p) => [`${p}.firstName`, `${p}.lastName`, `${p}.day`]),
    'victim.pregnant',
    'perpetrator.arrested',
    'perpetrator.parentOfChildren',
    'relationship',
    ...form.children.flatMap((_, i) =>
      ['firstName', 'lastName', 'day', 'school'].map((f) => `children.${i}.${f}`),
    ),
    'injuries',
    'weaponUsed',
    'substanceMisuse',
    'summary',
    'officer.name',
    'officer.collarNumber',
  ];
}
const LABELS: Record<string, string> = {
  policeReference: 'Police reference',
  'incident.day': 'Date and time of the incident',
  dashScore: 'DASH score',
  summary: 'Summary',
};
const spaced = (name: string) => name.replace(/([A-Z])/g, ' $1').toLowerCase();
// "children.1.day" -> "Child 2’s date of birth", "victim.firstName" -> "The victim’s first name"
function labelOf(field: string): string {
  if (LABELS[field]) return LABELS[field];
  const [head, ...rest] = field.split('.');
  if (rest.length === 0) return cap(spaced(head));
  const who = head === 'children' ? `Child ${Number(rest.shift()) + 1}’s` : `The ${spaced(head)}’s`;
  const what = rest.join('.');
  return `${who} ${what === 'day' ? 'date of birth' : spaced(what)}`;
}

interface Sent {
  notification: Notification;
  replay: boolean; // the same notification sent again: the api answered with the original
}

// issue 16 item 5, P2: send a DA notification -> check answers -> confirmation
export function SendNotification() {
  const { me } = useSession();
  const key = draftKey(me?.user.id ?? '');
  const officer = me?.user.name ?? '';
  const form = useForm<Form>({ defaultValues: readDraft(key, officer) });
  const [sent, setSent] = useState<Sent>();
  const values = form.watch();
  useEffect(() => {
    if (!sent) sessionStorage.setItem(key, JSON.stringify(values));
  }, [key, values, sent]);
  return (
    <Routes>
      <Route index element={<Questions form={form} />} />
      <Route
        path="check"
        element={
          <CheckAnswers
            form={form}
            onSent={(answer) => {
              sessionStorage.removeItem(key);
              setSent(answer);
            }}
          />
        }
      />
      <Route
        path="done"
        element={
          <Done
            sent={sent}
            again={() => {
              setSent(undefined);
              form.reset(emptyForm(officer));
            }}
          />
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function ChildFields({ form, index, count }: { form: UseFormReturn<Form>; index: number; count: number }) {
  const { register, formState } = form;
  const errors = formState.errors;
  const prefix = `children.${index}` as const;
  return (
    <fieldset className="govuk-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
        {count > 1 ? `Child ${index + 1}` : 'Child'}
      </legend>
      <Input<Form>
        name={`${prefix}.firstName`}
        label="First name"
        autoComplete="off"
        register={register}
        errors={errors}
      />
      <Input<Form>
        name={`${prefix}.lastName`}
        label="Last name"
        autoComplete="off"
        register={register}
        errors={errors}
      />
      <DateInput<Form>
        name={prefix}
        legend="Date of birth"
        hint="For example, 27 3 2017"
        register={register}
        errors={errors}
      />
      <Input<Form>
        name={`${prefix}.school`}
        label="School or nursery (optional)"
        hint="Operation Encompass: the school is told before the next school day starts"
        autoComplete="off"
        register={register}
        errors={errors}
      />
      <Checkboxes<Form>
        name={`${prefix}.about`}
        label="During the incident, the child was"
        hint="Select all that apply"
        small
        register={register}
        errors={errors}
        choices={ABOUT}
      />
    </fieldset>
  );
}

function Questions({ form }: { form: UseFormReturn<Form> }) {
  const navigate = useNavigate();
  const { hash } = useLocation();
  const { register, formState, watch, setError, clearErrors, handleSubmit, control } = form;
  const children = useFieldArray({ control, name: 'children' });
  const errors = formState.errors;
  const problems = problemsOf(errors);
  const [riskTool, summary] = watch(['riskTool', 'summary']);
  const add = useRef<HTMLButtonElement>(null);
  // on arrival from check answers: a Change link's field, or the problems the server found
  // (after the page's own focus on its heading, which runs first)
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
    } else if (problemsOf(form.formState.errors).length > 0) {
      document.querySelector<HTMLElement>('.govuk-error-summary')?.focus();
    }
  }, [hash, form]);
  return (
    <Page title="Send a DA notification" error={problems.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">Domestic abuse</span>
          <h1 className="govuk-heading-l">Send a DA notification</h1>
          <p className="govuk-body">
            For an incident in a household with children. The front door triages it; schools are told under
            Operation Encompass.
          </p>
          <form
            noValidate
            onSubmit={handleSubmit((body) => {
              clearErrors();
              const found = check(body);
              for (const [field, message] of found) setError(field as never, { type: 'client', message });
              if (found.length === 0) void navigate('check');
            })}
          >
            <h2 className="govuk-heading-m">Incident</h2>
            <Input<Form>
              name="policeReference"
              label="Police reference"
              hint="Your force’s incident reference, for example CLE/26/001234"
              width="20"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <DateInput<Form>
              name="incident"
              legend="Date of the incident"
              hint="For example, 23 11 2026"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="incident.time"
              label="Time of the incident"
              hint="On the 24-hour clock, for example 23:15"
              width="5"
              autoComplete="off"
              register={register}
              errors={errors}
            />

            <h2 className="govuk-heading-m">Risk</h2>
            <Radios<Form>
              name="riskTool"
              label="Which risk tool did you use?"
              register={register}
              errors={errors}
              checked={riskTool}
              choices={[
                {
                  value: 'DASH',
                  label: 'DASH',
                  hint: 'Domestic Abuse, Stalking and Harassment and Honour Based Violence risk checklist',
                  reveal: (
                    <Input<Form>
                      name="dashScore"
                      label="DASH score (optional)"
                      hint="The number of questions answered yes, from 0 to 27"
                      inputMode="numeric"
                      width="2"
                      autoComplete="off"
                      register={register}
                      errors={errors}
                    />
                  ),
                },
                { value: 'DARA', label: 'DARA', hint: 'Domestic Abuse Risk Assessment' },
              ]}
            />
            <Radios<Form>
              name="riskLevel"
              label="Risk level"
              register={register}
              errors={errors}
              choices={choices(RISK_LEVELS)}
            />

            <h2 className="govuk-heading-m">Victim</h2>
            <Input<Form>
              name="victim.firstName"
              label="First name"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="victim.lastName"
              label="Last name"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <DateInput<Form>
              name="victim"
              legend="Date of birth (optional)"
              hint="For example, 27 3 1990"
              register={register}
              errors={errors}
            />
            <Radios<Form>
              name="victim.pregnant"
              label="Is the victim pregnant? (optional)"
              small
              register={register}
              errors={errors}
              choices={YES_NO_UNKNOWN}
            />

            <h2 className="govuk-heading-m">Perpetrator</h2>
            <Input<Form>
              name="perpetrator.firstName"
              label="First name"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="perpetrator.lastName"
              label="Last name"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <DateInput<Form>
              name="perpetrator"
              legend="Date of birth (optional)"
              hint="For example, 27 3 1988"
              register={register}
              errors={errors}
            />
            <Radios<Form>
              name="perpetrator.arrested"
              label="Was the perpetrator arrested? (optional)"
              small
              register={register}
              errors={errors}
              choices={YES_NO}
            />
            <Radios<Form>
              name="perpetrator.parentOfChildren"
              label="Is the perpetrator a parent of the children? (optional)"
              small
              register={register}
              errors={errors}
              choices={YES_NO_UNKNOWN}
            />

            <h2 className="govuk-heading-m">Relationship</h2>
            <Radios<Form>
              name="relationship"
              label="How is the perpetrator related to the victim?"
              register={register}
              errors={errors}
              choices={choices(RELATIONSHIPS)}
            />

            <h2 className="govuk-heading-m" id="children" tabIndex={-1}>
              Children
            </h2>
            <p className="govuk-body">
              Every child in the household, up to {MAX_CHILDREN}, whether or not they were there.
            </p>
            {children.fields.map((field, index) => (
              <div key={field.id} className="fd-add-another">
                <ChildFields form={form} index={index} count={children.fields.length} />
                {children.fields.length > 1 && (
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    onClick={() => {
                      children.remove(index);
                      requestAnimationFrame(() => add.current?.focus());
                    }}
                  >
                    Remove<span className="govuk-visually-hidden"> child {index + 1}</span>
                  </button>
                )}
              </div>
            ))}
            {children.fields.length < MAX_CHILDREN ? (
              <button
                type="button"
                ref={add}
                className="govuk-button govuk-button--secondary"
                onClick={() => children.append({ ...EMPTY_CHILD })}
              >
                Add another child
              </button>
            ) : (
              <p className="govuk-inset-text">
                You have named {MAX_CHILDREN} children, the most one notification takes.
              </p>
            )}

            <h2 className="govuk-heading-m">What happened</h2>
            <Radios<Form>
              name="injuries"
              label="Was anyone injured?"
              small
              register={register}
              errors={errors}
              choices={YES_NO}
            />
            <Radios<Form>
              name="weaponUsed"
              label="Was a weapon used?"
              small
              register={register}
              errors={errors}
              choices={YES_NO}
            />
            <Radios<Form>
              name="substanceMisuse"
              label="Was alcohol or drug misuse a factor? (optional)"
              small
              register={register}
              errors={errors}
              choices={YES_NO_UNKNOWN}
            />

            <h2 className="govuk-heading-m">Summary</h2>
            <TextArea<Form>
              name="summary"
              label="Summary of the incident"
              hint="What happened, who was there, what the children saw or heard, and what officers did"
              rows={8}
              minLength={SUMMARY_MIN}
              value={summary}
              register={register}
              errors={errors}
            />

            <h2 className="govuk-heading-m">Officer</h2>
            <Input<Form>
              name="officer.name"
              label="Officer’s name"
              autoComplete="name"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="officer.collarNumber"
              label="Collar number (optional)"
              width="10"
              autoComplete="off"
              register={register}
              errors={errors}
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

const answer = (value: string) => (value === 'yes' ? 'Yes' : value === 'no' ? 'No' : 'Not known');
const timeText = (form: Form) => clockOf(form.incident.time) ?? form.incident.time;

function CheckAnswers({ form, onSent }: { form: UseFormReturn<Form>; onSent(sent: Sent): void }) {
  const navigate = useNavigate();
  const remember = useRemember();
  const values = form.getValues();
  const [problem, setProblem] = useState<string>();
  const once = useSingleFlight();
  const send = useMutation({
    mutationFn: async () => {
      const result = await client.POST('/api/da-notifications', { body: bodyOf(values) });
      const notification = await unwrap(result);
      return { notification, replay: result.response.status === 200 };
    },
    onSuccess: (answer) => {
      remember(answer.notification);
      onSent(answer);
      void navigate('../done', { relative: 'path' });
    },
    onError: (error) => {
      if (error instanceof ApiFailure && error.error.code === 'DUPLICATE_REFERENCE') {
        form.setError('policeReference', {
          type: 'server',
          message: 'A different notification with this reference has already been sent',
        });
        void navigate('..', { relative: 'path' });
        return;
      }
      const rest = applyServerErrors(onDateBoxes(error, formField), form.setError, fieldsOf(values), labelOf);
      if (problemsOf(form.formState.errors).length > 0) void navigate('..', { relative: 'path' });
      else setProblem(rest ?? (error instanceof Error ? error.message : 'The notification was not sent'));
    },
  });
  if (check(values).length > 0) {
    return (
      <Page title="Check your answers">
        <h1 className="govuk-heading-l">Check your answers</h1>
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
  const rows = (list: [string, string, string][], testId?: string) => (
    <dl className="govuk-summary-list govuk-!-margin-bottom-9" data-testid={testId}>
      {list.map(([key, value, field]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value fd-preserve-lines">{value}</dd>
          <dd className="govuk-summary-list__actions">{change(field, key.toLowerCase())}</dd>
        </div>
      ))}
    </dl>
  );
  const born = (p: DateParts) => (dateOf(p) ? dateOnly(dateOf(p)) : 'Not given');
  const person = (prefix: 'victim' | 'perpetrator', p: PersonForm): [string, string, string][] => [
    ['Name', `${p.firstName} ${p.lastName}`, `${prefix}.firstName`],
    ['Date of birth', born(p), `${prefix}.day`],
  ];
  return (
    <Page title="Check your answers before sending the notification">
      <Link to=".." relative="path" className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ProblemSummary problem={problem} />
          <h1 className="govuk-heading-l">Check your answers before sending the notification</h1>
          <h2 className="govuk-heading-m">Incident</h2>
          {rows([
            ['Police reference', values.policeReference.trim(), 'policeReference'],
            ['Date and time', `${dateOnly(dateOf(values.incident))} at ${timeText(values)}`, 'incident.day'],
          ])}
          <h2 className="govuk-heading-m">Risk</h2>
          {rows([
            ['Risk tool', RISK_TOOLS[values.riskTool as Body['riskTool']], 'riskTool'],
            ...(values.riskTool === 'DASH'
              ? ([['DASH score', values.dashScore.trim() || 'Not given', 'dashScore']] as [
                  string,
                  string,
                  string,
                ][])
              : []),
            ['Risk level', RISK_LEVELS[values.riskLevel as Body['riskLevel']], 'riskLevel'],
          ])}
          <h2 className="govuk-heading-m">Victim</h2>
          {rows([
            ...person('victim', values.victim),
            ['Pregnant', answer(values.victim.pregnant), 'victim.pregnant'],
          ])}
          <h2 className="govuk-heading-m">Perpetrator</h2>
          {rows([
            ...person('perpetrator', values.perpetrator),
            ['Arrested', answer(values.perpetrator.arrested), 'perpetrator.arrested'],
            [
              'A parent of the children',
              answer(values.perpetrator.parentOfChildren),
              'perpetrator.parentOfChildren',
            ],
            [
              'Relationship to the victim',
              RELATIONSHIPS[values.relationship as Body['relationship']],
              'relationship',
            ],
          ])}
          <h2 className="govuk-heading-m">
            {values.children.length === 1 ? 'Child' : `Children (${values.children.length})`}
          </h2>
          {values.children.map((c, i) => (
            <div className="govuk-summary-card" key={i} data-testid="check-child">
              <div className="govuk-summary-card__title-wrapper">
                <h3 className="govuk-summary-card__title">
                  {c.firstName} {c.lastName}
                </h3>
                <ul className="govuk-summary-card__actions">
                  <li className="govuk-summary-card__action">
                    {change(`children.${i}.firstName`, `${c.firstName} ${c.lastName}`)}
                  </li>
                </ul>
              </div>
              <div className="govuk-summary-card__content">
                <SummaryList
                  rows={[
                    ['Date of birth', born(c)],
                    ['School or nursery', c.school.trim() || 'Not given'],
                    [
                      'During the incident',
                      ABOUT.filter((a) => c.about.includes(a.value))
                        .map((a) => a.label)
                        .join(', ') || 'Not in the home, not a witness, not injured',
                    ],
                  ]}
                />
              </div>
            </div>
          ))}
          <h2 className="govuk-heading-m">What happened</h2>
          {rows([
            ['Anyone injured', answer(values.injuries), 'injuries'],
            ['Weapon used', answer(values.weaponUsed), 'weaponUsed'],
            ['Alcohol or drug misuse', answer(values.substanceMisuse), 'substanceMisuse'],
            ['Summary', values.summary.trim(), 'summary'],
          ])}
          <h2 className="govuk-heading-m">Officer</h2>
          {rows([
            ['Name', values.officer.name.trim(), 'officer.name'],
            ['Collar number', values.officer.collarNumber.trim() || 'Not given', 'officer.collarNumber'],
          ])}
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              once(() => send.mutateAsync());
            }}
          >
            <Submit busy={send.isPending}>Send notification</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}

function Done({ sent, again }: { sent: Sent | undefined; again(): void }) {
  const navigate = useNavigate();
  if (!sent) return <NotFound />;
  const n = sent.notification;
  // the schools' notifications by the time each is due: "due Wed 25 Nov 08:30 for: …"
  const due = new Map<string, Notification['encompass']>();
  for (const e of n.encompass) due.set(e.dueAt, [...(due.get(e.dueAt) ?? []), e]);
  return (
    <Page title="Notification received">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation" data-testid="notification-done">
            <h1 className="govuk-panel__title">Notification received</h1>
            <div className="govuk-panel__body">
              Police reference
              <br />
              <strong>{n.policeReference}</strong>
            </div>
          </div>
          {sent.replay && (
            <div className="govuk-inset-text" data-testid="replay">
              This notification was already received {when(n.receivedAt)}. Nothing was sent twice: this is its
              confirmation.
            </div>
          )}
          <h2 className="govuk-heading-m">What happens next</h2>
          {n.triage ? (
            <p className="govuk-body" data-testid="triage-due">
              The front door has triaged it: {outcomeWords(n.triage.outcome)}.
            </p>
          ) : (
            <p className="govuk-body" data-testid="triage-due">
              The front door will triage it by{' '}
              <strong>
                <time dateTime={n.triageDueAt}>{when(n.triageDueAt)}</time>
              </strong>
              .
            </p>
          )}
          <h2 className="govuk-heading-m">Operation Encompass</h2>
          {n.encompass.length === 0 ? (
            <p className="govuk-body">
              No school notifications are due: no child is of school age or has a school named.
            </p>
          ) : (
            [...due.entries()].map(([at, list]) => (
              <div key={at} data-testid="encompass-due">
                <p className="govuk-body">
                  School notifications (Operation Encompass) due{' '}
                  <strong>
                    <time dateTime={at}>{when(at)}</time>
                  </strong>{' '}
                  for:
                </p>
                <ul className="govuk-list govuk-list--bullet">
                  {list.map((e) => (
                    <li key={e.id}>
                      {e.childName}
                      {e.school ? `, ${e.school}` : ', school not named'}
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
          <ul className="govuk-list">
            <li>
              <Link className="govuk-link" to={`/da-notifications/${n.id}`}>
                Follow this notification
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/da-notifications">
                Your force’s notifications
              </Link>
            </li>
            <li>
              <button
                type="button"
                className="govuk-link fd-link-button"
                onClick={() => {
                  again();
                  void navigate('/da-notifications/new');
                }}
              >
                Send another notification
              </button>
            </li>
          </ul>
        </div>
      </div>
    </Page>
  );
}
