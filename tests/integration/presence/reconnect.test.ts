import { afterEach, describe, expect, it } from 'vitest';
import { presenceSecretKey } from '../../../src-main/core/presence/presence-settings';
import { freePort, startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { activityOf, connected, startAgent, waitFor, type TestAgent } from '../../helpers/presence';

// The broker is optional (issue 5: "the app works on without presence and says so, reconnects with
// backoff"): unreachable → `unavailable`, retrying with capped backoff, nothing waits for it; when
// it comes (back), the agent connects and publishes its state again.

const USERS = { 'ana@example.com': 'ana-pw', 'ben@example.com': 'ben-pw' };
const CASE = '127.0.0.1:4010:3';

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function track(agent: TestAgent): TestAgent {
  cleanup.push(() => agent.service.close());
  return agent;
}

async function broker(port?: number): Promise<Mosquitto> {
  const started = await startMosquitto(port === undefined ? { users: USERS } : { users: USERS, port });
  let stopped = false;
  cleanup.push(async () => {
    if (!stopped) await started.stop();
  });
  return {
    ...started,
    stop: async () => {
      stopped = true;
      await started.stop();
    },
  };
}

describe('presence without a broker', () => {
  it('reports unavailable, keeps working, and connects when the broker comes up', async () => {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    const ana = track(await startAgent(url, 'ana@example.com', USERS['ana@example.com']));
    await waitFor('ana to report unavailable', () => ana.service.connection.state === 'unavailable');
    expect(ana.states[0]).toBe('connecting');
    expect(ana.service.connection.error).toMatch(/^cannot reach the broker at mqtt:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\)$/);
    expect(ana.service.connection.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    // nothing waits for the broker
    const started = Date.now();
    await ana.service.setStatus('away');
    await ana.service.enterCase(CASE);
    await ana.service.setActivity(CASE, 'typing');
    await ana.service.publishCaseEvent(CASE, { kind: 'replied', actionId: 'offline-1' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(ana.service.me()).toMatchObject({ status: 'away', currentCase: CASE, cases: [{ caseKey: CASE, activity: 'typing' }] });
    // it keeps retrying: every failed attempt is reported with the time of the next one, the pause capped (400 ms here)
    await waitFor('three failed attempts', () => ana.states.filter((s) => s === 'unavailable').length >= 3, 5000);
    expect(ana.service.connection.nextRetryAt! - Date.now()).toBeLessThanOrEqual(400);

    await broker(port);
    await connected(ana);
    const ben = track(await startAgent(url, 'ben@example.com', USERS['ben@example.com']));
    await connected(ben);
    // ana's state, recorded while unreachable, was published on connection
    await waitFor('ben to see ana typing and away', () => activityOf(ben, CASE, 'ana@example.com') === 'typing' && ben.service.agent('ana@example.com')?.status === 'away');
    // every retry is reported (its time changes); the states themselves went:
    expect(ana.states.filter((state, i) => state !== ana.states[i - 1])).toEqual(['connecting', 'unavailable', 'connected']);
  });

  it('reconnects after the broker restarts and publishes its state again', async () => {
    const first = await broker();
    const ana = track(await startAgent(first.url, 'ana@example.com', USERS['ana@example.com']));
    const ben = track(await startAgent(first.url, 'ben@example.com', USERS['ben@example.com']));
    await connected(ana);
    await connected(ben);
    await ana.service.setActivity(CASE, 'viewing');
    await waitFor('ben to see ana', () => activityOf(ben, CASE, 'ana@example.com') === 'viewing');

    await first.stop(); // without persistence: every retained message is gone
    await waitFor('both to report unavailable', () => ana.service.connection.state === 'unavailable' && ben.service.connection.state === 'unavailable');
    expect(ana.service.connection.error).toMatch(/^the connection to the broker was lost/);
    await ana.service.setActivity(CASE, 'typing'); // while away from the broker

    await broker(first.port);
    await connected(ana);
    await connected(ben);
    await waitFor('ben to see ana typing after the restart', () => activityOf(ben, CASE, 'ana@example.com') === 'typing');
  });

  it('sends the case events of the unreachable time once connected', async () => {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    // a long backoff keeps ana waiting until the test says `retryNow`
    const ana = track(await startAgent(url, 'ana@example.com', USERS['ana@example.com'], { backoff: { baseMs: 60_000, capMs: 60_000 } }));
    await waitFor('ana to report unavailable', () => ana.service.connection.state === 'unavailable');
    await ana.service.publishCaseEvent(CASE, { kind: 'replied', actionId: 'queued-1' });
    await ana.service.publishCaseEvent(CASE, { kind: 'status_changed', actionId: 'queued-2', status: 'solved' });
    await broker(port);
    const ben = track(await startAgent(url, 'ben@example.com', USERS['ben@example.com']));
    await connected(ben);
    ana.service.retryNow();
    await connected(ana);
    await waitFor('ben to get both events', () => ben.events.length === 2);
    expect(ben.events.map((e) => [e.agentId, e.kind, e.actionId])).toEqual([
      ['ana@example.com', 'replied', 'queued-1'],
      ['ana@example.com', 'status_changed', 'queued-2'],
    ]);
  });

  it('closes promptly when the broker has just gone away', async () => {
    const mosquitto = await broker();
    const ana = track(await startAgent(mosquitto.url, 'ana@example.com', USERS['ana@example.com']));
    await connected(ana);
    await ana.service.enterCase(CASE);
    await mosquitto.stop();
    const started = Date.now();
    await ana.service.close(); // its goodbyes cannot be delivered; it must not hang on them
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports refused credentials and connects once the right password is in the secret store', async () => {
    const mosquitto = await broker();
    const ana = track(await startAgent(mosquitto.url, 'ana@example.com', 'wrong-password', { backoff: { baseMs: 5_000, capMs: 5_000 } }));
    await waitFor('ana to be refused', () => ana.service.connection.state === 'unavailable');
    expect(ana.service.connection.error).toMatch(/credentials/);
    await ana.secrets.set(presenceSecretKey({ brokerUrl: mosquitto.url, username: 'ana@example.com' }), USERS['ana@example.com']);
    ana.service.retryNow(); // the settings screen saved a new password: no need to wait out the backoff
    await connected(ana);
  });
});
