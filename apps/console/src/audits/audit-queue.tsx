import { Link, useLocation } from 'react-router';
import { Page } from '../layout';
import { useLive, useNow } from '../live';
import { LiveStatus, PauseControl, QueueHead, useNewRows, usePausable, type QueueItem } from '../queue';
import { Banner, countdown, RagTag, TimelinessTag, when } from '../ui';
import { outcomeWords } from './words';

// the server's order: the nearest due first
const byDue = (a: QueueItem, b: QueueItem) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);

// issue 21 item 3: the drawn decisions waiting for a manager's audit, live. The server never
// sends a manager the audits of their own decisions.
export function QualityAuditQueue() {
  const state = useLive<QueueItem>('quality-audit', byDue);
  const { items, paused, waiting, pause, resume } = usePausable(state);
  const fresh = useNewRows(items);
  const now = useNow();
  const flash = (useLocation().state as { banner?: string } | null)?.banner;
  return (
    <Page title="Quality audits" wide>
      {flash && (
        <Banner kind="success" title="Success">
          <p className="govuk-notification-banner__heading">{flash}</p>
        </Banner>
      )}
      <h1 className="govuk-heading-l">Quality audits</h1>
      <p className="govuk-body">
        Each week a sample of the week’s threshold decisions is drawn for a manager to audit. You are not
        shown the audits of your own decisions: another manager audits those.
      </p>
      <p className="govuk-body">
        <Link className="govuk-button govuk-button--secondary" to="/quality-audits/draw">
          Draw a past week
        </Link>
      </p>
      <LiveStatus state={state} />
      <PauseControl paused={paused} waiting={waiting} pause={pause} resume={resume} />
      {items === undefined ? (
        <p className="govuk-body">Loading the audits…</p>
      ) : (
        <table className="govuk-table fd-queue" data-testid="quality-audit-queue">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {items.length === 0
              ? 'No decisions waiting for your audit'
              : `${items.length === 1 ? '1 decision' : `${items.length} decisions`} waiting for an audit`}
          </caption>
          <QueueHead columns={['Child', 'Rating', 'Decided by', 'Outcome', 'Drawn', 'Audit due']} />
          <tbody className="govuk-table__body">
            {items.map((item) => (
              <tr
                className={`govuk-table__row${fresh.has(item.id) ? ' fd-new-row' : ''}`}
                key={item.id}
                data-reference={item.reference}
                data-audit={item.id}
              >
                <td className="govuk-table__cell" data-label="Child">
                  <Link className="govuk-link" to={`/quality-audits/${item.id}`}>
                    {item.childName}
                    <span className="govuk-visually-hidden">: audit the decision</span>
                  </Link>
                  <br />
                  <span className="govuk-body-s fd-secondary">{item.reference}</span>
                </td>
                <td className="govuk-table__cell" data-label="Rating">
                  <RagTag rag={item.rag} />
                </td>
                <td className="govuk-table__cell" data-label="Decided by">
                  {item.decidedBy?.name ?? ''}
                </td>
                <td className="govuk-table__cell" data-label="Outcome">
                  {outcomeWords(item.outcome)}
                </td>
                <td className="govuk-table__cell" data-label="Drawn">
                  <time dateTime={item.receivedAt}>{when(item.receivedAt)}</time>
                </td>
                <td className="govuk-table__cell" data-label="Audit due">
                  <time dateTime={item.dueAt}>{when(item.dueAt)}</time> ({countdown(item.dueAt, now)}){' '}
                  <TimelinessTag timeliness={item.timeliness} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
