import { useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { useApiForm } from '../admin/forms';
import { ErrorSummary } from '../error-summary';
import { NotFound, Page } from '../layout';
import { useNow } from '../live';
import { useQueue } from '../queue';
import { useSession } from '../session';
import { Banner, dateOnly, RagTag, Radios, SummaryList, Submit, TextArea, when } from '../ui';
import { Answers } from './answers';
import { requestKey } from './chase';
import { DueLine, RequestStatusTag } from './requests-section';
import {
  chasesWords,
  isStaffRequest,
  LAWFUL_BASIS_WORDS,
  REASON_MAX,
  REASON_MIN,
  TEXT_MAX,
  type AnyRequest,
  type PartnerRequest,
  type StaffRequest,
} from './words';

type Result = Schema<'ResponseVersionResultDto'>;

const Sent = memo(function Sent({ message }: { message: string }) {
  return (
    <Banner kind="success" title="Success" focus>
      <p className="govuk-notification-banner__heading" data-testid="information-sent">
        {message}
      </p>
      <p className="govuk-body">
        <Link className="govuk-notification-banner__link" to="/information-requests">
          Back to requests for information
        </Link>
      </p>
    </Banner>
  );
});

// issue 18: one request for information, as its reader may see it. The asked agency (its
// PARTNER or POLICE users) sees who the child is, the questions and its own answers, and answers
// or declines here; the front door's staff see the whole request. Anyone else: not found.
export function RequestPage() {
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const [sent, setSent] = useState<{ message: string; count: number }>();
  const request = useQuery({
    queryKey: requestKey(id),
    queryFn: () => unwrap(client.GET('/api/information-requests/{id}', { params: { path: { id } } })),
  });
  if (request.error) {
    const status = request.error instanceof ApiFailure ? request.error.error.status : 0;
    if (status === 404 || status === 400 || status === 403) return <NotFound />;
    return (
      <Page title="Sorry, there is a problem">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">{request.error.message}</p>
      </Page>
    );
  }
  if (!request.data) {
    return (
      <Page title="Request for information">
        <p className="govuk-body">Loading the request…</p>
      </Page>
    );
  }
  const r: AnyRequest = request.data;
  if (isStaffRequest(r)) return <StaffRequestView request={r} />;
  const reread = () => void queries.invalidateQueries({ queryKey: requestKey(id) });
  return (
    // a fresh form after an answer sent from here; a colleague's answer read in keeps what is typed
    <PartnerRequestView
      key={sent?.count ?? 0}
      request={r}
      banner={sent && <Sent key={sent.count} message={sent.message} />}
      sentHere={!!sent}
      reread={reread}
      onSent={(message) => {
        setSent((was) => ({ message, count: (was?.count ?? 0) + 1 }));
        reread();
      }}
    />
  );
}

function ChildDetails({ request }: { request: AnyRequest }) {
  const c = request.child;
  return (
    <>
      <h2 className="govuk-heading-m">The child</h2>
      <SummaryList
        rows={[
          ['Name', `${c.firstName} ${c.lastName}`],
          ['Date of birth', c.dateOfBirth ? dateOnly(c.dateOfBirth) : 'Not known'],
          ['Address', c.address ?? 'Not known'],
          ['Postcode', c.postcode ?? 'Not known'],
        ]}
      />
      <h3 className="govuk-heading-s">Other children in the household</h3>
      {c.household.length > 0 ? (
        <ul className="govuk-list govuk-list--bullet" data-testid="request-household">
          {c.household.map((p, i) => (
            <li key={i}>
              {p.firstName} {p.lastName}
              {p.dateOfBirth ? `, born ${dateOnly(p.dateOfBirth)}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">None known to the front door.</p>
      )}
    </>
  );
}

function RequestSummary({ request, now, chased }: { request: AnyRequest; now: number; chased?: ReactNode }) {
  return (
    <SummaryList
      rows={[
        ['Status', <RequestStatusTag key="s" status={request.status} />],
        ...(chased ? ([['Chased', chased]] as [string, ReactNode][]) : []),
        ['Priority', <RagTag key="r" rag={request.rag} />],
        ['Asked', when(request.requestedAt)],
        ['Answer due', <DueLine key="d" request={request} now={now} prefix={false} />],
        ['Lawful basis', LAWFUL_BASIS_WORDS[request.lawfulBasis]],
        ...(request.consentOverrideReason
          ? ([
              [
                'Why without consent',
                <span className="fd-preserve-lines">{request.consentOverrideReason}</span>,
              ],
            ] as [string, ReactNode][])
          : []),
      ]}
    />
  );
}

function Questions({ request }: { request: AnyRequest }) {
  return (
    <>
      <h2 className="govuk-heading-m">What the front door asks</h2>
      <div className="govuk-inset-text fd-preserve-lines" data-testid="request-questions">
        {request.questions}
      </div>
    </>
  );
}

interface AnswerValues {
  summary: string;
  knownToAgency: 'YES' | 'NO' | '';
  details: string;
  attachmentsNote: string;
}

interface DeclineValues {
  reason: string;
}

const within = (max: number, what: string) => ({
  maxLength: { value: max, message: `${what} must be ${max.toLocaleString('en-GB')} characters or fewer` },
});

// the asked agency's live queue holds this request while it is open: when its item there changes
// (a chase, the clock turning it due soon or overdue) or leaves (a colleague answered or declined)
// the request is read again, so the page never needs a reload. Leaving after an answer sent from
// this page is no news: that answer already read the request again.
function useLiveRequest(request: PartnerRequest, sentHere: boolean, reread: () => void) {
  const queue = useQueue('information-requests');
  const item = queue.items?.find((i) => i.id === request.id);
  const seen = useRef(item);
  useEffect(() => {
    const was = seen.current;
    seen.current = item;
    if (!was || was === item) return;
    if (item || (request.status === 'OPEN' && !sentHere)) reread();
  }, [item, request.status, sentHere, reread]);
  return item;
}

function PartnerRequestView({
  request,
  banner,
  sentHere,
  reread,
  onSent,
}: {
  request: PartnerRequest;
  banner: ReactNode;
  sentHere: boolean;
  reread(): void;
  onSent(message: string): void;
}) {
  const now = useNow();
  const { me } = useSession();
  const item = useLiveRequest(request, sentHere, reread);
  const chased =
    request.status !== 'OPEN' ? undefined : item?.flags.includes('CHASED') ? (
      <strong className="govuk-tag" data-testid="request-chased">
        Chased by the front door
      </strong>
    ) : item ? (
      'Not chased'
    ) : undefined;
  const name = `${request.child.firstName} ${request.child.lastName}`;
  const answered = request.responses.some((r) => r.kind === 'ANSWER');
  const answer = useApiForm<AnswerValues, Result>({
    labels: {
      summary: 'The summary',
      knownToAgency: 'Known to your agency',
      details: 'The details',
      attachmentsNote: 'What you send separately',
    },
    rules: {
      summary: {
        validate: (v) => String(v ?? '').trim().length > 0 || 'Enter a summary of what your agency knows',
        ...within(TEXT_MAX, 'The summary'),
      },
      knownToAgency: { required: 'Select yes if the child or household is known to your agency' },
      details: within(TEXT_MAX, 'The details'),
      attachmentsNote: within(TEXT_MAX, 'The note of what you send separately'),
    },
    defaultValues: { summary: '', knownToAgency: '', details: '', attachmentsNote: '' },
    send: (v) =>
      unwrap(
        client.POST('/api/information-requests/{id}/response', {
          params: { path: { id: request.id } },
          body: {
            summary: v.summary.trim(),
            knownToAgency: v.knownToAgency === 'YES',
            ...(v.details.trim() ? { details: v.details.trim() } : {}),
            ...(v.attachmentsNote.trim() ? { attachmentsNote: v.attachmentsNote.trim() } : {}),
          },
        }),
      ),
    done: (result) =>
      onSent(
        result.version === 1
          ? 'Your answer was sent to the front door'
          : `Your answer was sent to the front door (version ${result.version})`,
      ),
  });
  const decline = useApiForm<DeclineValues, Result>({
    labels: { reason: 'The reason' },
    rules: {
      reason: {
        validate: (v) => {
          const n = String(v ?? '').trim().length;
          if (n === 0) return 'Enter why your agency is not answering';
          if (n < REASON_MIN) return `The reason must be ${REASON_MIN} characters or more`;
          return true;
        },
        ...within(REASON_MAX, 'The reason'),
      },
    },
    defaultValues: { reason: '' },
    send: ({ reason }) =>
      unwrap(
        client.POST('/api/information-requests/{id}/decline', {
          params: { path: { id: request.id } },
          body: { reason: reason.trim() },
        }),
      ),
    done: () => onSent('You declined the request. The front door can see your reason.'),
  });
  const problems = [...answer.problems, ...decline.problems];
  const reason = decline.form.watch('reason');
  return (
    <Page title={`Request for information about ${name}`} error={problems.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {banner}
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            Contact {request.reference}
            {me ? ` · asked of ${me.user.agency.name}` : ''}
          </span>
          <h1 className="govuk-heading-l">Request for information about {name}</h1>
          <RequestSummary request={request} now={now} chased={chased} />
          <ChildDetails request={request} />
          <Questions request={request} />

          <h2 className="govuk-heading-m">Your agency’s answers</h2>
          {request.responses.length > 0 ? (
            <Answers responses={request.responses} headingLevel="h3" />
          ) : (
            <p className="govuk-body" data-testid="no-answers">
              Your agency has not answered yet.
            </p>
          )}

          <form
            noValidate
            onSubmit={(e) => void answer.submit(e)}
            data-testid="answer-form"
            aria-labelledby="answer-heading"
          >
            <h2 className="govuk-heading-m" id="answer-heading">
              {answered
                ? 'Add to or correct your answer'
                : request.status === 'DECLINED'
                  ? 'Answer the request after all'
                  : 'Answer the request'}
            </h2>
            {answered ? (
              <p className="govuk-body">
                Your earlier answers are kept. The front door sees the newest last.
              </p>
            ) : (
              request.status === 'DECLINED' && (
                <p className="govuk-body">
                  Your agency declined this request. If you can now share, your answer is added after the
                  refusal.
                </p>
              )
            )}
            <TextArea<AnswerValues>
              name="summary"
              label="What does your agency know?"
              labelClass="govuk-label--s"
              hint="In short: what you hold about the child and household that answers the questions"
              rows={5}
              register={answer.register}
              errors={answer.errors}
            />
            <Radios<AnswerValues>
              name="knownToAgency"
              label="Is the child or household known to your agency?"
              choices={[
                { value: 'YES', label: 'Yes' },
                { value: 'NO', label: 'No' },
              ]}
              register={answer.register}
              errors={answer.errors}
            />
            <TextArea<AnswerValues>
              name="details"
              label="Details (optional)"
              labelClass="govuk-label--s"
              hint="Dates, incidents, who is involved, what your agency did"
              rows={5}
              register={answer.register}
              errors={answer.errors}
            />
            <TextArea<AnswerValues>
              name="attachmentsNote"
              label="Anything you are sending separately (optional)"
              labelClass="govuk-label--s"
              hint="Files cannot be added here. Say what you are sending and how, for example by secure email."
              rows={2}
              register={answer.register}
              errors={answer.errors}
            />
            <Submit busy={answer.pending}>Send answer</Submit>
          </form>

          {request.status === 'OPEN' && (
            <form
              noValidate
              onSubmit={(e) => void decline.submit(e)}
              data-testid="decline-form"
              aria-labelledby="decline-heading"
            >
              <h2 className="govuk-heading-m" id="decline-heading">
                Decline the request
              </h2>
              <p className="govuk-body">
                If your agency cannot or will not share, say why. The front door sees your reason and the
                clock stops.
              </p>
              <TextArea<DeclineValues>
                name="reason"
                label="Why is your agency not answering?"
                labelClass="govuk-label--s"
                rows={3}
                minLength={REASON_MIN}
                value={reason}
                register={decline.register}
                errors={decline.errors}
              />
              <Submit busy={decline.pending} kind="warning">
                Decline the request
              </Submit>
            </form>
          )}
        </div>
      </div>
    </Page>
  );
}

// the front door's staff: the whole request, and where to act on it (the contact)
function StaffRequestView({ request }: { request: StaffRequest }) {
  const now = useNow();
  const { me } = useSession();
  const name = `${request.child.firstName} ${request.child.lastName}`;
  const mayChase =
    request.status === 'OPEN' && (me?.user.role === 'MANAGER' || request.requestedBy.id === me?.user.id);
  return (
    <Page title={`Request to ${request.agencyName} about ${name}`}>
      <Link to={`/contacts/${request.contactId}`} className="govuk-back-link">
        {name}’s contact
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Contact {request.reference}</span>
          <h1 className="govuk-heading-l">
            Request to {request.agencyName} about {name}
          </h1>
          <SummaryList
            rows={[
              ['Agency', request.agencyName],
              ['Asked by', `${request.requestedBy.name}, ${when(request.requestedAt)}`],
              ['Chased', chasesWords(request.chases.length)],
            ]}
          />
          <RequestSummary request={request} now={now} />
          {mayChase && (
            <p className="govuk-body">
              <Link
                className="govuk-button govuk-button--secondary"
                to={`/information-requests/${request.id}/chase`}
              >
                Chase {request.agencyName}
              </Link>
            </p>
          )}
          <Questions request={request} />
          <h2 className="govuk-heading-m">Answers</h2>
          {request.responses.length > 0 ? (
            <Answers responses={request.responses} headingLevel="h3" />
          ) : (
            <p className="govuk-body">No answer yet.</p>
          )}
          {request.chases.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Chases</h2>
              <ul className="govuk-list" data-testid="request-chase-list">
                {request.chases.map((c) => (
                  <li key={c.id}>
                    {c.chasedBy.name}, {when(c.chasedAt)}
                    {c.note ? `: ${c.note}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          <ChildDetails request={request} />
        </div>
      </div>
    </Page>
  );
}
