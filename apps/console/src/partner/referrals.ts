import { useEffect, useRef, useState } from 'react';
import type { PartnerContact } from '../contact-data';
import { useSubmissions, type SubmissionItem } from '../police/notifications';

// the partner portal's reads (issue 16 item 6). The live `submissions` view names each of the
// agency's contacts with its child, status and, once decided, what the referrer was told (the
// outcome and its acknowledgement), so the list reads no contact. The referral's own page reads
// its contact (audited) once, and again only when the live view says its status has moved on.

export type Outcome = NonNullable<PartnerContact['outcome']>;
export type Acknowledgement = NonNullable<
  PartnerContact['acknowledgement'] | SubmissionItem['acknowledgement']
>;

// what the referrer is told, in its words (typed against the api's list: a new one fails the build);
// a strategy discussion is never disclosed, both referral outcomes read as social care
export const OUTCOME_WORDS: Record<Outcome, string> = {
  NO_FURTHER_ACTION: 'No further action',
  INFORMATION_AND_ADVICE: 'Information and advice',
  EARLY_HELP: 'Early help',
  SOCIAL_CARE: 'Children’s social care',
};
export const outcomeWords = (outcome: string | undefined) =>
  outcome ? (OUTCOME_WORDS[outcome as Outcome] ?? outcome) : '';

// the agency's contacts, newest first (the view sends the caller's own agency's only)
export function useReferrals() {
  const state = useSubmissions();
  const items = state.items?.filter((i) => i.kind === 'CONTACT');
  return { state, items };
}

// one live item's status against what was last read of its contact: a read is due once per
// status the live view names that the read does not have
export function useRereadWhenMoved(
  reads: readonly { item: SubmissionItem; read: PartnerContact | undefined; refetch(): unknown }[],
) {
  const asked = useRef(new Set<string>());
  useEffect(() => {
    for (const { item, read, refetch } of reads) {
      if (!read || read.status === item.status) continue;
      const key = `${item.id}:${item.status}`;
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      void refetch();
    }
  });
}

// a polite word when a referral's status changes while it is shown (WCAG 4.1.3), never a move of focus
export function useStatusAnnouncement(
  items: readonly SubmissionItem[] | undefined,
  words: (status: string) => string,
): string {
  const seen = useRef<Map<string, string> | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!items) return;
    const before = seen.current;
    seen.current = new Map(items.map((i) => [i.id, i.status]));
    if (!before) return;
    const moved = items.filter((i) => before.has(i.id) && before.get(i.id) !== i.status);
    if (moved.length === 1) setMessage(`${moved[0].reference} is now ${words(moved[0].status)}`);
    else if (moved.length > 1) setMessage(`${moved.length} referrals have changed status`);
  }, [items, words]);
  return message;
}
