import { Link } from 'react-router';
import { Page } from '../layout';
import { AcknowledgementText } from '../partner/acknowledgement';
import { outcomeWords, useReferrals, useStatusAnnouncement } from '../partner/referrals';
import { StatusTag, statusWords } from '../partner/status-tag';
import { LiveStatus, QueueHead } from '../queue';
import { when } from '../ui';

const COLUMNS = ['Reference', 'Child', 'Sent', 'Status', 'Outcome', 'Outcome sent to'] as const;

function MakeReferral() {
  return (
    <Link to="/contacts/new" className="govuk-button" data-module="govuk-button">
      Make a referral
    </Link>
  );
}

// issue 16 item 6, Q1: what the agency sent and what became of it, live (a screener's claim
// turns a referral "In screening" while the page is open)
export function MyReferrals() {
  const { state, items: rows } = useReferrals();
  const announcement = useStatusAnnouncement(state.items, statusWords);
  return (
    <Page title="My referrals" wide>
      <h1 className="govuk-heading-l">My referrals</h1>
      <LiveStatus state={state} />
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {rows === undefined ? (
        !state.error && <p className="govuk-body">Loading your referrals…</p>
      ) : rows.length === 0 ? (
        <div data-testid="no-referrals">
          <p className="govuk-body">Your organisation has not made any referrals yet.</p>
          <p className="govuk-body">
            If you are worried about a child, make a referral. You will see here what happens to it.
          </p>
          <MakeReferral />
        </div>
      ) : (
        <>
          <MakeReferral />
          <table className="govuk-table fd-queue fd-partner-list" data-testid="my-referrals">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {rows.length === 1 ? '1 referral' : `${rows.length} referrals`}, newest first
            </caption>
            <QueueHead columns={COLUMNS} />
            <tbody className="govuk-table__body">
              {rows.map((item) => (
                <tr
                  key={item.id}
                  className="govuk-table__row"
                  data-reference={item.reference}
                  data-status={item.status}
                >
                  <td className="govuk-table__cell fd-nowrap" data-label="Reference">
                    <Link className="govuk-link" to={`/contacts/${item.id}`}>
                      {item.reference}
                    </Link>
                  </td>
                  <td className="govuk-table__cell" data-label="Child">
                    {item.childName}
                  </td>
                  <td className="govuk-table__cell fd-nowrap" data-label="Sent">
                    <time dateTime={item.receivedAt}>{when(item.receivedAt)}</time>
                  </td>
                  <td className="govuk-table__cell" data-label="Status">
                    <StatusTag status={item.status} />
                  </td>
                  <td className="govuk-table__cell" data-label="Outcome" data-testid="outcome">
                    {item.outcome ? (
                      outcomeWords(item.outcome)
                    ) : (
                      <span className="fd-secondary">
                        {item.status === 'DECIDED' ? 'Not given' : 'Not decided yet'}
                      </span>
                    )}
                  </td>
                  <td
                    className="govuk-table__cell"
                    data-label="Outcome sent to"
                    data-testid="acknowledgement"
                  >
                    {item.acknowledgement ? (
                      <AcknowledgementText acknowledgement={item.acknowledgement} />
                    ) : (
                      <span className="fd-secondary">Not yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
