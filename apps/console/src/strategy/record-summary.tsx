import type { ReactNode } from 'react';
import { dateOnly, SummaryList, when } from '../ui';
import {
  AGENCY_WORDS,
  ATTENDANCE_WORDS,
  quorumExplained,
  STRATEGY_OUTCOME_WORDS,
  type Agency,
  type StrategyRecord,
} from './words';

// what a record says: whether it was quorate and why, in time, what it decided and what
// follows (the s47 start and the ICPC target, CIN census S47ActualStartDate / InitialCPCtarget:
// calendar dates, as the api reads them back); the quorum is the discussion's requiredAgencies
export function recordRows(
  record: StrategyRecord,
  dueAt: string,
  required: readonly Agency[],
  staffName: (id: string) => string,
): [string, ReactNode][] {
  return [
    ['Quorum', <span data-testid="quorate">{quorumExplained(record, required)}</span>],
    [
      'Held within timescale',
      <span data-testid="timescale">
        {record.heldWithinTimescale ? 'Yes' : 'No'}: held {when(record.heldAt)}, due {when(dueAt)}
      </span>,
    ],
    ['Outcome', STRATEGY_OUTCOME_WORDS[record.outcome] ?? record.outcome],
    ...(record.s47StartDate
      ? ([
          ['Section 47 enquiry starts', <span data-testid="s47-start">{dateOnly(record.s47StartDate)}</span>],
          [
            'Initial child protection conference due',
            <span data-testid="icpc-due">{dateOnly(record.icpcDueDate)}</span>,
          ],
        ] as [string, ReactNode][])
      : []),
    [
      'Attendance',
      <ul className="govuk-list">
        {record.attendance.map((a) => (
          <li key={a.agency}>
            {AGENCY_WORDS[a.agency] ?? a.agency}: {ATTENDANCE_WORDS[a.status] ?? a.status}
          </li>
        ))}
      </ul>,
    ],
    ['Rationale', <span className="fd-preserve-lines">{record.rationale}</span>],
    [
      'Actions',
      record.actions.length === 0 ? (
        'None'
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {record.actions.map((a, i) => (
            <li key={i}>
              {a.description} ({AGENCY_WORDS[a.ownerAgency] ?? a.ownerAgency}, due {dateOnly(a.dueDate)})
              {a.completion && `: done ${when(a.completion.completedAt)}`}
            </li>
          ))}
        </ul>
      ),
    ],
    ...(record.amendmentReason
      ? ([['Why it was amended', record.amendmentReason]] as [string, ReactNode][])
      : []),
    ['Recorded', `${staffName(record.recordedBy)}, ${when(record.recordedAt)}`],
  ];
}

export function RecordSummary(props: {
  record: StrategyRecord;
  dueAt: string;
  required: readonly Agency[];
  staffName: (id: string) => string;
}) {
  return <SummaryList rows={recordRows(props.record, props.dueAt, props.required, props.staffName)} />;
}

// the records an amendment replaced, newest first, each as it stood
export function EarlierVersions({
  history,
  dueAt,
  required,
  staffName,
}: {
  history: readonly StrategyRecord[];
  dueAt: string;
  required: readonly Agency[];
  staffName: (id: string) => string;
}) {
  if (history.length === 0) return null;
  return (
    <section data-testid="earlier-versions">
      <h2 className="govuk-heading-m">Earlier versions</h2>
      <p className="govuk-body">Each amendment keeps the record it replaced. Newest first.</p>
      {history.map((record) => (
        <div className="govuk-summary-card" key={record.version}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              Version {record.version}, recorded {when(record.recordedAt)} (replaced)
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <RecordSummary record={record} dueAt={dueAt} required={required} staffName={staffName} />
          </div>
        </div>
      ))}
    </section>
  );
}
