import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../layout';
import { outcomeWords, useForceNotifications, type Row } from '../police/notifications';
import { StatusTag } from '../police/status-tag';
import { LiveStatus, QueueHead } from '../queue';
import { when } from '../ui';

const COLUMNS = [
  'Police reference',
  'Children',
  'Incident',
  'Received',
  'Status',
  'Triage due',
  'Outcome',
  'MARAC',
] as const;

// a polite word when one of the force's notifications is triaged (WCAG 4.1.3), never a move of focus
function useTriagedAnnouncement(rows: readonly Row[] | undefined): string {
  const seen = useRef<Map<string, string> | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!rows) return;
    const before = seen.current;
    seen.current = new Map(rows.map((r) => [r.id, r.status]));
    if (!before) return;
    const triaged = rows.filter((r) => r.status === 'TRIAGED' && before.get(r.id) === 'AWAITING_TRIAGE');
    if (triaged.length === 1)
      setMessage(`${triaged[0].policeReference} triaged: ${outcomeWords(triaged[0].outcome)}`);
    else if (triaged.length > 1) setMessage(`${triaged.length} notifications triaged`);
  }, [rows]);
  return message;
}

// rows that arrived since the list was first shown (the highlight is a CSS animation that ends
// by itself); queue.tsx's useNewRows takes queue items only
function useArrived(rows: readonly Row[] | undefined): Set<string> {
  const first = useRef<Set<string> | undefined>(undefined);
  if (rows && !first.current) first.current = new Set(rows.map((r) => r.id));
  return new Set((rows ?? []).filter((r) => first.current && !first.current.has(r.id)).map((r) => r.id));
}

// issue 16 item 5, P1: the force's notifications, live
export function PoliceNotifications() {
  const { rows, state, error } = useForceNotifications();
  const announcement = useTriagedAnnouncement(rows);
  const arrived = useArrived(rows);
  return (
    <Page title="Your force’s notifications" wide>
      <h1 className="govuk-heading-l">Your force’s notifications</h1>
      <LiveStatus state={state} />
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <Link to="/da-notifications/new" className="govuk-button" data-module="govuk-button">
        Send a notification
      </Link>
      {error ? (
        <p className="govuk-error-message" role="alert">
          Sorry, your notifications could not be read. Try again later.
        </p>
      ) : rows === undefined ? (
        <p className="govuk-body">Loading your notifications…</p>
      ) : rows.length === 0 ? (
        <p className="govuk-body" data-testid="no-notifications">
          Your force has not sent any DA notifications yet.
        </p>
      ) : (
        <table className="govuk-table fd-queue fd-police-list" data-testid="police-notifications">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {rows.length === 1 ? '1 notification' : `${rows.length} notifications`}, newest first
          </caption>
          <QueueHead columns={COLUMNS} />
          <tbody className="govuk-table__body">
            {rows.map((row) => (
              <tr
                key={row.id}
                className={`govuk-table__row${arrived.has(row.id) ? ' fd-new-row' : ''}`}
                data-reference={row.policeReference}
                data-status={row.status}
              >
                <td className="govuk-table__cell" data-label="Police reference">
                  <Link className="govuk-link" to={`/da-notifications/${row.id}`}>
                    {row.policeReference}
                  </Link>
                </td>
                <td className="govuk-table__cell" data-label="Children">
                  {row.childName}
                </td>
                <td className="govuk-table__cell" data-label="Incident">
                  {row.read && <time dateTime={row.read.incidentAt}>{when(row.read.incidentAt)}</time>}
                </td>
                <td className="govuk-table__cell" data-label="Received">
                  <time dateTime={row.receivedAt}>{when(row.receivedAt)}</time>
                </td>
                <td className="govuk-table__cell" data-label="Status">
                  <StatusTag status={row.status} />
                </td>
                <td className="govuk-table__cell" data-label="Triage due">
                  {row.status === 'TRIAGED' ? (
                    <span className="fd-secondary">
                      {row.read?.triage ? `Triaged ${when(row.read.triage.triagedAt)}` : 'Triaged'}
                    </span>
                  ) : (
                    row.read && <time dateTime={row.read.triageDueAt}>{when(row.read.triageDueAt)}</time>
                  )}
                </td>
                <td className="govuk-table__cell" data-label="Outcome">
                  {row.outcome ? outcomeWords(row.outcome) : <span className="fd-secondary">Not yet</span>}
                </td>
                <td className="govuk-table__cell" data-label="MARAC">
                  {row.read ? (row.read.marac ? 'Yes' : 'No') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
