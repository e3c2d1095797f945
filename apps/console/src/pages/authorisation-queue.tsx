import { Link, useLocation } from 'react-router';
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
import { useSession } from '../session';
import { Banner, countdown, RagTag, TimelinessTag, when, words } from '../ui';

export const REASON_WORDS: Record<string, string> = {
  RED_CONTACT_CLOSED: 'RED contact closed with no further action or advice',
  OVERRIDE: 'Level and outcome override',
  REPEAT_CONTACTS: 'Repeat contacts in 12 months',
};

// issue 15 screen 5: the decisions awaiting a manager, live
export function AuthorisationQueue() {
  const { me } = useSession();
  const state = useQueue('authorisation');
  const { items, paused, waiting, pause, resume } = usePausable(state);
  const fresh = useNewRows(items);
  const announcement = useAnnouncer(state.items, 'decision to authorise');
  const now = useNow();
  const manager = me?.user.role === 'MANAGER';
  const flash = (useLocation().state as { banner?: string } | null)?.banner;
  return (
    <Page title="Authorisation queue" wide>
      {flash && (
        <Banner kind="success" title="Success">
          <p className="govuk-notification-banner__heading">{flash}</p>
        </Banner>
      )}
      <h1 className="govuk-heading-l">Authorisation queue</h1>
      <LiveStatus state={state} />
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {!manager && <p className="govuk-body">Only a manager can authorise these decisions.</p>}
      <PauseControl paused={paused} waiting={waiting} pause={pause} resume={resume} />
      {items === undefined ? (
        <p className="govuk-body">Loading the queue…</p>
      ) : (
        <table className="govuk-table fd-queue" data-testid="authorisation-queue">
          <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1}>
            {items.length === 0
              ? 'No decisions awaiting authorisation'
              : `${items.length === 1 ? '1 decision' : `${items.length} decisions`} awaiting authorisation`}
          </caption>
          <QueueHead
            columns={[
              'Priority',
              'Child',
              'Decided by',
              'Why it needs authorising',
              'Received',
              'Decision due',
            ]}
          />
          <tbody className="govuk-table__body">
            {items.map((item) => (
              <tr
                className={`govuk-table__row${fresh.has(item.id) ? ' fd-new-row' : ''}`}
                key={item.id}
                data-reference={item.reference}
              >
                <td className="govuk-table__cell" data-label="Priority">
                  <RagTag rag={item.rag} />
                </td>
                <td className="govuk-table__cell" data-label="Child">
                  <Link
                    className="govuk-link"
                    to={
                      manager && item.status === 'AWAITING_AUTHORISATION'
                        ? `/contacts/${item.id}/authorise`
                        : `/contacts/${item.id}`
                    }
                  >
                    {item.childName}
                  </Link>
                  <br />
                  <span className="govuk-body-s fd-secondary">{item.reference}</span>
                </td>
                <td className="govuk-table__cell" data-label="Decided by">
                  {item.claimedBy?.id === me?.user.id ? 'You' : (item.claimedBy?.name ?? '')}
                </td>
                <td className="govuk-table__cell" data-label="Why it needs authorising">
                  <ul className="govuk-list">
                    {item.flags.map((f) => (
                      <li key={f}>{REASON_WORDS[f] ?? words(f)}</li>
                    ))}
                  </ul>
                </td>
                <td className="govuk-table__cell" data-label="Received">
                  <time dateTime={item.receivedAt}>{when(item.receivedAt)}</time>
                </td>
                <td className="govuk-table__cell" data-label="Decision due">
                  <time dateTime={item.dueAt}>{countdown(item.dueAt, now)}</time>{' '}
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
