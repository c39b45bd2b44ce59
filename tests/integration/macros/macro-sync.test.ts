import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, KOREAN_REFUND_MACRO_TITLE, REFUND_MACRO_TITLE, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { ZendeskConnector } from '../../../src-main/core/connectors/zendesk/zendesk-connector';
import { openDatabase, type Db } from '../../../src-main/core/db/connection';
import { AccountCache } from '../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../src-main/core/db/repos/outbox-repo';
import { PayloadError } from '../../../src-main/core/net/errors';
import { SendGuard } from '../../../src-main/core/outbox/send-guard';
import { RecentCaseEvents } from '../../../src-main/core/presence/recent-case-events';
import { CaseService } from '../../../src-main/core/services/case-service';
import { MacroService } from '../../../src-main/core/services/macro-service';
import { OutboxService } from '../../../src-main/core/services/outbox-service';
import { SyncEngine } from '../../../src-main/core/sync/sync-engine';
import type { ChangeSet } from '../../../src-main/core/sync/sync-types';
import { parseTemplate, renderTemplate } from '../../../src-shared/domain/macro-template';
import { fullyCaughtUp, openProfile, waitForProgress } from '../../helpers/sync-harness';

function macroService(db: Db): MacroService {
  return new MacroService(db, new OutboxService(db, new OutboxRepo(db), new SendGuard(db, new CaseService(db, () => undefined, () => []), new RecentCaseEvents())));
}

// Shared macros from the demo helpdesk (`GET /api/v2/macros/active.json`) through a real sync.
describe('macros synced from the demo helpdesk', () => {
  let demo: DemoServer;
  let db: Db;
  let engine: SyncEngine;
  let macros: MacroService;
  const changes: ChangeSet[] = [];
  const idOf = (title: string) => db.prepare('SELECT id FROM macros WHERE title = ?').pluck().get(title) as number | undefined;

  beforeAll(async () => {
    demo = await startDemoServer({ seed: 11, cases: 300 });
    ({ db, engine } = openProfile({
      dbPath: join(mkdtempSync(join(tmpdir(), 'shiftdesk-macros-')), 'profile.db'),
      url: demo.url,
      email: DEMO_AGENT_EMAIL,
      token: DEMO_TOKEN,
      engine: { onChange: (change) => changes.push(change) },
    }));
    void engine.start();
    await waitForProgress(engine, fullyCaughtUp);
    await waitForProgress(engine, () => changes.some((c) => c.kinds.includes('macros')));
    macros = macroService(db);
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    db?.close();
    await demo?.close();
  });

  it('stores every active macro once, with placeholders in our syntax and agents and groups resolved', () => {
    const active = demo.dataset.macros().filter((m) => m.active);
    const list = macros.list();
    expect(list.map((m) => m.title).sort()).toEqual(active.map((m) => m.title).sort());
    expect(list.every((m) => m.source === 'shared' && m.accountId !== null && m.usageCount === 0)).toBe(true);
    for (const macro of list) expect(parseTemplate(macro.body).problems, macro.title).toEqual([]);
    // Every agent and group a macro names exists locally in the same account.
    for (const macro of list) {
      const { assignee, groupId } = macro.actions;
      if (assignee?.kind === 'agent') expect(db.prepare('SELECT account_id FROM agents WHERE id = ?').pluck().get(assignee.agentId)).toBe(macro.accountId);
      if (typeof groupId === 'number') expect(db.prepare('SELECT account_id FROM groups WHERE id = ?').pluck().get(groupId)).toBe(macro.accountId);
    }
    expect(list.find((m) => m.title === 'Take it')?.actions.assignee).toEqual({ kind: 'me' });
  });

  it('suggests the refund macro first for refund requests, in English and in Korean', () => {
    const english = db
      .prepare(`SELECT DISTINCT case_id FROM messages WHERE author_kind = 'customer' AND body_text LIKE '%would like a refund%' LIMIT 5`)
      .pluck()
      .all() as number[];
    const korean = db.prepare(`SELECT id FROM cases WHERE synced = 1 AND subject LIKE '%환불%' LIMIT 5`).pluck().all() as number[];
    expect(english.length).toBeGreaterThan(0);
    expect(korean.length).toBeGreaterThan(0);
    for (const caseId of english) expect(macros.suggest(caseId, 3)[0]?.macroId, `case ${caseId}`).toBe(idOf(REFUND_MACRO_TITLE));
    for (const caseId of korean) expect(macros.suggest(caseId, 3)[0]?.macroId, `case ${caseId}`).toBe(idOf(KOREAN_REFUND_MACRO_TITLE));
  });

  it('renders a Korean macro for a case with its customer and agent', () => {
    const caseId = db.prepare(`SELECT id FROM cases WHERE synced = 1 AND subject LIKE '%환불%' LIMIT 1`).pluck().get() as number;
    const macro = macros.list().find((m) => m.title === KOREAN_REFUND_MACRO_TITLE)!;
    const { values } = macros.context(caseId);
    const rendered = renderTemplate(macro.body, values);
    expect(rendered.unknown).toEqual([]);
    expect(rendered.missing).toEqual([]);
    expect(rendered.text).toContain(`${values['customer.name']}님`);
    expect(rendered.text).toContain(values['agent.name']!);
    expect(rendered.text).not.toContain('{{');
  });

  it('syncs again without touching usage counts or personal macros, and announces nothing when nothing changed', async () => {
    const refundId = idOf(REFUND_MACRO_TITLE)!;
    macros.used(refundId);
    const mine = macros.save({ title: 'My sign-off', body: 'Cheers, {{agent.first_name}}', bodyPublic: true, actions: {} });
    const before = changes.length;
    expect(await engine.syncMacros()).toEqual({ upserted: 0, removed: 0 });
    expect(changes.slice(before).some((c) => c.kinds.includes('macros'))).toBe(false);
    expect(macros.repo.get(refundId)?.usageCount).toBe(1);
    expect(macros.list()[0]?.id).toBe(refundId);
    expect(macros.list().some((m) => m.id === mine.id)).toBe(true);
  });
});

// The connector and the sync step against a tiny Zendesk-like server: cursor pages, macros that
// go away remotely, a malformed payload and a helpdesk without the endpoint.
describe('macro sync against a local helpdesk', () => {
  let server: Server;
  let url: string;
  let pages: Record<string, unknown>;
  let status = 200;
  const requests: string[] = [];

  const macro = (id: number, title: string, actions: { field: string; value: unknown }[]) => ({ id, title, active: true, position: id, actions, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-02-01T00:00:00Z' });

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page[after]') ?? 'first';
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? pages[page] : { error: 'InvalidEndpoint' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('follows links.next while meta.has_more, stores the macros, removes the ones gone, and keeps personal ones', async () => {
    pages = {
      first: {
        macros: [
          macro(1, 'Refund issued', [{ field: 'comment_value', value: 'Hi {{ticket.requester.first_name}}' }, { field: 'assignee_id', value: '901' }, { field: 'group_id', value: '31' }]),
          macro(2, 'Unknown agent', [{ field: 'assignee_id', value: '999999' }, { field: 'status', value: 'solved' }]),
        ],
        meta: { has_more: true, after_cursor: 'c2' },
        links: { next: `${url}/api/v2/macros/active.json?page[size]=100&page[after]=c2` },
      },
      c2: { macros: [macro(3, 'Close', [{ field: 'status', value: 'solved' }])], meta: { has_more: false, after_cursor: null }, links: { next: null } },
    };
    const db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-macros-local-')), 'p.db') });
    const accountId = new AccountsRepo(db).add({ kind: 'zendesk', name: 'local', baseUrl: url, email: 'me@x' }).id;
    const cache = new AccountCache(db, accountId);
    cache.applyPage(null, {
      people: [{ remoteId: '901', name: 'Maya Lee', role: 'agent', email: 'maya@x', phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1 }],
      groups: [{ remoteId: '31', name: 'Billing' }],
      cursor: null,
      caughtUp: true,
    });
    const changes: ChangeSet[] = [];
    const connector = new ZendeskConnector({ baseUrl: url, email: 'me@x', token: 't', http: { backoff: { baseMs: 10, capMs: 20 } } });
    const engine = new SyncEngine({ db, accountId, connector, onChange: (c) => changes.push(c), backoff: { baseMs: 10, capMs: 20 } });
    const service = macroService(db);
    service.save({ title: 'Mine', body: 'text', bodyPublic: true, actions: {} });

    requests.length = 0;
    expect(await engine.syncMacros()).toEqual({ upserted: 3, removed: 0 });
    expect(requests).toEqual(['/api/v2/macros/active.json?page[size]=100', '/api/v2/macros/active.json?page[size]=100&page[after]=c2']);
    expect(changes.filter((c) => c.kinds.includes('macros'))).toHaveLength(1);
    const agentId = db.prepare("SELECT id FROM agents WHERE remote_id = '901'").pluck().get() as number;
    const groupId = db.prepare("SELECT id FROM groups WHERE remote_id = '31'").pluck().get() as number;
    const byTitle = Object.fromEntries(service.list().map((m) => [m.title, m]));
    expect(byTitle['Refund issued']).toMatchObject({ source: 'shared', body: 'Hi {{customer.first_name}}', actions: { assignee: { kind: 'agent', agentId }, groupId } });
    expect(byTitle['Unknown agent']?.actions).toEqual({ status: 'solved' });

    // Macro 2 is deactivated remotely and macro 3 deleted: both go; the personal macro stays.
    pages = { first: { macros: [macro(1, 'Refund issued (v2)', [{ field: 'comment_value', value: 'Hello' }]), { ...macro(2, 'Unknown agent', []), active: false }], meta: { has_more: false }, links: { next: null } } };
    expect(await engine.syncMacros()).toEqual({ upserted: 1, removed: 2 });
    expect(service.list().map((m) => m.title).sort()).toEqual(['Mine', 'Refund issued (v2)']);
    expect(changes.filter((c) => c.kinds.includes('macros'))).toHaveLength(2);

    // A helpdesk without the endpoint has no shared macros to offer: nothing changes, no error.
    status = 404;
    expect(await engine.syncMacros()).toBeNull();
    status = 200;
    expect(service.list()).toHaveLength(2);
    await engine.stop();
    db.close();
  });

  it('turns a malformed page into a PayloadError naming the endpoint and the field', async () => {
    pages = { first: { macros: [{ id: 'x1', title: 'Broken', actions: [] }], meta: { has_more: false } } };
    const connector = new ZendeskConnector({ baseUrl: url, email: 'me@x', token: 't' });
    const error = await connector.fetchMacros().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadError);
    expect((error as Error).message).toMatch(/\/api\/v2\/macros\/active\.json .*macros\.0\.id/);
  });
});
