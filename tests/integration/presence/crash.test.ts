import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { activityOf, connected, FAST, startAgent, waitFor, WORKSPACE, type TestAgent } from '../../helpers/presence';

// A crashed agent must not look present (DESIGN §7, issue 5: "a crashed agent's viewing disappears
// within 60 s"). The agent runs in a child process (tests/helpers/presence-child.ts) against a real
// mosquitto. The bound is configurable: here heartbeat 1 s and expiry 3 s (defaults 20 s / 60 s).

const USERS = { 'ana@example.com': 'ana-pw', 'ben@example.com': 'ben-pw', 'cho@example.com': 'cho-pw' };
const CHILD = 'ana@example.com';
const EXPIRY_MS = FAST.expiryMs!;
const HEARTBEAT_MS = FAST.heartbeatMs!;

type Child = ChildProcessByStdio<null, Readable, Readable>;

let broker: Mosquitto;
let ben: TestAgent;
const children: Child[] = [];

/** Starts the child agent, typing on `caseKey`, and waits until ben sees it. */
async function startChild(caseKey: string, keepaliveSec: number): Promise<Child> {
  const args = ['--import', 'tsx', 'tests/helpers/presence-child.ts', broker.url, WORKSPACE, CHILD, USERS[CHILD], caseKey, String(HEARTBEAT_MS), String(EXPIRY_MS), String(keepaliveSec)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(`the child to be ready (stderr: ${stderr})`, () => stdout.includes('READY') || child.exitCode !== null, 20_000);
  if (!stdout.includes('READY')) throw new Error(`the child exited: ${stderr}`);
  await waitFor('ben to see the child typing', () => activityOf(ben, caseKey, CHILD) === 'typing' && ben.service.agent(CHILD)?.status === 'available');
  return child;
}

async function kill(child: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  broker = await startMosquitto({ users: USERS });
  ben = await startAgent(broker.url, 'ben@example.com', USERS['ben@example.com']);
  await connected(ben);
});

afterEach(async () => {
  await Promise.all(children.splice(0).map(kill));
});

afterAll(async () => {
  await ben?.service.close();
  await broker?.stop();
});

describe('a crashed agent (mosquitto)', () => {
  it('shows offline (Last Will) and its case presence disappears within the bound after SIGKILL', async () => {
    const caseKey = '127.0.0.1:4010:7';
    const child = await startChild(caseKey, 30);
    const killedAt = Date.now();
    await kill(child);
    await waitFor('ben to see the child offline and gone from the case', () => ben.service.agent(CHILD)?.status === 'offline' && activityOf(ben, caseKey, CHILD) === null, EXPIRY_MS + 2000);
    const elapsed = Date.now() - killedAt;
    // The socket closed with the process, so mosquitto sent the Will at once: well within the expiry.
    expect(elapsed).toBeLessThan(EXPIRY_MS);
    expect(ben.service.forCase(caseKey)).toEqual([]);
    expect(ben.service.agent(CHILD)).toMatchObject({ status: 'offline', currentCase: null });
  });

  it('drops a frozen agent by expiry even before the broker notices (no heartbeat, no Will yet)', async () => {
    const caseKey = '127.0.0.1:4010:8';
    // keepalive 60 s: mosquitto will not give up on the connection during this test
    const child = await startChild(caseKey, 60);
    const disconnects = () => (broker.log().match(/closed its connection|disconnected|exceeded timeout/g) ?? []).length;
    const disconnectsBefore = disconnects();
    child.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await waitFor('the frozen child to expire from the case', () => activityOf(ben, caseKey, CHILD) === null, EXPIRY_MS + 2000);
    const elapsed = Date.now() - stoppedAt;
    // Gone at most one expiry after its last heartbeat (which came at most one heartbeat before freezing)…
    expect(elapsed).toBeLessThan(EXPIRY_MS + 1500);
    expect(elapsed).toBeGreaterThan(EXPIRY_MS - HEARTBEAT_MS - 1000);
    // …by expiry alone: mosquitto still holds the connection, so no Will was sent.
    expect(disconnects()).toBe(disconnectsBefore);
    await waitFor('the frozen child status to read offline', () => ben.service.agent(CHILD)?.status === 'offline', 2000);
    // a newcomer does not see the frozen agent either: its retained entries are too old
    const cho = await startAgent(broker.url, 'cho@example.com', USERS['cho@example.com']);
    try {
      await connected(cho);
      // the newcomer has received the retained state once it sees the child's (stale → offline) status
      await waitFor('the newcomer to know the child', () => cho.service.agent(CHILD) !== null);
      expect(cho.service.agent(CHILD)!.status).toBe('offline');
      expect(cho.service.forCase(caseKey)).toEqual([]);
    } finally {
      await cho.service.close();
    }
  });
});
