import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { FormPage } from '../admin/common';
import { useApiForm } from '../admin/forms';
import { isStaffView, useContact, type StaffContact } from '../contact-data';
import { NotFound, Page } from '../layout';
import { Checkboxes, Radios, Submit, TextArea } from '../ui';
import {
  CONSENT_WORDS,
  LAWFUL_BASES,
  LAWFUL_BASIS_HINTS,
  LAWFUL_BASIS_WORDS,
  QUESTIONS_MIN,
  REASON_MAX,
  REASON_MIN,
  TEXT_MAX,
  type LawfulBasis,
} from './words';

interface Values {
  agencies: string[];
  questions: string;
  lawfulBasis: LawfulBasis | '';
  consentOverrideReason: string;
}

const LABELS: Record<keyof Values, string> = {
  agencies: 'The agency',
  questions: 'The questions',
  lawfulBasis: 'The lawful basis',
  consentOverrideReason: 'The reason',
};

const length = (text: string) => Array.from(text.trim()).length;
const asList = (value: unknown): string[] =>
  Array.isArray(value) ? (value as string[]) : typeof value === 'string' && value ? [value] : [];

// issue 18, the front door's side: the claim holder (or a manager) asks partner agencies what
// they know about the child, one request each, with the lawful basis for sharing. Sent once.
export function AskPartners() {
  const { id = '' } = useParams();
  const contact = useContact(id);
  if (contact.error) {
    const status = contact.error instanceof ApiFailure ? contact.error.error.status : 0;
    if (status === 404 || status === 400) return <NotFound />;
  }
  if (!contact.data) {
    return (
      <Page title="Ask partner agencies">
        <p className="govuk-body">{contact.error ? 'The contact cannot be read.' : 'Loading the contact…'}</p>
      </Page>
    );
  }
  if (!isStaffView(contact.data)) return <NotFound />;
  return <AskForm contact={contact.data} />;
}

function AskForm({ contact }: { contact: StaffContact }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const agencies = useQuery({
    queryKey: ['information-agencies'],
    queryFn: () => unwrap(client.GET('/api/information-requests/agencies')),
  });
  const consent = contact.consent.status;
  const name = `${contact.child.firstName} ${contact.child.lastName}`;
  const asked = new Set(
    (contact.informationRequests ?? []).filter((r) => r.status === 'OPEN').map((r) => r.agencyId),
  );
  const { form, register, errors, problems, pending, submit } = useApiForm<
    Values,
    Schema<'InformationRequestsResultDto'>
  >({
    labels: LABELS,
    rules: {
      agencies: {
        validate: (value) => asList(value).length > 0 || 'Select at least one agency to ask',
      },
      questions: {
        validate: (value) => {
          const n = length(String(value ?? ''));
          if (n === 0) return 'Enter what you want to ask';
          if (n < QUESTIONS_MIN) return `The questions must be ${QUESTIONS_MIN} characters or more`;
          if (n > TEXT_MAX)
            return `The questions must be ${TEXT_MAX.toLocaleString('en-GB')} characters or fewer`;
          return true;
        },
      },
      lawfulBasis: {
        validate: (value) => {
          if (!value) return 'Select the lawful basis for sharing';
          if (value === 'CONSENT' && consent !== 'GIVEN')
            return `You cannot choose consent: the family’s consent is ${(CONSENT_WORDS[consent] ?? consent).toLowerCase()}`;
          return true;
        },
      },
      consentOverrideReason: {
        validate: (value, values) => {
          if (!values.lawfulBasis || values.lawfulBasis === 'CONSENT') return true;
          const n = length(String(value ?? ''));
          if (n === 0) return 'Enter why information is shared without consent';
          if (n < REASON_MIN) return `The reason must be ${REASON_MIN} characters or more`;
          if (n > REASON_MAX)
            return `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
          return true;
        },
      },
    },
    defaultValues: { agencies: [], questions: '', lawfulBasis: '', consentOverrideReason: '' },
    send: (values) =>
      unwrap(
        client.POST('/api/contacts/{id}/information-requests', {
          params: { path: { id: contact.id } },
          body: {
            agencies: asList(values.agencies),
            questions: values.questions.trim(),
            lawfulBasis: values.lawfulBasis as LawfulBasis,
            ...(values.lawfulBasis !== 'CONSENT'
              ? { consentOverrideReason: values.consentOverrideReason.trim() }
              : {}),
          },
        }),
      ),
    done: (result) => {
      void queries.invalidateQueries({ queryKey: ['contact', contact.id] });
      const names = result.requests.map((r) => r.agencyName).join(' and ');
      void navigate(`/contacts/${contact.id}`, {
        state: { banner: `Information requested from ${names}` },
      });
    },
  });
  const basis = form.watch('lawfulBasis');
  const questions = form.watch('questions');
  const reason = form.watch('consentOverrideReason');
  const reasonField = (
    <TextArea<Values>
      name="consentOverrideReason"
      label="Why is information shared without consent?"
      hint="Each agency sees this with the request. It is kept on the record."
      rows={3}
      minLength={REASON_MIN}
      value={reason}
      register={register}
      errors={errors}
    />
  );
  const choices = (agencies.data?.items ?? []).filter((a) => !asked.has(a.id));
  return (
    <FormPage
      title="Ask partner agencies"
      caption={`${name} – contact ${contact.reference}`}
      back={{ to: `/contacts/${contact.id}`, label: `${name}’s contact` }}
      problems={problems}
    >
      <p className="govuk-body">
        Each agency you choose gets its own request. They see the child’s and household’s names, dates of
        birth and address, your questions and the lawful basis, never the concerns or the referrer.
      </p>
      {agencies.isPending ? (
        <p className="govuk-body">Loading the agencies…</p>
      ) : agencies.isError ? (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> The agencies could not be loaded. Try again
          later.
        </p>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="ask-partners">
          <Checkboxes<Values>
            name="agencies"
            label="Which agencies do you want to ask?"
            legendClass="govuk-fieldset__legend--m"
            hint={
              asked.size > 0
                ? 'Select all that apply. Agencies already asked and not yet answered are not listed.'
                : 'Select all that apply'
            }
            choices={choices.map((a) => ({ value: a.id, label: a.name }))}
            register={register}
            errors={errors}
          />
          <TextArea<Values>
            name="questions"
            label="What do you want to know?"
            labelClass="govuk-label--m"
            hint="For example, is the family known to you? Any incidents at the address in the last 12 months?"
            rows={5}
            minLength={QUESTIONS_MIN}
            value={questions}
            register={register}
            errors={errors}
          />
          <Radios<Values>
            name="lawfulBasis"
            label="What is the lawful basis for sharing?"
            legendClass="govuk-fieldset__legend--m"
            hint={
              <span data-testid="consent-hint">
                The family’s consent on this contact: {CONSENT_WORDS[consent] ?? consent}
                {contact.consent.reason ? ` (${contact.consent.reason})` : ''}.
                {consent === 'GIVEN' ? '' : ' Consent is not a basis unless it was given.'}
              </span>
            }
            checked={basis}
            choices={LAWFUL_BASES.map((b) => ({
              value: b,
              label: LAWFUL_BASIS_WORDS[b],
              hint: LAWFUL_BASIS_HINTS[b],
              ...(b === 'CONSENT' ? {} : { reveal: reasonField }),
            }))}
            register={register}
            errors={errors}
          />
          <Submit busy={pending}>Send requests</Submit>
        </form>
      )}
    </FormPage>
  );
}
