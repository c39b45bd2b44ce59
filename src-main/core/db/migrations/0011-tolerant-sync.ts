import type { Migration } from './migration';

// The tolerant reader (docs/zendesk-conformance.md). A record sync could not read is left out and
// listed in `sync_record_issues` ('skipped'), once per record and problem however often the page
// is read again; a record that later reads cleanly leaves the list. A value sync could not map
// ('mapped': the record is stored with a safe default) is listed once per value, with one record
// that had it (`example_id`) and how often it was seen (`occurrences`): thousands of comments with
// a via id newer than Zendesk's table are one line, not thousands. The raw values that did not map are kept on the record itself
// (`cases.remote_unmapped`, JSON; `messages.channel_raw`) so the agent can see them.
// A ticket deleted on the helpdesk leaves the cache; while an outbox action or a draft still needs
// it, it stays as a hidden row (`synced = 2`), which every `synced = 1` read already leaves out.
export const migration0011: Migration = {
  version: 11,
  title: 'tolerant sync: record issues, unmapped raw values, deleted tickets kept hidden while needed',
  up(db) {
    db.exec(`
      CREATE TABLE sync_record_issues (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        issue TEXT NOT NULL CHECK (issue IN ('skipped', 'mapped')),
        detail TEXT NOT NULL,
        stream TEXT,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        example_id TEXT,
        occurrences INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (account_id, kind, remote_id, issue, detail)
      ) WITHOUT ROWID;
      ALTER TABLE cases ADD COLUMN remote_unmapped TEXT;
      ALTER TABLE messages ADD COLUMN channel_raw TEXT;
    `);
  },
};
