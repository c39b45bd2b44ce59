import type { Migration } from './migration';

// The e-mail channel (issue 8, docs/email.md): a mailbox account has more settings than a
// helpdesk's URL and e-mail (IMAP and SMTP servers, folders, who the agent is to the team).
// They are kept as JSON beside the account, without any password (those stay in the keychain).
// Mail messages are found by their Message-ID, which is the messages' remote id: the existing
// UNIQUE (account_id, remote_id) makes a resync after a UIDVALIDITY change free of duplicates.
// `connector_state` holds what a connector must remember between runs beyond a stream cursor (for
// a mailbox: each thread's subject, counterpart, message ids and folded shared state), written in
// the same transaction as the page it came with.
export const migration0010: Migration = {
  version: 10,
  title: 'mail accounts: non-secret connector settings as JSON; connector state beside the cache',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN config_json TEXT;
      CREATE TABLE connector_state (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (account_id, key)
      ) WITHOUT ROWID;
    `);
  },
};
