import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { StaffContact } from '../contact-data';
import { useNow } from '../live';
import { useQueue } from '../queue';
import { useSession } from '../session';
import { countdown, TimelinessTag, when } from '../ui';
import { Answers } from './answers';
import { chasesWords, LAWFUL_BASIS_WORDS, STATUS_WORDS, type StaffRequest } from './words';

const INFORMATION_FLAGS = ['AWAITING_INFORMATION', 'INFORMATION_RECEIVED'];

export function RequestStatusTag({ status }: { status: StaffRequest['status'] }) {
  return (
    <strong
      className={`govuk-tag${status === 'OPEN' ? '' : ' govuk-tag--grey'}`}
      data-testid="request-status"
    >
      {STATUS_WORDS[status]}
    </strong>
  );
}

// "Due Today 14:05 (in 3 h 20 min)" while open; "Was due …" once answered or declined
export function DueLine({
  request,
  now,
  prefix = true,
}: {
  request: { status: string; dueAt: string; timeliness: string };
  now: number;
  prefix?: boolean;
}) {
  const open = request.status === 'OPEN';
  return (
    <>
      {prefix && (open ? 'Due ' : 'Was due ')}
      <time dateTime={request.dueAt}>{when(request.dueAt)}</time>
      {open && ` (${countdown(request.dueAt, now)})`}{' '}
      {open && <TimelinessTag timeliness={request.timeliness} />}
    </>
  );
}

// issue 18, the front door's side: every request about this contact, with what each agency
// answered. Each request, answer, refusal and chase is a change of the contact on the live
// screening view, so when this contact's item changes there the contact is read again: a new
// answer shows without a refresh
export function InformationRequests({ contact, reload }: { contact: StaffContact; reload(): void }) {
  const { me } = useSession();
  const now = useNow();
  const requests = contact.informationRequests ?? [];
  const queue = useQueue('screening');
  const item = queue.items?.find((i) => i.id === contact.id);
  const seen = useRef(item);
  useEffect(() => {
    const was = seen.current;
    seen.current = item;
    if (!was || !item || was === item) return;
    if (requests.length > 0 || item.flags.some((f) => INFORMATION_FLAGS.includes(f))) reload();
  }, [item, requests.length, reload]);

  const status = item?.status ?? contact.status;
  const open = status === 'RECEIVED' || status === 'IN_SCREENING';
  const claimedBy = item ? item.claimedBy : contact.claimedBy;
  const manager = me?.user.role === 'MANAGER';
  const mayAsk = open && (manager || (!!claimedBy && claimedBy.id === me?.user.id));
  return (
    <section data-testid="information-requests" aria-labelledby="information-requests-heading">
      <h2 className="govuk-heading-m" id="information-requests-heading">
        Information from partner agencies
      </h2>
      {requests.length === 0 ? (
        <p className="govuk-body" data-testid="no-information-requests">
          No partner agency has been asked about this child.
        </p>
      ) : (
        requests.map((request) => (
          <RequestOnContact
            key={request.id}
            request={request}
            now={now}
            mayChase={request.status === 'OPEN' && (manager || request.requestedBy.id === me?.user.id)}
          />
        ))
      )}
      {mayAsk && (
        <p className="govuk-body">
          <Link
            className="govuk-button govuk-button--secondary"
            to={`/contacts/${contact.id}/information-requests/new`}
          >
            Ask partner agencies
          </Link>
        </p>
      )}
    </section>
  );
}

function RequestOnContact({
  request,
  now,
  mayChase,
}: {
  request: StaffRequest;
  now: number;
  mayChase: boolean;
}) {
  return (
    <div
      className="fd-information-request"
      data-testid="information-request"
      data-agency={request.agencyName}
    >
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        {request.agencyName} <RequestStatusTag status={request.status} />
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        <DueLine request={request} now={now} />
        {' · '}Asked by {request.requestedBy.name}, {when(request.requestedAt)}
        {' · '}
        <span data-testid="request-chases">{chasesWords(request.chases.length)}</span>
      </p>
      <div className="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-2">
        <p className="govuk-body fd-preserve-lines govuk-!-margin-bottom-1" data-testid="request-questions">
          {request.questions}
        </p>
        <p className="govuk-body-s govuk-!-margin-bottom-0">
          Lawful basis: {LAWFUL_BASIS_WORDS[request.lawfulBasis]}
          {request.consentOverrideReason ? `. Why without consent: ${request.consentOverrideReason}` : ''}
        </p>
      </div>
      {request.responses.length > 0 ? (
        <Answers responses={request.responses} />
      ) : (
        <p className="govuk-body">No answer yet.</p>
      )}
      <p className="govuk-body-s">
        <Link className="govuk-link" to={`/information-requests/${request.id}`}>
          Open the request<span className="govuk-visually-hidden"> to {request.agencyName}</span>
        </Link>
        {mayChase && (
          <>
            {' · '}
            <Link className="govuk-link" to={`/information-requests/${request.id}/chase`}>
              Chase<span className="govuk-visually-hidden"> {request.agencyName}</span>
            </Link>
          </>
        )}
      </p>
    </div>
  );
}
