import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import type { EventPayloads } from '../../../src-shared/contract/api';
import { SUPPORT_USER, startMailServer, type MailServer } from '../../helpers/dovecot';
import { makeMail } from '../../helpers/mail-corpus';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { FAST, waitFor } from '../../helpers/presence';
import { mailAccountInput } from '../../helpers/mail-account';

// Two agents' workstations on one shared mailbox (issue 8): what one does to a mail case (status,
// priority, assignee, tags, internal notes) reaches the other through the mailbox's state folder;
// a write on a case a teammate changed meanwhile is a conflict; presence names mail cases the same
// way on both; and a mail customer is the same person as in the helpdesk.

interface Workstation {
  name: string;
  email: string;
  core: ShiftdeskCore;
  mailAccountId: number;
  presence: EventPayloads['onPresence'][];
}

let diagnostics: () => unknown = () => null;

async function until<T>(what: string, read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(value)?.slice(0, 600)}; sync: ${JSON.stringify(diagnostics())}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('e-mail channel: a team on one mailbox', () => {
  let server: MailServer;
  let broker: Mosquitto;
  let demo: DemoServer;
  let dir: string;
  let maya: Workstation;
  let sam: Workstation;
  let helpdeskCustomer: { name: string; email: string };
  const passwords: Record<string, string> = { 'maya@shiftdesk.test': 'maya-secret', 'sam@shiftdesk.test': 'sam-secret' };

  async function open(name: string, email: string, withHelpdesk: boolean): Promise<Workstation> {
    const core = new ShiftdeskCore({ dbPath: join(dir, `${name}.db`), secrets: new MemorySecretStore(), followIntervalMs: 300, presence: FAST });
    const ws: Workstation = { name, email, core, mailAccountId: 0, presence: [] };
    core.on('onPresence', (e) => ws.presence.push(e));
    await core.start();
    if (withHelpdesk) await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    const account = await core.call('accounts:add', mailAccountInput(server, { agentName: name, agentEmail: email }));
    ws.mailAccountId = account.id;
    await until(`${name}'s first sync`, () => core.syncStatus(), (s) => s.length > 0 && s.every((x) => x.historyComplete));
    await core.call('presence:settings:set', { brokerUrl: broker.url, username: email, workspace: 'support', password: passwords[email]! });
    return ws;
  }

  const caseOf = (ws: Workstation, messageId: string) =>
    ws.core.db.prepare('SELECT c.id FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.remote_id = ? AND m.account_id = ?').pluck().get(messageId, ws.mailAccountId) as number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-mail-team-'));
    [server, broker, demo] = await Promise.all([startMailServer(), startMosquitto({ users: passwords }), startDemoServer({ seed: 5, cases: 40 })]);
    const requester = demo.dataset.tickets()[0]!.requester_id;
    const user = demo.dataset.users().find((u) => u.id === requester)!;
    helpdeskCustomer = { name: user.name, email: user.email! };
    const now = Date.now() - 60_000;
    await server.appendMany(SUPPORT_USER, 'INBOX', [
      makeMail({ from: { name: 'Lena Vogel', address: 'lena@example.test' }, to: SUPPORT_USER, subject: 'Invoice 2291 is wrong', messageId: '<team-1@example.test>', date: now, text: 'The total is off by 12 EUR.' }),
      makeMail({ from: { name: 'Omar Haddad', address: 'omar@example.test' }, to: SUPPORT_USER, subject: 'Cannot reset my password', messageId: '<team-2@example.test>', date: now + 1000, text: 'The link expired.' }),
      makeMail({ from: { name: helpdeskCustomer.name, address: helpdeskCustomer.email }, to: SUPPORT_USER, subject: 'Following up by e-mail', messageId: '<team-3@example.test>', date: now + 2000, text: 'Writing from my usual address.' }),
    ]);
    maya = await open('Maya', 'maya@shiftdesk.test', true);
    sam = await open('Sam', 'sam@shiftdesk.test', false);
    diagnostics = () => ({ maya: maya.core.syncStatus(), sam: sam.core.syncStatus(), mayaOutbox: maya.core.outbox.repo.counts() });
  }, 90_000);

  afterAll(async () => {
    await maya?.core.stop();
    await sam?.core.stop();
    await Promise.all([server?.stop(), broker?.stop(), demo?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shares status, priority, assignee, tags and internal notes through the state folder', async () => {
    const mayaCase = caseOf(maya, 'team-1@example.test');
    const samCase = caseOf(sam, 'team-1@example.test');
    // Both workstations name the thread the same way.
    const remote = (ws: Workstation, id: number) => ws.core.db.prepare('SELECT remote_id FROM cases WHERE id = ?').pluck().get(id);
    expect(remote(maya, mayaCase)).toBe(remote(sam, samCase));
    expect(await sam.core.call('cases:get', { id: samCase })).toMatchObject({ status: 'new', subject: 'Invoice 2291 is wrong' });

    const mayaMe = (await maya.core.call('directory:get', {})).me.find((id) => maya.core.db.prepare('SELECT account_id FROM agents WHERE id = ?').pluck().get(id) === maya.mailAccountId)!;
    await maya.core.call('cases:act', { caseIds: [mayaCase], intent: { status: 'pending', priority: 'high', assigneeId: mayaMe, addTags: ['billing', 'refund'] } });
    await maya.core.call('cases:act', { caseIds: [mayaCase], intent: { comment: { body: 'Checked the ledger: 12 EUR shipping counted twice. 환불 진행 예정.', public: false } } });
    await until('Maya\'s outbox to drain', () => maya.core.call('outbox:list', {}), (l) => l.length === 0);

    const seen = await until(
      'Sam to see Maya\'s changes',
      () => sam.core.call('cases:get', { id: samCase }),
      (d) => d?.status === 'pending' && d.priority === 'high' && d.tags.includes('refund') && d.thread.some((m) => !m.public),
    );
    expect(seen).toMatchObject({ status: 'pending', priority: 'high', tags: expect.arrayContaining(['billing', 'refund']) });
    expect(seen!.assignee?.name).toBe('Maya');
    expect(seen!.thread.find((m) => !m.public)).toMatchObject({ bodyText: expect.stringContaining('환불 진행 예정'), authorKind: 'agent', author: { name: 'Maya' } });
    // Sam can hand it back to Maya's colleague list: Maya is an agent in Sam's directory now.
    expect((await sam.core.call('directory:get', {})).agents.some((a) => a.name === 'Maya' && a.accountId === sam.mailAccountId)).toBe(true);

    // A customer writing again reopens it for everyone.
    await server.append(SUPPORT_USER, 'INBOX', makeMail({ from: 'lena@example.test', to: SUPPORT_USER, subject: 'Re: Invoice 2291 is wrong', messageId: '<team-1b@example.test>', inReplyTo: '<team-1@example.test>', references: ['<team-1@example.test>'], date: Date.now() + 1000, text: 'Any news?' }));
    for (const [ws, id] of [[maya, mayaCase], [sam, samCase]] as const) {
      await until(`${ws.name} to see the case reopened`, () => ws.core.call('cases:get', { id }), (d) => d?.status === 'open' && d.thread.length === 3);
    }
  });

  it('refuses a write on a case a teammate changed meanwhile (a conflict the agent resolves)', async () => {
    const mayaCase = caseOf(maya, 'team-2@example.test');
    const samCase = caseOf(sam, 'team-2@example.test');
    await maya.core.call('network:setOffline', { offline: true });
    await maya.core.call('cases:act', { caseIds: [mayaCase], intent: { status: 'solved' } });
    await sam.core.call('cases:act', { caseIds: [samCase], intent: { addTags: ['vip'], priority: 'urgent' } });
    await until('Sam\'s outbox to drain', () => sam.core.call('outbox:list', {}), (l) => l.length === 0);
    await maya.core.call('network:setOffline', { offline: false });
    const [conflict] = await until('Maya\'s conflict', () => maya.core.call('outbox:list', {}), (l) => l[0]?.state === 'conflict');
    expect(conflict!.conflict?.description).toMatch(/Sam changed/);
    // Maya decides: apply anyway. Both end solved, with Sam's tag kept.
    await maya.core.call('outbox:applyAnyway', { id: conflict!.id });
    await until('Maya\'s outbox to drain', () => maya.core.call('outbox:list', {}), (l) => l.length === 0);
    await until('Sam to see it solved', () => sam.core.call('cases:get', { id: samCase }), (d) => d?.status === 'solved' && d.tags.includes('vip') && d.priority === 'urgent');
  });

  it('shows Sam that Maya is on a mail case (presence keys match across workstations)', async () => {
    for (const ws of [maya, sam]) await waitFor(`${ws.name} on the broker`, async () => (await ws.core.call('presence:get', {})).connection.state === 'connected' || null, 10_000);
    const mayaCase = caseOf(maya, 'team-2@example.test');
    const samCase = caseOf(sam, 'team-2@example.test');
    expect(await maya.core.call('presence:setActivity', { caseId: mayaCase, activity: 'typing' })).toEqual({ ok: true });
    await until('Sam to see Maya typing', () => sam.core.call('presence:get', { caseIds: [samCase] }), (v) => v.cases[samCase]?.some((p) => p.agentId === maya.email && p.activity === 'typing') === true);
  });

  it('treats the mail customer and the helpdesk customer with the same address as one person', async () => {
    const caseId = caseOf(maya, 'team-3@example.test');
    const detail = await maya.core.call('cases:get', { id: caseId });
    const customer = await maya.core.call('customers:get', { id: detail!.customer!.id });
    expect(customer!.identities.some((i) => i.kind === 'email' && i.value === helpdeskCustomer.email.toLowerCase())).toBe(true);
    // Their cases from both accounts, side by side.
    const accounts = new Set(customer!.cases.map((c) => maya.core.db.prepare('SELECT account_id FROM cases WHERE id = ?').pluck().get(c.id)));
    expect(accounts.size).toBe(2);
    expect(customer!.cases.map((c) => c.id)).toContain(caseId);
  });
});
