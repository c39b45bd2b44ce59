import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoGroup, type DemoOrganization, type DemoServer } from '../../../src-main/demo';
import { getJson, sendJson, TEST_ANCHOR } from './demo-client';

interface CursorGroups {
  groups: DemoGroup[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}
interface OffsetGroups {
  groups: DemoGroup[];
  next_page: string | null;
  previous_page: string | null;
  count: number;
}

describe('groups', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('lists a deleted group (deleted: true) unless exclude_deleted=true', async () => {
    const all = (await getJson<OffsetGroups>(server, '/api/v2/groups.json')).body;
    expect(all.count).toBe(7);
    const deleted = all.groups.filter((g) => g.deleted);
    expect(deleted).toEqual(server.dataset.deletedGroups());
    expect(deleted).toHaveLength(1);
    const active = (await getJson<OffsetGroups>(server, '/api/v2/groups.json?exclude_deleted=true')).body;
    expect(active.groups).toEqual(server.dataset.groups());
    expect(active.groups.every((g) => !g.deleted)).toBe(true);
    // A deleted group takes no tickets.
    const ticket = server.dataset.tickets().find((t) => t.status === 'open') as { id: number };
    const put = await sendJson(server, 'PUT', `/api/v2/tickets/${ticket.id}.json`, { ticket: { group_id: deleted[0]?.id } });
    expect(put.status).toBe(422);
  });

  it('pages with cursors (page[size] <= 100) and with offsets', async () => {
    const seen: DemoGroup[] = [];
    let url: string | null = '/api/v2/groups.json?page[size]=3';
    let pages = 0;
    while (url) {
      const page: CursorGroups = (await getJson<CursorGroups>(server, url)).body;
      expect(page.groups.length).toBeLessThanOrEqual(3);
      seen.push(...page.groups);
      pages++;
      url = page.meta.has_more ? page.links.next : null;
    }
    expect(pages).toBe(3);
    expect(seen.map((g) => g.id)).toEqual([...server.dataset.groups(), ...server.dataset.deletedGroups()].map((g) => g.id).sort((a, b) => a - b));
    const excluded = (await getJson<CursorGroups>(server, '/api/v2/groups.json?page[size]=4&exclude_deleted=true')).body;
    expect(excluded.links.next).toContain('exclude_deleted=true');
    const second = (await getJson<CursorGroups>(server, excluded.links.next as string)).body;
    expect([...excluded.groups, ...second.groups].map((g) => g.id)).toEqual(server.dataset.groups().map((g) => g.id));
    expect(second.meta.has_more).toBe(false);
    expect((await getJson<CursorGroups>(server, second.links.prev as string)).body.groups).toEqual(excluded.groups);
    expect((await getJson<CursorGroups>(server, '/api/v2/groups.json?page[size]=500')).body.groups).toHaveLength(7);

    const first = (await getJson<OffsetGroups>(server, '/api/v2/groups.json?per_page=5')).body;
    expect(first.groups).toHaveLength(5);
    expect(first.count).toBe(7);
    const rest = (await getJson<OffsetGroups>(server, first.next_page as string)).body;
    expect(rest.groups).toHaveLength(2);
    expect(rest.next_page).toBeNull();
    expect(rest.previous_page).toContain('page=1');
    expect((await getJson(server, '/api/v2/groups.json?exclude_deleted=maybe')).status).toBe(400);
  });

  it('lists no deleted group with deletedGroups: false', async () => {
    const plain = await startDemoServer({ seed: 1, cases: 100, anchorTime: TEST_ANCHOR, deletedGroups: false });
    try {
      expect(plain.dataset.deletedGroups()).toEqual([]);
      expect((await getJson<OffsetGroups>(plain, '/api/v2/groups.json')).body.groups).toEqual(plain.dataset.groups());
    } finally {
      await plain.close();
    }
  });
});

describe('incremental organization export', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 1, cases: 3000, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('is time-based, pages by updated_at and ends with end_of_stream', async () => {
    const seen = new Map<number, DemoOrganization>();
    let url = '/api/v2/incremental/organizations.json?start_time=0&per_page=2';
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(50);
      const page = (await getJson<{ organizations: DemoOrganization[]; count: number; end_time: number; next_page: string; end_of_stream: boolean }>(server, url)).body;
      expect(page.count).toBe(page.organizations.length);
      for (const o of page.organizations) seen.set(o.id, o);
      if (page.end_of_stream) break;
      expect(page.next_page).toContain(`start_time=${page.end_time}`);
      url = page.next_page;
    }
    expect([...seen.keys()].sort()).toEqual(server.dataset.organizations().map((o) => o.id).sort());
    expect((await getJson(server, '/api/v2/incremental/organizations.json')).status).toBe(400);
  });
});
