import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { presenceTopic, statusTopic, eventsTopic } from '../../../src-main/core/presence/topics';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { activityOf, connected, startAgent, waitFor, WORKSPACE, type TestAgent } from '../../helpers/presence';

// Presence between agents through a real mosquitto with the shipped ACL and a password file
// (DESIGN §7, §11): status and case activity both ways, retained state for late joiners, case
// events, malformed payloads, and an agent that tries to speak as another.

const USERS = { 'ana@example.com': 'ana-pw', 'ben@example.com': 'ben-pw', 'cho@example.com': 'cho-pw', 'dan@example.com': 'dan-pw', 'mallory@example.com': 'mallory-pw' };
const CASE = '127.0.0.1:4010:1';
const CASE2 = '127.0.0.1:4010:2';

let broker: Mosquitto;
const open: TestAgent[] = [];
const raw: MqttClient[] = [];

async function agent(id: keyof typeof USERS): Promise<TestAgent> {
  const a = await startAgent(broker.url, id, USERS[id]);
  open.push(a);
  await connected(a);
  return a;
}

async function rawClient(id: keyof typeof USERS): Promise<MqttClient> {
  const client = await connectAsync(broker.url, { username: id, password: USERS[id], protocolVersion: 4, reconnectPeriod: 0 });
  raw.push(client);
  return client;
}

beforeAll(async () => {
  broker = await startMosquitto({ users: USERS });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.service.close()));
  await Promise.all(raw.splice(0).map((c) => c.endAsync(true)));
});

afterAll(async () => {
  await broker?.stop();
});

describe('presence between two agents (mosquitto)', () => {
  it('shows each agent the other one status and case activity, both ways, live', async () => {
    const ana = await agent('ana@example.com');
    const ben = await agent('ben@example.com');
    await waitFor('ben to see ana available', () => ben.service.agent('ana@example.com')?.status === 'available');
    await waitFor('ana to see ben available', () => ana.service.agent('ben@example.com')?.status === 'available');
    expect(ben.service.agent('ana@example.com')).toMatchObject({ name: 'ANA', currentCase: null });

    await ana.service.enterCase(CASE);
    await waitFor('ben to see ana viewing', () => activityOf(ben, CASE, 'ana@example.com') === 'viewing');
    await waitFor('ben to see ana current case', () => ben.service.agent('ana@example.com')?.currentCase === CASE);

    await ben.service.setActivity(CASE, 'typing');
    await waitFor('ana to see ben typing', () => activityOf(ana, CASE, 'ben@example.com') === 'typing');

    await ana.service.setActivity(CASE, 'sending');
    await waitFor('ben to see ana sending', () => activityOf(ben, CASE, 'ana@example.com') === 'sending');
    // the agent's own state is never listed among the others
    expect(ana.service.forCase(CASE).map((p) => p.agentId)).toEqual(['ben@example.com']);
    expect(ana.service.me()).toMatchObject({ agentId: 'ana@example.com', status: 'available', currentCase: CASE, cases: [{ caseKey: CASE, activity: 'sending' }] });

    await ben.service.setStatus('away');
    await waitFor('ana to see ben away', () => ana.service.agent('ben@example.com')?.status === 'away');

    await ana.service.leaveCase(CASE);
    await waitFor('ben to see ana leave', () => activityOf(ben, CASE, 'ana@example.com') === null && ben.service.agent('ana@example.com')?.currentCase === null);

    // a clean leave: offline at once (no Last Will needed), and ana's cases cleared
    await ana.service.enterCase(CASE2);
    await waitFor('ben to see ana on case 2', () => activityOf(ben, CASE2, 'ana@example.com') === 'viewing');
    await ana.service.close();
    await waitFor('ben to see ana offline', () => ben.service.agent('ana@example.com')?.status === 'offline' && ben.service.forCase(CASE2).length === 0);
    expect(ben.service.stats()).toMatchObject({ malformed: 0, unknownTopics: 0 });
  });

  it('gives an agent who connects later the current state from retained messages', async () => {
    const ana = await agent('ana@example.com');
    await ana.service.setStatus('away');
    await ana.service.setActivity(CASE, 'typing');
    const cho = await agent('cho@example.com');
    await waitFor('cho to see ana typing', () => activityOf(cho, CASE, 'ana@example.com') === 'typing');
    expect(cho.service.agent('ana@example.com')).toMatchObject({ status: 'away', currentCase: CASE });
    expect(cho.service.snapshot().cases).toEqual({ [CASE]: [expect.objectContaining({ agentId: 'ana@example.com', activity: 'typing', name: 'ANA' })] });
  });

  it('keeps an agent with two windows present when one of them closes', async () => {
    // heartbeats far apart: only the correction, not the next heartbeat, can repair the status here
    const slow = { heartbeatMs: 60_000, expiryMs: 180_000 };
    const first = await startAgent(broker.url, 'ana@example.com', USERS['ana@example.com'], slow);
    open.push(first);
    await connected(first);
    await first.service.enterCase(CASE);
    const ben = await agent('ben@example.com');
    await waitFor('ben to see ana viewing', () => activityOf(ben, CASE, 'ana@example.com') === 'viewing');
    const seen: string[] = [];
    ben.service.onChange((change) => change.agentIds.includes('ana@example.com') && seen.push(ben.service.agent('ana@example.com')?.status ?? 'unknown'));
    const second = await startAgent(broker.url, 'ana@example.com', USERS['ana@example.com'], slow);
    open.push(second);
    await connected(second);
    await second.service.close(); // publishes "ana offline", overwriting the retained status
    // the first window sees its own status go offline from another session and publishes it again
    await waitFor('ben to see ana offline, then available again', () => seen.includes('offline') && seen.at(-1) === 'available');
    expect(activityOf(ben, CASE, 'ana@example.com')).toBe('viewing');
    const cho = await agent('cho@example.com');
    await waitFor('a newcomer to see ana available', () => cho.service.agent('ana@example.com')?.status === 'available');
  });

  it('delivers case events to the others, each action once', async () => {
    const ana = await agent('ana@example.com');
    const ben = await agent('ben@example.com');
    await ana.service.publishCaseEvent(CASE, { kind: 'replied', actionId: 'act-1', public: true, version: '2026-01-01T00:00:00Z' });
    await ana.service.publishCaseEvent(CASE, { kind: 'replied', actionId: 'act-1', public: true }); // a retry of the same action
    await ana.service.publishCaseEvent(CASE, { kind: 'status_changed', actionId: 'act-2', status: 'pending' });
    await ana.service.publishCaseEvent(CASE2, { kind: 'assigned', actionId: 'act-3', assigneeRemoteId: '99' });
    await waitFor('ben to get three events', () => ben.events.length >= 3);
    await waitFor('the duplicate to arrive', () => ben.service.stats().duplicateEvents === 1);
    expect(ben.events).toEqual([
      { caseKey: CASE, agentId: 'ana@example.com', name: 'ANA', kind: 'replied', actionId: 'act-1', at: expect.any(Number), public: true, version: '2026-01-01T00:00:00Z' },
      { caseKey: CASE, agentId: 'ana@example.com', name: 'ANA', kind: 'status_changed', actionId: 'act-2', at: expect.any(Number), status: 'pending' },
      { caseKey: CASE2, agentId: 'ana@example.com', name: 'ANA', kind: 'assigned', actionId: 'act-3', at: expect.any(Number), assigneeRemoteId: '99' },
    ]);
    // my own events come back from the broker but are not reported to me
    expect(ana.events).toEqual([]);
  });

  it('ignores and counts malformed payloads, and takes the agent from the topic only', async () => {
    const ben = await agent('ben@example.com');
    const dan = await rawClient('dan@example.com');
    const now = Date.now();
    await dan.publishAsync(statusTopic(WORKSPACE, 'dan@example.com'), '{not json', { qos: 1, retain: true });
    await dan.publishAsync(presenceTopic(WORKSPACE, CASE, 'dan@example.com'), JSON.stringify({ state: 'juggling', since: now, at: now, name: 'Dan', sid: 'x', seq: 1 }), { qos: 1 });
    await dan.publishAsync(eventsTopic(WORKSPACE, CASE, 'dan@example.com'), JSON.stringify({ kind: 'replied' }), { qos: 1 });
    await dan.publishAsync(`shiftdesk/${WORKSPACE}/agents/dan@example.com/other`, 'hello', { qos: 1 });
    // a well-formed entry that claims to be ana's: it is dan's (the topic says so)
    await dan.publishAsync(presenceTopic(WORKSPACE, CASE, 'dan@example.com'), JSON.stringify({ agentId: 'ana@example.com', state: 'typing', since: now, at: now, name: 'Dan', sid: 'x', seq: 2 }), { qos: 1 });
    await waitFor('ben to see dan typing', () => activityOf(ben, CASE, 'dan@example.com') === 'typing');
    expect(ben.service.forCase(CASE).map((p) => p.agentId)).toEqual(['dan@example.com']);
    expect(ben.service.stats()).toMatchObject({ malformed: 3, unknownTopics: 1 });
    expect(ben.service.agent('dan@example.com')).toBeNull();
    expect(ben.events).toEqual([]);
    await dan.publishAsync(statusTopic(WORKSPACE, 'dan@example.com'), '', { qos: 1, retain: true });
    await dan.publishAsync(presenceTopic(WORKSPACE, CASE, 'dan@example.com'), '', { qos: 1, retain: true });
  });

  it('does not let an agent publish as another (the ACL drops it; nobody hears it)', async () => {
    const ana = await agent('ana@example.com');
    await ana.service.setStatus('available');
    const ben = await agent('ben@example.com');
    await waitFor('ben to see ana', () => ben.service.agent('ana@example.com')?.status === 'available');
    const now = Date.now();
    const forged = { sid: 'forged', seq: 1_000_000, at: now + 60_000, name: 'ANA' };
    // a Last Will in ana's name, fired by dropping the socket: mosquitto checks Wills against the ACL too
    const willTopic = statusTopic(WORKSPACE, 'ana@example.com');
    const forger = await connectAsync(broker.url, { clientId: 'will-forger', username: 'mallory@example.com', password: USERS['mallory@example.com'], protocolVersion: 4, reconnectPeriod: 0, will: { topic: willTopic, payload: Buffer.from(JSON.stringify({ ...forged, status: 'offline' })), qos: 1, retain: true } });
    forger.stream.destroy();
    await waitFor('mosquitto to notice the forger is gone', () => /will-forger (closed its connection|disconnected)/.test(broker.log()));
    forger.end(true);
    const mallory = await rawClient('mallory@example.com');
    // speaking as ana: her status, her presence on a case, her events, and a Will-like offline
    await mallory.publishAsync(statusTopic(WORKSPACE, 'ana@example.com'), JSON.stringify({ ...forged, status: 'offline' }), { qos: 1, retain: true });
    await mallory.publishAsync(presenceTopic(WORKSPACE, CASE2, 'ana@example.com'), JSON.stringify({ ...forged, state: 'typing', since: now }), { qos: 1, retain: true });
    await mallory.publishAsync(eventsTopic(WORKSPACE, CASE2, 'ana@example.com'), JSON.stringify({ ...forged, kind: 'replied', actionId: 'forged-1' }), { qos: 1 });
    // …and outside her own topics in other ways
    await mallory.publishAsync(`shiftdesk/${WORKSPACE}/agents/ana@example.com/status/x`, 'x', { qos: 1 });
    await mallory.publishAsync(`shiftdesk/${WORKSPACE}/cases/${CASE2}/presence/mallory@example.com/x`, 'x', { qos: 1 });
    // then a message she may send, on the same connection: once ben has it, anything sent before it would have arrived
    await mallory.publishAsync(presenceTopic(WORKSPACE, CASE2, 'mallory@example.com'), JSON.stringify({ ...forged, at: now, seq: 1, name: 'Mallory', state: 'viewing', since: now }), { qos: 1, retain: true });
    await waitFor('ben to see mallory on case 2', () => activityOf(ben, CASE2, 'mallory@example.com') === 'viewing');
    expect(ben.service.forCase(CASE2).map((p) => p.agentId)).toEqual(['mallory@example.com']);
    expect(ben.service.agent('ana@example.com')).toMatchObject({ status: 'available' });
    expect(ben.events).toEqual([]);
    expect(ben.service.stats()).toMatchObject({ malformed: 0, unknownTopics: 0 });
    // and a newcomer reading the retained state sees no forgery either
    const cho = await agent('cho@example.com');
    await waitFor('cho to see mallory on case 2', () => activityOf(cho, CASE2, 'mallory@example.com') === 'viewing');
    expect(cho.service.agent('ana@example.com')).toMatchObject({ status: 'available' });
    expect(cho.service.forCase(CASE2).map((p) => p.agentId)).toEqual(['mallory@example.com']);
    await mallory.publishAsync(presenceTopic(WORKSPACE, CASE2, 'mallory@example.com'), '', { qos: 1, retain: true });
  });
});
