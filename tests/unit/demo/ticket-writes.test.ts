import { describe, expect, it } from 'vitest';
import { generateDataset, type DemoTicket } from '../../../src-main/demo';
import { HelpdeskStore } from '../../../src-main/demo/store/helpdesk-store';
import { LiveClock } from '../../../src-main/demo/store/live-clock';
import { resolveTags } from '../../../src-main/demo/store/ticket-changes';
import { UpdateRejected } from '../../../src-main/demo/store/update-rejected';
import { parseUpdateBody } from '../../../src-main/demo/store/update-request';
import { resolveUpdate } from '../../../src-main/demo/store/update-validation';
import { agentVia } from '../../../src-main/demo/dataset/via';
import { applyTeammateUpdate } from '../../../src-main/demo/live/teammate-update';
import { applyCustomerComment } from '../../../src-main/demo/live/customer-comment';
import { htmlToText } from '../../../src-main/demo/util/html-text';

const anchorTime = Date.UTC(2026, 10, 20, 10, 0, 0);

function setup(now = anchorTime + 5_000): HelpdeskStore {
  return new HelpdeskStore(generateDataset({ seed: 4, cases: 150, anchorTime }), new LiveClock(anchorTime, () => now));
}

function rejection(fn: () => unknown): UpdateRejected {
  try {
    fn();
  } catch (error) {
    if (error instanceof UpdateRejected) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('ticket writes in the store', () => {
  it('resolves tags against the current list: replace, add, remove', () => {
    expect(resolveTags(['a', 'b'], {})).toBeUndefined();
    expect(resolveTags(['a', 'b'], { additional_tags: ['c', 'a'] })).toEqual(['a', 'b', 'c']);
    expect(resolveTags(['a', 'b'], { remove_tags: ['a', 'zz'] })).toEqual(['b']);
    expect(resolveTags(['a', 'b'], { tags: ['x'], additional_tags: ['y'], remove_tags: ['x'] })).toEqual(['y']);
  });

  it('parses the ticket object strictly by type and accepts "true" for safe_update', () => {
    const parsed = parseUpdateBody({
      ticket: { status: 'open', priority: null, tags: [' a ', 'a', ''], safe_update: 'true', updated_stamp: '2026-11-20T10:00:05Z', metadata: { custom: { id: 1 } }, subject_unknown: 1 },
    });
    expect(parsed).toMatchObject({ status: 'open', priority: null, tags: ['a'], safeUpdate: true, updatedStamp: Math.floor(anchorTime / 1000) + 5, metadataCustom: { id: 1 }, comment: null });
    expect(parseUpdateBody({ ticket: { comment: { body: 'x' } } }).comment).toEqual({ body: 'x', htmlBody: null, public: true, authorId: null });
    for (const ticket of [{ status: null }, { group_id: 1.5 }, { remove_tags: 'x' }, { comment: { html_body: 3 } }, { metadata: 'x' }]) {
      expect(rejection(() => parseUpdateBody({ ticket })).status).toBe(400);
    }
  });

  it('collects every invalid value into one 422 RecordInvalid', () => {
    const store = setup();
    const ticket = store.tickets().find((t) => t.status === 'open') as DemoTicket;
    const request = parseUpdateBody({ ticket: { status: 'nope', priority: 'meh', group_id: 1, comment: { body: '' } } });
    const error = rejection(() => resolveUpdate(store, ticket, request, { userId: store.meAgent.id, via: agentVia() }));
    expect(error.status).toBe(422);
    expect(Object.keys(error.body.details ?? {}).sort()).toEqual(['comment', 'group_id', 'priority', 'status']);
  });

  it('assigns into the assignee\'s default group when the ticket has none', () => {
    const store = setup();
    const ticket = { ...(store.tickets().find((t) => t.status === 'open') as DemoTicket), group_id: null };
    const agent = store.agents().find((a) => a.default_group_id !== null);
    const { changes } = resolveUpdate(store, ticket, parseUpdateBody({ ticket: { assignee_id: agent?.id } }), { userId: store.meAgent.id, via: agentVia() });
    expect(changes).toEqual({ assignee_id: agent?.id, group_id: agent?.default_group_id });
  });

  it('gives every version of a ticket its own updated_at, even with a frozen clock', () => {
    const store = setup();
    const ticket = store.tickets().find((t) => t.status === 'open') as DemoTicket;
    const stamps = [1, 2, 3].map(() => applyTeammateUpdate(store, ticket.id).ticket.updated_at);
    const seconds = stamps.map((s) => Date.parse(s) / 1000);
    expect(seconds[0]).toBe(Math.floor(anchorTime / 1000) + 5);
    expect(seconds).toEqual([seconds[0], (seconds[0] ?? 0) + 1, (seconds[0] ?? 0) + 2]);
    // Other tickets changed afterwards never go back in time.
    const other = store.tickets().find((t) => t.status === 'open' && t.id !== ticket.id) as DemoTicket;
    expect(Date.parse(applyTeammateUpdate(store, other.id).ticket.updated_at) / 1000).toBe((seconds[2] ?? 0));
  });

  it('lets the customer write on a ticket (the test hook): a public comment by the requester that reopens it, one audit, a new stamp', () => {
    const store = setup();
    const solved = store.tickets().find((t) => t.status === 'solved') as DemoTicket;
    const before = store.auditCountFor(solved.id);
    const result = applyCustomerComment(store, solved.id, 'It broke again.');
    const ticket = store.ticket(solved.id)!;
    expect(ticket.status).toBe('open');
    expect(ticket.updated_at).not.toBe(solved.updated_at);
    expect(store.auditCountFor(solved.id)).toBe(before + 1);
    expect(store.commentsFor(solved.id).at(-1)).toMatchObject({ id: result.commentId, body: 'It broke again.', public: true, author_id: solved.requester_id });
    const fresh = store.tickets().find((t) => t.status === 'new') as DemoTicket;
    applyCustomerComment(store, fresh.id, 'Any news?');
    expect(store.ticket(fresh.id)!.status).toBe('new');
    const closed = store.tickets().find((t) => t.status === 'closed') as DemoTicket;
    expect(() => applyCustomerComment(store, closed.id, 'Hello?')).toThrow(/closed/);
    expect(() => applyCustomerComment(store, fresh.id, '  ')).toThrow(/non-empty/);
  });

  it('lists each ticket\'s audits exactly as the ticket_events stream holds them', () => {
    const store = setup();
    applyTeammateUpdate(store, (store.tickets().find((t) => t.status === 'open') as DemoTicket).id, { comment: 'x' });
    const stream = store.ticketEventsPage(0, 1_000_000, true).events;
    for (const ticket of store.tickets()) {
      const own = stream.filter((e) => e.ticket_id === ticket.id);
      expect(store.auditCountFor(ticket.id)).toBe(own.length);
      expect(store.auditsFor(ticket.id, 0, own.length).map((a) => store.base.exportEvent(a, true))).toEqual(own);
    }
    expect(store.auditsFor(1, 2, 4).map((a) => store.base.exportEvent(a, true))).toEqual(stream.filter((e) => e.ticket_id === 1).slice(2, 4));
    expect(store.auditCountFor(999_999)).toBe(0);
  });

  it('turns html_body into a plain body', () => {
    expect(htmlToText('<div><p>Hi <b>there</b>,</p><p>line&nbsp;one<br>line two &lt;3</p><script>x()</script></div>')).toBe('Hi there,\n\nline one\nline two <3');
  });
});
