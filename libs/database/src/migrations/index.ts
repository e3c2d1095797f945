import { Foundation1763769600000 } from './1763769600000-foundation';
import { Contacts1763856000000 } from './1763856000000-contacts';
import { ThresholdDecisions1763942400000 } from './1763942400000-threshold-decisions';
import { Live1764028800000 } from './1764028800000-live';
import { DomesticAbuse1764115200000 } from './1764115200000-domestic-abuse';
import { StrategyDiscussions1764201600000 } from './1764201600000-strategy-discussions';
import { JournalHead1764288000000 } from './1764288000000-journal-head';
import { LiveNotify1764374400000 } from './1764374400000-live-notify';
import { ChildCandidates1764460800000 } from './1764460800000-child-candidates';
import { Accounts1764547200000 } from './1764547200000-accounts';
import { ChildSearch1764633600000 } from './1764633600000-child-search';
import { StrategyOutcomes1764720000000 } from './1764720000000-strategy-outcomes';
import { ContactNotes1764806400000 } from './1764806400000-contact-notes';
import { ContactList1764892800000 } from './1764892800000-contact-list';
import { ChildDemographics1764979200000 } from './1764979200000-child-demographics';
import { ChildMerge1765065600000 } from './1765065600000-child-merge';
import { InformationRequests1765152000000 } from './1765152000000-information-requests';
import { OpenRequestsReason1765238400000 } from './1765238400000-open-requests-reason';
import { ReferralQuality1765324800000 } from './1765324800000-referral-quality';
import { LaChildId1765411200000 } from './1765411200000-la-child-id';
import { OpenToSocialCare1765497600000 } from './1765497600000-open-to-social-care';
import { CaseSystemId1765584000000 } from './1765584000000-case-system-id';
import { Sequencer1765670400000 } from './1765670400000-sequencer';
import { Boomerang1765756800000 } from './1765756800000-boomerang';
import { QualityAudits1765843200000 } from './1765843200000-quality-audits';
import { AuditConcernClock1765929600000 } from './1765929600000-audit-concern-clock';

// every migration, in order; listed rather than globbed so ts (tests) and js (dist) agree
export const MIGRATIONS = [
  Foundation1763769600000,
  Contacts1763856000000,
  ThresholdDecisions1763942400000,
  Live1764028800000,
  DomesticAbuse1764115200000,
  StrategyDiscussions1764201600000,
  JournalHead1764288000000,
  LiveNotify1764374400000,
  ChildCandidates1764460800000,
  Accounts1764547200000,
  ChildSearch1764633600000,
  ContactNotes1764806400000,
  StrategyOutcomes1764720000000,
  ContactList1764892800000,
  ChildDemographics1764979200000,
  ChildMerge1765065600000,
  InformationRequests1765152000000,
  OpenRequestsReason1765238400000,
  ReferralQuality1765324800000,
  LaChildId1765411200000,
  OpenToSocialCare1765497600000,
  CaseSystemId1765584000000,
  Sequencer1765670400000,
  Boomerang1765756800000,
  QualityAudits1765843200000,
  AuditConcernClock1765929600000,
];
