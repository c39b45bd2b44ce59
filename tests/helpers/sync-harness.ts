import { ZendeskConnector } from '../../src-main/core/connectors/zendesk/zendesk-connector';
import { openDatabase, type Db } from '../../src-main/core/db/connection';
import { AccountsRepo } from '../../src-main/core/db/repos/accounts-repo';
import { SyncEngine, type SyncEngineOptions } from '../../src-main/core/sync/sync-engine';
import type { SyncProgress } from '../../src-main/core/sync/sync-types';

export interface HarnessOptions {
  dbPath: string;
  url: string;
  email: string;
  token: string;
  followIntervalMs?: number;
  /** Records per export page (Zendesk: 1000); small pages give a crash test many commit points. */
  exportPageSize?: number;
  engine?: Partial<SyncEngineOptions>;
}

/** Opens (or creates) a profile with one Zendesk account and a sync engine for it, not started. */
export function openProfile(options: HarnessOptions): { db: Db; accountId: number; engine: SyncEngine; connector: ZendeskConnector } {
  const db = openDatabase({ path: options.dbPath });
  const accounts = new AccountsRepo(db);
  const account = accounts.list()[0] ?? accounts.add({ kind: 'zendesk', name: 'demo', baseUrl: options.url, email: options.email });
  const connector = new ZendeskConnector({ baseUrl: options.url, email: options.email, token: options.token, ...(options.exportPageSize ? { exportPageSize: options.exportPageSize } : {}), http: { backoff: { baseMs: 50, capMs: 1000 } } });
  const engine = new SyncEngine({
    db,
    accountId: account.id,
    connector,
    followIntervalMs: options.followIntervalMs ?? 200,
    backoff: { baseMs: 50, capMs: 1000 },
    ...options.engine,
  });
  return { db, accountId: account.id, engine, connector };
}

/**
 * An anchor for a demo's generated history that ends well before the incremental exports' one-
 * minute lag (Zendesk leaves out the last minute): a sync that has caught up then has all of it.
 */
export function settledAnchor(): number {
  return Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000;
}

/** Resolves once the predicate holds for the engine's progress (checked every 25 ms). */
export async function waitForProgress(engine: SyncEngine, predicate: (p: SyncProgress) => boolean, timeoutMs = 60_000): Promise<SyncProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = engine.progress();
    if (predicate(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for sync; last progress ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const fullyCaughtUp = (p: SyncProgress) => p.historyComplete && p.searchPending === 0;

/** Runs a complete sync of a profile and closes it. */
export async function syncToCompletion(options: HarnessOptions): Promise<SyncProgress> {
  const { db, engine } = openProfile(options);
  void engine.start();
  try {
    return await waitForProgress(engine, fullyCaughtUp);
  } finally {
    await engine.stop();
    db.close();
  }
}

/** A canonical dump of a profile's cache, independent of local ids, for comparing two syncs. */
export function canonicalDump(db: Db): Record<string, unknown[]> {
  return {
    cases: db
      .prepare(
        `SELECT c.remote_id, c.channel, c.subject, c.status, c.priority, c.type, a.remote_id AS assignee, g.remote_id AS grp, c.tags, c.csat,
           c.remote_version, c.created_at, c.updated_at, (SELECT count(*) FROM messages m WHERE m.case_id = c.id) AS message_count, c.last_customer_message_at, c.last_agent_reply_at, c.waiting_since,
           (SELECT group_concat(kind || ':' || value, ' ') FROM (SELECT kind, value FROM customer_identities i WHERE i.customer_id = c.customer_id ORDER BY kind, value)) AS customer
         FROM cases c LEFT JOIN agents a ON a.id = c.assignee_id LEFT JOIN groups g ON g.id = c.group_id WHERE c.synced = 1 ORDER BY CAST(c.remote_id AS INTEGER)`,
      )
      .all(),
    messages: db
      .prepare(
        `SELECT m.remote_id, c.remote_id AS case_remote_id, m.author_kind, m.author_remote_id, m.channel, m.public, m.body_text, m.body_html, m.attachments_json, m.created_at
         FROM messages m JOIN cases c ON c.id = m.case_id ORDER BY CAST(m.remote_id AS INTEGER)`,
      )
      .all(),
    customers: db
      .prepare(
        `SELECT cu.name, ctx.tier, ctx.lifetime_value, ctx.followers,
           (SELECT group_concat(kind || ':' || value, ' ') FROM (SELECT kind, value FROM customer_identities i WHERE i.customer_id = cu.id ORDER BY kind, value)) AS identities,
           (SELECT group_concat(remote_id, ' ') FROM (SELECT remote_id FROM remote_users r WHERE r.customer_id = cu.id ORDER BY CAST(remote_id AS INTEGER))) AS remote_users
         FROM customers cu LEFT JOIN customer_context ctx ON ctx.customer_id = cu.id ORDER BY remote_users`,
      )
      .all(),
    search: db.prepare(`SELECT count(*) AS n FROM messages_fts`).all(),
  };
}
