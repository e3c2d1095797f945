import { Link } from 'react-router';
import { Page } from '../layout';
import { useNow } from '../live';
import {
  LiveStatus,
  PauseControl,
  QueueHead,
  useAnnouncer,
  useNewRows,
  usePausable,
  useQueue,
  type QueueItem,
} from '../queue';
import { countdown, RagTag, TimelinessTag, when, words } from '../ui';

// the triage queue's flags: SUGGESTED_<OUTCOME> and MARAC (libs/domestic-abuse/src/da-queues.ts)
export const suggestedOutcome = (item: QueueItem) =>
  item.flags.find((flag) => flag.startsWith('SUGGESTED_'))?.slice('SUGGESTED_'.length);

// issue 16 screen 1 (CONSOLE.md S5): police notifications awaiting triage, live
export function TriageQueue() {
  const state = useQueue('triage');
  const { items, paused, waiting, pause, resume } = usePausable(state);
  const fresh = useNewRows(items);
  const announcement = useAnnouncer(state.items, 'DA notification');
  const now = useNow();
  return (
    <Page title="DA triage queue" wide>
      <h1 className="govuk-heading-l">Domestic abuse notifications to triage</h1>
      <LiveStatus state={state} />
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <PauseControl paused={paused} waiting={waiting} pause={pause} resume={resume} />
      {items === undefined ? (
        <p className="govuk-body">Loading the queue…</p>
      ) : (
        <table className="govuk-table fd-queue" data-testid="triage-queue">
          <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1}>
            {items.length === 0
              ? 'No notifications awaiting triage'
              : `${items.length === 1 ? '1 notification' : `${items.length} notifications`} awaiting triage`}
          </caption>
          <QueueHead
            columns={[
              'Priority',
              'Children',
              'Police reference',
              'Risk',
              'Suggested',
              'MARAC',
              'Received',
              'Triage due',
            ]}
          />
          <tbody className="govuk-table__body">
            {items.map((item) => {
              const suggested = suggestedOutcome(item);
              return (
                <tr
                  className={`govuk-table__row${fresh.has(item.id) ? ' fd-new-row' : ''}`}
                  key={item.id}
                  data-reference={item.reference}
                >
                  <td className="govuk-table__cell" data-label="Priority">
                    <RagTag rag={item.rag} />
                  </td>
                  <td className="govuk-table__cell" data-label="Children">
                    <Link className="govuk-link" to={`/da-notifications/${item.id}`}>
                      {item.childName || 'No children named'}
                    </Link>
                  </td>
                  <td className="govuk-table__cell" data-label="Police reference">
                    {item.reference}
                    {item.force && (
                      <>
                        <br />
                        <span className="govuk-body-s fd-secondary">{item.force}</span>
                      </>
                    )}
                  </td>
                  <td className="govuk-table__cell" data-label="Risk">
                    {item.riskTool} {item.riskLevel ? words(item.riskLevel).toLowerCase() : ''}
                  </td>
                  <td className="govuk-table__cell" data-label="Suggested">
                    {suggested ? words(suggested) : ''}
                  </td>
                  <td className="govuk-table__cell" data-label="MARAC">
                    {item.flags.includes('MARAC') ? (
                      <strong className="govuk-tag govuk-tag--red">MARAC</strong>
                    ) : (
                      'No'
                    )}
                  </td>
                  <td className="govuk-table__cell" data-label="Received">
                    <time dateTime={item.receivedAt}>{when(item.receivedAt)}</time>
                  </td>
                  <td className="govuk-table__cell" data-label="Triage due">
                    <time dateTime={item.dueAt}>{countdown(item.dueAt, now)}</time>{' '}
                    <TimelinessTag timeliness={item.timeliness} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
