import { useCallback } from 'react';
import { Page } from '../layout';
import { useLiveView } from '../live';
import { useSession } from '../session';

interface QueueItem {
  id: string;
  reference: string;
  childName: string;
  rag: 'RED' | 'AMBER' | 'GREEN';
  status: string;
  receivedAt: string;
  dueAt: string;
  timeliness: 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';
  claimedBy?: { id: string; name: string } | null;
  flags?: string[];
}

const RAG_ORDER = { RED: 0, AMBER: 1, GREEN: 2 } as const;
// API.md: RED, AMBER, GREEN, then the nearest deadline first
const order = (a: QueueItem, b: QueueItem) =>
  RAG_ORDER[a.rag] - RAG_ORDER[b.rag] || a.dueAt.localeCompare(b.dueAt);

const RAG_TAG = { RED: 'govuk-tag--red', AMBER: 'govuk-tag--orange', GREEN: 'govuk-tag--green' } as const;
const TIMELINESS = {
  ON_TRACK: { text: 'On track', tag: 'govuk-tag--grey' },
  DUE_SOON: { text: 'Due soon', tag: 'govuk-tag--yellow' },
  OVERDUE: { text: 'Overdue', tag: 'govuk-tag--red' },
} as const;

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

// issue 15 screen 2 (first part): the screening queue, live, with no refresh
export function ScreeningQueue() {
  const { refresh } = useSession();
  const onEnded = useCallback(() => void refresh(), [refresh]);
  const { items, connected, error } = useLiveView<QueueItem>('screening', order, onEnded);
  return (
    <Page title="Screening queue">
      <h1 className="govuk-heading-l">Screening queue</h1>
      {items !== undefined && !connected && (
        <div
          className="govuk-notification-banner"
          role="region"
          aria-labelledby="live-banner-title"
          data-testid="offline-banner"
        >
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="live-banner-title">
              Not live
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              The connection has dropped. Reconnecting: the queue will catch up when it is back.
            </p>
          </div>
        </div>
      )}
      {error && <p className="govuk-error-message">{error}</p>}
      {items === undefined ? (
        <p className="govuk-body">Loading the queue…</p>
      ) : (
        <table className="govuk-table" data-testid="screening-queue">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {items.length === 1 ? '1 contact' : `${items.length} contacts`} waiting
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                RAG
              </th>
              <th scope="col" className="govuk-table__header">
                Child
              </th>
              <th scope="col" className="govuk-table__header">
                Reference
              </th>
              <th scope="col" className="govuk-table__header">
                Received
              </th>
              <th scope="col" className="govuk-table__header">
                Due
              </th>
              <th scope="col" className="govuk-table__header">
                Timeliness
              </th>
              <th scope="col" className="govuk-table__header">
                Claimed by
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {items.map((item) => (
              <tr className="govuk-table__row" key={item.id} data-reference={item.reference}>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${RAG_TAG[item.rag]}`}>{item.rag}</strong>
                </td>
                <td className="govuk-table__cell">{item.childName}</td>
                <td className="govuk-table__cell">{item.reference}</td>
                <td className="govuk-table__cell">{when(item.receivedAt)}</td>
                <td className="govuk-table__cell">{when(item.dueAt)}</td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${TIMELINESS[item.timeliness].tag}`}>
                    {TIMELINESS[item.timeliness].text}
                  </strong>
                </td>
                <td className="govuk-table__cell">{item.claimedBy?.name ?? 'Unclaimed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
