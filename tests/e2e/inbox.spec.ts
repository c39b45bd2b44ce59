import { selectOptionLoosely } from './helpers/app';
import { channelKindOf, expectedViewCounts, ticketsInView } from './helpers/demo-truth';
import { expect, test } from './helpers/fixtures';

// The unified inbox against the demo helpdesk's truth: view counts, views, filters, text filter,
// sorts and multi-select.

const FIXED_VIEWS = ['mine', 'unassigned', 'all_open', 'pending', 'on_hold', 'solved'];
const CHANNEL_KINDS = ['email', 'web', 'chat', 'messaging', 'twitter', 'facebook', 'whatsapp', 'voice', 'api'];

test('every view shows its count, equal to the demo helpdesk', async ({ app, host }) => {
  await expect(app.viewsNav).toBeVisible();
  for (const view of FIXED_VIEWS) await expect(app.viewCount(view), `view-${view} count`).toHaveText(/^\d+$/);

  // Poll: a live change made by another test may still be syncing; the counts must converge on the truth.
  let last: Record<string, { shown: number | string; expected: number }> = {};
  await expect
    .poll(
      async () => {
        const expected = expectedViewCounts(await host.truth.tickets(), host.summary.meAgent.id);
        const mismatches: typeof last = {};
        for (const view of [...FIXED_VIEWS, ...CHANNEL_KINDS.map((k) => `channel:${k}`)]) {
          const want = expected[view] ?? 0;
          const button = app.view(view);
          if ((await button.count()) === 0) {
            if (want > 0) mismatches[view] = { shown: 'missing view button', expected: want };
            continue;
          }
          const shown = await app.countOf(view);
          if (shown !== want) mismatches[view] = { shown, expected: want };
        }
        last = mismatches;
        return mismatches;
      },
      { timeout: 15_000, message: 'view counts vs demo truth (solved = solved+closed, mine = unsolved assigned to me, …)' },
    )
    .toEqual({});
  expect(last).toEqual({});
});

test('switching views changes the list to that view\'s cases', async ({ app, host }) => {
  const tickets = await host.truth.tickets();
  const me = host.summary.meAgent.id;
  const statusOf = new Map(tickets.map((t) => [t.id, t.status]));

  await app.switchView('solved');
  await expect(app.inboxTotal).toHaveText(String(ticketsInView(tickets, 'solved', me).length));
  const solvedIds = await app.rowRemoteIds();
  expect(solvedIds.length).toBeGreaterThan(0);
  for (const id of solvedIds) expect(['solved', 'closed'], `row #${id} in Solved`).toContain(statusOf.get(id));

  await app.switchView('pending');
  await expect(app.view('solved')).not.toHaveAttribute('aria-current', 'page');
  await expect(app.inboxTotal).toHaveText(String(ticketsInView(tickets, 'pending', me).length));
  await expect.poll(() => app.rowRemoteIds()).not.toEqual(solvedIds);
  for (const id of await app.rowRemoteIds()) expect(statusOf.get(id), `row #${id} in Pending`).toBe('pending');

  await app.switchView('mine');
  const mine = new Set(ticketsInView(tickets, 'mine', me).map((t) => t.id));
  await expect(app.inboxTotal).toHaveText(String(mine.size));
  for (const id of await app.rowRemoteIds()) expect(mine.has(id), `row #${id} in Mine (assigned to me, unsolved)`).toBe(true);
});

test('Status, Channel and Priority filters keep only matching rows', async ({ app, host }) => {
  const tickets = await host.truth.tickets();
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const solved = ticketsInView(tickets, 'solved', host.summary.meAgent.id);
  await app.switchView('solved');
  const unfiltered = await app.rowRemoteIds();

  const cases: { label: 'Status' | 'Channel' | 'Priority'; value: string; matches: (id: number) => boolean }[] = [
    { label: 'Status', value: 'closed', matches: (id) => byId.get(id)?.status === 'closed' },
    { label: 'Channel', value: 'chat', matches: (id) => channelKindOf(byId.get(id)!) === 'chat' },
    { label: 'Priority', value: 'high', matches: (id) => byId.get(id)?.priority === 'high' },
  ];
  for (const { label, value, matches } of cases) {
    await selectOptionLoosely(app.filter(label), value);
    const expectedTotal = solved.filter((t) => matches(t.id)).length;
    await expect(app.inboxTotal, `${label}=${value} total`).toHaveText(String(expectedTotal));
    const ids = await app.rowRemoteIds();
    expect(ids, `${label}=${value} changes the rows`).not.toEqual(unfiltered);
    const wrong = ids.filter((id) => !matches(id));
    expect(wrong, `rows not matching ${label}=${value}`).toEqual([]);
    await app.filter(label).selectOption({ index: 0 }); // "Any"
    await expect(app.inboxTotal).toHaveText(String(solved.length));
  }
});

test('the text filter narrows the list', async ({ app, host }) => {
  const tickets = await host.truth.tickets();
  const solved = ticketsInView(tickets, 'solved', host.summary.meAgent.id);
  await app.switchView('solved');
  await expect(app.inboxTotal).toHaveText(String(solved.length));

  // A case number finds exactly that case.
  const target = solved[Math.floor(solved.length / 2)]!;
  await app.textFilter.fill(`#${target.id}`);
  await expect(app.inboxTotal).toHaveText('1');
  await expect.poll(() => app.rowRemoteIds()).toEqual([target.id]);

  // A word found in a few subjects: those cases are listed, and the list is shorter than the view.
  const words = new Map<string, Set<number>>();
  for (const t of solved) {
    for (const w of t.subject.toLowerCase().match(/[a-z]{6,}/g) ?? []) words.set(w, (words.get(w) ?? new Set()).add(t.id));
  }
  const [word, ids] = [...words.entries()].filter(([, s]) => s.size >= 2 && s.size <= 6).sort((a, b) => a[0].localeCompare(b[0]))[0] ?? [];
  expect(word, 'a subject word shared by 2–6 solved cases').toBeTruthy();
  await app.textFilter.fill(word!);
  await expect
    .poll(async () => Number(await app.inboxTotal.textContent()), { message: `total after filtering by "${word}"` })
    .toBeGreaterThanOrEqual(ids!.size);
  const total = Number(await app.inboxTotal.textContent());
  expect(total).toBeLessThan(solved.length);
  if (total <= 10) {
    const shown = await app.rowRemoteIds();
    for (const id of ids!) expect(shown, `case #${id} (subject contains "${word}")`).toContain(id);
  }
  await app.textFilter.fill('');
  await expect(app.inboxTotal).toHaveText(String(solved.length));
});

test('Sort changes the order', async ({ app, host }) => {
  const tickets = await host.truth.tickets();
  const solved = ticketsInView(tickets, 'solved', host.summary.meAgent.id);
  await app.switchView('solved');
  const created = (t: (typeof solved)[number]) => Date.parse(t.created_at);
  const newest = [...solved].sort((a, b) => created(b) - created(a) || b.id - a.id)[0]!;

  await selectOptionLoosely(app.filter('Sort'), 'newest');
  await expect.poll(async () => (await app.rowRemoteIds())[0], { message: 'first row when sorted by newest' }).toBe(newest.id);
  const newestOrder = await app.rowRemoteIds();

  await selectOptionLoosely(app.filter('Sort'), 'oldest_waiting');
  await expect.poll(async () => (await app.rowRemoteIds())[0], { message: 'first row changes when sorted by oldest waiting' }).not.toBe(newest.id);
  const oldestOrder = await app.rowRemoteIds();
  expect(oldestOrder).not.toEqual(newestOrder);

  const urgent = solved.filter((t) => t.priority === 'urgent');
  if (urgent.length > 0) {
    await selectOptionLoosely(app.filter('Sort'), 'priority');
    await expect
      .poll(
        async () => {
          const first = (await app.rowRemoteIds())[0];
          return tickets.find((t) => t.id === first)?.priority;
        },
        { message: 'first row by priority' },
      )
      .toBe('urgent');
  }
  await selectOptionLoosely(app.filter('Sort'), 'newest');
});

test('multi-select with click, Shift+click and Ctrl+click', async ({ app }) => {
  await app.switchView('solved');
  await expect(app.rows.nth(6)).toBeVisible();
  const ids = await app.rowRemoteIds();
  const selected = () => app.list.locator('[role="option"][aria-selected="true"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-remote-id'))));
  await expect(app.list).toHaveAttribute('aria-multiselectable', 'true');

  await app.row(ids[0]!).click();
  await expect.poll(selected, { message: 'click selects one row' }).toEqual([ids[0]]);

  await app.row(ids[3]!).click({ modifiers: ['Shift'] });
  await expect.poll(selected, { message: 'Shift+click extends the selection' }).toEqual(ids.slice(0, 4));

  await app.row(ids[1]!).click({ modifiers: ['ControlOrMeta'] });
  await expect.poll(selected, { message: 'Ctrl+click toggles a row off' }).toEqual([ids[0], ids[2], ids[3]]);

  await app.row(ids[6]!).click({ modifiers: ['ControlOrMeta'] });
  await expect.poll(selected, { message: 'Ctrl+click toggles a row on' }).toEqual([ids[0], ids[2], ids[3], ids[6]]);

  await app.row(ids[5]!).click();
  await expect.poll(selected, { message: 'a plain click selects just that row again' }).toEqual([ids[5]]);
});
