import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { client, unwrap, type Schema } from '../api-client';
import { useLive, type LiveState } from '../live';

// the police portal's reads (issue 16 item 5): a force's notifications over REST, kept true by
// the live `submissions` view, which names what changed (status, outcome) and nothing more, so
// a change is one read of that notification (its triage due, MARAC and Encompass come with it)

export type Notification = Schema<'NotificationViewDto'>;
export type SubmissionItem = Schema<'SubmissionItemDto'>;
export type Outcome = Schema<'TriageDto'>['outcome'];

// every outcome the api gives, in words (typed against its own list: one it adds fails the build)
export const OUTCOME_WORDS: Record<Outcome, string> = {
  INFORMATION_ONLY: 'Information only',
  CONTACT: 'Contact',
  URGENT_CONTACT: 'Urgent contact',
};
export const outcomeWords = (outcome: string | undefined) =>
  outcome ? (OUTCOME_WORDS[outcome as Outcome] ?? outcome) : '';

export const STATUS_WORDS: Record<Notification['status'], string> = {
  AWAITING_TRIAGE: 'Awaiting triage',
  TRIAGED: 'Triaged',
};

const newestFirst = (a: SubmissionItem, b: SubmissionItem) => b.receivedAt.localeCompare(a.receivedAt);

// the caller's own force's notifications, live (API.md: submission.changed, own agency only)
export function useSubmissions(): LiveState<SubmissionItem> {
  return useLive<SubmissionItem>('submissions', newestFirst);
}

// what the live item says a notification is now, against what was last read of it
const behind = (read: Notification, now: SubmissionItem) =>
  read.status !== now.status || (read.triage?.outcome ?? undefined) !== (now.outcome ?? undefined);
const changeKey = (item: SubmissionItem) => `${item.id}:${item.status}:${item.outcome ?? ''}`;

export const listKey = ['da-notifications'] as const;
export const oneKey = (id: string) => ['da-notification', id] as const;

const readOne = (id: string) =>
  unwrap(client.GET('/api/da-notifications/{id}', { params: { path: { id } } }));

// one row of the force's list: the last read, with the live view's newer status and outcome
export interface Row {
  id: string;
  policeReference: string;
  childName: string;
  status: string;
  outcome?: string;
  receivedAt: string;
  read?: Notification; // undefined for a moment after another officer's notification arrives
}

export function useForceNotifications() {
  const list = useQuery({ queryKey: listKey, queryFn: () => unwrap(client.GET('/api/da-notifications')) });
  const state = useSubmissions();
  const [reread, setReread] = useState<Record<string, Notification>>({});
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!list.data || !state.items) return;
    const read = new Map(list.data.map((n) => [n.id, n]));
    for (const item of state.items) {
      const last = reread[item.id] ?? read.get(item.id);
      if (last && !behind(last, item)) continue;
      // one read per change the live view names
      const key = changeKey(item);
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      readOne(item.id)
        .then((n) => setReread((r) => ({ ...r, [n.id]: n })))
        .catch(() => asked.current.delete(key));
    }
  }, [list.data, state.items, reread]);

  let rows: Row[] | undefined;
  if (list.data && state.items) {
    const byId = new Map<string, Row>();
    for (const n of [...list.data, ...Object.values(reread)]) {
      byId.set(n.id, { ...n, outcome: n.triage?.outcome, read: n });
    }
    for (const item of state.items) {
      const row = byId.get(item.id);
      byId.set(item.id, {
        ...(row ?? {}),
        id: item.id,
        policeReference: item.reference,
        childName: item.childName,
        status: item.status,
        outcome: item.outcome,
        receivedAt: item.receivedAt,
        read: row?.read,
      });
    }
    rows = [...byId.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }
  return { rows, state, error: list.error };
}

// one notification, read again whenever the live view names it again: its status or outcome
// moved on, or one of its schools was told (the item then looks the same, but it is a new event)
export function useNotification(id: string) {
  const query = useQuery({ queryKey: oneKey(id), queryFn: () => readOne(id) });
  const state = useSubmissions();
  const item = state.items?.find((i) => i.id === id);
  const last = useRef<SubmissionItem | undefined>(undefined);
  const asked = useRef(new Set<string>());
  const { data, refetch } = query;
  useEffect(() => {
    if (!item) return;
    const before = last.current;
    last.current = item;
    // each change the view applies is a new item: one read for it (a reconnect's snapshot is
    // one more, which also covers anything missed while away)
    if (before && before !== item) {
      void refetch();
      return;
    }
    // the first the view says of it: a read from before the snapshot may be behind it
    if (!data || !behind(data, item)) return;
    const key = changeKey(item);
    if (asked.current.has(key)) return;
    asked.current.add(key);
    void refetch();
  }, [data, item, refetch]);
  return { ...query, state };
}

// after a send: the list shows it at once, with no second read
export function useRemember() {
  const queryClient = useQueryClient();
  return (n: Notification) => {
    queryClient.setQueryData<Notification[]>(listKey, (list) =>
      list ? [n, ...list.filter((o) => o.id !== n.id)] : list,
    );
    queryClient.setQueryData(oneKey(n.id), n);
  };
}
