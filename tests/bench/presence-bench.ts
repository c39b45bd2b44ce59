import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { connectAsync, type MqttClient } from 'mqtt';
import { WebSocket } from 'ws';
import type { PresenceActivity } from '../../src-shared/domain/presence';
import type { ReplyMessage } from '../../src-shared/contract/wire';
import { App } from '../e2e/helpers/app';
import { RpcClient, waitForSyncComplete } from '../e2e/helpers/rpc-client';
import { startWebHost, type WebHost } from '../e2e/helpers/web-host';
import { MOSQUITTO_BIN, startMosquitto } from '../helpers/mosquitto';
import { activityOf, connected, startAgent, type TestAgent } from '../helpers/presence';
import { mulberry32, percentile, report, round } from './stats';

// Presence latency (issue 5, docs/presence.md), over one broker on loopback (a real mosquitto with
// the shipped ACL and a password file; the demo's aedes only when mosquitto is not installed):
//   broker_floor_p50_ms plain mqtt.js publish (QoS 1) → another mqtt.js client receives it: the broker floor
//   core_p50/p95   agent A's PresenceService.setActivity/enterCase/leaveCase → agent B's service shows it
//                  (B's onChange, B's snapshot has the new state); both in this process, one clock
//   screen_p95_ms  A's web host gets presence:setActivity/leave (the renderer's call) → B's page in
//                  Chromium has painted the new state in the case header and in the inbox row (budget ≤ 250)
// Every change is visible (viewing → typing → sending → viewing → typing → leave → …), is waited for
// before the next, and the next follows 50–100 ms later. Nothing here asserts a time.

const CHANGES = 200;
const WARMUP = 6;
const BUDGET_MS = 250;
const LOST_AFTER_MS = 5_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
const KEEP_NAMES_SHIM = 'globalThis.__name ??= (fn) => fn;';
const MAYA = 'maya.rodriguez@support.shiftdesk.example';
const JORDAN = 'jordan.lee@support.shiftdesk.example';
/** Agent A's display name on B's screen (the demo's agent record for JORDAN). */
const A_NAME = 'Jordan Lee';
const USERS: Record<string, string> = {
  [JORDAN]: 'bench-jordan',
  [MAYA]: 'bench-maya',
  'ana@bench.example': 'bench-ana',
  'ben@bench.example': 'bench-ben',
  'floor-pub@bench.example': 'bench-floor-pub',
  'floor-sub@bench.example': 'bench-floor-sub',
};
/** null = leave the case. Each step differs from the one before, so every change is visible. */
const CYCLE: (PresenceActivity | null)[] = ['viewing', 'typing', 'sending', 'viewing', 'typing', null];

const log = (message: string) => console.error(`[presence-bench] ${message}`);
/** Wall-clock ms with sub-ms resolution (compared with the page's timeOrigin + now()). */
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Broker {
  kind: 'mosquitto' | 'aedes';
  url: string;
  stop(): Promise<void>;
}

async function startBroker(): Promise<Broker> {
  if (existsSync(MOSQUITTO_BIN)) {
    const m = await startMosquitto({ users: USERS });
    return { kind: 'mosquitto', url: m.url, stop: () => m.stop() };
  }
  log(`${MOSQUITTO_BIN} is missing: falling back to the demo's aedes broker (its own process)`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/aedes-broker-child.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = /^PRESENCE_URL=(\S+)/.exec(line);
      if (found) resolve(found[1]!);
    });
    void exited.then(() => reject(new Error('the aedes broker exited before printing its URL')));
  });
  return {
    kind: 'aedes',
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Plain MQTT on the same broker: publish (QoS 1) → the other client's 'message', paced like the presence changes. */
async function brokerFloor(url: string, rounds: number): Promise<number[]> {
  const clients: MqttClient[] = [];
  try {
    const sub = await connectAsync(url, { username: 'floor-sub@bench.example', password: USERS['floor-sub@bench.example'], protocolVersion: 4, reconnectPeriod: 0 });
    clients.push(sub);
    const pub = await connectAsync(url, { username: 'floor-pub@bench.example', password: USERS['floor-pub@bench.example'], protocolVersion: 4, reconnectPeriod: 0 });
    clients.push(pub);
    const topic = 'shiftdesk/bench/agents/floor-pub@bench.example/floor';
    await sub.subscribeAsync('shiftdesk/bench/#', { qos: 1 });
    let waiting: { seq: number; resolve: (at: number) => void } | null = null;
    sub.on('message', (_topic, payload) => {
      const at = performance.now();
      const seq = (JSON.parse(payload.toString()) as { seq: number }).seq;
      if (waiting && waiting.seq === seq) waiting.resolve(at);
    });
    const random = mulberry32(5);
    const times: number[] = [];
    for (let i = 0; i < rounds + WARMUP; i++) {
      // About the size of a case presence payload.
      const payload = JSON.stringify({ state: 'typing', since: Date.now(), at: Date.now(), name: 'Floor', sid: 'floor-session-0001', seq: i });
      const seen = new Promise<number>((resolve) => (waiting = { seq: i, resolve }));
      const started = performance.now();
      await Promise.all([pub.publishAsync(topic, payload, { qos: 1 }), seen]);
      if (i >= WARMUP) times.push((await seen) - started);
      await sleep(50 + random() * 50);
    }
    return times;
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
  }
}

/** Two PresenceServices (A changes, B watches) in this process. */
async function corePresence(url: string, changes: number): Promise<{ times: number[]; lost: number }> {
  // The production timings (heartbeat 20 s, expiry 60 s): a heartbeat now and then, as in real use.
  const options = { heartbeatMs: 20_000, expiryMs: 60_000, keepaliveSec: 30 };
  const agents: TestAgent[] = [];
  try {
    const a = await startAgent(url, 'ana@bench.example', USERS['ana@bench.example']!, options);
    agents.push(a);
    const b = await startAgent(url, 'ben@bench.example', USERS['ben@bench.example']!, options);
    agents.push(b);
    await connected(a);
    await connected(b);
    let waiting: { key: string; expected: PresenceActivity | null; resolve: (at: number) => void } | null = null;
    b.service.onChange((change) => {
      const at = performance.now();
      const w = waiting;
      if (w && change.caseKeys.includes(w.key) && activityOf(b, w.key, 'ana@bench.example') === w.expected) {
        waiting = null;
        w.resolve(at);
      }
    });
    const random = mulberry32(7);
    const times: number[] = [];
    let lost = 0;
    for (let i = 0; i < changes + WARMUP; i++) {
      // A new case every cycle: enter (viewing), typing, sending, viewing, typing, leave.
      const key = `127.0.0.1:4010:${1000 + Math.floor(i / CYCLE.length)}`;
      const expected = CYCLE[i % CYCLE.length]!;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const seen = new Promise<number | null>((resolve) => {
        waiting = { key, expected, resolve };
        timer = setTimeout(() => resolve(null), LOST_AFTER_MS);
      });
      const started = performance.now();
      const sent = expected === null ? a.service.leaveCase(key) : i % CYCLE.length === 0 ? a.service.enterCase(key) : a.service.setActivity(key, expected);
      const [at] = await Promise.all([seen, sent]);
      clearTimeout(timer);
      waiting = null;
      if (i >= WARMUP) {
        if (at === null) lost++;
        else times.push(at - started);
      }
      await sleep(50 + random() * 50);
    }
    return { times, lost };
  } finally {
    await Promise.all(agents.map((agent) => agent.service.close()));
  }
}

/** Listens to a web host's core events (the same socket the page uses) and timestamps onPresence. */
async function presenceEvents(appUrl: string): Promise<{ events: { at: number; caseIds: number[] }[]; close(): void }> {
  const url = new URL(appUrl);
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`, { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const events: { at: number; caseIds: number[] }[] = [];
  ws.on('message', (data) => {
    const at = wallNow();
    const message = JSON.parse(String(data)) as ReplyMessage;
    if (message.type === 'event' && message.event === 'onPresence') events.push({ at, caseIds: (message.payload as { caseIds: number[] }).caseIds });
  });
  return { events, close: () => ws.close() };
}

/** The page's wall clock minus ours (timeOrigin + now() on both sides), from the tightest of 20 round trips. */
async function clockOffset(page: Page): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < 20; i++) {
    const before = wallNow();
    const theirs = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallNow();
    if (after - before < best.rtt) best = { offset: theirs - (before + after) / 2, rtt: after - before };
  }
  return best;
}

/**
 * Arms a watcher on B's page (window.__presenceWait): resolves with the page's wall-clock times when
 * the case header and the row of `caseId` both show `expected` (null: nobody), and when that frame
 * was painted; null after `timeoutMs`.
 */
async function armScreenWatch(page: Page, caseId: number, expected: PresenceActivity | null): Promise<void> {
  await page.evaluate(
    ({ caseId: id, expected: want, name, timeoutMs }) => {
      const w = window as unknown as { __presenceWait?: Promise<{ headerAt: number; rowAt: number; paintedAt: number } | null> };
      const now = () => performance.timeOrigin + performance.now();
      // A's entry only (anyone else on the case, e.g. the demo's simulated teammates, is ignored).
      const read = () => {
        const agents = Array.from(document.querySelectorAll('[role="region"][aria-label="Case"] [data-testid="case-presence"] [data-testid="presence-agent"]'));
        const label = document.querySelector(`[role="listbox"] [role="option"][data-case-id="${id}"] [data-testid="row-presence"]`)?.getAttribute('title') ?? '';
        const mine = label.split(', ').find((part) => part.startsWith(`${name} `));
        return {
          header: agents.find((a) => a.getAttribute('data-agent-name') === name)?.getAttribute('data-state') ?? null,
          // The row's title says e.g. "Jordan Lee typing" / "Jordan Lee sending a reply" (docs/ui-contract.md).
          row: mine ? (mine.slice(name.length + 1).split(' ')[0] ?? null) : null,
        };
      };
      w.__presenceWait = new Promise((resolve) => {
        let headerAt: number | null = null;
        let rowAt: number | null = null;
        const timer = setTimeout(() => {
          observer.disconnect();
          resolve(null);
        }, timeoutMs);
        const check = () => {
          const shown = read();
          const at = now();
          if (headerAt === null && shown.header === want) headerAt = at;
          if (rowAt === null && shown.row === want) rowAt = at;
          if (headerAt === null || rowAt === null) return;
          observer.disconnect();
          clearTimeout(timer);
          const done = { headerAt, rowAt };
          // The frame that paints the change runs right after this rAF; the message lands after it.
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ ...done, paintedAt: now() });
            channel.port2.postMessage(null);
          });
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state', 'title'] });
      });
    },
    { caseId, expected, name: A_NAME, timeoutMs: LOST_AFTER_MS },
  );
}

interface ScreenResult {
  screen: number[];
  header: number[];
  row: number[];
  /** A's call → B's host sends onPresence for the case (B's core has it, seen from outside). */
  hostEvent: number[];
  lost: number;
  clock: { offset: number; rtt: number };
}

async function screenPresence(brokerUrl: string, kind: Broker['kind'], changes: number): Promise<ScreenResult> {
  // Both hosts use the bench's broker (--presence-url); with mosquitto, each gets its password
  // through the contract, as the settings dialog would give it.
  log('starting web host A (embedded demo, 60 cases) and web host B (Maya, on A\'s demo)');
  const hosts: WebHost[] = [];
  const rpcs: RpcClient[] = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const hostA = await startWebHost({ cases: 60, seed: 7, extraArgs: ['--presence-url', brokerUrl] });
    hosts.push(hostA);
    const hostB = await startWebHost({ cases: 0, demoUrl: hostA.demoUrl, extraArgs: ['--agent', MAYA, '--presence-url', brokerUrl] });
    hosts.push(hostB);
    const rpcA = await RpcClient.connect(hostA.appUrl);
    rpcs.push(rpcA);
    const rpcB = await RpcClient.connect(hostB.appUrl);
    rpcs.push(rpcB);
    await Promise.all([waitForSyncComplete(rpcA, 120_000), waitForSyncComplete(rpcB, 120_000)]);
    for (const [rpc, user] of [[rpcA, JORDAN], [rpcB, MAYA]] as const) {
      if (kind === 'mosquitto') await rpc.call('presence:settings:set', { brokerUrl, username: user, workspace: 'demo', password: USERS[user]! });
      const deadline = Date.now() + 30_000;
      while ((await rpc.call('presence:get', {})).connection.state !== 'connected') {
        if (Date.now() > deadline) throw new Error(`${user}'s host did not connect to the broker: ${JSON.stringify((await rpc.call('presence:get', {})).connection)}`);
        await sleep(100);
      }
    }
    const rowA = (await rpcA.call('inbox:list', { view: 'all_open', limit: 1 })).rows[0];
    if (!rowA) throw new Error('no open case on A');
    const rowB = (await rpcB.call('inbox:list', { view: 'all_open', limit: 500 })).rows.find((r) => r.remoteId === rowA.remoteId);
    if (!rowB) throw new Error(`case ${rowA.remoteId} is not on B`);
    log(`case ${rowA.remoteId}: A's id ${rowA.id}, B's id ${rowB.id}`);

    // B's page: the case open, its row visible in the list.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: KEEP_NAMES_SHIM });
    const page = await context.newPage();
    const appB = new App(page, hostB.appUrl);
    await appB.goto();
    await appB.switchView('all_open');
    await appB.textFilter.fill(String(rowA.remoteId));
    await appB.row(rowA.remoteId).click();
    await appB.caseTitle.waitFor();
    await sleep(1_000);
    const clock = await clockOffset(page);
    log(`page clock offset ${round(clock.offset, 2)} ms (round trip ${round(clock.rtt, 2)} ms)`);
    const events = await presenceEvents(hostB.appUrl);

    const random = mulberry32(11);
    const result: ScreenResult = { screen: [], header: [], row: [], hostEvent: [], lost: 0, clock };
    try {
      for (let i = 0; i < changes + WARMUP; i++) {
        const expected = CYCLE[i % CYCLE.length]!;
        await armScreenWatch(page, rowB.id, expected);
        const issuedAt = wallNow();
        const answer = expected === null ? await rpcA.call('presence:leave', { caseId: rowA.id }) : await rpcA.call('presence:setActivity', { caseId: rowA.id, activity: expected });
        if (!answer.ok) throw new Error(`A's presence call answered ${JSON.stringify(answer)}`);
        const shown = await page.evaluate(() => (window as unknown as { __presenceWait: Promise<{ headerAt: number; rowAt: number; paintedAt: number } | null> }).__presenceWait);
        const event = events.events.find((e) => e.at >= issuedAt && e.caseIds.includes(rowB.id));
        if (i >= WARMUP) {
          if (!shown) result.lost++;
          else {
            const toOurs = (pageTime: number) => pageTime - clock.offset - issuedAt;
            result.screen.push(toOurs(shown.paintedAt));
            result.header.push(toOurs(shown.headerAt));
            result.row.push(toOurs(shown.rowAt));
          }
          if (event) result.hostEvent.push(event.at - issuedAt);
        }
        if (i % 50 === 0) log(`screen: change ${i}/${changes + WARMUP}`);
        events.events.length = 0;
        await sleep(50 + random() * 50);
      }
    } finally {
      events.close();
      await context.close();
    }
    return result;
  } finally {
    for (const rpc of rpcs) rpc.close();
    await browser.close();
    for (const host of hosts.reverse()) await host.stop();
  }
}

export async function run(args: string[]): Promise<void> {
  const changes = Number(args[0] ?? CHANGES);
  const broker = await startBroker();
  log(`broker: ${broker.kind} at ${broker.url}`);
  try {
    const floor = await brokerFloor(broker.url, changes);
    log(`broker floor: p50 ${round(percentile(floor, 50))} ms`);
    const core = await corePresence(broker.url, changes);
    log(`core: p50 ${round(percentile(core.times, 50))} ms, p95 ${round(percentile(core.times, 95))} ms, lost ${core.lost}`);
    const screen = await screenPresence(broker.url, broker.kind, changes);
    log(`screen: p50 ${round(percentile(screen.screen, 50))} ms, p95 ${round(percentile(screen.screen, 95))} ms, lost ${screen.lost}`);

    const coreP50 = percentile(core.times, 50);
    const coreP95 = percentile(core.times, 95);
    const screenP95 = percentile(screen.screen, 95);
    const floorP50 = percentile(floor, 50);
    report({
      bench: 'presence',
      broker: broker.kind,
      changes,
      core_p50_ms: round(coreP50),
      core_p95_ms: round(coreP95),
      screen_p95_ms: round(screenP95),
      broker_floor_p50_ms: round(floorP50),
      core_p95_budget_ratio: round(coreP95 / BUDGET_MS, 3),
      screen_p95_budget_ratio: round(screenP95 / BUDGET_MS, 3),
      core_p50_floor_ratio: round(coreP50 / floorP50, 2),
      lost: core.lost + screen.lost,
      core_lost: core.lost,
      screen_lost: screen.lost,
      core_max_ms: round(Math.max(...core.times)),
      screen_p50_ms: round(percentile(screen.screen, 50)),
      screen_max_ms: round(Math.max(...screen.screen)),
      screen_dom_p50_ms: round(percentile(screen.header.map((h, i) => Math.max(h, screen.row[i]!)), 50)),
      screen_dom_p95_ms: round(percentile(screen.header.map((h, i) => Math.max(h, screen.row[i]!)), 95)),
      host_event_p50_ms: round(percentile(screen.hostEvent, 50)),
      host_event_p95_ms: round(percentile(screen.hostEvent, 95)),
      broker_floor_p95_ms: round(percentile(floor, 95)),
      screen_changes: screen.screen.length,
      page_clock_offset_ms: round(screen.clock.offset, 2),
      budget_ms: BUDGET_MS,
    });
  } finally {
    await broker.stop();
  }
}
