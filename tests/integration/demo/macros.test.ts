import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthHeader, KOREAN_REFUND_MACRO_TITLE, REFUND_MACRO_TITLE, startDemoServer, type DemoMacro, type DemoServer } from '../../../src-main/demo';
import { getJson, TEST_ANCHOR } from './demo-client';

interface CursorPage {
  macros: DemoMacro[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}

interface OffsetPage {
  macros: DemoMacro[];
  next_page: string | null;
  previous_page: string | null;
  count: number;
}

const HANGUL = /[\uac00-\ud7a3]/;
const MACRO_KEYS = ['actions', 'active', 'created_at', 'default', 'description', 'id', 'position', 'raw_title', 'restriction', 'title', 'updated_at', 'url'];

async function walk(server: DemoServer, first: string): Promise<{ macros: DemoMacro[]; pages: number }> {
  const macros: DemoMacro[] = [];
  let pages = 0;
  let url: string | null = first;
  while (url) {
    const res: { status: number; body: CursorPage } = await getJson<CursorPage>(server, url);
    expect(res.status).toBe(200);
    macros.push(...res.body.macros);
    pages++;
    url = res.body.meta.has_more ? res.body.links.next : null;
  }
  return { macros, pages };
}

describe('shared macros', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ seed: 5, cases: 200, anchorTime: TEST_ANCHOR });
  });
  afterAll(() => server.close());

  it('serves the active macros in Zendesk format', async () => {
    const res = await getJson<OffsetPage>(server, '/api/v2/macros/active.json');
    expect(res.status).toBe(200);
    const { macros } = res.body;
    expect(res.body.count).toBe(macros.length);
    expect(res.body.next_page).toBeNull();
    expect(macros.length).toBeGreaterThanOrEqual(24);
    const groups = new Set(server.dataset.groups().map((g) => String(g.id)));
    for (const m of macros) {
      expect(Object.keys(m).sort()).toEqual(MACRO_KEYS);
      expect(m.url).toBe(`${server.url}/api/v2/macros/${m.id}.json`);
      expect(m.active).toBe(true);
      expect(m.restriction).toBeNull();
      expect(m.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(m.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      for (const action of m.actions) {
        expect(Object.keys(action).sort()).toEqual(['field', 'value']);
        expect(typeof action.value).toBe('string');
      }
      const group = m.actions.find((a) => a.field === 'group_id');
      if (group) expect(groups.has(group.value)).toBe(true);
    }
    // Alphabetical by default, like Zendesk.
    const titles = macros.map((m) => m.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());

    const refund = macros.find((m) => m.title === REFUND_MACRO_TITLE) as DemoMacro;
    expect(refund.actions).toEqual(
      expect.arrayContaining([
        { field: 'comment_mode_is_public', value: 'true' },
        { field: 'status', value: 'solved' },
        { field: 'current_tags', value: 'refund refund_issued' },
      ]),
    );
    const text = refund.actions.find((a) => a.field === 'comment_value')?.value ?? '';
    expect(text).toContain('{{ticket.requester.first_name}}');
    expect(text).toContain('refund');

    const escalate = macros.find((m) => m.title === 'Escalate to tier 2') as DemoMacro;
    expect(escalate.actions).toEqual(expect.arrayContaining([{ field: 'comment_mode_is_public', value: 'false' }, { field: 'priority', value: 'high' }]));
  });

  it('has Korean macros', async () => {
    const { body } = await getJson<OffsetPage>(server, '/api/v2/macros/active.json');
    const korean = body.macros.filter((m) => HANGUL.test(m.title));
    expect(korean.length).toBeGreaterThanOrEqual(4);
    const refund = korean.find((m) => m.title === KOREAN_REFUND_MACRO_TITLE) as DemoMacro;
    const text = refund.actions.find((a) => a.field === 'comment_value')?.value ?? '';
    expect(text).toContain('{{ticket.requester.name}}님');
    expect(text).toContain('환불 처리가 완료되었습니다');
    const handover = korean.find((m) => m.title === '한국 지원팀으로 이관') as DemoMacro;
    const koreanGroup = server.dataset.groups().find((g) => g.name === '한국 지원');
    expect(handover.actions).toContainEqual({ field: 'group_id', value: String(koreanGroup?.id) });
    const assignee = handover.actions.find((a) => a.field === 'assignee_id')?.value;
    expect(server.dataset.user(Number(assignee))?.default_group_id).toBe(koreanGroup?.id);
  });

  it('pages with cursors (page[size] up to 100), forwards and back', async () => {
    const all = (await getJson<OffsetPage>(server, '/api/v2/macros/active.json')).body.macros;
    const { macros, pages } = await walk(server, '/api/v2/macros/active.json?page[size]=4');
    expect(macros).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4));

    const first = await getJson<CursorPage>(server, '/api/v2/macros/active.json?page[size]=4');
    expect(first.body.macros).toHaveLength(4);
    expect(first.body.meta.has_more).toBe(true);
    expect(first.body.links.prev).toBeNull();
    expect(first.body.links.next).toBe(`${server.url}/api/v2/macros/active.json?page%5Bsize%5D=4&page%5Bafter%5D=${first.body.meta.after_cursor}`);
    const second = await getJson<CursorPage>(server, first.body.links.next as string);
    expect(second.body.macros).toEqual(all.slice(4, 8));
    const back = await getJson<CursorPage>(server, second.body.links.prev as string);
    expect(back.body.macros).toEqual(all.slice(0, 4));

    const big = await getJson<CursorPage>(server, '/api/v2/macros/active.json?page[size]=500');
    expect(big.body.macros).toEqual(all);
    expect(big.body.meta.has_more).toBe(false);
    expect(big.body.links.next).toBeNull();

    // Sorting carries over to the next page; a cursor of another sort or list is refused.
    const byPosition = await walk(server, '/api/v2/macros/active.json?sort_by=position&page[size]=10');
    expect(byPosition.macros.map((m) => m.position)).toEqual([...all.map((m) => m.position)].sort((a, b) => a - b));
    const newest = await getJson<CursorPage>(server, '/api/v2/macros/active.json?sort_by=updated_at&page[size]=3');
    const stamps = newest.body.macros.map((m) => m.updated_at);
    expect(stamps).toEqual([...stamps].sort().reverse());
    expect((await getJson(server, `/api/v2/macros.json?page[size]=4&page[after]=${first.body.meta.after_cursor}`)).status).toBe(400);
    expect((await getJson(server, '/api/v2/macros/active.json?page[after]=garbage')).status).toBe(400);
    expect((await getJson(server, '/api/v2/macros/active.json?page[size]=0')).status).toBe(400);
    expect((await getJson(server, '/api/v2/macros/active.json?sort_by=usage_7d')).status).toBe(400);
  });

  it('leaves inactive macros out of macros/active; macros.json filters by active', async () => {
    const active = (await getJson<OffsetPage>(server, '/api/v2/macros/active.json')).body.macros;
    const all = (await getJson<OffsetPage>(server, '/api/v2/macros.json')).body;
    const inactive = (await getJson<OffsetPage>(server, '/api/v2/macros.json?active=false')).body.macros;
    const onlyActive = (await getJson<OffsetPage>(server, '/api/v2/macros.json?active=true')).body.macros;
    expect(inactive.length).toBeGreaterThanOrEqual(2);
    expect(inactive.length).toBeLessThanOrEqual(3);
    expect(inactive.every((m) => !m.active)).toBe(true);
    expect(onlyActive).toEqual(active);
    expect(all.count).toBe(active.length + inactive.length);
    const activeIds = new Set(active.map((m) => m.id));
    for (const m of inactive) expect(activeIds.has(m.id)).toBe(false);
    expect(inactive.map((m) => m.title)).toContain('Refund: store credit only (old policy)');

    const paged = await walk(server, '/api/v2/macros.json?active=false&page[size]=1');
    expect(paged.macros).toEqual(inactive);
    expect((await getJson(server, '/api/v2/macros.json?active=maybe')).status).toBe(400);

    const one = await getJson<{ macro: DemoMacro }>(server, `/api/v2/macros/${inactive[0]?.id}.json`);
    expect(one.status).toBe(200);
    expect(one.body.macro).toEqual(inactive[0]);
    expect((await getJson(server, '/api/v2/macros/1.json')).status).toBe(404);
  });

  it('requires authentication like every API route', async () => {
    expect((await getJson(server, '/api/v2/macros/active.json', null)).status).toBe(401);
    expect((await getJson(server, '/api/v2/macros/active.json', basicAuthHeader(server.dataset.meAgent.email as string, 'wrong-token'))).status).toBe(401);
    expect((await getJson(server, '/api/v2/macros.json', null)).status).toBe(401);
    const endUser = server.dataset.endUsers().find((u) => u.email);
    expect((await getJson(server, '/api/v2/macros/active.json', basicAuthHeader(endUser?.email as string, 'demo-token'))).status).toBe(401);
  });

  it('is deterministic: another server with the same seed serves the same macros', async () => {
    const other = await startDemoServer({ seed: 5, cases: 200, anchorTime: TEST_ANCHOR });
    try {
      const strip = (macros: DemoMacro[]): unknown[] => macros.map(({ url: _url, ...rest }) => rest);
      const a = (await getJson<OffsetPage>(server, '/api/v2/macros.json')).body.macros;
      const b = (await getJson<OffsetPage>(other, '/api/v2/macros.json')).body.macros;
      expect(strip(b)).toEqual(strip(a));
      expect(b.map((m) => m.url)).toEqual(a.map((m) => m.url.replace(server.url, other.url)));
    } finally {
      await other.close();
    }
  });

  it('shows the macros in the dataset summary', async () => {
    const res = await getJson<{ macros: { count: number; activeCount: number; refundMacroId: number; koreanRefundMacroId: number } }>(server, '/__demo/dataset', null);
    const macros = server.dataset.macros();
    expect(res.body.macros).toEqual({
      count: macros.length,
      activeCount: macros.filter((m) => m.active).length,
      refundMacroId: macros.find((m) => m.title === REFUND_MACRO_TITLE)?.id,
      koreanRefundMacroId: macros.find((m) => m.title === KOREAN_REFUND_MACRO_TITLE)?.id,
    });
  });
});

describe('shared macros under rate limits', () => {
  let server: DemoServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('count against the account limit and answer 429 over it', async () => {
    server = await startDemoServer({ seed: 5, cases: 100, anchorTime: TEST_ANCHOR, rateLimits: 'zendesk', rateLimitWindowMs: 60_000 });
    const res = await getJson(server, '/api/v2/macros/active.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-rate-limit')).toBe('700');
    // Up to two windows' worth, so a window boundary during the loop cannot make this flaky.
    let limited = res;
    for (let i = 0; i < 2 * 700 + 1 && limited.status === 200; i++) limited = await getJson(server, '/api/v2/macros/active.json?page[size]=1');
    expect(limited.status).toBe(429);
    expect(limited.body).toBe('Number of allowed API requests per minute exceeded');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(server.stats().rateLimitedByRoute['macros/active']).toBe(1);
  });
});
