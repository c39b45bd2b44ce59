import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordReader } from '../../../../src-main/core/connectors/zendesk/record-reader';
import { ZendeskConnector } from '../../../../src-main/core/connectors/zendesk/zendesk-connector';
import { slaEventsResponse } from '../../../../src-main/core/connectors/zendesk/schemas';
import { slaEventsPage } from './fixtures/documented-shapes';

// Zendesk's ticket metric events as the connector reads them (docs/zendesk-conformance.md): the
// documented shapes, the older and newer target, a breach taken back, an unreadable event left
// out; and time-based paging without `end_of_stream`.

describe('ticket metric events page', () => {
  const reader = new RecordReader();
  const events = reader.slaEvents(slaEventsPage.ticket_metric_events);

  it('reads every documented shape and leaves out the one without a time', () => {
    expect(slaEventsResponse.safeParse(slaEventsPage).success).toBe(true);
    expect(events.map((e) => [e.id, e.caseRemoteId, e.metric, e.instance, e.type, e.deleted])).toEqual([
      ['123456', '987', 'requester_wait_time', 1, 'activate', false],
      ['123466', '987', 'requester_wait_time', 1, 'pause', false],
      ['123476', '987', 'requester_wait_time', 1, 'activate', false],
      ['123', '1', 'agent_work_time', 0, 'measure', false],
      ['124', '1', 'reply_time', 1, 'update_status', false],
      ['126', '1', 'requester_wait_time', 1, 'apply_sla', false],
      ['127', '1', 'reply_time', 1, 'apply_sla', false],
      ['128', '1', 'reply_time', 1, 'breach', true],
    ]);
    expect(events[0]!.time).toBe(Date.parse('2015-08-27T08:00:00Z'));
    expect(reader.issues).toEqual([{ kind: 'sla_event', remoteId: '129', issue: 'skipped', detail: expect.stringMatching(/^time:/) }]);
  });

  it('takes the target in seconds when given, else in minutes, with the policy applied', () => {
    expect(events.find((e) => e.id === '126')!.sla).toEqual({ minutes: 300, businessHours: false, policyRemoteId: '3' });
    expect(events.find((e) => e.id === '127')!.sla).toEqual({ minutes: 60, businessHours: true, policyRemoteId: '4' });
    expect(events.find((e) => e.id === '123456')!.sla).toBeUndefined();
  });
});

describe('paging the export by time', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A helpdesk answering each start_time as the test says, recording what was asked. */
  async function helpdesk(pages: Record<string, unknown>): Promise<{ url: string; asked: string[] }> {
    const asked: string[] = [];
    server = createServer((req, res) => {
      const start = new URL(req.url!, 'http://x').searchParams.get('start_time')!;
      asked.push(start);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(pages[start] ?? { ticket_metric_events: [], count: 0, end_time: Number(start), next_page: null }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, asked };
  }

  it('starts from the look-back, ends on a short page, moves on from a page stuck on one second', async () => {
    const full = (start: number, time: number) => ({
      ticket_metric_events: Array.from({ length: 1000 }, (_, i) => ({ id: start * 10_000 + i, ticket_id: 1, metric: 'reply_time', instance_id: 1, type: 'activate', time: new Date(time * 1000).toISOString() })),
      count: 1000,
      end_time: time,
      next_page: 'x',
    });
    const { url, asked } = await helpdesk({ '1700000000': full(1700000000, 1700000000), '1700000001': { ...slaEventsPage, end_time: 1700000500 } });
    const connector = new ZendeskConnector({ baseUrl: url, email: 'me@x', token: 't' });
    const requested = Date.now();
    const first = await connector.fetchSlaEvents(null, 1700000000 * 1000 + 999);
    // A thousand events all at the start second: not the end, and the next page starts a second on.
    expect(first).toMatchObject({ cursor: '1700000001', caughtUp: false, knownUntil: 1700000001 * 1000 });
    const second = await connector.fetchSlaEvents(first.cursor, 0);
    // Fewer than 1,000 and no end_of_stream: caught up, known up to a minute before the request.
    expect(second).toMatchObject({ cursor: '1700000500', caughtUp: true });
    expect(second.knownUntil).toBeGreaterThanOrEqual(requested - 60_000);
    expect(second.knownUntil).toBeLessThanOrEqual(Date.now() - 60_000);
    expect(second.recordIssues).toHaveLength(1);
    expect(asked).toEqual(['1700000000', '1700000001']);
  });
});
