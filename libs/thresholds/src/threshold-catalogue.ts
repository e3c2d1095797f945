import { DECISION_OUTCOMES, type ThresholdCatalogueSchema } from '@app/core';
import type { ThresholdCatalogueDto } from './dto/decision.dto';
import { ASSESSMENT_FACTOR_LABELS, PRIMARY_NEED_LABELS } from './policy/cin-labels';
import {
  ASSESSMENT_FACTOR_CODES,
  NO_FACTORS_IDENTIFIED,
  OVERRIDE_REASON_MIN_LENGTH,
  PRIMARY_NEED_CODES,
} from './policy/threshold-rules';

// GET /api/thresholds: the catalogue as the decision form and the referral form's help need it
export function catalogueDto(catalogue: ThresholdCatalogueSchema): ThresholdCatalogueDto {
  return {
    levels: Object.entries(catalogue.levels).map(([level, name]) => ({
      level: Number(level),
      name: String(name),
      usualOutcomes: [...(catalogue.consistentOutcomes[level] ?? [])],
      description: catalogue.guidance[level].means,
      examples: [...catalogue.guidance[level].examples],
    })),
    outcomes: [...DECISION_OUTCOMES],
    referralOutcomes: [...catalogue.referralOutcomes],
    rationaleMinLength: catalogue.rationaleMinLength,
    overrideReasonMinLength: OVERRIDE_REASON_MIN_LENGTH,
    primaryNeeds: PRIMARY_NEED_CODES.map((code) => ({ code, label: PRIMARY_NEED_LABELS[code] ?? code })),
    factors: ASSESSMENT_FACTOR_CODES.map((code) => ({ code, label: ASSESSMENT_FACTOR_LABELS[code] ?? code })),
    noFactorsCode: NO_FACTORS_IDENTIFIED,
  };
}
