import type { Schema } from '../api-client';
import { when } from '../ui';
import { FIELD_WORDS, valueWords } from './demographics';

type Change = Schema<'ChildChangeDto'>;

// one correction is one row per field it changed, each with the same who, when and why: shown
// together
function byCorrection(changes: Change[]): Change[][] {
  const newestFirst = [...changes].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  const groups: Change[][] = [];
  for (const change of newestFirst) {
    const last = groups.at(-1)?.[0];
    if (
      last &&
      last.changedAt === change.changedAt &&
      last.changedBy.id === change.changedBy.id &&
      last.reason === change.reason
    )
      groups.at(-1)?.push(change);
    else groups.push([change]);
  }
  return groups;
}

// the corrections made to a child's record (PATCH /api/children/:id), newest first
export function ChildChanges({ changes }: { changes: Change[] }) {
  return (
    <section aria-labelledby="child-changes" data-testid="child-changes">
      <h2 className="govuk-heading-m" id="child-changes">
        Changes to this record
      </h2>
      {changes.length === 0 ? (
        <p className="govuk-body">No changes yet.</p>
      ) : (
        <ol className="govuk-list">
          {byCorrection(changes).map((group) => {
            const { id, changedAt, changedBy, reason } = group[0];
            return (
              <li key={id} className="govuk-!-margin-bottom-4" data-testid="child-change">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>{when(changedAt)}</strong> by {changedBy.name}
                </p>
                <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-1">
                  {group.map((c) => (
                    <li key={c.id}>
                      {FIELD_WORDS[c.field] ?? c.field}: from {valueWords(c.field, c.before)} to{' '}
                      {valueWords(c.field, c.after)}
                    </li>
                  ))}
                </ul>
                <p className="govuk-body-s fd-preserve-lines">Why: {reason}</p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
