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
} from '../queue';
import { DISCUSSION_STATUS_WORDS } from '../strategy/words';
import { countdown, RagTag, TimelinessTag, when } from '../ui';

// CONSOLE.md S8: the strategy discussions not yet held (due, scheduled, overdue), live
export function StrategyQueue() {
  const state = useQueue('strategy');
  const { items, paused, waiting, pause, resume } = usePausable(state);
  const fresh = useNewRows(items);
  const announcement = useAnnouncer(state.items, 'strategy discussion');
  const now = useNow();
  return (
    <Page title="Strategy discussions" wide>
      <h1 className="govuk-heading-l">Strategy discussions</h1>
      <LiveStatus state={state} />
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <PauseControl paused={paused} waiting={waiting} pause={pause} resume={resume} />
      {items === undefined ? (
        <p className="govuk-body">Loading the strategy discussions…</p>
      ) : (
        <table className="govuk-table fd-queue" data-testid="strategy-queue">
          <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1}>
            {items.length === 0
              ? 'No strategy discussions waiting'
              : `${items.length === 1 ? '1 strategy discussion' : `${items.length} strategy discussions`} waiting`}
          </caption>
          <QueueHead columns={['Priority', 'Child', 'Due', 'Status', 'Scheduled for']} />
          <tbody className="govuk-table__body">
            {items.map((item) => {
              const scheduled = item.flags.includes('SCHEDULED') || item.status === 'SCHEDULED';
              return (
                <tr
                  className={`govuk-table__row${fresh.has(item.id) ? ' fd-new-row' : ''}`}
                  key={item.id}
                  data-reference={item.reference}
                >
                  <td className="govuk-table__cell" data-label="Priority">
                    <RagTag rag={item.rag} />
                  </td>
                  <td className="govuk-table__cell" data-label="Child">
                    <Link className="govuk-link" to={`/strategy-discussions/${item.id}`}>
                      {item.childName}
                    </Link>
                    <br />
                    <span className="govuk-body-s fd-secondary">{item.reference}</span>
                    {item.flags.includes('ESCALATED') && (
                      <>
                        <br />
                        <strong className="govuk-tag govuk-tag--grey fd-tag-gap">Started by a manager</strong>
                      </>
                    )}
                  </td>
                  <td className="govuk-table__cell" data-label="Due">
                    <time dateTime={item.dueAt}>{when(item.dueAt)}</time>
                    <br />
                    {countdown(item.dueAt, now)} <TimelinessTag timeliness={item.timeliness} />
                  </td>
                  <td className="govuk-table__cell" data-label="Status">
                    <strong className={`govuk-tag${scheduled ? ' govuk-tag--grey' : ''}`}>
                      {DISCUSSION_STATUS_WORDS[item.status as keyof typeof DISCUSSION_STATUS_WORDS] ??
                        item.status}
                    </strong>
                    {/* held with an s47 enquiry: on the queue until the ICPC is held (its due date) */}
                    {item.flags.includes('ICPC_DUE') && (
                      <>
                        <br />
                        <span className="govuk-body-s">ICPC due</span>
                      </>
                    )}
                  </td>
                  <td className="govuk-table__cell" data-label="Scheduled for">
                    {item.flags.includes('ICPC_DUE') ? (
                      'Held'
                    ) : item.scheduledFor ? (
                      <time dateTime={item.scheduledFor}>{when(item.scheduledFor)}</time>
                    ) : scheduled ? (
                      'Scheduled'
                    ) : (
                      'Not scheduled'
                    )}
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
