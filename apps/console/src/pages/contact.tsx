import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { WarningText } from '../admin/common';
import { ApiFailure } from '../api';
import { client, unwrap } from '../api-client';
import { isStaffView, useContact, type PartnerContact, type StaffContact } from '../contact-data';
import { HistoryTimeline } from '../history';
import { AuditsOnContact } from '../audits/on-contact';
import { InformationRequests } from '../information/requests-section';
import { ContactNotes } from '../notes/notes';
import { StrategyOnContact } from '../strategy/on-contact';
import { PartnerView } from './partner-contact';
import { NotFound, Page } from '../layout';
import { useNow } from '../live';
import { useQueue } from '../queue';
import { useSession } from '../session';
import {
  ageInYears,
  Banner,
  countdown,
  dateOnly,
  OUTCOME_WORDS,
  RagTag,
  STATUS_WORDS,
  SOURCES,
  SummaryList,
  TimelinessTag,
  when,
  words,
} from '../ui';

// issue 15 screen 3: everything the front door knows of one contact, and what can be done next
export function ContactPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const contact = useContact(id);
  if (contact.error) {
    const status = contact.error instanceof ApiFailure ? contact.error.error.status : 0;
    if (status === 404 || status === 400) return <NotFound />;
    return (
      <Page title="Sorry, there is a problem">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">{contact.error.message}</p>
      </Page>
    );
  }
  if (!contact.data) {
    return (
      <Page title="Contact">
        <p className="govuk-body">Loading the contact…</p>
      </Page>
    );
  }
  if (!isStaffView(contact.data) || me?.user.role === 'PARTNER') {
    return <PartnerView contact={contact.data as PartnerContact} />;
  }
  return <StaffView contact={contact.data} reload={() => void contact.reload()} />;
}

function StaffView({ contact, reload }: { contact: StaffContact; reload(): void }) {
  const { me } = useSession();
  const now = useNow();
  const location = useLocation();
  const flash = (location.state as { banner?: string } | null)?.banner;
  // the live queue's knowledge of this contact since it was read (claims, RAG, deadline)
  const queue = useQueue('screening');
  const live = queue.items?.find((i) => i.id === contact.id);
  const claimedBy = live ? live.claimedBy : contact.claimedBy;
  const rag = live?.rag ?? contact.rag;
  const dueAt = live?.dueAt ?? contact.decisionDueAt;
  const status = live?.status ?? contact.status;
  const open = status === 'RECEIVED' || status === 'IN_SCREENING';
  const mine = claimedBy?.id === me?.user.id;
  const manager = me?.user.role === 'MANAGER';
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string | undefined>(flash);

  const act = async (what: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      await what();
      setDone(success);
      reload();
    } catch (error) {
      setProblem(error instanceof ApiFailure ? error.error.message : 'Sorry, there is a problem. Try again.');
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { id: contact.id } } };
  const child = contact.child;
  const decision = contact.decision;
  const returned = decision?.status === 'REJECTED' ? decision : undefined;

  return (
    <Page title={`${child.firstName} ${child.lastName} – contact ${contact.reference}`} wide>
      {done && (
        <Banner kind="success" title="Success" focus key={done}>
          <p className="govuk-notification-banner__heading">{done}</p>
        </Banner>
      )}
      {problem && (
        <Banner title="Important" focus key={problem}>
          <p className="govuk-notification-banner__heading">{problem}</p>
        </Banner>
      )}
      {returned && open && (
        <Banner title="Returned by manager">
          <p className="govuk-notification-banner__heading">
            Returned by {returned.authorisedBy?.name ?? 'a manager'}: {returned.authorisationComment}
          </p>
        </Banner>
      )}
      <span className="govuk-caption-l">Contact {contact.reference}</span>
      <h1 className="govuk-heading-l">
        {child.firstName} {child.lastName}
      </h1>
      <p className="govuk-body" data-testid="contact-header">
        {child.dateOfBirth
          ? `Born ${dateOnly(child.dateOfBirth)}, ${ageInYears(child.dateOfBirth)} years`
          : child.expectedDateOfBirth
            ? `Unborn, expected ${dateOnly(child.expectedDateOfBirth)}`
            : 'Date of birth not known'}
        {' · '}
        <RagTag rag={rag} /> · {STATUS_WORDS[status] ?? status}
        {open && (
          <>
            {' · Decision due '}
            <time dateTime={dueAt}>{when(dueAt)}</time> ({countdown(dueAt, now)}){' '}
            {live && <TimelinessTag timeliness={live.timeliness} />}
          </>
        )}
      </p>
      {live?.flags && live.flags.length > 0 && (
        <p className="govuk-body">
          {live.flags.map((f) => (
            <strong key={f} className="govuk-tag govuk-tag--grey fd-tag-gap">
              {words(f)}
            </strong>
          ))}
        </p>
      )}
      {contact.returnedAfter && <ReturnedAfter earlier={contact.returnedAfter} />}

      {open && (
        <div className="fd-actions" data-testid="contact-actions">
          {claimedBy && !mine && (
            <div className="govuk-inset-text">
              Claimed by {claimedBy.name}
              {contact.claimedAt ? ` at ${when(contact.claimedAt)}` : ''}. Only they or a manager can record a
              decision.
            </div>
          )}
          {claimedBy && mine && <p className="govuk-body">You have claimed this contact.</p>}
          {!claimedBy && <p className="govuk-body">Nobody has claimed this contact.</p>}
          <div className="govuk-button-group">
            {!claimedBy && (
              <button
                type="button"
                className="govuk-button"
                disabled={busy}
                aria-disabled={busy || undefined}
                onClick={() =>
                  void act(
                    () => unwrap(client.POST('/api/contacts/{id}/claim', { ...path, body: {} })),
                    'You have claimed this contact',
                  )
                }
              >
                Claim
              </button>
            )}
            {claimedBy && (mine || manager) && (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                disabled={busy}
                aria-disabled={busy || undefined}
                onClick={() =>
                  void act(
                    () => unwrap(client.POST('/api/contacts/{id}/release', path)),
                    'The contact is released',
                  )
                }
              >
                Release
              </button>
            )}
            {(mine || manager) && (
              <Link className="govuk-button" to={`/contacts/${contact.id}/decision`}>
                Record decision
              </Link>
            )}
            <Link className="govuk-button govuk-button--secondary" to={`/contacts/${contact.id}/rag`}>
              Change RAG rating
            </Link>
          </div>
          {manager && <Assign contactId={contact.id} busy={busy} act={act} />}
        </div>
      )}
      {status === 'AWAITING_AUTHORISATION' && manager && decision?.decidedBy?.id !== me?.user.id && (
        <p className="govuk-body">
          <Link className="govuk-button" to={`/contacts/${contact.id}/authorise`}>
            Authorise the decision
          </Link>
        </p>
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {decision && !returned && <DecisionSection contact={contact} />}
          <AuditsOnContact contact={contact} />
          <StrategyOnContact contact={contact} reload={reload} />

          <h2 className="govuk-heading-m">Why this rating</h2>
          <SummaryList
            rows={[
              ['Suggested', <RagTag key="s" rag={contact.suggestedRag} />],
              [
                'Reasons',
                contact.ragReasons.length > 0 ? (
                  <ul className="govuk-list govuk-list--bullet" data-testid="rag-reasons">
                    {contact.ragReasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : (
                  'None recorded'
                ),
              ],
              ['Current', <RagTag key="c" rag={rag} />],
            ]}
          />
          {contact.ragHistory.length > 0 && (
            <>
              <h3 className="govuk-heading-s">RAG history</h3>
              <ol className="fd-timeline" data-testid="rag-history">
                {contact.ragHistory.map((change) => (
                  <li key={change.changedAt} className="fd-timeline__item">
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <strong>
                        {change.fromRag ? `${change.fromRag} to ${change.toRag}` : `Rated ${change.toRag}`}
                      </strong>{' '}
                      by {change.changedBy.name}, {when(change.changedAt)}
                    </p>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      {change.reason ?? ''} Decision due {when(change.decisionDueAt)}.
                    </p>
                  </li>
                ))}
              </ol>
            </>
          )}

          <h2 className="govuk-heading-m">The concern</h2>
          <p className="govuk-body">
            {contact.categories.map((c) => (
              <strong key={c} className="govuk-tag govuk-tag--grey fd-tag-gap">
                {words(c)}
              </strong>
            ))}
          </p>
          <SummaryList
            rows={[
              ['Injury', contact.injury ? 'Yes' : 'No'],
              ['Immediate risk', contact.immediateRisk ? 'Yes' : 'No'],
              ['Received', when(contact.receivedAt)],
            ]}
          />
          <div className="govuk-inset-text fd-preserve-lines" data-testid="concerns">
            {contact.concerns}
          </div>
          <InformationRequests contact={contact} reload={reload} />
          <ContactNotes contact={contact} reload={reload} />

          <h2 className="govuk-heading-m">Consent</h2>
          <SummaryList
            rows={[
              ['Consent', words(contact.consent.status)],
              ...(contact.consent.reason ? ([['Reason', contact.consent.reason]] as [string, string][]) : []),
            ]}
          />

          <h2 className="govuk-heading-m">Referrer</h2>
          <SummaryList
            rows={[
              ['Name', contact.referrer.name],
              ['Organisation', contact.referrer.organisation],
              ['Role', contact.referrer.role ?? 'Not given'],
              ['Phone', contact.referrer.phone ?? 'Not given'],
              ['Email', contact.referrer.email ?? 'Not given'],
              ['Source', `${contact.source} ${SOURCES.find(([code]) => code === contact.source)?.[1] ?? ''}`],
            ]}
          />

          <h2 className="govuk-heading-m">Child</h2>
          <SummaryList
            rows={[
              ['NHS number', child.nhsNumber ?? 'Not given'],
              ['Sex', child.sex ?? 'Not given'],
              ['Ethnicity', child.ethnicity ?? 'Not given'],
              ['Address', child.address ?? 'Not given'],
              ['Postcode', child.postcode ?? 'Not given'],
              ['School', child.school ?? 'Not given'],
            ]}
          />

          <h2 className="govuk-heading-m">Household</h2>
          {contact.household && contact.household.length > 0 ? (
            <ul className="govuk-list" data-testid="household">
              {contact.household.map((s) => (
                <li key={s.id}>
                  <Link className="govuk-link" to={`/contacts/${s.id}`}>
                    {s.child.firstName} {s.child.lastName}
                  </Link>{' '}
                  {s.reference} <RagTag rag={s.rag} /> {STATUS_WORDS[s.status] ?? s.status}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No other children on this referral.</p>
          )}

          <h2 className="govuk-heading-m">History</h2>
          <p className="govuk-body" data-testid="history-summary">
            {contact.history.contactsLast12Months === 1
              ? '1 earlier contact'
              : `${contact.history.contactsLast12Months} earlier contacts`}
            ,{' '}
            {contact.history.referralsLast12Months === 1
              ? '1 referral'
              : `${contact.history.referralsLast12Months} referrals`}{' '}
            in 12 months
          </p>
          <HistoryTimeline items={contact.history.items} />
        </div>
      </div>
    </Page>
  );
}

// a manager hands the contact to a screener (or themself): POST …/claim { assigneeId }
function Assign({
  contactId,
  busy,
  act,
}: {
  contactId: string;
  busy: boolean;
  act(what: () => Promise<unknown>, success: string): Promise<void>;
}) {
  const users = useQuery({
    queryKey: ['assignable'],
    queryFn: () => unwrap(client.GET('/api/users/assignable')),
  });
  const [assignee, setAssignee] = useState('');
  const chosen = users.data?.items.find((u) => u.id === assignee);
  return (
    <form
      className="govuk-!-margin-bottom-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) return;
        void act(
          () =>
            unwrap(
              client.POST('/api/contacts/{id}/claim', {
                params: { path: { id: contactId } },
                body: { assigneeId: chosen.id },
              }),
            ),
          `Assigned to ${chosen.name}`,
        );
      }}
    >
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="assignee">
          Assign to
        </label>
        <select
          className="govuk-select"
          id="assignee"
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
        >
          <option value="">Choose a person</option>
          {(users.data?.items ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>{' '}
        <button
          type="submit"
          className="govuk-button govuk-button--secondary fd-inline-button"
          disabled={busy || !chosen}
          aria-disabled={busy || !chosen || undefined}
        >
          Assign
        </button>
      </div>
    </form>
  );
}

const daysWords = (n: number) => (n === 1 ? '1 day' : `${n} days`);

// issue 21: the child came back within the boomerang window after an earlier contact was
// closed at the front door; the screener sees that decision before making this one
function ReturnedAfter({ earlier }: { earlier: NonNullable<StaffContact['returnedAfter']> }) {
  const outcome = OUTCOME_WORDS[earlier.outcome] ?? words(earlier.outcome);
  return (
    <section aria-labelledby="returned-after-heading" data-testid="returned-after">
      <WarningText>
        <span id="returned-after-heading">
          This child came back {earlier.days === 0 ? 'the same day as' : `${daysWords(earlier.days)} after`}{' '}
          contact{' '}
          <Link className="govuk-link" to={`/contacts/${earlier.contactId}`}>
            {earlier.reference}
          </Link>{' '}
          was closed: {outcome}.
        </span>
      </WarningText>
      <SummaryList
        rows={[
          ['Earlier decision', outcome],
          ['Its rationale', <span className="fd-preserve-lines">{earlier.rationale}</span>],
          ['Decided by', `${earlier.decidedBy.name}, closed ${when(earlier.closedAt)}`],
        ]}
      />
    </section>
  );
}

function DecisionSection({ contact }: { contact: StaffContact }) {
  const decision = contact.decision!;
  return (
    <>
      <h2 className="govuk-heading-m">Decision</h2>
      <SummaryList
        rows={[
          ['Level', String(decision.level)],
          ['Outcome', OUTCOME_WORDS[decision.outcome] ?? decision.outcome],
          ['Rationale', <span className="fd-preserve-lines">{decision.rationale}</span>],
          ['Decided', `${decision.decidedBy.name}, ${when(decision.decidedAt)}`],
          ['Within timescale', decision.withinTimescale ? 'Yes' : 'No'],
          [
            'Authorisation',
            decision.status === 'AWAITING_AUTHORISATION'
              ? `Awaited: ${(decision.authorisationReasons ?? []).map((r) => r.text).join('; ')}`
              : decision.authorisedBy
                ? `Approved by ${decision.authorisedBy.name}${decision.authorisedAt ? `, ${when(decision.authorisedAt)}` : ''}`
                : 'Not needed',
          ],
          ...(contact.boomerang
            ? ([
                [
                  'Child came back',
                  <>
                    {contact.boomerang.days === 0
                      ? 'The same day'
                      : `After ${daysWords(contact.boomerang.days)}`}
                    , as contact{' '}
                    <Link className="govuk-link" to={`/contacts/${contact.boomerang.contactId}`}>
                      {contact.boomerang.reference}
                    </Link>
                  </>,
                ],
              ] as [string, ReactNode][])
            : []),
        ]}
      />
      {contact.referral && (
        <SummaryList
          rows={[
            ['Referral date', dateOnly(contact.referral.referralDate)],
            ['Assessment due', dateOnly(contact.referral.assessmentDueDate)],
            ['Re-referral', contact.referral.reReferral ? 'Yes' : 'No'],
          ]}
        />
      )}
    </>
  );
}
