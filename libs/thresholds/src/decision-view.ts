import type { EntityManager } from 'typeorm';
import type {
  DecisionOutDto,
  ReferralOutDto,
  ReferralQualityDto,
  StrategyDiscussionRefDto,
} from './dto/decision.dto';
import type { QualityGrade, QualityReason } from './policy/referral-quality';
import type { ThresholdDecisionEntity } from './entities/threshold-decision.entity';
import type { ReferralEntity } from './entities/referral.entity';

async function names(manager: EntityManager, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = (await manager.query('select id, name from app_user where id = any($1)', [wanted])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function decisionDtos(
  manager: EntityManager,
  decisions: ThresholdDecisionEntity[],
): Promise<DecisionOutDto[]> {
  const who = await names(
    manager,
    decisions.flatMap((d) => [d.decidedBy, d.authorisedBy]),
  );
  return decisions.map((d) => ({
    id: d.id,
    level: d.level,
    outcome: d.outcome,
    rationale: d.rationale,
    ...(d.primaryNeedCode ? { primaryNeedCode: d.primaryNeedCode } : {}),
    factors: d.factors,
    ...(d.overrideReason ? { overrideReason: d.overrideReason } : {}),
    ...(d.openRequestsReason ? { openRequestsReason: d.openRequestsReason } : {}),
    ...(d.qualityGrade ? { quality: qualityOf(d) } : {}),
    decidedAt: d.decidedAt.toISOString(),
    decidedBy: { id: d.decidedBy, name: who.get(d.decidedBy) ?? '' },
    withinTimescale: d.withinTimescale,
    minutesTaken: d.minutesTaken,
    status: d.status,
    authorisationReasons: d.authorisationReasons,
    ...(d.authorisedBy ? { authorisedBy: { id: d.authorisedBy, name: who.get(d.authorisedBy) ?? '' } } : {}),
    ...(d.authorisedAt ? { authorisedAt: d.authorisedAt.toISOString() } : {}),
    ...(d.authorisationComment ? { authorisationComment: d.authorisationComment } : {}),
    ...(d.acknowledgement ? { acknowledgement: d.acknowledgement } : {}),
  }));
}

export function referralDto(r: ReferralEntity): ReferralOutDto {
  return {
    id: r.id,
    referralDate: r.referralDate,
    assessmentDueDate: r.assessmentDueDate,
    reReferral: r.reReferral,
    primaryNeedCode: r.primaryNeedCode,
    source: r.source,
  };
}

export function strategyDiscussionDto(row: { id: string; due_at: Date }): StrategyDiscussionRefDto {
  return { id: row.id, dueAt: new Date(row.due_at).toISOString() };
}

// the grade of what the referrer sent, as the decision and the referrer's view show it
export function qualityOf(
  d: Pick<ThresholdDecisionEntity, 'qualityGrade' | 'qualityReasons'>,
): ReferralQualityDto {
  return { grade: d.qualityGrade as QualityGrade, reasons: d.qualityReasons as QualityReason[] };
}
