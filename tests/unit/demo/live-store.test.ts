import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../src-main/demo';
import { LiveSimulator } from '../../../src-main/demo/live/live-simulator';
import { HelpdeskStore } from '../../../src-main/demo/store/helpdesk-store';
import { LiveClock } from '../../../src-main/demo/store/live-clock';

const anchorTime = Date.UTC(2026, 10, 20, 10, 0, 0);

function setup(now = anchorTime + 5_000): { store: HelpdeskStore; live: LiveSimulator } {
  const store = new HelpdeskStore(generateDataset({ seed: 9, cases: 300, anchorTime }), new LiveClock(anchorTime, () => now));
  return { store, live: new LiveSimulator(store) };
}

describe('live traffic over the store', () => {
  it('is deterministic for a seed', () => {
    const a = setup().live.step(40);
    const b = setup().live.step(40);
    expect(a).toEqual(b);
  });

  it('records every change as an audit after the generated history', () => {
    const { store, live } = setup();
    const before = { tickets: store.ticketCount, comments: store.commentCount, audits: store.auditCount };
    const changes = live.step(200);
    // Now and then a teammate deletes a spam ticket: no audit, and the ticket is gone.
    const deletions = changes.filter((c) => c.kind === 'delete-ticket');
    const deleted = new Set(deletions.map((c) => c.ticketId));
    expect(deletions.every((c) => c.auditId === null && store.ticket(c.ticketId) === undefined && store.deletionTime(c.ticketId) !== undefined)).toBe(true);
    expect(store.auditCount).toBe(before.audits + 200 - deletions.length);
    const commentsAdded = changes.filter((c) => c.commentId !== null).length;
    expect(store.commentCount).toBe(before.comments + commentsAdded);
    const created = changes.filter((c) => c.kind === 'new-ticket');
    expect(created.length).toBeGreaterThan(20);
    expect(store.ticketCount).toBe(before.tickets + created.length);
    const kinds = new Set(changes.map((c) => c.kind));
    for (const kind of ['new-ticket', 'customer-reply', 'assign', 'agent-reply', 'internal-note', 'status-change']) expect(kinds).toContain(kind);

    // Changes land at the (frozen) clock time; a ticket changed again within that second moves
    // on by a second, so each version of a ticket has its own updated_at (its safe_update stamp).
    const liveTime = Math.floor((anchorTime + 5_000) / 1000);
    const page = store.ticketEventsPage(liveTime, 10_000, false);
    expect(page.events.map((e) => e.id)).toEqual(changes.filter((c) => c.auditId !== null).map((c) => c.auditId));
    const lastStamp = new Map<number, number>();
    let previous = liveTime;
    for (const event of page.events) {
      expect(event.timestamp).toBeGreaterThanOrEqual(previous);
      expect(event.timestamp).toBeGreaterThan(lastStamp.get(event.ticket_id) ?? 0);
      lastStamp.set(event.ticket_id, event.timestamp);
      previous = event.timestamp;
    }
    for (const change of changes) {
      if (deleted.has(change.ticketId)) continue;
      const ticket = store.ticket(change.ticketId);
      expect(ticket?.generated_timestamp).toBe(lastStamp.get(change.ticketId));
      expect(ticket?.updated_at).toBe(new Date((lastStamp.get(change.ticketId) ?? 0) * 1000).toISOString().replace('.000', ''));
      if (change.commentId !== null) expect(store.commentsFor(change.ticketId).some((c) => c.id === change.commentId)).toBe(true);
    }
    // New tickets start with the customer's message as description.
    const first = store.ticket(created[0]?.ticketId ?? 0);
    expect(store.commentsFor(first?.id ?? 0)[0]?.body).toBe(first?.description);
  });

  it('never reassigns or answers for the "me" agent, but customers do write in', () => {
    const { store, live } = setup();
    const me = store.meAgent.id;
    const mine = store.tickets().filter((t) => t.assignee_id === me && ['open', 'pending', 'hold'].includes(t.status));
    live.step(500);
    for (const t of mine) {
      const now = store.ticket(t.id);
      expect(now?.assignee_id).toBe(me);
      const newComments = store.commentsFor(t.id).slice(store.base.commentCountFor(t.id));
      for (const c of newComments) if (c.public) expect(c.author_id).toBe(t.requester_id);
    }
  });

  it('creates new customers with their own person', () => {
    const { store, live } = setup();
    const changes = live.step(300);
    const newUsers = changes.map((c) => c.newUserId).filter((id): id is number => id !== null);
    expect(newUsers.length).toBeGreaterThan(0);
    for (const id of newUsers) {
      const user = store.user(id);
      expect(user?.role).toBe('end-user');
      const person = store.personOfUser(id);
      expect(person).toBeGreaterThanOrEqual(store.base.personCount);
      expect(store.usersOfPerson(person ?? -1)).toEqual([id]);
      expect(store.userByEmail(user?.email ?? '')?.id).toBe(id);
    }
    expect(store.userLog.length).toBe(store.base.userCount + newUsers.length);
  });

  it('deletes a new spam ticket now and then, on its own random stream', () => {
    const { store, live } = setup();
    const changes = live.step(1000);
    const deletions = changes.filter((c) => c.kind === 'delete-ticket');
    expect(deletions.length).toBeGreaterThan(2);
    expect(deletions.length).toBeLessThan(30);
    for (const d of deletions) {
      expect(store.ticket(d.ticketId)).toBeUndefined();
      expect(store.exportTicket(d.ticketId)?.status).toBe('deleted');
      expect(d.ticketId).not.toBe(store.hostileTicketId);
      expect(store.unsolved.has(d.ticketId)).toBe(false);
    }
    // Without deletions the changes before the first deletion are the same.
    const firstDeletion = changes.findIndex((c) => c.kind === 'delete-ticket');
    const quiet = new LiveSimulator(setup().store, undefined, false).step(firstDeletion);
    expect(quiet).toEqual(changes.slice(0, firstDeletion));
  });
});
