import type { Db } from '../connection';

export type AccountStatus = 'new' | 'syncing' | 'ok' | 'offline' | 'error';

export interface AccountRow {
  id: number;
  kind: string;
  name: string;
  baseUrl: string;
  email: string;
  meRemoteId: string | null;
  status: AccountStatus;
  lastError: string | null;
  lastSyncedAt: number | null;
  createdAt: number;
  /** Connector settings beyond URL and e-mail, as JSON (a mailbox's servers and folders); never a secret. */
  configJson: string | null;
  /** A mailbox whose SMTP server has its own password (kept in the keychain beside the IMAP one). */
  separateSmtpPassword: boolean;
}

const COLUMNS = `id, kind, name, base_url AS baseUrl, email, me_remote_id AS meRemoteId, status, last_error AS lastError,
  last_synced_at AS lastSyncedAt, created_at AS createdAt, config_json AS configJson, separate_smtp_password AS separateSmtpPassword`;

type StoredRow = Omit<AccountRow, 'separateSmtpPassword'> & { separateSmtpPassword: number };

function fromStored(row: StoredRow): AccountRow {
  return { ...row, separateSmtpPassword: row.separateSmtpPassword === 1 };
}

/** Accounts hold only non-secret configuration; tokens live in the OS keychain (SecretStore). */
export class AccountsRepo {
  constructor(private readonly db: Db) {}

  list(): AccountRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM accounts ORDER BY id`).all() as StoredRow[]).map(fromStored);
  }

  get(id: number): AccountRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`).get(id) as StoredRow | undefined;
    return row && fromStored(row);
  }

  add(input: { kind: string; name: string; baseUrl: string; email: string; config?: unknown }, now: number = Date.now()): AccountRow {
    const id = this.db
      .prepare('INSERT INTO accounts (kind, name, base_url, email, config_json, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .pluck()
      .get(input.kind, input.name, input.baseUrl, input.email, input.config === undefined ? null : JSON.stringify(input.config), now) as number;
    return this.get(id)!;
  }

  remove(id: number): void {
    // Cascades remove the account's cases, messages, cursors and directory; customers stay, as they
    // may be shared with other accounts, and unreferenced ones are pruned.
    this.db.transaction(() => {
      const caseIds = this.db.prepare('SELECT id FROM cases WHERE account_id = ?').pluck().all(id) as number[];
      const deleteCaseFts = this.db.prepare('DELETE FROM cases_fts WHERE rowid = ?');
      for (const caseId of caseIds) deleteCaseFts.run(caseId);
      this.db.prepare('DELETE FROM messages_fts WHERE rowid IN (SELECT id FROM messages WHERE account_id = ?)').run(id);
      this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
      this.db.prepare('DELETE FROM customers_fts WHERE rowid IN (SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM remote_users r WHERE r.customer_id = c.id))').run();
      this.db.prepare('DELETE FROM customers WHERE NOT EXISTS (SELECT 1 FROM remote_users r WHERE r.customer_id = customers.id)').run();
    })();
  }

  /** Whether the mailbox's SMTP server has its own password in the keychain. */
  setSeparateSmtpPassword(id: number, separate: boolean): void {
    this.db.prepare('UPDATE accounts SET separate_smtp_password = ? WHERE id = ?').run(separate ? 1 : 0, id);
  }

  /** Cases, messages and people of the account in the cache (for an account whose sync is not running). */
  cachedTotals(id: number): { cases: number; messages: number; people: number } {
    return this.db
      .prepare(
        `SELECT (SELECT count(*) FROM cases WHERE account_id = @id AND synced = 1) AS cases, (SELECT count(*) FROM messages WHERE account_id = @id) AS messages,
           (SELECT count(*) FROM remote_users WHERE account_id = @id AND remote_updated_at > 0) AS people`,
      )
      .get({ id }) as { cases: number; messages: number; people: number };
  }

  setIdentity(id: number, meRemoteId: string): void {
    this.db.prepare('UPDATE accounts SET me_remote_id = ? WHERE id = ?').run(meRemoteId, id);
  }

  setStatus(id: number, status: AccountStatus, lastError: string | null, syncedAt?: number): void {
    this.db
      .prepare('UPDATE accounts SET status = ?, last_error = ?, last_synced_at = coalesce(?, last_synced_at) WHERE id = ?')
      .run(status, lastError, syncedAt ?? null, id);
  }
}
