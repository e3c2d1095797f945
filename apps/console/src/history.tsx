import { Link } from 'react-router';
import type { Schema } from './api-client';
import { OUTCOME_WORDS, RagTag, STATUS_WORDS, when, words } from './ui';

// a child's history, newest first (GET /api/contacts/:id and a DA notification's children):
// each entry's kind, date, reference (a contact's links to it), RAG, status and outcome
export function HistoryTimeline({
  items,
  testId = 'history',
  current,
}: {
  items: Schema<'HistoryItemDto'>[] | undefined;
  testId?: string;
  // the record being read, marked as such in its child's history
  current?: string;
}) {
  if (!items || items.length === 0) return null;
  return (
    <ol className="fd-timeline" data-testid={testId}>
      {items.map((h) => (
        <li key={`${h.kind}:${h.id}`} className="fd-timeline__item">
          <p className="govuk-body govuk-!-margin-bottom-1">
            <strong>{h.kind === 'DA_NOTIFICATION' ? 'DA notification' : words(h.kind)}</strong>,{' '}
            {when(h.date)}{' '}
            {h.kind === 'CONTACT' ? (
              <Link className="govuk-link" to={`/contacts/${h.id}`}>
                {h.reference}
              </Link>
            ) : (
              h.reference
            )}{' '}
            {h.rag && <RagTag rag={h.rag} />}
            {h.id === current && <span className="govuk-body-s fd-secondary"> (this notification)</span>}
          </p>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            {h.status ? (STATUS_WORDS[h.status] ?? words(h.status)) : ''}
            {h.outcome ? ` · ${OUTCOME_WORDS[h.outcome] ?? words(h.outcome)}` : ''}
          </p>
        </li>
      ))}
    </ol>
  );
}
