import type { Migration } from './migration';

// The helpdesk's own SLA events (docs/sla.md "The helpdesk's verdict"; Zendesk: the Incremental
// Ticket Metric Events export). Each event is kept by the helpdesk's id, keyed to the ticket by its
// remote id (events may name a ticket sync has not brought yet, and that must not become a
// placeholder case); a breach the helpdesk takes back arrives again with `deleted = 1`. From a
// case's events, the verdict (per clock: target, fulfilled or breached, when) is kept on the case
// (`cases.sla_remote_json`) beside our own clocks (`sla_json`), for the case view and for counting
// where the two disagree.
export const migration0012: Migration = {
  version: 12,
  title: "SLA events: the helpdesk's metric events and its verdict per case",
  up(db) {
    db.exec(`
      CREATE TABLE sla_events (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        case_remote_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        instance INTEGER NOT NULL,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        -- apply_sla: {minutes, businessHours, policyRemoteId}
        sla_json TEXT,
        -- clustered by case: a case's events are one range (an event never moves to another ticket)
        PRIMARY KEY (account_id, case_remote_id, remote_id)
      ) WITHOUT ROWID;
      ALTER TABLE cases ADD COLUMN sla_remote_json TEXT;
      -- the cases with a verdict, for comparing them with ours
      CREATE INDEX cases_sla_remote ON cases(account_id) WHERE sla_remote_json IS NOT NULL;
    `);
  },
};
