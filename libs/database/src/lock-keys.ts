// postgres advisory lock keys: one list so two features never pick the same number
export const LockKey = {
  // one instance at a time runs migrations
  MIGRATIONS: 73_100_001,
  // (retired by decision 0031: it serialised every writer) 73_100_002
  // held to commit by the one sequencer batch at a time that chains audit rows
  AUDIT_CHAIN: 73_100_004,
  // held to commit by the one sequencer batch at a time that sequences live events
  LIVE_SEQUENCE: 73_100_005,
  // held for its whole session by the one instance that runs the escalation ticker
  ESCALATION_TICKER: 73_100_003,
} as const;
