import { STATUS_WORDS } from './notifications';

// a notification's status: Awaiting triage (blue), Triaged (green), always in words
export function StatusTag({ status }: { status: string }) {
  return (
    <strong
      className={`govuk-tag${status === 'TRIAGED' ? ' govuk-tag--green' : ''}`}
      data-testid="status-tag"
    >
      {STATUS_WORDS[status as keyof typeof STATUS_WORDS] ?? status}
    </strong>
  );
}
