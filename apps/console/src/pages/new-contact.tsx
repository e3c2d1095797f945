import { useEffect, useRef, useState } from 'react';
import { useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { DateInput, dateOf, NO_DATE, type DateParts } from '../date-input';
import { ErrorSummary, ProblemSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { ThresholdGuidance } from '../partner/threshold-guidance';
import { useSession } from '../session';
import {
  applyServerErrors,
  Checkboxes,
  dateOnly,
  fieldId,
  Input,
  problemsOf,
  Radios,
  Select,
  Submit,
  SummaryList,
  TextArea,
  SOURCES,
  words,
} from '../ui';

type CreateContact = Schema<'CreateContactDto'>;
type Created = Pick<Schema<'PartnerContactDto'>, 'id' | 'reference' | 'householdId'>;

interface ChildForm extends DateParts {
  firstName: string;
  lastName: string;
  unborn: boolean;
  sex: string;
  nhsNumber: string;
  school: string;
}

interface Form {
  referrer: { name: string; organisation: string; role: string; phone: string; email: string };
  source: string;
  child: ChildForm & { address: string; postcode: string };
  siblings: ChildForm[];
  whatHappened: string;
  whatDone: string;
  childViews: string;
  categories: string[];
  injury: string;
  immediateRisk: string;
  consent: { status: string; reason: string };
  rag: string;
  ragReason: string;
  // one key per child, made when the answers are first checked and kept with the draft, so a
  // double click or a retry replays the contact rather than making a second one
  keys: string[];
}

// every category the api takes, in words: typed against the api's own list, so one it adds
// and this lacks fails the build
const CATEGORY_WORDS: Record<CreateContact['categories'][number], string> = {
  NEGLECT: 'Neglect',
  PHYSICAL_ABUSE: 'Physical abuse',
  SEXUAL_ABUSE: 'Sexual abuse',
  EMOTIONAL_ABUSE: 'Emotional abuse',
  DOMESTIC_ABUSE: 'Domestic abuse',
  CSE: 'Child sexual exploitation',
  CCE: 'Child criminal exploitation',
  MISSING: 'Missing',
  FGM: 'Female genital mutilation',
  SELF_HARM: 'Self harm',
  MENTAL_HEALTH: 'Mental health',
  SUBSTANCE_MISUSE: 'Substance misuse',
  HOMELESS_16_17: 'Homeless, aged 16 or 17',
  RADICALISATION: 'Radicalisation',
  DISABILITY: 'Disability',
  OTHER: 'Other',
};
const CATEGORIES = Object.keys(CATEGORY_WORDS) as (keyof typeof CATEGORY_WORDS)[];
const CONSENT = [
  { value: 'GIVEN', label: 'Yes, the family agreed' },
  { value: 'NOT_SOUGHT', label: 'No, I did not ask' },
  { value: 'REFUSED', label: 'No, the family refused' },
  { value: 'OVERRIDDEN', label: 'No, consent was overridden' },
];

const EMPTY_CHILD: ChildForm = {
  firstName: '',
  lastName: '',
  unborn: false,
  ...NO_DATE,
  sex: '',
  nhsNumber: '',
  school: '',
};
const ABOUT_YOU = 'about-you';
const draftKey = (userId: string) => `draft:new-contact:${userId}`;

// what the referrer wrote, in the three questions a good referral answers, as one text
function concernsText(form: Form): string {
  return [
    ['What happened', form.whatHappened],
    ['What the referrer has done', form.whatDone],
    ['The child’s views', form.childViews],
  ]
    .filter(([, text]) => text.trim())
    .map(([question, text]) => `${question}:\n${text.trim()}`)
    .join('\n\n');
}

function bodyFor(
  form: Form,
  child: ChildForm,
  householdId: string | undefined,
  staff: boolean,
): CreateContact {
  const date = dateOf(child);
  const main = form.child;
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    source: form.source as CreateContact['source'],
    ...(householdId ? { householdId } : {}),
    referrer: {
      name: form.referrer.name,
      organisation: form.referrer.organisation,
      role: optional(form.referrer.role),
      phone: optional(form.referrer.phone),
      email: optional(form.referrer.email),
    },
    child: {
      firstName: child.firstName,
      lastName: child.lastName,
      ...(date ? (child.unborn ? { expectedDateOfBirth: date } : { dateOfBirth: date }) : {}),
      sex: (optional(child.sex) as 'M' | 'F' | 'U' | undefined) ?? undefined,
      nhsNumber: optional(child.nhsNumber.replace(/\s/g, '')),
      school: optional(child.school),
      // siblings share the household's address
      address: optional(main.address),
      postcode: optional(main.postcode),
    },
    concerns: concernsText(form),
    categories: form.categories as CreateContact['categories'],
    injury: form.injury === 'yes',
    immediateRisk: form.immediateRisk === 'yes',
    consent: {
      status: form.consent.status as CreateContact['consent']['status'],
      ...(form.consent.status !== 'GIVEN' ? { reason: form.consent.reason } : {}),
    },
    ...(staff && form.rag
      ? { rag: form.rag as CreateContact['rag'], ragReason: optional(form.ragReason) }
      : {}),
  };
}

function emptyForm(name: string, organisation: string, aboutYou: Form['referrer'] | undefined): Form {
  return {
    referrer: aboutYou ?? { name, organisation, role: '', phone: '', email: '' },
    source: '',
    child: { ...EMPTY_CHILD, address: '', postcode: '' },
    siblings: [],
    whatHappened: '',
    whatDone: '',
    childViews: '',
    categories: [],
    injury: '',
    immediateRisk: '',
    consent: { status: '', reason: '' },
    rag: '',
    ragReason: '',
    keys: [],
  };
}

// issue 15 screen 4: make a referral (a partner) or record a contact (MACH staff)
export function NewContact() {
  const { me } = useSession();
  const userId = me?.user.id ?? '';
  const staff = me?.user.role === 'SCREENER' || me?.user.role === 'MANAGER';
  const start = () => {
    // "About you" carries over from this person's last referral in this session (WCAG 3.3.7)
    const last = sessionStorage.getItem(`${ABOUT_YOU}:${userId}`);
    return emptyForm(
      me?.user.name ?? '',
      me?.user.agency.name ?? '',
      last ? (JSON.parse(last) as Form['referrer']) : undefined,
    );
  };
  const form = useForm<Form>({
    defaultValues: (() => {
      const draft = sessionStorage.getItem(draftKey(userId));
      return draft ? ({ ...start(), ...(JSON.parse(draft) as Partial<Form>) } as Form) : start();
    })(),
  });
  const [created, setCreated] = useState<Created[]>();
  const values = form.watch();
  useEffect(() => {
    if (!created) sessionStorage.setItem(draftKey(userId), JSON.stringify(values));
  }, [userId, values, created]);
  const finished = (answers: Created[]) => {
    sessionStorage.removeItem(draftKey(userId));
    sessionStorage.setItem(`${ABOUT_YOU}:${userId}`, JSON.stringify(form.getValues('referrer')));
    setCreated(answers);
  };
  const again = () => {
    setCreated(undefined);
    form.reset(start());
  };
  const title = staff ? 'Record a contact' : 'Make a referral';
  return (
    <Routes>
      <Route index element={<Questions title={title} form={form} staff={staff} />} />
      <Route path="check" element={<Check title={title} form={form} staff={staff} onCreated={finished} />} />
      <Route path="done" element={<Done created={created} staff={staff} again={again} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function ChildFields({
  form,
  prefix,
  legend,
}: {
  form: UseFormReturn<Form>;
  prefix: 'child' | `siblings.${number}`;
  legend: string;
}) {
  const { register, formState, watch } = form;
  const errors = formState.errors;
  const unborn = watch(`${prefix}.unborn`);
  return (
    <fieldset className="govuk-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
      <Input<Form>
        name={`${prefix}.firstName`}
        label="First name"
        register={register}
        errors={errors}
        autoComplete="off"
      />
      <Input<Form>
        name={`${prefix}.lastName`}
        label="Last name"
        register={register}
        errors={errors}
        autoComplete="off"
      />
      <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={fieldId(`${prefix}.unborn`)}
            type="checkbox"
            {...register(`${prefix}.unborn`)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={fieldId(`${prefix}.unborn`)}>
            The child is not born yet
          </label>
        </div>
      </div>
      <DateInput<Form>
        name={prefix}
        legend={unborn ? 'Expected date of birth' : 'Date of birth'}
        legendClass=""
        hint="For example, 27 3 2017. Leave it blank if you do not know it."
        register={register}
        errors={errors}
      />
      <Radios<Form>
        name={`${prefix}.sex`}
        label="Sex (optional)"
        small
        register={register}
        errors={errors}
        choices={[
          { value: 'F', label: 'Female' },
          { value: 'M', label: 'Male' },
          { value: 'U', label: 'Not known' },
        ]}
      />
      <Input<Form>
        name={`${prefix}.nhsNumber`}
        label="NHS number (optional)"
        hint="10 digits, for example 485 777 3456"
        inputMode="numeric"
        width="10"
        register={register}
        errors={errors}
      />
      <Input<Form>
        name={`${prefix}.school`}
        label="School or nursery (optional)"
        register={register}
        errors={errors}
      />
    </fieldset>
  );
}

// the checks that save a round trip; the server checks everything again
function check(form: Form): [string, string][] {
  const problems: [string, string][] = [];
  const r = form.referrer;
  if (!r.name.trim()) problems.push(['referrer.name', 'Enter your name']);
  if (!r.organisation.trim()) problems.push(['referrer.organisation', 'Enter your organisation']);
  if (!form.source) problems.push(['source', 'Select who is making the referral']);
  const children: [string, ChildForm][] = [
    ['child', form.child],
    ...form.siblings.map((s, i) => [`siblings.${i}`, s] as [string, ChildForm]),
  ];
  for (const [prefix, c] of children) {
    if (!c.firstName.trim()) problems.push([`${prefix}.firstName`, 'Enter the child’s first name']);
    if (!c.lastName.trim()) problems.push([`${prefix}.lastName`, 'Enter the child’s last name']);
    if (dateOf(c) === undefined)
      problems.push([`${prefix}.day`, 'Enter a real date, with a day, month and year']);
    const nhs = c.nhsNumber.replace(/\s/g, '');
    if (nhs && !/^\d{10}$/.test(nhs)) problems.push([`${prefix}.nhsNumber`, 'An NHS number is 10 digits']);
  }
  if (!form.whatHappened.trim()) problems.push(['whatHappened', 'Say what happened']);
  else if (concernsText(form).length < 20) problems.push(['whatHappened', 'Say more about what happened']);
  if (form.categories.length === 0) problems.push(['categories', 'Select at least one kind of concern']);
  if (!form.injury) problems.push(['injury', 'Select whether the child is injured']);
  if (!form.immediateRisk) problems.push(['immediateRisk', 'Select whether the child is at immediate risk']);
  if (!form.consent.status)
    problems.push(['consent.status', 'Select whether the family agreed to this referral']);
  else if (form.consent.status !== 'GIVEN' && form.consent.reason.trim().length < 5)
    problems.push(['consent.reason', 'Say why consent was not given (at least 5 characters)']);
  return problems;
}

function Questions({ title, form, staff }: { title: string; form: UseFormReturn<Form>; staff: boolean }) {
  const navigate = useNavigate();
  const { register, formState, watch, setError, clearErrors, handleSubmit, control } = form;
  const siblings = useFieldArray({ control, name: 'siblings' });
  const errors = formState.errors;
  const problems = problemsOf(errors);
  const [consent, whatHappened] = watch(['consent.status', 'whatHappened']);
  return (
    <Page title={title} error={problems.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <h1 className="govuk-heading-l">{title}</h1>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              If a child is in immediate danger, call 999.
            </strong>
          </div>
          <form
            noValidate
            onSubmit={handleSubmit((body) => {
              clearErrors();
              const found = check(body);
              for (const [field, message] of found) setError(field as never, { type: 'client', message });
              if (found.length === 0) void navigate('check');
            })}
          >
            <h2 className="govuk-heading-m">About you</h2>
            <Input<Form>
              name="referrer.name"
              label="Your name"
              autoComplete="name"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="referrer.organisation"
              label="Organisation"
              autoComplete="organization"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="referrer.role"
              label="Your role (optional)"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="referrer.phone"
              label="Phone (optional)"
              type="tel"
              autoComplete="tel"
              width="20"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="referrer.email"
              label="Email (optional)"
              type="email"
              autoComplete="email"
              register={register}
              errors={errors}
            />
            <Select<Form>
              name="source"
              label="Who is making the referral"
              hint="The kind of referrer, as the children in need census counts it"
              register={register}
              errors={errors}
              choices={SOURCES.map(([value, label]) => ({ value, label }))}
            />

            <h2 className="govuk-heading-m">The child</h2>
            <ChildFields form={form} prefix="child" legend="The child this referral is about" />
            <Input<Form>
              name="child.address"
              label="Address (optional)"
              autoComplete="off"
              register={register}
              errors={errors}
            />
            <Input<Form>
              name="child.postcode"
              label="Postcode (optional)"
              width="10"
              autoComplete="off"
              register={register}
              errors={errors}
            />

            <h2 className="govuk-heading-m">Other children in the household</h2>
            <p className="govuk-body">
              Add brothers, sisters and other children who live there: each gets a contact of their own, with
              the same referral.
            </p>
            {siblings.fields.map((field, index) => (
              <div key={field.id} className="fd-add-another">
                <ChildFields form={form} prefix={`siblings.${index}`} legend={`Child ${index + 2}`} />
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => siblings.remove(index)}
                >
                  Remove<span className="govuk-visually-hidden"> child {index + 2}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => siblings.append({ ...EMPTY_CHILD })}
            >
              Add another child
            </button>

            <h2 className="govuk-heading-m">The concern</h2>
            {!staff && <ThresholdGuidance />}
            <TextArea<Form>
              name="whatHappened"
              label="What happened"
              hint="What you saw or were told, when, and by whom. Use the child’s words where you can."
              register={register}
              errors={errors}
              rows={6}
              minLength={20}
              value={whatHappened}
            />
            <TextArea<Form>
              name="whatDone"
              label="What have you done so far? (optional)"
              hint="For example, who you have spoken to and what support is in place"
              register={register}
              errors={errors}
              rows={3}
            />
            <TextArea<Form>
              name="childViews"
              label="What does the child say they want? (optional)"
              register={register}
              errors={errors}
              rows={3}
            />
            <Checkboxes<Form>
              name="categories"
              label="What kind of concern is it?"
              hint="Select all that apply"
              small
              register={register}
              errors={errors}
              choices={CATEGORIES.map((c) => ({
                value: c,
                label: CATEGORY_WORDS[c as keyof typeof CATEGORY_WORDS] ?? words(c),
              }))}
            />
            <Radios<Form>
              name="injury"
              label="Is the child injured?"
              small
              register={register}
              errors={errors}
              choices={[
                { value: 'yes', label: 'Yes' },
                { value: 'no', label: 'No' },
              ]}
            />
            <Radios<Form>
              name="immediateRisk"
              label="Is the child at immediate risk of harm?"
              small
              register={register}
              errors={errors}
              choices={[
                { value: 'yes', label: 'Yes' },
                { value: 'no', label: 'No' },
              ]}
            />

            <h2 className="govuk-heading-m">Consent</h2>
            <Radios<Form>
              name="consent.status"
              label="Did the family agree to this referral?"
              register={register}
              errors={errors}
              checked={consent}
              choices={CONSENT.map((c) => ({
                ...c,
                reveal:
                  c.value === 'GIVEN' ? undefined : (
                    <TextArea<Form>
                      name="consent.reason"
                      label="Why not?"
                      register={register}
                      errors={errors}
                      rows={3}
                    />
                  ),
              }))}
            />
            {staff && (
              <>
                <h2 className="govuk-heading-m">RAG rating (optional)</h2>
                <Radios<Form>
                  name="rag"
                  label="Rate it yourself instead of the suggested rating"
                  small
                  register={register}
                  errors={errors}
                  choices={[
                    { value: '', label: 'Use the suggested rating' },
                    { value: 'RED', label: 'RED' },
                    { value: 'AMBER', label: 'AMBER' },
                    { value: 'GREEN', label: 'GREEN' },
                  ]}
                />
                <TextArea<Form>
                  name="ragReason"
                  label="Reason for the rating (when it differs from the suggestion)"
                  register={register}
                  errors={errors}
                  rows={2}
                />
              </>
            )}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue
            </button>
          </form>
        </div>
      </div>
    </Page>
  );
}

function Check({
  title,
  form,
  staff,
  onCreated,
}: {
  title: string;
  form: UseFormReturn<Form>;
  staff: boolean;
  onCreated(created: Created[]): void;
}) {
  const navigate = useNavigate();
  const values = form.getValues();
  const children = [values.child, ...values.siblings];
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const [problem, setProblem] = useState<string>();
  // the keys are made once, when the answers are first checked, and kept with the draft
  useEffect(() => {
    const keys = form.getValues('keys');
    if (keys.length !== children.length) {
      form.setValue(
        'keys',
        children.map((_, i) => keys[i] ?? crypto.randomUUID()),
      );
    }
  }, [form, children.length]);
  if (!values.referrer.name || !values.child.firstName) {
    return (
      <Page title={title}>
        <p className="govuk-body">
          <Link className="govuk-link" to="..">
            Start again
          </Link>
        </p>
      </Page>
    );
  }
  const send = async () => {
    // a second press before the button shows it is busy sends nothing (and were it sent, the
    // Idempotency-Key would replay the first answer)
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setProblem(undefined);
    const keys = form.getValues('keys');
    const created: Created[] = [];
    try {
      let householdId: string | undefined;
      for (const [index, child] of children.entries()) {
        const answer = await unwrap(
          client.POST('/api/contacts', {
            body: bodyFor(values, child, householdId, staff),
            params: { header: { 'Idempotency-Key': keys[index] } },
          }),
        );
        householdId = answer.householdId;
        created.push(answer);
      }
      onCreated(created);
      void navigate('../done', { relative: 'path' });
    } catch (error) {
      if (error instanceof ApiFailure && error.error.code === 'IDEMPOTENCY_KEY_REUSED') {
        setProblem('This form was already sent with different answers. Start again.');
      } else {
        const rest = applyServerErrors(error, form.setError, [
          'referrer',
          'source',
          'child',
          'concerns',
          'categories',
          'injury',
          'immediateRisk',
          'consent',
          'rag',
          'ragReason',
        ]);
        setProblem(
          created.length > 0
            ? `${created.length} of ${children.length} contacts were made (${created.map((c) => c.reference).join(', ')}). Send again to finish: nothing is made twice. ${rest ?? ''}`
            : (rest ?? 'Some answers need changing: go back to change them.'),
        );
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  const change = (anchor: string, what: string) => (
    <Link className="govuk-link" to={`..#${anchor}`} relative="path">
      Change<span className="govuk-visually-hidden"> {what}</span>
    </Link>
  );
  const rows = (list: [string, string, string][]) => (
    <dl className="govuk-summary-list">
      {list.map(([key, value, anchor]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value fd-preserve-lines">{value}</dd>
          <dd className="govuk-summary-list__actions">{change(anchor, key.toLowerCase())}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <Page title="Check your answers before sending">
      <Link to=".." relative="path" className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ProblemSummary problem={problem} />
          <h1 className="govuk-heading-l">Check your answers before sending</h1>
          <h2 className="govuk-heading-m">About you</h2>
          {rows([
            ['Name', values.referrer.name, 'referrer-name'],
            ['Organisation', values.referrer.organisation, 'referrer-organisation'],
            ['Source', SOURCES.find(([c]) => c === values.source)?.[1] ?? values.source, 'source'],
          ])}
          {children.map((c, i) => (
            <div className="govuk-summary-card" key={i}>
              <div className="govuk-summary-card__title-wrapper">
                <h2 className="govuk-summary-card__title">
                  {c.firstName} {c.lastName}
                </h2>
              </div>
              <div className="govuk-summary-card__content">
                <SummaryList
                  rows={[
                    [
                      c.unborn ? 'Expected date of birth' : 'Date of birth',
                      dateOf(c) ? dateOnly(dateOf(c)) : 'Not known',
                    ],
                    ['NHS number', c.nhsNumber || 'Not given'],
                    ['School', c.school || 'Not given'],
                  ]}
                />
              </div>
            </div>
          ))}
          <h2 className="govuk-heading-m">The concern</h2>
          {rows([
            ['What happened', concernsText(values), 'whatHappened'],
            [
              'Kinds of concern',
              values.categories
                .map((c) => CATEGORY_WORDS[c as keyof typeof CATEGORY_WORDS] ?? words(c))
                .join(', '),
              'categories',
            ],
            ['Injured', values.injury === 'yes' ? 'Yes' : 'No', 'injury'],
            ['Immediate risk', values.immediateRisk === 'yes' ? 'Yes' : 'No', 'immediateRisk'],
            [
              'Consent',
              `${CONSENT.find((c) => c.value === values.consent.status)?.label ?? ''}${values.consent.status !== 'GIVEN' ? `: ${values.consent.reason}` : ''}`,
              'consent-status',
            ],
          ])}
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <Submit busy={busy}>{staff ? 'Record contact' : 'Send referral'}</Submit>
          </form>
        </div>
      </div>
    </Page>
  );
}

function Done({ created, staff, again }: { created: Created[] | undefined; staff: boolean; again(): void }) {
  const navigate = useNavigate();
  if (!created) return <NotFound />;
  return (
    <Page title={staff ? 'Contact recorded' : 'Referral sent'}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation" data-testid="contact-done">
            <h1 className="govuk-panel__title">{staff ? 'Contact recorded' : 'Referral sent'}</h1>
            <div className="govuk-panel__body">
              {created.length === 1 ? 'Your reference is' : 'Your references are'}
              <br />
              {created.map((c) => (
                <strong key={c.id} className="fd-block" data-testid="contact-reference">
                  {c.reference}
                </strong>
              ))}
            </div>
          </div>
          <p className="govuk-body">
            The front door will screen {created.length === 1 ? 'it' : 'them'}. If a child is in immediate
            danger, call 999.
          </p>
          <p className="govuk-body">
            <button
              type="button"
              className="govuk-link fd-link-button"
              onClick={() => {
                again();
                void navigate('/contacts/new');
              }}
            >
              {staff ? 'Record another contact' : 'Make another referral'}
            </button>
          </p>
        </div>
      </div>
    </Page>
  );
}
