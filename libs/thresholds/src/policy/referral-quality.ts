// DOMAIN.md "Referral quality" (issue 18 item 4, decision 0029): with each decision the screener
// grades what the referrer sent; the referrer sees its grade; managers see each agency's share
// of complete contacts. Pure, table-tested.

export const QUALITY_GRADES = ['COMPLETE', 'PARTIAL', 'INSUFFICIENT'] as const;
export type QualityGrade = (typeof QUALITY_GRADES)[number];

export const QUALITY_REASONS = [
  'NO_CONSENT_RECORDED',
  'NO_CHILD_VIEW',
  'NO_DETAIL_OF_CONCERN',
  'NO_ACTION_TAKEN_BY_REFERRER',
  'WRONG_THRESHOLD',
] as const;
export type QualityReason = (typeof QUALITY_REASONS)[number];

export interface QualityInput {
  grade: string;
  reasons?: string[];
}

// a complete contact wants for nothing (no reason); a partial or insufficient one says what it
// lacked (one reason or more, each once)
export function qualityProblems(quality: QualityInput): { field: string; message: string }[] {
  const reasons = quality.reasons ?? [];
  if (quality.grade === 'COMPLETE' && reasons.length > 0)
    return [{ field: 'quality.reasons', message: 'a COMPLETE contact lacks nothing: give no reasons' }];
  if (quality.grade !== 'COMPLETE' && reasons.length === 0)
    return [
      {
        field: 'quality.reasons',
        message: `say what a ${quality.grade} contact lacked (one reason or more)`,
      },
    ];
  return [];
}
