import type { EntityManager } from 'typeorm';
import type { DecisionOutcome } from '@app/core';
import type { BoomerangDto, ReturnedAfterDto } from './dto/decision-section.dto';

// issue 21 (decision 0033): a contact names the child's earlier contact it came back after
// (set at intake by contacts, config/quality.yml); read here with that contact's decision. A
// declared read of contacts' contact and auth's app_user.
export async function boomerangsOf(
  manager: EntityManager,
  contactId: string,
): Promise<{ returnedAfter?: ReturnedAfterDto; boomerang?: BoomerangDto }> {
  const rows = (await manager.query(
    `select 'returned_after' as kind, e.id, e.reference, c.returned_after_days as days, d.outcome, d.rationale,
            coalesce(d.authorised_at, d.decided_at) as at, u.id as user_id, u.name as user_name
       from contact c
       join contact e on e.id = c.returned_after_contact_id
       join threshold_decision d on d.contact_id = e.id and d.status in ('DECIDED', 'APPROVED')
       join app_user u on u.id = d.decided_by
      where c.id = $1
     union all
     (select 'boomerang', l.id, l.reference, l.returned_after_days, null, null, l.received_at, null, null
        from contact l where l.returned_after_contact_id = $1
       order by l.received_at, l.id limit 1)`,
    [contactId],
  )) as {
    kind: 'returned_after' | 'boomerang';
    id: string;
    reference: string;
    days: number;
    outcome: DecisionOutcome | null;
    rationale: string | null;
    at: Date;
    user_id: string | null;
    user_name: string | null;
  }[];
  const found: { returnedAfter?: ReturnedAfterDto; boomerang?: BoomerangDto } = {};
  for (const row of rows) {
    if (row.kind === 'returned_after') {
      found.returnedAfter = {
        contactId: row.id,
        reference: row.reference,
        outcome: row.outcome as DecisionOutcome,
        rationale: row.rationale ?? '',
        decidedBy: { id: row.user_id ?? '', name: row.user_name ?? '' },
        closedAt: row.at.toISOString(),
        days: row.days,
      };
    } else {
      found.boomerang = {
        contactId: row.id,
        reference: row.reference,
        receivedAt: row.at.toISOString(),
        days: row.days,
      };
    }
  }
  return found;
}
