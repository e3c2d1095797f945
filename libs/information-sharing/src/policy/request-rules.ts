import type { RagRating, Timescale } from '@app/core';

// DOMAIN.md "Information sharing" (issue 18, decision 0029): the lawful basis of every request,
// consent, who may ask and chase, and how long an agency has to answer. Pure, table-tested.

export const LAWFUL_BASES = ['CONSENT', 'PUBLIC_TASK_S17', 'PUBLIC_TASK_S47', 'VITAL_INTERESTS'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

export const REQUEST_STATUSES = ['OPEN', 'ANSWERED', 'DECLINED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REASON_MIN = 10;
export const REASON_MAX = 2000;
export const TEXT_MAX = 5000;

export interface FieldProblem {
  field: string;
  message: string;
}

// consent is a basis only when it was given; any other basis is sharing without consent and
// needs its reason recorded (UK GDPR; the government's advice on information sharing)
export function lawfulBasisProblems(
  consentStatus: string,
  lawfulBasis: LawfulBasis,
  consentOverrideReason: string | undefined,
): FieldProblem[] {
  if (lawfulBasis === 'CONSENT')
    return consentStatus === 'GIVEN'
      ? []
      : [
          {
            field: 'lawfulBasis',
            message: `cannot be CONSENT: the contact's consent is ${consentStatus}; give another basis and why`,
          },
        ];
  return consentOverrideReason
    ? []
    : [
        {
          field: 'consentOverrideReason',
          message: 'is required: say why information is shared without consent',
        },
      ];
}

// the claim holder asks; a manager may ask on any open contact
export function mayRequest(user: { id: string; role: string }, claimedBy: string | null): boolean {
  return user.role === 'MANAGER' || claimedBy === user.id;
}

// who asked, or a manager
export function mayChase(user: { id: string; role: string }, requestedBy: string): boolean {
  return user.role === 'MANAGER' || requestedBy === user.id;
}

// the roles of an asked agency's people (and its API clients' SYSTEM users act as one of these)
export const PARTNER_ROLES = ['PARTNER', 'POLICE'] as const;

export type Timescales = Record<RagRating, Timescale>;

// the agency kind's own timescale for the rating, else the default
export function requestTimescale(
  defaults: Timescales,
  byAgencyKind: Partial<Record<string, Partial<Timescales>>>,
  agencyKind: string,
  rag: RagRating,
): Timescale {
  return byAgencyKind[agencyKind]?.[rag] ?? defaults[rag];
}
