import { Link } from 'react-router';
import { useContact, type PartnerContact } from '../contact-data';
import { Page } from '../layout';
import { PartnerNotes } from '../notes/notes';
import { outcomeWords, useReferrals, useRereadWhenMoved, useStatusAnnouncement } from '../partner/referrals';
import { StatusTag, statusWords } from '../partner/status-tag';
import { LiveStatus } from '../queue';
import { SummaryList, when } from '../ui';

// issue 16 item 6, Q3: a referring partner sees what it sent became: status and outcome, and
// who was told of it, nothing more (decision 0005). The live `submissions` view says when its
// status moves on; only then is the contact read again (each read is audited).
export function PartnerView({ contact: first }: { contact: PartnerContact }) {
  const { data, refetch } = useContact(first.id);
  const contact = (data as PartnerContact | undefined) ?? first;
  const { state, items } = useReferrals();
  const item = items?.find((i) => i.id === contact.id);
  useRereadWhenMoved(item ? [{ item, read: contact, refetch }] : []);
  const announcement = useStatusAnnouncement(item ? [item] : undefined, statusWords);
  const ack = contact.acknowledgement;
  return (
    <Page title={`Referral ${contact.reference}`}>
      <Link to="/referrals" className="govuk-back-link">
        My referrals
      </Link>
      <span className="govuk-caption-l">Referral</span>
      <h1 className="govuk-heading-l">{contact.reference}</h1>
      <LiveStatus state={state} />
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <div data-testid="referral-status" data-status={contact.status}>
        <SummaryList
          rows={[
            ...(item?.childName ? [['Child', item.childName] as [string, string]] : []),
            ['Sent', <time dateTime={contact.receivedAt}>{when(contact.receivedAt)}</time>],
            ['Status', <StatusTag status={contact.status} />],
            ['Outcome', contact.outcome ? outcomeWords(contact.outcome) : 'Not decided yet'],
          ]}
        />
      </div>
      <h2 className="govuk-heading-m">What you were told</h2>
      {ack ? (
        <div data-testid="acknowledgement">
          <SummaryList
            rows={[
              ['Outcome sent', outcomeWords(ack.outcome)],
              ['Sent to', `${ack.recipient.name}, ${ack.recipient.organisation}`],
              ['Sent on', <time dateTime={ack.recordedAt}>{when(ack.recordedAt)}</time>],
            ]}
          />
        </div>
      ) : (
        <p className="govuk-body" data-testid="no-acknowledgement">
          The front door tells you the outcome once a decision is made. It will show here.
        </p>
      )}
      <PartnerNotes contact={contact} reload={() => void refetch()} />
    </Page>
  );
}
