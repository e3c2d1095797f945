import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { WarningText } from '../admin/common';
import type { Schema } from '../api-client';
import { OUTCOME_WORDS, SummaryList, when, words } from '../ui';

// issue 21 item 3: the dip-sample quality audits of threshold decisions, as people say them

export type QualityAudit = Schema<'QualityAuditDto'>;
export type AuditAnswer = Schema<'AuditAnswerDto'>;

export const auditKey = (id: string) => ['quality-audit', id] as const;
export const FINDINGS_MIN = 50;
export const REASON_MIN = 10;

export const THRESHOLD_WORDS: Record<AuditAnswer['thresholdCorrect'], string> = {
  YES: 'Yes',
  PARTLY: 'Partly',
  NO: 'No',
};

// Ofsted's four grades
export const GRADE_WORDS: Record<AuditAnswer['grade'], string> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
};

export const AUDIT_STATUS_WORDS: Record<QualityAudit['status'], string> = {
  OPEN: 'Waiting for an audit',
  COMPLETED: 'Audited',
  SWAPPED: 'Taken out of the sample',
};

export function AuditStatusTag({ status }: { status: QualityAudit['status'] }) {
  return (
    <strong className={`govuk-tag${status === 'OPEN' ? '' : ' govuk-tag--grey'}`}>
      {AUDIT_STATUS_WORDS[status]}
    </strong>
  );
}

export const outcomeWords = (outcome: string | undefined) =>
  outcome ? (OUTCOME_WORDS[outcome] ?? words(outcome)) : '';

// "2 Mar 2026": a week's Monday (a calendar date)
export const weekWords = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date.slice(0, 10)}T12:00:00Z`));

// an answer's concern that no manager has dealt with yet
export const openConcern = (audit: QualityAudit) =>
  !!audit.answer?.concern && !audit.answer.concern.resolvedAt;

// the answer to an audit, as summary list rows (the audit page, my feedback, the contact)
export function answerRows(answer: AuditAnswer): [string, ReactNode][] {
  const rows: [string, ReactNode][] = [
    ['Threshold applied correctly', THRESHOLD_WORDS[answer.thresholdCorrect]],
    ['Grade', GRADE_WORDS[answer.grade]],
    ['Findings', <span className="fd-preserve-lines">{answer.findings}</span>],
    ['Actions', answer.actions ? <span className="fd-preserve-lines">{answer.actions}</span> : 'None given'],
    [
      'Audited by',
      `${answer.auditedBy.name}, ${when(answer.auditedAt)}${answer.onTime ? '' : ' (after it was due)'}`,
    ],
  ];
  if (answer.concern?.resolvedAt) {
    rows.push([
      'What was done',
      <>
        <span className="fd-preserve-lines">{answer.concern.comment}</span>
        <br />
        <span className="govuk-body-s fd-secondary">
          {answer.concern.resolvedBy?.name}, {when(answer.concern.resolvedAt)}
        </span>
      </>,
    ]);
  }
  return rows;
}

export function AnswerList({ answer }: { answer: AuditAnswer }) {
  return <SummaryList rows={answerRows(answer)} />;
}

// an audit's NO on a child still open: the contact is back before a manager until one says
// what was done (on the authorisation queue as "Audit found threshold wrong")
export function ConcernWarning({ audit }: { audit: QualityAudit }) {
  const concern = audit.answer?.concern;
  if (!concern || concern.resolvedAt) return null;
  return (
    <WarningText>
      The audit found the threshold was not applied correctly and the child is still open. A manager is to
      record what was done by {when(concern.dueAt)}.
    </WarningText>
  );
}

// where an audit's contact is
export function ContactLink({ audit }: { audit: QualityAudit }) {
  return (
    <Link className="govuk-link" to={`/contacts/${audit.contactId}`}>
      {audit.reference}
    </Link>
  );
}
