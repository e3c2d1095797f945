import type { ContactCategory, RagPolicySchema, RagRating, WorkingCalendar } from '@app/core';

// the facts about a contact that the suggested rating depends on (DOMAIN.md Screening timescales)
export interface RagFacts {
  immediateRisk: boolean;
  injury: boolean;
  categories: readonly ContactCategory[];
  // the child's contacts before this one, within 12 months
  priorContactsInLast12Months: number;
}

export interface RagSuggestion {
  rag: RagRating;
  reasons: string[];
}

// words a social worker reads in the reasons, not the codes the api sends
export const CATEGORY_LABELS: Record<ContactCategory, string> = {
  NEGLECT: 'neglect',
  PHYSICAL_ABUSE: 'physical abuse',
  SEXUAL_ABUSE: 'sexual abuse',
  EMOTIONAL_ABUSE: 'emotional abuse',
  DOMESTIC_ABUSE: 'domestic abuse',
  CSE: 'child sexual exploitation',
  CCE: 'child criminal exploitation',
  MISSING: 'missing from home or care',
  FGM: 'female genital mutilation',
  SELF_HARM: 'self-harm',
  MENTAL_HEALTH: 'mental health',
  SUBSTANCE_MISUSE: 'substance misuse',
  HOMELESS_16_17: 'homeless aged 16-17',
  RADICALISATION: 'radicalisation',
  DISABILITY: 'disability',
  OTHER: 'other',
};

const NO_INDICATOR = 'no red or amber indicator';

// DOMAIN.md Screening timescales: RED, then AMBER, else GREEN; the reasons are every rule of
// the winning level that matched, so the screener sees why and can disagree in writing
export function suggestRag(facts: RagFacts, policy: RagPolicySchema): RagSuggestion {
  const prior = facts.priorContactsInLast12Months;
  // a miscounted history must fail loudly, never quietly rate a child GREEN
  if (!Number.isInteger(prior) || prior < 0) {
    throw new Error(`priorContactsInLast12Months must be a whole number >= 0, got ${prior}`);
  }
  const { red, amber } = policy.suggestion;
  // a category listed twice on a contact is one reason
  const categories = [...new Set(facts.categories)];

  const redReasons: string[] = [];
  if (red.immediateRisk && facts.immediateRisk) redReasons.push('immediate risk of harm reported');
  for (const category of categories) {
    if (red.categories.includes(category)) {
      redReasons.push(`category: ${CATEGORY_LABELS[category]}`);
    } else if (facts.injury && red.categoriesWithInjury.includes(category)) {
      redReasons.push(`${CATEGORY_LABELS[category]} with injury`);
    }
  }
  if (redReasons.length > 0) return { rag: 'RED', reasons: redReasons };

  const amberReasons = categories
    .filter((category) => amber.categories.includes(category))
    .map((category) => `category: ${CATEGORY_LABELS[category]}`);
  if (prior >= amber.priorContactsInLast12Months) {
    amberReasons.push(
      `${prior} ${prior === 1 ? 'contact' : 'contacts'} about this child in the last 12 months`,
    );
  }
  if (amberReasons.length > 0) return { rag: 'AMBER', reasons: amberReasons };

  return { rag: 'GREEN', reasons: [NO_INDICATOR] };
}

// DOMAIN.md Screening timescales: RED 4 hours elapsed, AMBER 1 working day, GREEN 3 working
// days by default; the amounts come from config/rag-policy.yml
export function decisionDueAt(
  receivedAt: Date,
  rag: RagRating,
  calendar: WorkingCalendar,
  policy: RagPolicySchema,
): Date {
  return calendar.deadline(receivedAt, policy.timescales[rag]);
}
