import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_A_DATE, startDemoServer, UNKNOWN_PRIORITY, type DemoServer } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

type Json = Record<string, unknown>;

/** Drains a cursor export, following after_url. */
async function drainCursor(server: DemoServer, path: string, key: string): Promise<Json[]> {
  const out: Json[] = [];
  let url = path;
  for (;;) {
    const page = (await getJson<Json>(server, url)).body;
    out.push(...(page[key] as Json[]));
    if (page.end_of_stream === true) return out;
    url = page.after_url as string;
  }
}

async function drainEvents(server: DemoServer): Promise<Json[]> {
  const out: Json[] = [];
  let url = '/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events';
  for (;;) {
    const page = (await getJson<Json>(server, url)).body;
    out.push(...(page.ticket_events as Json[]));
    if (page.end_of_stream === true) return out;
    url = page.next_page as string;
  }
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isDate = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/**
 * A tolerant reader, as a client should be: it skips what it cannot read (counting it), maps
 * unknown values, and keeps everything else. The demo's ground truth says what it must end with.
 */
describe('edge cases: a tolerant full sync ends exactly at the ground truth', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 21, cases: 500, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('lists the unreadable records and the values to map', () => {
    const unreadable = server.dataset.unreadableRecords;
    expect(unreadable.map((r) => r.kind).sort()).toEqual(['comment', 'ticket', 'user']);
    expect(server.dataset.valuesToMap.map((v) => v.kind).sort()).toEqual(['comment-public', 'ticket-priority']);
    const ticket = unreadable.find((r) => r.kind === 'ticket');
    // Readable elsewhere: show ticket has a proper updated_at.
    expect(isDate(server.dataset.ticket(ticket?.id ?? 0)?.updated_at)).toBe(true);
  });

  it('skips exactly the unreadable records, maps the odd values, and misses nothing', async () => {
    const skipped = { ticket: 0, comment: 0, user: 0 };
    const tickets = new Map<number, Json>();
    for (const t of await drainCursor(server, '/api/v2/incremental/tickets/cursor.json?start_time=0', 'tickets')) {
      if (!isId(t.id) || !isDate(t.updated_at)) {
        skipped.ticket++;
        expect(t.updated_at).toBe(NOT_A_DATE);
        continue;
      }
      if (t.status === 'deleted') tickets.delete(t.id);
      else tickets.set(t.id, t);
    }
    const users = new Set<number>();
    for (const u of await drainCursor(server, '/api/v2/incremental/users/cursor.json?start_time=0', 'users')) {
      if (!isId(u.id)) {
        skipped.user++;
        continue;
      }
      users.add(u.id);
    }
    const comments = new Map<number, Json>();
    for (const event of await drainEvents(server)) {
      for (const child of event.child_events as Json[]) {
        if (child.event_type !== 'Comment') continue;
        if (!isId(child.id)) {
          skipped.comment++;
          continue;
        }
        if (tickets.has(event.ticket_id as number)) comments.set(child.id, child);
      }
    }

    // skipped == unreadable, kind by kind
    const unreadable = server.dataset.unreadableRecords;
    expect(skipped).toEqual({ ticket: 1, comment: 1, user: 1 });
    for (const kind of ['ticket', 'comment', 'user'] as const) expect(skipped[kind]).toBe(unreadable.filter((r) => r.kind === kind).length);

    // missing and extra against the ground truth: none
    const truth = server.dataset.syncGroundTruth();
    const diff = (got: Iterable<number>, want: number[]): { missing: number[]; extra: number[] } => {
      const g = new Set(got);
      const w = new Set(want);
      return { missing: want.filter((id) => !g.has(id)), extra: [...g].filter((id) => !w.has(id)) };
    };
    expect(diff(tickets.keys(), truth.ticketIds)).toEqual({ missing: [], extra: [] });
    expect(diff(comments.keys(), truth.commentIds)).toEqual({ missing: [], extra: [] });
    expect(diff(users, truth.userIds)).toEqual({ missing: [], extra: [] });

    // values to map arrive as the ground truth says
    for (const v of server.dataset.valuesToMap) {
      if (v.kind === 'ticket-priority') expect(tickets.get(v.id)?.priority).toBe(UNKNOWN_PRIORITY);
      if (v.kind === 'comment-public') {
        expect(comments.get(v.id)).toBeDefined();
        expect(comments.get(v.id)).not.toHaveProperty('public');
      }
    }
  });

  it('serves the values to map everywhere, and the unreadable records only where listed', async () => {
    const priority = server.dataset.valuesToMap.find((v) => v.kind === 'ticket-priority');
    expect((await getJson<{ ticket: Json }>(server, `/api/v2/tickets/${priority?.id}.json`)).body.ticket.priority).toBe('critical');
    const noPublic = server.dataset.valuesToMap.find((v) => v.kind === 'comment-public');
    const thread = (await getJson<{ comments: Json[] }>(server, `/api/v2/tickets/${noPublic?.ticketId}/comments.json`)).body.comments;
    expect(thread.find((c) => c.id === noPublic?.id)).not.toHaveProperty('public');
    const audits = (await getJson<{ audits: { events: Json[] }[] }>(server, `/api/v2/tickets/${noPublic?.ticketId}/audits.json`)).body.audits;
    const event = audits.flatMap((a) => a.events).find((e) => e.id === noPublic?.id);
    expect(event?.type).toBe('Comment');
    expect(event).not.toHaveProperty('public');
    // The comment whose event has no id is on the comments endpoint with its id.
    const eventless = server.dataset.unreadableRecords.find((r) => r.kind === 'comment');
    const its = (await getJson<{ comments: Json[] }>(server, `/api/v2/tickets/${eventless?.ticketId}/comments.json`)).body.comments;
    expect(its.some((c) => c.id === eventless?.id)).toBe(true);
    const user = server.dataset.unreadableRecords.find((r) => r.kind === 'user');
    expect((await getJson<{ user: Json }>(server, `/api/v2/users/${user?.id}.json`)).body.user.id).toBe(user?.id);
    const summary = (await getJson<{ unreadableRecords: unknown[]; valuesToMap: unknown[] }>(server, '/__demo/dataset', null)).body;
    expect(summary.unreadableRecords).toEqual(server.dataset.unreadableRecords);
    expect(summary.valuesToMap).toEqual(server.dataset.valuesToMap);
  });

  it('has none with edgeCases: false', async () => {
    const plain = await startDemoServer({ seed: 21, cases: 100, anchorTime: TEST_ANCHOR, edgeCases: false });
    try {
      expect(plain.dataset.unreadableRecords).toEqual([]);
      expect(plain.dataset.valuesToMap).toEqual([]);
      const tickets = await drainCursor(plain, '/api/v2/incremental/tickets/cursor.json?start_time=0', 'tickets');
      expect(tickets.every((t) => isDate(t.updated_at) && t.priority !== 'critical')).toBe(true);
    } finally {
      await plain.close();
    }
  });
});
