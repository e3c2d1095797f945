import type { ReactNode } from 'react';
import { SummaryList, when } from '../ui';
import type { Response } from './words';

// an agency's answers to one request, oldest first (version 1, then each amendment); a refusal
// is a version too, with its reason
export function Answers({
  responses,
  headingLevel = 'h4',
}: {
  responses: readonly Response[];
  headingLevel?: 'h3' | 'h4';
}) {
  const Heading = headingLevel;
  if (responses.length === 0) return null;
  return (
    <ol className="fd-timeline" data-testid="information-answers">
      {responses.map((r) => (
        <li key={r.id} className="fd-timeline__item" data-testid="information-answer" data-kind={r.kind}>
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
            {r.kind === 'DECLINE' ? 'Declined' : r.version === 1 ? 'Answer' : `Answer, version ${r.version}`}
          </Heading>
          <p className="govuk-body-s fd-secondary govuk-!-margin-bottom-1">
            {r.respondedBy.name}, <time dateTime={r.respondedAt}>{when(r.respondedAt)}</time>
          </p>
          {r.kind === 'DECLINE' ? (
            <SummaryList
              rows={[
                ['Why', <span className="fd-preserve-lines">{r.declineReason ?? 'No reason given'}</span>],
              ]}
            />
          ) : (
            <SummaryList rows={answerRows(r)} />
          )}
        </li>
      ))}
    </ol>
  );
}

function answerRows(r: Response): [string, ReactNode][] {
  const rows: [string, ReactNode][] = [
    ['Known to the agency', r.knownToAgency ? 'Yes' : 'No'],
    ['Summary', <span className="fd-preserve-lines">{r.summary}</span>],
  ];
  if (r.details) rows.push(['Details', <span className="fd-preserve-lines">{r.details}</span>]);
  if (r.attachmentsNote)
    rows.push(['Sent separately', <span className="fd-preserve-lines">{r.attachmentsNote}</span>]);
  return rows;
}
