import { Link } from 'react-router';
import type { Schema } from '../api-client';
import { dateOnly, when } from '../ui';

type Merge = Schema<'ChildMergeDto'>;

// the API's reason rule for a merge or an unmerge (as for a correction): checked here only to
// save a round trip
export const MERGE_REASON_MIN = 5;

const TABLE_WORDS: Record<string, [string, string]> = {
  contact: ['contact', 'contacts'],
  referral: ['referral', 'referrals'],
  da_notification_child: ['DA notification', 'DA notifications'],
  encompass_notification: ['school notification', 'school notifications'],
};

// "2 contacts, 1 referral" (or "nothing")
export function movedWords(moved: Schema<'ChildMergeResultDto'>['moved']): string {
  const parts = moved
    .filter((m) => m.count > 0)
    .map((m) => {
      const [one, many] = TABLE_WORDS[m.table] ?? [m.table, m.table];
      return `${m.count} ${m.count === 1 ? one : many}`;
    });
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

// the records merged into this one, on the child record: managers merge another in, or undo one
export function MergedRecords({
  childId,
  merges,
  manager,
}: {
  childId: string;
  merges: Merge[];
  manager: boolean;
}) {
  return (
    <section aria-labelledby="merged-records" data-testid="merged-records">
      <h2 className="govuk-heading-m" id="merged-records">
        Merged records
      </h2>
      {merges.length === 0 ? (
        <p className="govuk-body">No other record has been merged into this one.</p>
      ) : (
        <ul className="govuk-list">
          {merges.map((m) => (
            <li key={m.id} className="govuk-!-margin-bottom-3">
              <strong>
                {m.duplicate.firstName} {m.duplicate.lastName}
              </strong>
              {m.duplicate.dateOfBirth ? `, born ${dateOnly(m.duplicate.dateOfBirth)}` : ''}
              <br />
              <span className="govuk-body-s">
                Merged {when(m.mergedAt)} by {m.mergedBy.name}: {m.reason}
              </span>
              {m.undone ? (
                <>
                  <br />
                  <span className="govuk-body-s">
                    Undone {when(m.undone.at)} by {m.undone.by.name}: {m.undone.reason}
                  </span>
                </>
              ) : (
                manager && (
                  <>
                    <br />
                    <Link className="govuk-link" to={`/children/${childId}/unmerge/${m.duplicate.id}`}>
                      Undo this merge
                      <span className="govuk-visually-hidden">
                        {' '}
                        of {m.duplicate.firstName} {m.duplicate.lastName}
                      </span>
                    </Link>
                  </>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {manager && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/children/${childId}/merge`}>
            Merge a duplicate record into this one
          </Link>
        </p>
      )}
    </section>
  );
}
