import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Schema } from './api-client';
import { useLive, type LiveState } from './live';
import { Banner } from './ui';

export type QueueItem = Schema<'QueueItemDto'>;

const RAG_ORDER: Record<string, number> = { RED: 0, AMBER: 1, GREEN: 2 };
// API.md: RED, AMBER, GREEN, then the nearest deadline first (the server's order)
export const byRagThenDue = (a: QueueItem, b: QueueItem) =>
  (RAG_ORDER[a.rag] ?? 3) - (RAG_ORDER[b.rag] ?? 3) || a.dueAt.localeCompare(b.dueAt);

export function useQueue(view: string): LiveState<QueueItem> {
  return useLive<QueueItem>(view, byRagThenDue);
}

// "Pause updates" (WCAG 2.2.2) freezes what is shown, not the store: the list shown stays
// the one last rendered while the live view keeps applying events (so its seq stays true)
export function usePausable(state: LiveState<QueueItem>) {
  const [paused, setPaused] = useState(false);
  const [shown, setShown] = useState<{ items: readonly QueueItem[] | undefined; version: number }>({
    items: state.items,
    version: state.version,
  });
  if (!paused && (shown.items !== state.items || shown.version !== state.version)) {
    setShown({ items: state.items, version: state.version });
  }
  const waiting = paused ? state.version - shown.version : 0;
  return {
    items: paused ? shown.items : state.items,
    paused,
    waiting,
    pause: () => setPaused(true),
    resume: () => setPaused(false),
  };
}

// rows that arrived since the list was first shown: their highlight is a CSS animation that
// runs once and ends by itself, so no state or timer is needed to take it off
export function useNewRows(items: readonly QueueItem[] | undefined): Set<string> {
  const first = useRef<Set<string> | undefined>(undefined);
  if (items && !first.current) first.current = new Set(items.map((i) => i.id));
  const fresh = new Set<string>();
  for (const item of items ?? []) if (first.current && !first.current.has(item.id)) fresh.add(item.id);
  return fresh;
}

// a polite announcement of new RED and AMBER items, at most one each 5 s (WCAG 4.1.3)
export function useAnnouncer(items: readonly QueueItem[] | undefined, what: string): string {
  const seen = useRef<Set<string> | undefined>(undefined);
  const last = useRef(0);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!items) return;
    if (!seen.current) {
      seen.current = new Set(items.map((i) => i.id));
      return;
    }
    const added = items.filter((i) => !seen.current!.has(i.id));
    for (const i of added) seen.current.add(i.id);
    const urgent = added.filter((i) => i.rag === 'RED' || i.rag === 'AMBER');
    if (urgent.length === 0 || Date.now() - last.current < 5000) return;
    last.current = Date.now();
    setMessage(
      urgent.length === 1
        ? `New ${urgent[0].rag} ${what}: ${urgent[0].childName}`
        : `${urgent.length} new RED or AMBER ${what}s`,
    );
  }, [items, what]);
  return message;
}

// the connection state (role="status") and, when it has dropped, the warning banner
export function LiveStatus({ state }: { state: LiveState<unknown & { id: string }, unknown> }) {
  const live = state.items !== undefined || state.figures !== undefined;
  return (
    <>
      <p className="govuk-body-s fd-live-status">
        <span role="status">{!live ? 'Connecting…' : state.connected ? 'Live' : 'Reconnecting…'}</span>
      </p>
      {live && !state.connected && (
        <div data-testid="offline-banner">
          <Banner title="Not connected">
            <p className="govuk-notification-banner__heading">
              Not connected. This list may be out of date. Reconnecting…
            </p>
          </Banner>
        </div>
      )}
      {state.error && (
        <p className="govuk-error-message" role="alert">
          {state.error}
        </p>
      )}
    </>
  );
}

// one button that pauses and resumes, so focus stays on it whichever it does (WCAG 2.4.3)
export function PauseControl({
  paused,
  waiting,
  pause,
  resume,
}: {
  paused: boolean;
  waiting: number;
  pause(): void;
  resume(): void;
}): ReactNode {
  return (
    <p className="govuk-body">
      <button
        type="button"
        className="govuk-button govuk-button--secondary fd-inline-button"
        onClick={paused ? resume : pause}
      >
        {paused ? 'Show changes' : 'Pause updates'}
      </button>{' '}
      <span aria-live="polite">
        {paused ? (waiting === 1 ? '1 change waiting' : `${waiting} changes waiting`) : ''}
      </span>
    </p>
  );
}

// a queue table's head: one scoped header per column
export function QueueHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column) => (
          <th scope="col" className="govuk-table__header" key={column}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
