import type { Migration } from './migration';

// SLA (DESIGN §8, issue 7, docs/sla.md).
// - `sla_policies`: policies synced from the helpdesk (account_id + remote_id, replaced by every
//   policy sync unless `local_override` = 1) and local ones (account_id and remote_id NULL).
//   filter_json: SlaFilter; targets_json: SlaTargetRule[]; schedule_json: BusinessSchedule or NULL
//   (calendar hours only); pauses_json: the statuses that pause the resolution clock.
// - `case_status_changes`: when a case entered a status (from the ticket events sync, and from
//   case updates; docs/sla.md "what history is known"). Pauses are computed from it.
// - On cases, the computed clocks (`sla_json`, fixed for a given set of facts) and the due times the
//   inbox sort and the supervisor counts read: `sla_sort` is the next running due time, MAX - 1
//   while paused and MAX when no clock runs, so one index serves "next breach" with breached first.
export const migration0007: Migration = {
  version: 7,
  title: 'sla policies, case status history and due times',
  up(db) {
    db.exec(`
      CREATE TABLE sla_policies (
        id INTEGER PRIMARY KEY,
        account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        filter_json TEXT NOT NULL DEFAULT '{"all":[],"any":[]}',
        targets_json TEXT NOT NULL DEFAULT '[]',
        schedule_json TEXT,
        pauses_json TEXT NOT NULL DEFAULT '["pending","hold"]',
        active INTEGER NOT NULL DEFAULT 1,
        local_override INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        UNIQUE (account_id, remote_id),
        CHECK ((account_id IS NULL) = (remote_id IS NULL))
      );

      CREATE TABLE case_status_changes (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (case_id, at, status)
      ) WITHOUT ROWID;

      ALTER TABLE cases ADD COLUMN sla_json TEXT;
      ALTER TABLE cases ADD COLUMN sla_next_due_at INTEGER;
      ALTER TABLE cases ADD COLUMN sla_next_at_risk_at INTEGER;
      ALTER TABLE cases ADD COLUMN sla_sort INTEGER NOT NULL DEFAULT 9007199254740991;
      CREATE INDEX cases_queue_sla ON cases(queue, sla_sort) WHERE synced = 1;
      -- the supervisor's at-risk / breached counts: running clocks only, covering
      CREATE INDEX cases_sla_running ON cases(sla_next_due_at, sla_next_at_risk_at, group_id, channel) WHERE sla_next_due_at IS NOT NULL;
    `);
  },
};
