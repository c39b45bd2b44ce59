import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src-main/core/db/migrations';
import { migration0012 } from '../../../../src-main/core/db/migrations/0012-sla-events';

describe('migration 0012: SLA events', () => {
  it("follows 0011, keeps cases, stores the helpdesk's events once per id (a later copy replaces it), finds a case's events, and goes with the account", () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version < 12)) m.up(db);
    expect(MIGRATIONS.map((m) => m.version).indexOf(12)).toBe(MIGRATIONS.findIndex((m) => m.version === 11) + 1);
    db.prepare("INSERT INTO accounts (id, kind, name, base_url, email, created_at) VALUES (1, 'zendesk', 'x', 'http://x', 'me@x', 0)").run();
    db.prepare("INSERT INTO cases (id, account_id, remote_id, synced, sla_json) VALUES (1, 1, '42', 1, '{\"p\":1,\"c\":[]}')").run();

    migration0012.up(db);

    expect(db.prepare('SELECT sla_json, sla_remote_json FROM cases WHERE id = 1').get()).toEqual({ sla_json: '{"p":1,"c":[]}', sla_remote_json: null });
    const put = db.prepare(
      `INSERT INTO sla_events (account_id, remote_id, case_remote_id, metric, instance, type, at, deleted, sla_json) VALUES (1, ?, ?, 'reply_time', 1, ?, ?, ?, ?)
       ON CONFLICT (account_id, case_remote_id, remote_id) DO UPDATE SET deleted = excluded.deleted, at = excluded.at`,
    );
    put.run('900', '42', 'apply_sla', 1000, 0, '{"minutes":60,"businessHours":false,"policyRemoteId":"7"}');
    put.run('901', '42', 'breach', 4600, 0, null);
    put.run('901', '42', 'breach', 4600, 1, null); // the same breach, taken back
    put.run('902', '43', 'activate', 1000, 0, null); // a ticket sync has not brought: no placeholder case
    expect(db.prepare("SELECT remote_id, type, deleted FROM sla_events WHERE account_id = 1 AND case_remote_id = '42' ORDER BY at").all()).toEqual([
      { remote_id: '900', type: 'apply_sla', deleted: 0 },
      { remote_id: '901', type: 'breach', deleted: 1 },
    ]);
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM sla_events WHERE account_id = 1 AND case_remote_id = '42'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH sla_events USING PRIMARY KEY \(account_id=\? AND case_remote_id=\?\)/);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM sla_events').pluck().get()).toBe(0);
  });
});
