import { afterEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src-main/demo';
import { ZendeskConnector } from '../../../src-main/core/connectors/zendesk/zendesk-connector';
import { RecordReader } from '../../../src-main/core/connectors/zendesk/record-reader';
import type { CaseStatus } from '../../../src-shared/domain/case-fields';
import { slaClockInstances, slaClocksOf, slaFactsOf, type SlaCaseRecord, type SlaPolicyRules } from '../../../src-shared/domain/sla-rules';
import { helpdeskVerdict, slaDisagreements } from '../../../src-shared/domain/sla-verdict';
import { getJson, TEST_ANCHOR } from './demo-client';

// The demo's Incremental Ticket Metric Events export (docs/demo-helpdesk.md "SLA events"): Zendesk's
// shapes, time-based paging that loses nothing, events that agree with each ticket's own record
// (read back through the API and judged by the shared SLA rules), and live changes that fulfil a
// clock and take back the breach it had announced.

interface WireEvent {
  id: number;
  ticket_id: number;
  metric: string;
  instance_id: number;
  type: string;
  time: string;
  deleted?: boolean;
  sla?: { target: number; target_in_seconds: number; business_hours: boolean; policy: { id: number; title: string; description: string } };
  status?: { calendar: number; business: number };
}
interface Page {
  ticket_metric_events: WireEvent[];
  count: number;
  end_time: number;
  next_page: string;
  end_of_stream: boolean;
}

async function allEvents(server: DemoServer, perPage?: number, startTime = 0): Promise<{ events: WireEvent[]; pages: number; endTime: number }> {
  const byId = new Map<number, WireEvent>();
  let url = `/api/v2/incremental/ticket_metric_events.json?start_time=${startTime}${perPage ? `&per_page=${perPage}` : ''}`;
  for (let pages = 1; ; pages++) {
    const { status, body } = await getJson<Page>(server, url);
    expect(status).toBe(200);
    expect(body.count).toBe(body.ticket_metric_events.length);
    for (const e of body.ticket_metric_events) byId.set(e.id, e);
    if (body.end_of_stream) return { events: [...byId.values()], pages, endTime: body.end_time };
    url = body.next_page;
  }
}

const asMetric = (e: WireEvent) => ({
  id: String(e.id),
  metric: e.metric,
  instance: e.instance_id,
  type: e.type,
  time: Date.parse(e.time),
  deleted: e.deleted === true,
  ...(e.sla ? { sla: { minutes: e.sla.target_in_seconds / 60, businessHours: e.sla.business_hours, policyRemoteId: String(e.sla.policy.id) } } : {}),
});

describe('the demo’s ticket metric events', () => {
  let server: DemoServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('sends Zendesk’s shapes, pages by time without losing an event, and agrees with each ticket’s record', async () => {
    const now = TEST_ANCHOR + 10 * 60_000;
    server = await startDemoServer({ seed: 9, cases: 400, anchorTime: TEST_ANCHOR, clock: () => now });
    const whole = await allEvents(server);
    const small = await allEvents(server, 50);
    expect(small.pages).toBeGreaterThan(10);
    expect(small.events.map((e) => e.id).sort()).toEqual(whole.events.map((e) => e.id).sort());
    const types = new Set(whole.events.map((e) => e.type));
    for (const type of ['measure', 'apply_sla', 'activate', 'pause', 'fulfill', 'update_status', 'breach']) expect(types, type).toContain(type);
    expect(whole.events.some((e) => e.type === 'breach' && e.deleted === true)).toBe(true);
    const cutoff = Math.floor((now - 60_000) / 1000);
    for (const e of whole.events) {
      expect(Date.parse(e.time) / 1000).toBeLessThanOrEqual(cutoff);
      expect(['reply_time', 'agent_work_time', 'requester_wait_time']).toContain(e.metric);
      expect(e.instance_id === 0).toBe(e.type === 'measure');
      if (e.type === 'apply_sla') {
        expect(e.sla!.target_in_seconds).toBe(e.sla!.target * 60);
        expect(e.sla!.policy).toMatchObject({ id: expect.any(Number), title: expect.any(String), description: expect.any(String) });
      } else expect(e.sla).toBeUndefined();
      if (e.type === 'update_status') expect(e.status!.business).toBeLessThanOrEqual(e.status!.calendar);
      else expect(e.status).toBeUndefined();
      expect('deleted' in e).toBe(e.type === 'breach');
    }

    // Each measured ticket, rebuilt from the API (ticket, comments, audits) and judged by the shared
    // rules under the policies as the connector reads them, gives the helpdesk's own verdict.
    const connector = new ZendeskConnector({ baseUrl: server.url, email: server.dataset.meAgent.email!, token: 'demo-token' });
    const setup = await connector.fetchSlaPolicies();
    const policies: SlaPolicyRules[] = setup.policies.map((p, i) => ({ id: i + 1, accountId: 1, remoteId: p.remoteId, filter: p.filter, targets: p.targets, schedule: setup.schedule, resolutionPauses: p.resolutionPauses }));
    const byTicket = new Map<number, WireEvent[]>();
    for (const e of whole.events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    expect(byTicket.size).toBeGreaterThan(30);
    let compared = 0;
    for (const [ticketId, events] of byTicket) {
      const ticketRes = await getJson<{ ticket: unknown }>(server, `/api/v2/tickets/${ticketId}.json`);
      if (ticketRes.status === 404) continue; // deleted since: its events stay, as Zendesk keeps them
      const ticket = new RecordReader().ticket(ticketRes.body.ticket)!;
      const comments = (await getJson<{ comments: { author_id: number; public?: boolean; created_at: string }[] }>(server, `/api/v2/tickets/${ticketId}/comments.json`)).body.comments;
      const audits = (await getJson<{ audits: { created_at: string; events: { field_name?: string; value?: unknown }[] }[] }>(server, `/api/v2/tickets/${ticketId}/audits.json`)).body.audits;
      const record: SlaCaseRecord = {
        createdAt: ticket.createdAt,
        status: ticket.status,
        statusHistory: audits.flatMap((a) => a.events.filter((ev) => ev.field_name === 'status').map((ev) => ({ at: Date.parse(a.created_at), status: ev.value as CaseStatus }))),
        thread: comments.map((c) => ({ at: Date.parse(c.created_at), author: server!.dataset.user(c.author_id)?.role === 'end-user' ? 'customer' : 'agent', public: c.public !== false })),
      };
      const verdict = helpdeskVerdict(events.map(asMetric));
      const policyId = events.find((e) => e.type === 'apply_sla')!.sla!.policy.id;
      const fields = { accountId: 1, priority: ticket.priority, channel: ticket.channel, status: ticket.status, type: ticket.type, groupRemoteId: ticket.groupRemoteId, organizationRemoteId: ticket.organizationRemoteId, tags: ticket.tags };
      const oracle = slaClocksOf(record, fields, policies, String(policyId))!;
      expect(oracle.policy.remoteId).toBe(String(policyId));
      const ours = oracle.clocks.map((c) => ({ target: c.target, phase: c.phase, dueAt: c.dueAt, stoppedAt: c.stoppedAt, targetMinutes: c.targetMinutes }));
      expect(slaDisagreements(ours, verdict!, cutoff * 1000, slaFactsOf(record).waitingSince), `ticket ${ticketId}`).toEqual([]);
      // Every run of a clock has its own events: a first reply fulfilled at the first public agent reply.
      const firstRun = slaClockInstances(record, fields, oracle.policy).find((r) => r.target === 'first_reply');
      const fulfilled = events.find((e) => e.metric === 'reply_time' && e.instance_id === 1 && e.type === 'fulfill');
      expect(fulfilled ? Date.parse(fulfilled.time) : null).toBe(firstRun?.stop ?? null);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  }, 120_000);

  it('a reply fulfils the first reply at once and the breach it had announced comes back taken back; an unanswered one breaches on time', async () => {
    let now = TEST_ANCHOR + 5 * 60_000;
    server = await startDemoServer({ seed: 9, cases: 200, anchorTime: TEST_ANCHOR, clock: () => now, exportLagMs: 0 });
    const demo = server;
    const start = (await allEvents(demo)).endTime;
    // New tickets from live traffic, until two whose first reply is timed in calendar hours.
    const timed: number[] = [];
    for (let i = 0; i < 200 && timed.length < 2; i++) {
      for (const change of demo.live.step(1)) {
        if (change.kind !== 'new-ticket') continue;
        const events = (await allEvents(demo, undefined, start)).events.filter((e) => e.ticket_id === change.ticketId);
        if (events.some((e) => e.type === 'apply_sla' && e.metric === 'reply_time' && !e.sla!.business_hours)) timed.push(change.ticketId);
      }
    }
    expect(timed).toHaveLength(2);
    const [answered, unanswered] = timed as [number, number];
    const firstReplyOf = async (ticketId: number) => (await allEvents(demo, undefined, start)).events.filter((e) => e.ticket_id === ticketId && e.metric === 'reply_time' && e.instance_id === 1);
    const applied = (await firstReplyOf(answered)).find((e) => e.type === 'apply_sla')!;
    const dueAt = (id: number) => firstReplyOf(id).then((evs) => Date.parse(evs.find((e) => e.type === 'apply_sla')!.time) + evs.find((e) => e.type === 'apply_sla')!.sla!.target_in_seconds * 1000);
    // Nothing about a breach yet: its time has not come.
    expect((await firstReplyOf(answered)).map((e) => e.type).sort()).toEqual(['activate', 'apply_sla']);

    now += 60_000;
    demo.live.teammateUpdate(answered, { comment: { body: 'Thanks, looking at it now.', public: true } });
    const fulfilled = (await firstReplyOf(answered)).filter((e) => e.type === 'fulfill' || e.type === 'update_status');
    expect(fulfilled.map((e) => [e.type, Date.parse(e.time)])).toEqual(
      expect.arrayContaining([
        ['fulfill', Math.floor(now / 1000) * 1000],
        ['update_status', Math.floor(now / 1000) * 1000],
      ]),
    );
    expect(fulfilled.find((e) => e.type === 'update_status')!.status!.calendar).toBe(Math.round((Math.floor(now / 1000) * 1000 - Date.parse(applied.time)) / 60_000));

    // Past both due times.
    now = Math.max(await dueAt(answered), await dueAt(unanswered)) + 60_000;
    const answeredEvents = await firstReplyOf(answered);
    expect(answeredEvents.filter((e) => e.type === 'breach').map((e) => e.deleted)).toEqual([true]);
    expect(helpdeskVerdict(answeredEvents.map(asMetric))!.clocks.find((c) => c.target === 'first_reply')).toMatchObject({ state: 'fulfilled', breachedAt: null });
    const unansweredEvents = await firstReplyOf(unanswered);
    expect(unansweredEvents.filter((e) => e.type === 'breach').map((e) => [e.deleted, Date.parse(e.time)])).toEqual([[false, await dueAt(unanswered)]]);
  }, 120_000);
});
