import { memo, useCallback, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap } from '../api-client';
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
import { useSession } from '../session';
import { Banner, countdown, FlagTags, RagTag, TimelinessTag, when } from '../ui';

const SHOW = [
  { value: 'all', label: 'All open' },
  { value: 'unclaimed', label: 'Unclaimed' },
  { value: 'mine', label: 'Claimed by me' },
] as const;
const RAGS = ['RED', 'AMBER', 'GREEN'] as const;
const TIMELINESS = [
  { value: 'OVERDUE', label: 'Overdue' },
  { value: 'DUE_SOON', label: 'Due soon' },
  { value: 'ON_TRACK', label: 'On track' },
] as const;

// the rows a queue renders at first, most urgent first (the counts and filters cover them all):
// a browser styles and lays out 2,000 rows in about a second, and re-lays them out on every
// change (bench figures 10 and 10b); the rest are a press away
const PAGE_ROWS = 200;

// issue 15 screen 2: the screening queue, live, with its filters in the URL
export function ScreeningQueue() {
  const { me } = useSession();
  const state = useQueue('screening');
  const { items, paused, waiting, pause, resume } = usePausable(state);
  const fresh = useNewRows(items);
  const announcement = useAnnouncer(state.items, 'contact');
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const [problem, setProblem] = useState<string>();
  const [claiming, setClaiming] = useState<string>();
  const caption = useRef<HTMLTableCaptionElement>(null);
  const [limit, setLimit] = useState(PAGE_ROWS);

  const show = params.get('show') ?? 'all';
  const rags = params.getAll('rag');
  const timeliness = params.getAll('timeliness');
  const shown = (items ?? []).filter(
    (i) =>
      (show !== 'unclaimed' || !i.claimedBy) &&
      (show !== 'mine' || i.claimedBy?.id === me?.user.id) &&
      (rags.length === 0 || rags.includes(i.rag)) &&
      (timeliness.length === 0 || timeliness.includes(i.timeliness)),
  );
  const all = items ?? [];
  const count = (rag: string) => all.filter((i) => i.rag === rag).length;
  const overdue = all.filter((i) => i.timeliness === 'OVERDUE').length;
  const dueSoon = all.filter((i) => i.timeliness === 'DUE_SOON').length;

  const toggle = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    const values = next.getAll(key);
    next.delete(key);
    for (const v of values.includes(value) ? values.filter((x) => x !== value) : [...values, value])
      next.append(key, v);
    setParams(next, { replace: true });
  };
  const showHref = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete('show');
    else next.set('show', value);
    const query = next.toString();
    return query ? `?${query}` : '?';
  };

  const claim = useCallback(async (item: QueueItem) => {
    setClaiming(item.id);
    setProblem(undefined);
    try {
      await unwrap(client.POST('/api/contacts/{id}/claim', { params: { path: { id: item.id } }, body: {} }));
    } catch (error) {
      // a 409 names who holds it ("Sam Screener is already working on this contact.")
      setProblem(error instanceof ApiFailure ? error.error.message : 'The claim failed. Try again.');
    } finally {
      setClaiming(undefined);
    }
  }, []);

  return (
    <Page title="Screening queue" wide>
      <h1 className="govuk-heading-l">Screening queue</h1>
      <LiveStatus state={state} />
      {problem && (
        <div data-testid="claim-problem">
          <Banner title="Important" focus key={problem}>
            <p className="govuk-notification-banner__heading">{problem}</p>
          </Banner>
        </div>
      )}
      <div className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {items !== undefined && (
        <p className="govuk-body" data-testid="queue-summary">
          {all.length} open: {count('RED')} RED, {count('AMBER')} AMBER, {count('GREEN')} GREEN · {overdue}{' '}
          overdue · {dueSoon} due soon
        </p>
      )}
      <nav className="fd-sub-navigation" aria-label="Filter the queue">
        <ul className="fd-sub-navigation__list">
          {SHOW.map((s) => (
            <li key={s.value} className="fd-sub-navigation__item">
              <Link
                className="govuk-link fd-sub-navigation__link"
                to={showHref(s.value)}
                replace
                aria-current={show === s.value ? 'page' : undefined}
              >
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Filter by RAG and timeliness
            {rags.length + timeliness.length > 0 ? ` (${rags.length + timeliness.length} chosen)` : ''}
          </span>
        </summary>
        <div className="govuk-details__text">
          <div className="govuk-checkboxes govuk-checkboxes--small fd-inline-checkboxes">
            {RAGS.map((rag) => (
              <div className="govuk-checkboxes__item" key={rag}>
                <input
                  className="govuk-checkboxes__input"
                  id={`filter-rag-${rag}`}
                  type="checkbox"
                  checked={rags.includes(rag)}
                  onChange={() => toggle('rag', rag)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`filter-rag-${rag}`}>
                  {rag}
                </label>
              </div>
            ))}
            {TIMELINESS.map((t) => (
              <div className="govuk-checkboxes__item" key={t.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={`filter-timeliness-${t.value}`}
                  type="checkbox"
                  checked={timeliness.includes(t.value)}
                  onChange={() => toggle('timeliness', t.value)}
                />
                <label
                  className="govuk-label govuk-checkboxes__label"
                  htmlFor={`filter-timeliness-${t.value}`}
                >
                  {t.label}
                </label>
              </div>
            ))}
          </div>
        </div>
      </details>
      <PauseControl paused={paused} waiting={waiting} pause={pause} resume={resume} />
      {items === undefined ? (
        <p className="govuk-body">Loading the queue…</p>
      ) : (
        <table className="govuk-table fd-queue" data-testid="screening-queue" data-page-rows={PAGE_ROWS}>
          <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1} ref={caption}>
            {shown.length === 0
              ? 'No open contacts'
              : shown.length > limit
                ? `Showing ${limit} of ${shown.length} contacts`
                : `${shown.length === 1 ? '1 contact' : `${shown.length} contacts`} shown`}
          </caption>
          <QueueHead columns={['Priority', 'Child', 'Received', 'Due', 'Claimed by', 'Flags']} />
          <tbody className="govuk-table__body">
            {shown.slice(0, limit).map((item) => (
              <QueueRow
                key={item.id}
                item={item}
                fresh={fresh.has(item.id)}
                countdownText={countdown(item.dueAt, now)}
                me={me?.user.id}
                claiming={claiming === item.id}
                onClaim={claim}
              />
            ))}
          </tbody>
        </table>
      )}
      {shown.length > limit && (
        <p className="govuk-body">
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => setLimit((l) => l + PAGE_ROWS)}
          >
            Show the next {Math.min(PAGE_ROWS, shown.length - limit)}
            <span className="govuk-visually-hidden"> contacts</span> ({shown.length - limit} not shown)
          </button>
        </p>
      )}
    </Page>
  );
}

// one row, rendered again only when its own item, countdown or claim state changes: a
// change to one contact on a queue of 2,000 re-renders one row (bench figure 9)
const QueueRow = memo(function QueueRow({
  item,
  fresh,
  countdownText,
  me,
  claiming,
  onClaim,
}: {
  item: QueueItem;
  fresh: boolean;
  countdownText: string;
  me: string | undefined;
  claiming: boolean;
  onClaim(item: QueueItem): Promise<void>;
}) {
  return (
    <tr
      className={`govuk-table__row${fresh ? ' fd-new-row' : ''}`}
      data-reference={item.reference}
      data-timeliness={item.timeliness}
    >
      <td className="govuk-table__cell" data-label="Priority">
        <RagTag rag={item.rag} />
      </td>
      <td className="govuk-table__cell" data-label="Child">
        <Link className="govuk-link" to={`/contacts/${item.id}`}>
          {item.childName}
        </Link>
        <br />
        <span className="govuk-body-s fd-secondary">{item.reference}</span>
      </td>
      <td className="govuk-table__cell" data-label="Received">
        <time dateTime={item.receivedAt}>{when(item.receivedAt)}</time>
      </td>
      <td className="govuk-table__cell" data-label="Due">
        <time dateTime={item.dueAt}>{countdownText}</time> <TimelinessTag timeliness={item.timeliness} />
      </td>
      <td className="govuk-table__cell" data-label="Claimed by">
        {item.claimedBy ? (
          item.claimedBy.id === me ? (
            'You'
          ) : (
            item.claimedBy.name
          )
        ) : (
          <button
            type="button"
            className="govuk-button govuk-button--secondary fd-inline-button"
            disabled={claiming}
            aria-disabled={claiming || undefined}
            onClick={() => void onClaim(item)}
          >
            Claim<span className="govuk-visually-hidden"> {item.childName}’s contact</span>
          </button>
        )}
      </td>
      <td className="govuk-table__cell" data-label="Flags">
        <FlagTags flags={item.flags} />
      </td>
    </tr>
  );
});
