import type { Migration } from './migration';

// Which secrets the keychain should hold, so a lost one is noticed and asked for again rather than
// silently done without. Only flags live here, never a secret. A helpdesk always has its API token
// and a mailbox its password; a mailbox's SMTP server may have its own password
// (`accounts.separate_smtp_password`), and the presence broker may want one
// (`presence_settings.needs_password`). Profiles from before this version learn the flags the next
// time core finds such a secret in the keychain.
export const migration0015: Migration = {
  version: 15,
  title: 'expected secrets: a separate SMTP password, a presence broker password',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN separate_smtp_password INTEGER NOT NULL DEFAULT 0 CHECK (separate_smtp_password IN (0, 1));
      ALTER TABLE presence_settings ADD COLUMN needs_password INTEGER NOT NULL DEFAULT 0 CHECK (needs_password IN (0, 1));
    `);
  },
};
