import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, TICKET_EVENT_VIA_NAMES, type DemoServer, type DemoTicketEvent } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

interface EventsPage {
  ticket_events: DemoTicketEvent[];
  next_page: string;
  previous_page: null;
  count: number;
  end_time: number;
  end_of_stream: boolean;
}

async function exportAll(server: DemoServer, perPage: number, include = true): Promise<{ events: DemoTicketEvent[]; pages: number }> {
  const events: DemoTicketEvent[] = [];
  let url = `/api/v2/incremental/ticket_events.json?start_time=0&per_page=${perPage}${include ? '&include=comment_events' : ''}`;
  for (let pages = 1; pages < 10_000; pages++) {
    const res = await getJson<EventsPage>(server, url);
    expect(res.status).toBe(200);
    events.push(...res.body.ticket_events);
    expect(res.body.count).toBe(res.body.ticket_events.length);
    if (res.body.end_of_stream) return { events, pages };
    expect(res.body.ticket_events.length).toBeGreaterThanOrEqual(perPage);
    expect(res.body.next_page).toContain(`start_time=${res.body.end_time}`);
    url = res.body.next_page;
  }
  throw new Error('ticket_events paging did not end');
}

const EVENT_KEYS = new Set(['id', 'via', 'via_reference_id', 'previous_value', 'event_type']);

/** The field a Create/Change child event is about: its one key besides the common ones. */
function fieldOf(child: Record<string, unknown>): string {
  const keys = Object.keys(child).filter((k) => !EVENT_KEYS.has(k));
  expect(keys).toHaveLength(1);
  return keys[0] as string;
}

function commentsOf(events: readonly DemoTicketEvent[]): Map<number, Record<string, unknown>> {
  const comments = new Map<number, Record<string, unknown>>();
  for (const e of events) for (const child of e.child_events) if (child.event_type === 'Comment') comments.set(child.id, { ...child, ticket_id: e.ticket_id });
  return comments;
}

describe('incremental ticket events (time-based)', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 6, cases: 300, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('delivers every comment exactly once after dedupe by id', async () => {
    const { events } = await exportAll(server, 1000);
    const uniqueAudits = new Set(events.map((e) => e.id));
    expect(uniqueAudits.size).toBe(server.dataset.auditCount);
    const comments = commentsOf(events);
    expect(comments.size).toBe(server.dataset.commentCount);
    // Spot-check against the comments endpoint's view.
    const ticketId = server.dataset.sampleKoreanTicketId;
    for (const c of server.dataset.commentsFor(ticketId)) {
      const streamed = comments.get(c.id);
      expect(streamed).toMatchObject({ body: c.body, html_body: c.html_body, public: c.public, author_id: c.author_id, audit_id: c.audit_id, created_at: c.created_at, type: 'Comment', ticket_id: ticketId });
    }
    // Boundary events repeat on the next page; after dedupe the stream is ordered by (timestamp, id).
    const seenIds = new Set<number>();
    const unique = events.filter((e) => !seenIds.has(e.id) && seenIds.add(e.id));
    expect(unique.length).toBeLessThan(events.length);
    for (let i = 1; i < unique.length; i++) {
      const a = unique[i - 1] as DemoTicketEvent;
      const b = unique[i] as DemoTicketEvent;
      expect(a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.id < b.id)).toBe(true);
    }
  });

  it('never loses events when per_page is smaller than a same-second burst', async () => {
    const burst = server.dataset.largestEventBurst;
    expect(burst.count).toBeGreaterThan(5);
    const perPage = 4;
    expect(perPage).toBeLessThan(burst.count);
    const { events, pages } = await exportAll(server, perPage);
    expect(new Set(events.map((e) => e.id)).size).toBe(server.dataset.auditCount);
    expect(commentsOf(events).size).toBe(server.dataset.commentCount);
    expect(pages).toBeGreaterThan(server.dataset.auditCount / (perPage * 4));
    // The page reaching the burst holds all of it.
    const res = await getJson<EventsPage>(server, `/api/v2/incremental/ticket_events.json?start_time=${burst.timestamp}&per_page=${perPage}`);
    expect(res.body.ticket_events.filter((e) => e.timestamp === burst.timestamp)).toHaveLength(burst.count);
    expect(res.body.end_time).toBe(burst.timestamp + 1);
  });

  it('describes comments only by booleans without include=comment_events', async () => {
    const res = await getJson<EventsPage>(server, '/api/v2/incremental/ticket_events.json?start_time=0&per_page=50');
    const first = res.body.ticket_events[0] as DemoTicketEvent;
    expect(first.event_type).toBe('Audit');
    const comment = first.child_events.find((c) => c.event_type === 'Comment');
    expect(comment).toMatchObject({ comment_present: true, comment_public: true });
    expect(comment).not.toHaveProperty('body');
    const creates = first.child_events.filter((c) => c.event_type === 'Create');
    expect(creates.map((c) => fieldOf(c))).toEqual(expect.arrayContaining(['status', 'subject', 'requester_id']));
  });

  it('sends the documented shapes: a via string on the entry and on field events, a via object on comments', async () => {
    const { events } = await exportAll(server, 1000);
    for (const e of events) {
      expect(typeof e.via).toBe('string');
      expect(TICKET_EVENT_VIA_NAMES).toContain(e.via);
      for (const child of e.child_events) {
        if (child.event_type === 'Comment') {
          expect(child.via).toEqual({ channel: expect.anything(), source: expect.any(Object) });
          continue;
        }
        // {"id", "via": "Web form", "via_reference_id": null, "<field>": value, ["previous_value"], "event_type"}
        expect(child).not.toHaveProperty('field_name');
        expect(child).not.toHaveProperty('value');
        expect(child.via).toBe(e.via);
        const keys = Object.keys(child).sort();
        const expected = ['event_type', 'id', 'via', 'via_reference_id', fieldOf(child), ...(child.event_type === 'Change' ? ['previous_value'] : [])].sort();
        expect(keys).toEqual(expected);
      }
    }
    // The same audits keep field_name/value on the Ticket Audits endpoint.
    const ticketId = events.find((e) => e.child_events.some((c) => c.event_type === 'Change'))?.ticket_id as number;
    const audits = await getJson<{ audits: { via: unknown; events: Record<string, unknown>[] }[] }>(server, `/api/v2/tickets/${ticketId}/audits.json`);
    for (const audit of audits.body.audits) {
      expect(audit.via).toEqual({ channel: expect.any(String), source: expect.any(Object) });
      for (const event of audit.events.filter((x) => x.type !== 'Comment')) expect(Object.keys(event)).toEqual(expect.arrayContaining(['field_name', 'value']));
    }
    const names = new Set(events.map((e) => e.via));
    expect(names).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...names]).toEqual(expect.arrayContaining(['Mail', 'Web form', 'Rule']));
  });

  it('records status and assignee changes and the automatic close', async () => {
    const { events } = await exportAll(server, 1000, false);
    const changes = events.flatMap((e) => e.child_events.filter((c) => c.event_type === 'Change'));
    expect(changes.some((c) => 'assignee_id' in c && c.previous_value === null)).toBe(true);
    expect(changes.some((c) => c.status === 'solved' && c.previous_value === 'open')).toBe(true);
    const closes = events.filter((e) => e.via === 'Rule');
    expect(closes.length).toBeGreaterThan(0);
    expect(closes.every((e) => e.updater_id === -1 && e.child_events.some((c) => c.status === 'closed' && c.previous_value === 'solved'))).toBe(true);
  });

  it('requires start_time and ends with an empty page past the end', async () => {
    expect((await getJson(server, '/api/v2/incremental/ticket_events.json')).status).toBe(400);
    const future = TEST_ANCHOR / 1000 + 3600;
    const res = await getJson<EventsPage>(server, `/api/v2/incremental/ticket_events.json?start_time=${future}`);
    expect(res.body).toMatchObject({ ticket_events: [], count: 0, end_of_stream: true, end_time: future });
  });
});
