import type { PartnerContact } from '../contact-data';
import { Page } from '../layout';
import { STATUS_WORDS, SummaryList, when, words } from '../ui';

// a referring partner sees what it sent became: status and outcome, nothing more (decision 0005)
export function PartnerView({ contact }: { contact: PartnerContact }) {
  return (
    <Page title={`Referral ${contact.reference}`}>
      <span className="govuk-caption-l">Referral</span>
      <h1 className="govuk-heading-l">{contact.reference}</h1>
      <SummaryList
        rows={[
          ['Sent', when(contact.receivedAt)],
          ['Status', STATUS_WORDS[contact.status] ?? contact.status],
          ['Outcome', contact.outcome ? words(contact.outcome) : 'Not decided yet'],
        ]}
      />
    </Page>
  );
}
