import type { StaffContact } from '../contact-data';

// issue 16: the strategy discussion as the contact page shows it (link; a manager may start one
// for a decided contact); not built yet
export function StrategyOnContact({ contact }: { contact: StaffContact; reload(): void }) {
  return contact.strategyDiscussion ? null : null;
}
