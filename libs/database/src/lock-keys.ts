// postgres advisory lock keys: one list so two features never pick the same number
export const LockKey = {
  // one instance at a time runs migrations
  MIGRATIONS: 73_100_001,
  // serialises the audit hash chain (and, with it, commit order of journal rows)
  AUDIT_JOURNAL: 73_100_002,
  // held for its whole session by the one instance that runs the escalation ticker
  ESCALATION_TICKER: 73_100_003,
} as const;
