import type { AuthenticatedUser } from '@app/access';
import type { DecisionOutcome, TimelinessClock } from '@app/core';
import type { AuditDrawDto, QualityAuditDto } from '../dto/quality-audit.dto';
import type { AuditRow, DrawItemRow, DrawRow } from './quality-audits.repository';

const ref = (id: string, name: string | null) => ({ id, name: name ?? '' });

// an audit as its reader sees it: a manager who did not make the decision may answer it (no
// reader: as a contact's section shows it, answerable by nobody there)
export function auditDto(
  row: AuditRow,
  user: AuthenticatedUser | undefined,
  now: Date,
  clock: TimelinessClock,
): QualityAuditDto {
  const answered = row.status === 'COMPLETED' && row.audited_at && row.audited_by;
  return {
    id: row.id,
    drawId: row.draw_id,
    weekStarting: row.week_starting,
    status: row.status,
    drawnAt: row.drawn_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    timeliness: clock.at(row.status === 'OPEN' ? now : (row.audited_at ?? now), row.drawn_at, row.due_at)
      .timeliness,
    contactId: row.contact_id,
    reference: row.reference,
    childName: `${row.first_name} ${row.last_name}`,
    rag: row.rag,
    decidedBy: ref(row.decided_by, row.decided_by_name),
    decision: {
      id: row.decision_id,
      level: row.level,
      outcome: row.outcome as DecisionOutcome,
      rationale: row.rationale,
      decidedAt: row.decided_at.toISOString(),
    },
    ...(answered
      ? {
          answer: {
            thresholdCorrect: row.threshold_correct!,
            grade: row.grade!,
            findings: row.findings ?? '',
            ...(row.actions ? { actions: row.actions } : {}),
            auditedBy: ref(row.audited_by!, row.audited_by_name),
            auditedAt: row.audited_at!.toISOString(),
            onTime: row.audited_at!.getTime() <= row.due_at.getTime(),
            ...(row.concern_due_at
              ? {
                  concern: {
                    dueAt: row.concern_due_at.toISOString(),
                    ...(row.concern_resolved_at && row.concern_resolved_by
                      ? {
                          resolvedBy: ref(row.concern_resolved_by, row.concern_resolved_by_name),
                          resolvedAt: row.concern_resolved_at.toISOString(),
                          comment: row.concern_comment ?? '',
                        }
                      : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(row.replaces ? { replaces: row.replaces } : {}),
    ...(row.replaced_by ? { replacedBy: row.replaced_by } : {}),
    ...(row.swap_reason ? { swapReason: row.swap_reason } : {}),
    ...(row.swapped_by ? { swappedBy: ref(row.swapped_by, row.swapped_by_name) } : {}),
    canAudit: !!user && row.status === 'OPEN' && user.role === 'MANAGER' && row.decided_by !== user.id,
  };
}

export function drawDto(draw: DrawRow, items: DrawItemRow[], reproducible: boolean): AuditDrawDto {
  return {
    id: draw.id,
    seed: draw.seed,
    weekStarting: draw.week_starting,
    drawnAt: draw.drawn_at.toISOString(),
    ...(draw.drawn_by ? { drawnBy: ref(draw.drawn_by, draw.drawn_by_name) } : {}),
    dueAt: draw.due_at.toISOString(),
    sample: draw.sample,
    population: draw.population.length,
    items: items.map((i) => ({
      id: i.id,
      contactId: i.contact_id,
      reference: i.reference,
      decidedBy: ref(i.decided_by, i.decided_by_name),
      status: i.status,
      ...(i.replaces ? { replaces: i.replaces } : {}),
      ...(i.swap_reason ? { swapReason: i.swap_reason } : {}),
    })),
    reproducible,
  };
}
