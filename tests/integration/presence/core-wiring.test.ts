import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { presenceSecretKey } from '../../../src-main/core/presence/presence-settings';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import type { EventPayloads } from '../../../src-shared/contract/api';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { FAST, waitFor } from '../../helpers/presence';

// Presence wired into core (issue 5, step 2): two ShiftdeskCore instances on one demo helpdesk, as
// two different agents, and one mosquitto (password file, per-agent ACL), driven only through the
// contract. Local case ids differ between the two profiles; the broker speaks case keys.

interface Agent {
  core: ShiftdeskCore;
  secrets: MemorySecretStore;
  email: string;
  presence: EventPayloads['onPresence'][];
  caseEvents: EventPayloads['onCaseEvent'][];
  connection: EventPayloads['onPresenceConnection'][];
}

describe('presence through core (two agents, mosquitto)', () => {
  let demo: DemoServer;
  let broker: Mosquitto;
  let dir: string;
  let a: Agent;
  let b: Agent;
  let bEmail: string;
  const passwords: Record<string, string> = {};

  async function openAgent(name: string, email: string): Promise<Agent> {
    const secrets = new MemorySecretStore();
    const core = new ShiftdeskCore({ dbPath: join(dir, `${name}.db`), secrets, followIntervalMs: 200, presence: FAST });
    const agent: Agent = { core, secrets, email, presence: [], caseEvents: [], connection: [] };
    core.on('onPresence', (e) => agent.presence.push(e));
    core.on('onCaseEvent', (e) => agent.caseEvents.push(e));
    core.on('onPresenceConnection', (e) => agent.connection.push(e));
    await core.start();
    await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email, token: DEMO_TOKEN });
    await waitFor(`${name}'s first sync`, () => core.syncStatus()[0]?.historyComplete === true, 30_000);
    return agent;
  }

  /** B's local id of A's case (same ticket, another profile). */
  function localIdIn(agent: Agent, remoteId: string): number {
    return agent.core.db.prepare('SELECT id FROM cases WHERE remote_id = ?').pluck().get(remoteId) as number;
  }

  beforeAll(async () => {
    demo = await startDemoServer({ seed: 5, cases: 60 });
    bEmail = demo.dataset.agents().find((u) => u.active && !u.suspended && u.email !== DEMO_AGENT_EMAIL)!.email!;
    passwords[DEMO_AGENT_EMAIL] = 'a-secret';
    passwords[bEmail] = 'b-secret';
    broker = await startMosquitto({ users: passwords });
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-presence-core-'));
    [a, b] = await Promise.all([openAgent('a', DEMO_AGENT_EMAIL), openAgent('b', bEmail)]);
  }, 60_000);

  afterAll(async () => {
    await a?.core.stop();
    await b?.core.stop();
    await broker?.stop();
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('works without presence settings, and keeps the password out of SQLite', async () => {
    expect(await a.core.call('presence:settings:get', {})).toBeNull();
    expect(await a.core.call('presence:get', {})).toMatchObject({ configured: false, connection: { state: 'unavailable' }, me: null, agents: [], cases: {} });
    expect(await a.core.call('presence:setActivity', { caseId: 1, activity: 'viewing' })).toEqual({ ok: false });
    await expect(a.core.call('presence:settings:set', { brokerUrl: 'http://x', username: 'a', workspace: 'w' })).rejects.toThrow(/Invalid presence settings: brokerUrl/);
    await expect(a.core.call('presence:settings:set', { brokerUrl: broker.url, username: 'a b', workspace: 'w' })).rejects.toThrow(/username/);
    await expect(a.core.call('presence:setStatus', { status: 'offline' as never })).rejects.toThrow(/Invalid input for presence:setStatus/);

    for (const agent of [a, b]) {
      const saved = await agent.core.call('presence:settings:set', { brokerUrl: broker.url, username: agent.email, workspace: 'support', password: passwords[agent.email]! });
      expect(saved).toEqual({ brokerUrl: broker.url, username: agent.email, workspace: 'support', hasPassword: true, passwordMissing: false });
      expect(await agent.secrets.get(presenceSecretKey({ brokerUrl: broker.url, username: agent.email }))).toBe(passwords[agent.email]);
      expect(JSON.stringify(agent.core.db.prepare('SELECT * FROM presence_settings').all())).not.toContain(passwords[agent.email]);
    }
    for (const agent of [a, b]) await waitFor(`${agent.email} connected`, () => agent.connection.at(-1)?.state === 'connected', 10_000);
    expect(await a.core.call('presence:settings:get', {})).toEqual({ brokerUrl: broker.url, username: DEMO_AGENT_EMAIL, workspace: 'support', hasPassword: true, passwordMissing: false });
  });

  it('shows B what A does on a case, under B\'s own case id, with onPresence events', async () => {
    const row = (await a.core.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 1 })).rows[0]!;
    const bCaseId = localIdIn(b, row.remoteId);
    expect(bCaseId).toBeGreaterThan(0);

    b.presence.length = 0;
    expect(await a.core.call('presence:setActivity', { caseId: row.id, activity: 'viewing' })).toEqual({ ok: true });
    const seen = async (activity: string | null) => {
      const view = await b.core.call('presence:get', {});
      const entry = view.cases[bCaseId]?.find((p) => p.agentId === DEMO_AGENT_EMAIL);
      return activity === null ? entry === undefined : entry?.activity === activity;
    };
    await waitForAsync('B to see A viewing', () => seen('viewing'));
    expect(b.presence.some((e) => e.caseIds.includes(bCaseId))).toBe(true);

    const bView = await b.core.call('presence:get', { caseIds: [bCaseId] });
    expect(bView.cases[bCaseId]).toEqual([expect.objectContaining({ agentId: DEMO_AGENT_EMAIL, name: demo.dataset.meAgent.name, activity: 'viewing' })]);
    expect(bView.agents.find((x) => x.agentId === DEMO_AGENT_EMAIL)).toMatchObject({ status: 'available', currentCaseId: bCaseId });
    expect((await a.core.call('presence:get', {})).me).toMatchObject({ agentId: DEMO_AGENT_EMAIL, currentCaseId: row.id, cases: [{ caseId: row.id, activity: 'viewing' }] });

    await a.core.call('presence:setActivity', { caseId: row.id, activity: 'typing' });
    await waitForAsync('B to see A typing', () => seen('typing'));

    await a.core.call('presence:setStatus', { status: 'away' });
    await waitForAsync('B to see A away', async () => (await b.core.call('presence:get', {})).agents.find((x) => x.agentId === DEMO_AGENT_EMAIL)?.status === 'away');

    expect(await a.core.call('presence:leave', { caseId: row.id })).toEqual({ ok: true });
    await waitForAsync('A gone from the case for B', () => seen(null));
    expect((await b.core.call('presence:get', {})).cases[bCaseId]).toBeUndefined();
  });

  it('announces A\'s reply to B once the outbox sent it (onCaseEvent, B\'s case id)', async () => {
    const row = (await a.core.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 2 })).rows[1]!;
    const bCaseId = localIdIn(b, row.remoteId);
    b.caseEvents.length = 0;
    const { actions } = await a.core.call('cases:act', { caseIds: [row.id], intent: { comment: { body: 'On it, checking the order now.', public: true }, status: 'pending' } });
    await waitFor('B to hear of the reply', () => b.caseEvents.find((e) => e.kind === 'replied'), 15_000);
    await waitFor('B to hear of the status change', () => b.caseEvents.find((e) => e.kind === 'status_changed'), 5_000);
    expect(b.caseEvents.find((e) => e.kind === 'replied')).toMatchObject({ caseId: bCaseId, agentId: DEMO_AGENT_EMAIL, name: demo.dataset.meAgent.name, actionId: actions[0]!.id, public: true });
    expect(b.caseEvents.find((e) => e.kind === 'status_changed')).toMatchObject({ caseId: bCaseId, status: 'pending', actionId: actions[0]!.id });
    // A does not hear its own events.
    expect(a.caseEvents).toEqual([]);
  });

  it('restarts presence when the settings change, keeping what I am doing', async () => {
    const row = (await a.core.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 3 })).rows[2]!;
    const bCaseId = localIdIn(b, row.remoteId);
    await a.core.call('presence:setActivity', { caseId: row.id, activity: 'viewing' });
    a.connection.length = 0;
    await a.core.call('presence:settings:set', { brokerUrl: broker.url, username: DEMO_AGENT_EMAIL, workspace: 'support', password: passwords[DEMO_AGENT_EMAIL]! });
    await waitFor('A reconnected', () => a.connection.at(-1)?.state === 'connected', 10_000);
    expect((await a.core.call('presence:get', {})).me).toMatchObject({ currentCaseId: row.id, cases: [{ caseId: row.id, activity: 'viewing' }] });
    await waitForAsync('B to see A viewing again', async () => (await b.core.call('presence:get', { caseIds: [bCaseId] })).cases[bCaseId]?.[0]?.activity === 'viewing');

    await b.core.call('presence:settings:set', { brokerUrl: broker.url, username: bEmail, workspace: 'other' });
    await waitFor('B reconnected', () => b.connection.at(-1)?.state === 'connected', 10_000);
    await waitForAsync('B no longer sees workspace "support"', async () => (await b.core.call('presence:get', {})).agents.length === 0);
    // The password stays in the keychain under the same key (same broker and username).
    expect(await b.core.call('presence:settings:get', {})).toMatchObject({ workspace: 'other', hasPassword: true });

    // Another broker: the password is not carried to it, and the old one leaves the keychain.
    const otherBroker = 'mqtt://127.0.0.1:1';
    expect(await b.core.call('presence:settings:set', { brokerUrl: otherBroker, username: bEmail, workspace: 'other' })).toMatchObject({ brokerUrl: otherBroker, hasPassword: false });
    expect(await b.secrets.get(presenceSecretKey({ brokerUrl: broker.url, username: bEmail }))).toBeNull();
    // Nothing is expected for a broker no password was saved for.
    expect(await b.core.call('presence:settings:get', {})).toMatchObject({ hasPassword: false, passwordMissing: false });
  });

  it('a broker password lost from the keychain: after a restart presence does not connect and says so; entered again, it connects', async () => {
    const key = presenceSecretKey({ brokerUrl: broker.url, username: DEMO_AGENT_EMAIL });
    expect(await a.secrets.delete(key)).toBe(true);
    // A's core starts again on the same profile (its helpdesk token is still there).
    await a.core.stop();
    const core = new ShiftdeskCore({ dbPath: join(dir, 'a.db'), secrets: a.secrets, followIntervalMs: 200, presence: FAST });
    a = { ...a, core, presence: [], caseEvents: [], connection: [] };
    const agent = a;
    core.on('onPresenceConnection', (e) => agent.connection.push(e));
    await core.start();

    expect(await core.call('presence:settings:get', {})).toEqual({ brokerUrl: broker.url, username: DEMO_AGENT_EMAIL, workspace: 'support', hasPassword: false, passwordMissing: true });
    const view = await core.call('presence:get', {});
    expect(view).toMatchObject({ configured: true, me: null, connection: { state: 'unavailable', nextRetryAt: null } });
    expect(view.connection.state === 'unavailable' ? view.connection.error : '').toMatch(/password is no longer in the secret store/);
    expect(agent.connection.at(-1)).toMatchObject({ state: 'unavailable' });
    // It waits for the password rather than knocking on the broker without one (a started
    // connection says "connecting" at once, before core.start() returns).
    expect(agent.connection.some((c) => c.state === 'connecting' || c.state === 'connected')).toBe(false);

    // Entered again (Settings → Presence): kept in the secret store only, and presence connects.
    const saved = await core.call('presence:settings:set', { brokerUrl: broker.url, username: DEMO_AGENT_EMAIL, workspace: 'support', password: passwords[DEMO_AGENT_EMAIL]! });
    expect(saved).toEqual({ brokerUrl: broker.url, username: DEMO_AGENT_EMAIL, workspace: 'support', hasPassword: true, passwordMissing: false });
    expect(await a.secrets.get(key)).toBe(passwords[DEMO_AGENT_EMAIL]);
    await waitFor('A connected with the password entered again', () => agent.connection.at(-1)?.state === 'connected', 10_000);
    expect(JSON.stringify(core.db.prepare('SELECT * FROM presence_settings').all())).not.toContain(passwords[DEMO_AGENT_EMAIL]);
  });
});

async function waitForAsync(what: string, probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
