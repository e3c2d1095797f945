import { STATUS_WORDS } from '../ui';

export const statusWords = (status: string) => STATUS_WORDS[status] ?? status;

// a referral's status, always in words: open ones blue, a decided one grey (CONSOLE.md 5: red,
// orange and green mean RAG only)
export function StatusTag({ status }: { status: string }) {
  return (
    <strong className={`govuk-tag${status === 'DECIDED' ? ' govuk-tag--grey' : ''}`} data-testid="status-tag">
      {statusWords(status)}
    </strong>
  );
}
