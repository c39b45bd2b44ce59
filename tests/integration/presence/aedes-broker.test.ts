import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { presenceTopic, statusTopic } from '../../../src-main/core/presence/topics';
import { startPresenceBroker, type PresenceBroker } from '../../../src-main/demo/presence-broker';
import { activityOf, connected, FAST, startAgent, waitFor, WORKSPACE, type TestAgent } from '../../helpers/presence';

// The demo helpdesk's embedded broker (aedes, src-main/demo/presence-broker.ts) serves the same
// PresenceService as mosquitto does: status and case activity both ways, the Last Will, the ACL,
// an optional password, and publishing as the broker (for the demo's simulated teammates).

const CASE = '127.0.0.1:4010:5';
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function broker(options: Parameters<typeof startPresenceBroker>[0] = {}): Promise<PresenceBroker> {
  const started = await startPresenceBroker(options);
  cleanup.push(() => started.close());
  return started;
}

async function agent(url: string, id: string, password: string | null = 'any', options = {}): Promise<TestAgent> {
  const started = await startAgent(url, id, password, options);
  cleanup.push(() => started.service.close());
  return started;
}

describe('the embedded presence broker (aedes)', () => {
  it('listens on loopback and carries presence both ways', async () => {
    const demo = await broker();
    expect(demo.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const ana = await agent(demo.url, 'ana@example.com');
    const ben = await agent(demo.url, 'ben@example.com', null); // no password: fine on the demo broker
    await connected(ana);
    await connected(ben);
    await ana.service.setActivity(CASE, 'typing');
    await ben.service.setStatus('away');
    await ben.service.enterCase(CASE);
    await waitFor('ben to see ana typing', () => activityOf(ben, CASE, 'ana@example.com') === 'typing');
    await waitFor('ana to see ben viewing and away', () => activityOf(ana, CASE, 'ben@example.com') === 'viewing' && ana.service.agent('ben@example.com')?.status === 'away');
    await ana.service.publishCaseEvent(CASE, { kind: 'replied', actionId: 'a-1' });
    await waitFor('ben to get the event', () => ben.events.some((e) => e.actionId === 'a-1' && e.agentId === 'ana@example.com'));
    await ana.service.close();
    await waitFor('ben to see ana offline', () => ben.service.agent('ana@example.com')?.status === 'offline' && activityOf(ben, CASE, 'ana@example.com') === null);
  });

  it('fires the Last Will of a killed agent', async () => {
    const demo = await broker();
    const ben = await agent(demo.url, 'ben@example.com');
    await connected(ben);
    const args = ['--import', 'tsx', 'tests/helpers/presence-child.ts', demo.url, WORKSPACE, 'ana@example.com', 'any', CASE, String(FAST.heartbeatMs), String(FAST.expiryMs), '30'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanup.push(async () => child.exitCode === null && child.signalCode === null && (child.kill('SIGKILL'), await once(child, 'exit')));
    await waitFor('ben to see the child typing', () => activityOf(ben, CASE, 'ana@example.com') === 'typing', 20_000);
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await waitFor('ben to see the child offline and gone', () => ben.service.agent('ana@example.com')?.status === 'offline' && activityOf(ben, CASE, 'ana@example.com') === null);
    expect(Date.now() - killedAt).toBeLessThan(FAST.expiryMs!);
  });

  it('refuses to let an agent publish as another', async () => {
    const demo = await broker();
    const ben = await agent(demo.url, 'ben@example.com');
    await connected(ben);
    const mallory = await connectAsync(demo.url, { username: 'mallory', password: 'x', protocolVersion: 4, reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => mallory.once('close', () => resolve()));
    const now = Date.now();
    mallory.publish(presenceTopic(WORKSPACE, CASE, 'ana@example.com'), JSON.stringify({ state: 'typing', since: now, at: now, name: 'ANA', sid: 'forged', seq: 1 }), { qos: 1, retain: true });
    await closed; // aedes disconnects a client that breaks the ACL
    // a legitimate message afterwards arrives; the forged one never did, and is not retained either
    await demo.publish(statusTopic(WORKSPACE, 'teammate'), JSON.stringify({ status: 'available', at: now, name: 'Teammate', sid: 't', seq: 1 }), { retain: true });
    await waitFor('ben to see the teammate', () => ben.service.agent('teammate')?.status === 'available');
    expect(ben.service.forCase(CASE)).toEqual([]);
    const cho = await agent(demo.url, 'cho@example.com');
    await connected(cho);
    await waitFor('cho to see the retained teammate', () => cho.service.agent('teammate') !== null);
    expect(cho.service.forCase(CASE)).toEqual([]);
    mallory.end(true);
  });

  it('requires the password when it has one, and publishes as the broker for simulated teammates', async () => {
    const demo = await broker({ password: 'demo-pw' });
    const wrong = await agent(demo.url, 'ana@example.com', 'nope', { backoff: { baseMs: 10_000, capMs: 10_000 } });
    await waitFor('the wrong password to be refused', () => wrong.service.connection.state === 'unavailable');
    expect(wrong.service.connection.error).toMatch(/credentials/);
    const ben = await agent(demo.url, 'ben@example.com', 'demo-pw');
    await connected(ben);
    const now = Date.now();
    await demo.publish(presenceTopic(WORKSPACE, CASE, 'teammate@demo'), JSON.stringify({ state: 'viewing', since: now, at: now, name: 'Simulated', sid: 'sim', seq: 1 }), { retain: true });
    await waitFor('ben to see the simulated teammate', () => activityOf(ben, CASE, 'teammate@demo') === 'viewing');
    expect(ben.service.forCase(CASE)[0]).toMatchObject({ name: 'Simulated' });
  });
});
