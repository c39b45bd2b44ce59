import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { CoreClient } from '../../../src-main/core/rpc/core-client';
import { openDatabase } from '../../../src-main/core/db/connection';
import { helpdeskVerdict, type HelpdeskSlaVerdict } from '../../../src-shared/domain/sla-verdict';
import type { SyncStatusView } from '../../../src-shared/contract/sync';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface WireEvent {
  id: number;
  ticket_id: number;
  metric: string;
  instance_id: number;
  type: string;
  time: string;
  deleted?: boolean;
  sla?: { target: number; target_in_seconds: number; business_hours: boolean; policy: { id: number } };
}

/** Every SLA event the demo serves now, read through its API as any client would. */
async function demoEvents(demo: DemoServer): Promise<WireEvent[]> {
  const byId = new Map<number, WireEvent>();
  let start = 0;
  for (;;) {
    const res = await fetch(`${demo.url}/api/v2/incremental/ticket_metric_events.json?start_time=${start}`, { headers: { authorization: demo.authHeader() } });
    const body = (await res.json()) as { ticket_metric_events: WireEvent[]; end_time: number; end_of_stream: boolean };
    for (const e of body.ticket_metric_events) byId.set(e.id, e);
    if (body.end_of_stream) return [...byId.values()];
    start = body.end_time;
  }
}

const verdictOf = (events: readonly WireEvent[]): HelpdeskSlaVerdict | null =>
  helpdeskVerdict(
    events.map((e) => ({
      id: String(e.id),
      metric: e.metric,
      instance: e.instance_id,
      type: e.type,
      time: Date.parse(e.time),
      deleted: e.deleted === true,
      ...(e.sla ? { sla: { minutes: e.sla.target_in_seconds / 60, businessHours: e.sla.business_hours, policyRemoteId: String(e.sla.policy.id) } } : {}),
    })),
  );

// The helpdesk's own SLA events (Zendesk's ticket metric events export) from the demo through the
// real sync: every event stored once, each case's verdict as the events say, our clocks agreeing
// with it, and a reply of ours stopping the clock at once and then on the helpdesk too.
describe('the helpdesk’s SLA events through sync', () => {
  let demo: DemoServer;
  let core: CoreClient;
  afterAll(async () => {
    await core?.stop();
    await demo?.close();
  });

  it('stores every event, keeps each case’s verdict, agrees with it, and follows a reply of ours', async () => {
    // Exports without their minute of lag: the test follows a change at once.
    demo = await startDemoServer({ seed: 83, cases: 300, exportLagMs: 0 });
    const dbPath = join(mkdtempSync(join(tmpdir(), 'shiftdesk-sla-events-')), 'profile.db');
    const startedAt = Date.now();
    core = new CoreClient({ dbPath, secrets: 'memory', seedSecrets: { 'account:1:token': DEMO_TOKEN }, followIntervalMs: 200 });
    await core.ready;
    await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    const checked = (s: SyncStatusView[]) => s[0]?.historyComplete === true && (s[0]?.slaCheck?.cases ?? 0) > 0;
    const status = await until(() => core.call('sync:status', {}), checked);
    expect(status[0]!.slaCheck!.disagreements).toBe(0);
    expect(status[0]!.notices.filter((n) => n.step === 'sla-events')).toEqual([]);

    // Every event the demo has (from the look-back on) is stored once, as sent.
    const served = (await demoEvents(demo)).filter((e) => Date.parse(e.time) >= startedAt - 30 * 86_400_000 + 3_600_000);
    expect(served.length).toBeGreaterThan(100);
    const db = openDatabase({ path: dbPath, readonly: true });
    try {
      const stored = new Map(
        (db.prepare('SELECT remote_id AS id, case_remote_id AS ticket, metric, instance, type, at, deleted FROM sla_events').all() as { id: string; ticket: string; metric: string; instance: number; type: string; at: number; deleted: number }[]).map((r) => [r.id, r]),
      );
      for (const e of served) {
        expect(stored.get(String(e.id))).toEqual({ id: String(e.id), ticket: String(e.ticket_id), metric: e.metric, instance: e.instance_id, type: e.type, at: Date.parse(e.time), deleted: e.deleted ? 1 : 0 });
      }
      // Each case's verdict is what the helpdesk's own events say.
      const byTicket = new Map<number, WireEvent[]>();
      for (const e of served) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
      const verdicts = db.prepare('SELECT remote_id AS ticket, sla_remote_json AS json FROM cases WHERE sla_remote_json IS NOT NULL AND synced = 1').all() as { ticket: string; json: string }[];
      expect(verdicts.length).toBeGreaterThan(20);
      for (const v of verdicts) expect(JSON.parse(v.json)).toEqual(verdictOf(byTicket.get(Number(v.ticket)) ?? []));
    } finally {
      db.close();
    }

    // A case of mine whose first reply runs on both sides: my public reply stops ours at once…
    const mine = (await core.call('inbox:list', { view: 'mine', filters: {}, sort: 'next_breach', offset: 0, limit: 200 })).rows;
    const running = mine.find((r) => r.sla?.clocks.some((c) => c.target === 'first_reply' && c.state !== 'met') && r.sla?.helpdesk?.some((c) => c.target === 'first_reply' && c.state !== 'met'));
    expect(running, 'a case of mine with first reply running on both sides').toBeDefined();
    const sentAt = Date.now();
    await core.call('cases:send', { caseId: running!.id, intent: { comment: { body: 'We are on it: your parcel left the depot today.', public: true } } });
    const afterSend = await core.call('cases:get', { id: running!.id });
    expect(afterSend!.sla!.clocks.find((c) => c.target === 'first_reply')!.state).not.toMatch(/^(ok|at_risk)$/);
    expect(afterSend!.sla!.next?.target).not.toBe('first_reply');
    // …and once it landed and sync brought the helpdesk's events, the helpdesk says so too, and we still agree.
    const landed = await until(
      () => core.call('cases:get', { id: running!.id }),
      (c) => c?.sla?.helpdesk?.find((h) => h.target === 'first_reply')?.state === 'met' || c?.sla?.helpdesk?.find((h) => h.target === 'first_reply')?.state === 'breached',
    );
    const ours = landed!.sla!.clocks.find((c) => c.target === 'first_reply')!;
    const theirs = landed!.sla!.helpdesk!.find((h) => h.target === 'first_reply')!;
    expect(ours.state === 'met' ? 'met' : 'breached').toBe(theirs.state);
    // The comparison made with the events that brought it (the helpdesk's record then reached past the send).
    // The comparison runs after new events or once a minute, and the events export shares its budget
    // with the other exports: on a loaded machine that takes a while, so the bound is generous.
    const after = await until(() => core.call('sync:status', {}), (s) => (s[0]?.slaCheck?.knownUntil ?? 0) >= sentAt - 60_000, 150_000);
    expect(after[0]!.slaCheck!.disagreements).toBe(0);
  }, 300_000);
});
