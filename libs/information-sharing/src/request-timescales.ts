import { Inject, Injectable } from '@nestjs/common';
import { AGENCY_KINDS } from '@app/access';
import {
  INFORMATION_SHARING_POLICY,
  PolicyError,
  POLICY_FILES,
  WorkingCalendar,
  type InformationSharingPolicySchema,
  type RagRating,
} from '@app/core';
import { requestTimescale, type Timescales } from './policy/request-rules';

// config/information-sharing.yml as the module reads it: the due time of a request to an agency
// of a kind, for a contact of a rating. Kinds of agency the service does not know stop it at boot.
@Injectable()
export class RequestTimescales {
  private readonly defaults: Timescales;
  private readonly byKind: Partial<Record<string, Partial<Timescales>>>;

  constructor(
    @Inject(INFORMATION_SHARING_POLICY) policy: InformationSharingPolicySchema,
    private readonly calendar: WorkingCalendar,
  ) {
    const unknown = Object.keys(policy.byAgencyKind ?? {}).filter(
      (kind) => !(AGENCY_KINDS as readonly string[]).includes(kind),
    );
    if (unknown.length > 0)
      throw new PolicyError(
        POLICY_FILES.informationSharing,
        unknown.map((kind) => `byAgencyKind.${kind}: kinds of agency are ${AGENCY_KINDS.join(', ')}`),
      );
    this.defaults = policy.timescales;
    this.byKind = (policy.byAgencyKind ?? {}) as Partial<Record<string, Partial<Timescales>>>;
  }

  dueAt(requestedAt: Date, agencyKind: string, rag: RagRating): Date {
    return this.calendar.deadline(requestedAt, requestTimescale(this.defaults, this.byKind, agencyKind, rag));
  }
}
