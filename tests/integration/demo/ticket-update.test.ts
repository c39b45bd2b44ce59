import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, UPDATE_CONFLICT_BODY, type DemoServer, type DemoTicket, type DemoTicketEvent, type TicketAudit } from '../../../src-main/demo';
import { getJson, sendJson, TEST_ANCHOR } from './demo-client';

interface UpdateResponse {
  ticket: DemoTicket;
  audit?: TicketAudit;
}
interface TicketPage {
  tickets: DemoTicket[];
  after_cursor: string;
  after_url: string;
  end_of_stream: boolean;
}
interface EventsPage {
  ticket_events: DemoTicketEvent[];
  next_page: string;
  end_time: number;
  end_of_stream: boolean;
}

async function exportCursor(server: DemoServer): Promise<string> {
  let url = '/api/v2/incremental/tickets/cursor.json?start_time=0';
  for (;;) {
    const page = (await getJson<TicketPage>(server, url)).body;
    if (page.end_of_stream) return page.after_cursor;
    url = page.after_url;
  }
}

async function eventsEnd(server: DemoServer): Promise<number> {
  let url = '/api/v2/incremental/ticket_events.json?start_time=0';
  for (;;) {
    const page = (await getJson<EventsPage>(server, url)).body;
    if (page.end_of_stream) return page.end_time;
    url = page.next_page;
  }
}

describe('PUT /api/v2/tickets/{id}', () => {
  let server: DemoServer;
  const used = new Set<number>();
  /** An open ticket no other test in this file touched. */
  const freshTicket = (accept: (t: DemoTicket) => boolean = () => true): DemoTicket => {
    const ticket = server.dataset.tickets().find((t) => ['new', 'open', 'pending', 'hold'].includes(t.status) && !used.has(t.id) && accept(t));
    if (!ticket) throw new Error('no fresh ticket left');
    used.add(ticket.id);
    return ticket;
  };

  beforeAll(async () => {
    // Writes are expected in the exports at once here (export-lag.test.ts covers the lag).
    server = await startDemoServer({ seed: 5, cases: 300, anchorTime: TEST_ANCHOR, exportLagMs: 0 });
  });
  afterAll(() => server.close());

  it('applies status, priority, assignee, group, tags and a comment as one audit that both exports carry', async () => {
    const ticket = freshTicket();
    const me = server.dataset.meAgent;
    const group = server.dataset.groups().find((g) => g.id !== ticket.group_id);
    const cursor = await exportCursor(server);
    const endTime = await eventsEnd(server);

    const res = await sendJson<UpdateResponse>(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: {
        status: 'pending',
        priority: 'urgent',
        assignee_id: me.id,
        group_id: group?.id,
        tags: ['outbox', 'vip'],
        comment: { body: 'We shipped a replacement.\n\nTracking follows by e-mail.' },
      },
    });
    expect(res.status).toBe(200);
    const { ticket: updated, audit } = res.body;
    expect(updated).toMatchObject({ id: ticket.id, status: 'pending', priority: 'urgent', assignee_id: me.id, group_id: group?.id, tags: ['outbox', 'vip'] });
    expect(updated).toEqual(server.dataset.ticket(ticket.id));
    expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(ticket.updated_at));
    expect(updated.generated_timestamp).toBe(Date.parse(updated.updated_at) / 1000);

    expect(audit).toMatchObject({ ticket_id: ticket.id, author_id: me.id, created_at: updated.updated_at, via: { channel: 'api' }, metadata: { custom: {} } });
    const [commentEvent, ...changes] = audit?.events ?? [];
    expect(commentEvent).toMatchObject({ type: 'Comment', author_id: me.id, public: true, body: 'We shipped a replacement.\n\nTracking follows by e-mail.', audit_id: audit?.id });
    expect(String(commentEvent?.html_body)).toContain('<p dir="auto">Tracking follows by e-mail.</p>');
    const changed = Object.fromEntries(changes.map((e) => [e.field_name, e]));
    expect(changed.status).toEqual({ id: expect.any(Number), type: 'Change', field_name: 'status', value: 'pending', previous_value: ticket.status });
    expect(changed.priority?.value).toBe('urgent');
    expect(changed.assignee_id?.value).toBe(me.id);
    expect(changed.tags).toMatchObject({ value: ['outbox', 'vip'], previous_value: ticket.tags });
    expect(server.stats().updatesApplied).toBe(1);

    // Incremental sync sees it after the previous cursor / end_time, exactly like a live change.
    const after = (await getJson<TicketPage>(server, `/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`)).body;
    expect(after.tickets).toEqual([updated]);
    const events = (await getJson<EventsPage>(server, `/api/v2/incremental/ticket_events.json?start_time=${endTime}&include=comment_events`)).body;
    const streamed = events.ticket_events.find((e) => e.id === audit?.id);
    expect(streamed).toMatchObject({ ticket_id: ticket.id, updater_id: me.id, timestamp: updated.generated_timestamp, via: 'Web service' });
    // In the export a change is keyed by its field, with the via string, not field_name/value.
    expect(streamed?.child_events.find((c) => c.event_type === 'Change' && 'status' in c)).toEqual({ id: expect.any(Number), via: 'Web service', via_reference_id: null, status: 'pending', previous_value: ticket.status, event_type: 'Change' });
    expect(streamed?.child_events.find((c) => c.event_type === 'Comment')).toMatchObject({ id: commentEvent?.id, body: commentEvent?.body, public: true });
    const thread = (await getJson<{ comments: { id: number; author_id: number }[] }>(server, `/api/v2/tickets/${ticket.id}/comments.json?page[size]=100&sort=-created_at`)).body;
    expect(thread.comments[0]).toMatchObject({ id: commentEvent?.id, author_id: me.id });
  });

  it('takes html_body, internal notes, author_id and unassigning with null', async () => {
    const ticket = freshTicket((t) => t.assignee_id !== null);
    const customer = ticket.requester_id;
    const res = await sendJson<UpdateResponse>(server, 'PUT', `/api/v2/tickets/${ticket.id}`, {
      ticket: { assignee_id: null, comment: { html_body: '<p>Checked the <b>warehouse</b> &amp; carrier.</p>', public: false, author_id: customer } },
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket.assignee_id).toBeNull();
    const comment = server.dataset.commentsFor(ticket.id).at(-1);
    expect(comment).toMatchObject({ body: 'Checked the warehouse & carrier.', html_body: '<p>Checked the <b>warehouse</b> &amp; carrier.</p>', public: false, author_id: customer });
    expect(res.body.audit?.author_id).toBe(server.dataset.meAgent.id);
  });

  it('adds and removes tags without clobbering tags someone else added meanwhile', async () => {
    const ticket = freshTicket((t) => t.tags.length > 0);
    const [dropped] = ticket.tags;
    server.live.teammateUpdate(ticket.id, { additional_tags: ['teammate_tag'] });
    const res = await sendJson<UpdateResponse>(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { additional_tags: ['outbox_tag', 'teammate_tag'], remove_tags: [dropped] },
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket.tags).toEqual([...ticket.tags.slice(1), 'teammate_tag', 'outbox_tag']);
    // `tags` replaces the list, as in Zendesk.
    const replaced = await sendJson<UpdateResponse>(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { tags: ['only'] } });
    expect(replaced.body.ticket.tags).toEqual(['only']);
  });

  it('answers 409 UpdateConflict to a safe update with a stale stamp and applies one with the current stamp', async () => {
    const ticket = freshTicket();
    const before = server.dataset.auditCount;
    const conflictsBefore = server.stats().updateConflicts;
    const teammate = server.live.teammateUpdate(ticket.id, { comment: 'Called the customer.' });
    expect(teammate.ticket.updated_at).not.toBe(ticket.updated_at);

    const stale = await sendJson(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { status: 'solved', safe_update: true, updated_stamp: ticket.updated_at, comment: { body: 'Solved!' } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({ error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' });
    expect(stale.body).toEqual(UPDATE_CONFLICT_BODY);
    expect(server.dataset.ticket(ticket.id)).toEqual(teammate.ticket);
    expect(server.dataset.auditCount).toBe(before + 1);
    expect(server.stats().updateConflicts).toBe(conflictsBefore + 1);

    // Zendesk's own example sends "true" as a string; the stamp may carry milliseconds.
    const current = teammate.ticket.updated_at.replace('Z', '.000Z');
    const fresh = await sendJson<UpdateResponse>(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { status: 'solved', safe_update: 'true', updated_stamp: current } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.ticket.status).toBe('solved');
    // The response's updated_at is the next stamp, even within the same second.
    const next = await sendJson<UpdateResponse>(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { priority: 'low', safe_update: true, updated_stamp: fresh.body.ticket.updated_at },
    });
    expect(next.status).toBe(200);
    expect(Date.parse(next.body.ticket.updated_at)).toBeGreaterThan(Date.parse(fresh.body.ticket.updated_at));

    // Without safe_update (or without a stamp) the write is forced.
    expect((await sendJson(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { priority: 'high', updated_stamp: ticket.updated_at } })).status).toBe(200);
    expect((await sendJson(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { priority: 'normal', safe_update: false, updated_stamp: ticket.updated_at } })).status).toBe(200);
    expect((await sendJson(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { priority: 'urgent', safe_update: true } })).status).toBe(200);
  });

  it('returns 200 with the unchanged ticket and writes no audit when nothing changes', async () => {
    const ticket = freshTicket();
    const before = server.dataset.auditCount;
    const res = await sendJson<UpdateResponse>(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { status: ticket.status, tags: ticket.tags, additional_tags: ticket.tags.slice(0, 1), metadata: { custom: { action_id: 'noop' } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ticket });
    expect(server.dataset.auditCount).toBe(before);
  });

  it('rejects bad types with 400, invalid values with 422 RecordInvalid, unknown tickets with 404', async () => {
    const ticket = freshTicket();
    const path = `/api/v2/tickets/${ticket.id}.json`;
    const before = server.dataset.auditCount;
    const badTypes: unknown[] = [
      '{"ticket": {',
      {},
      { ticket: 'solved' },
      { ticket: { status: 3 } },
      { ticket: { tags: 'a b' } },
      { ticket: { additional_tags: [1] } },
      { ticket: { assignee_id: '123' } },
      { ticket: { comment: 'hello' } },
      { ticket: { comment: { body: 'x', public: 'no' } } },
      { ticket: { safe_update: 'yes' } },
      { ticket: { updated_stamp: 'yesterday' } },
      { ticket: { metadata: { custom: ['x'] } } },
    ];
    for (const body of badTypes) {
      const res = await sendJson<{ error: string; description: string }>(server, 'PUT', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('InvalidValue');
    }
    const endUser = server.dataset.endUsers()[0]?.id;
    const invalid: [unknown, string][] = [
      [{ status: 'archived' }, 'status'],
      [{ priority: 'asap' }, 'priority'],
      [{ type: 'bug' }, 'type'],
      [{ assignee_id: endUser }, 'assignee_id'],
      [{ assignee_id: 999 }, 'assignee_id'],
      [{ group_id: 42 }, 'group_id'],
      [{ comment: { body: '   ' } }, 'comment'],
      [{ comment: { body: 'hi', author_id: 5 } }, 'comment'],
    ];
    for (const [fields, field] of invalid) {
      const res = await sendJson<{ error: string; description: string; details: Record<string, { description: string }[]> }>(server, 'PUT', path, { ticket: fields });
      expect(res.status, JSON.stringify(fields)).toBe(422);
      expect(res.body).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' });
      expect(res.body.details[field]?.[0]?.description, field).toEqual(expect.any(String));
    }
    expect(server.dataset.auditCount).toBe(before);

    const closed = server.dataset.tickets().find((t) => t.status === 'closed') as DemoTicket;
    const res = await sendJson(server, 'PUT', `/api/v2/tickets/${closed.id}.json`, { ticket: { comment: { body: 'Reopen?' } } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: 'RecordInvalid', description: 'Record validation errors', details: { status: [{ description: 'Status: closed prevents ticket update' }] } });
    expect(JSON.stringify(res.body)).toBe('{"error":"RecordInvalid","description":"Record validation errors","details":{"status":[{"description":"Status: closed prevents ticket update"}]}}');

    expect((await sendJson(server, 'PUT', '/api/v2/tickets/999999.json', { ticket: { status: 'open' } })).status).toBe(404);
    expect((await sendJson(server, 'PUT', '/api/v2/tickets/999999.json', { ticket: { status: 'open' } }, null)).status).toBe(401);
  });

  it('lets faults hit writes: an injected error leaves the ticket alone, a damaged 200 hides an applied update', async () => {
    const ticket = freshTicket();
    const path = `/api/v2/tickets/${ticket.id}.json`;
    server.faults.add({ pathPattern: path, method: 'PUT', kind: 'status', status: 503 });
    const failed = await sendJson(server, 'PUT', path, { ticket: { status: 'hold' } });
    expect(failed.status).toBe(503);
    expect(server.dataset.ticket(ticket.id)).toEqual(ticket);

    server.faults.add({ pathPattern: path, method: 'PUT', kind: 'truncated-json' });
    const lost = await sendJson(server, 'PUT', path, { ticket: { status: 'hold', metadata: { custom: { shiftdesk_action_id: 'lost-1' } } } });
    expect(lost.status).toBe(200);
    expect(typeof lost.body).toBe('string');
    expect(server.dataset.ticket(ticket.id)?.status).toBe('hold');
    const audits = (await getJson<{ audits: TicketAudit[] }>(server, `/api/v2/tickets/${ticket.id}/audits.json?page[size]=100`)).body.audits;
    expect(audits.at(-1)?.metadata.custom).toEqual({ shiftdesk_action_id: 'lost-1' });
  });
});
