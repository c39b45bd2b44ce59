import type { Migration } from './migration';

// The supervisor panel (issue 7, docs/supervisor.md) reads "today" and "the last 24 hours" out of
// 100k cases and 1M messages on every refresh. Without these, each of those figures is a scan.
// (Version 9 follows 0007 SLA, whose sla_json column the compliance index covers.)
export const migration0009: Migration = {
  version: 9,
  title: 'supervisor indexes: cases by creation, ratings by update, public agent replies by time',
  up(db) {
    db.exec(`
      -- the unsolved queue by group, channel and assignee, covering (no case row is read)
      CREATE INDEX IF NOT EXISTS cases_supervisor_unsolved ON cases(queue, group_id, channel, assignee_id, waiting_since) WHERE synced = 1;
      -- new cases per hour (volume chart) and cases created today (median first reply), covering
      CREATE INDEX IF NOT EXISTS cases_created ON cases(created_at, channel, group_id) WHERE synced = 1;
      -- ratings on cases updated today (CSAT)
      CREATE INDEX IF NOT EXISTS cases_csat_updated ON cases(updated_at) WHERE csat IS NOT NULL;
      -- replies today, per queue and per agent (covering: no message row is read)
      CREATE INDEX IF NOT EXISTS messages_agent_public_created ON messages(created_at, case_id, account_id, author_remote_id) WHERE author_kind = 'agent' AND public = 1;
      -- SLA compliance today: timed cases changed today (their clocks that stopped today)
      CREATE INDEX IF NOT EXISTS cases_sla_updated ON cases(updated_at) WHERE sla_json IS NOT NULL;
      -- a case's first public agent reply: one seek
      CREATE INDEX IF NOT EXISTS messages_agent_public_case ON messages(case_id, created_at) WHERE author_kind = 'agent' AND public = 1;
    `);
  },
};
