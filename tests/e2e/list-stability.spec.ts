import type { Locator, Page } from '@playwright/test';
import { selectOptionLoosely, type App } from './helpers/app';
import { docShot } from './helpers/doc-shot';
import { expect, test } from './helpers/own-host';

// A list that holds still: a case arriving while the agent points at, presses on or moves through
// the list does not move the rows in view; the click acts on the row the button went down on; a
// "N new cases" bar shows what waits above and reveals it. Exactly one case at a time is created
// at the demo helpdesk (between pointer-down and pointer-up), and each step waits for the app to
// show it.
// Each test runs on its own small host (helpers/own-host.ts), so nothing else changes meanwhile.

/** The helpdesk id of the row at a point of the page, or null. */
function rowIdAt(page: Page, x: number, y: number): Promise<number | null> {
  return page.evaluate(([px, py]) => {
    const row = document.elementFromPoint(px!, py!)?.closest('[role="option"]');
    return row ? Number(row.getAttribute('data-remote-id')) : null;
  }, [x, y]);
}

/** Points inside each of the first `n` row slots of the list as it sits on screen (left of the bar). */
async function rowSlots(list: Locator, n: number): Promise<{ x: number; y: number }[]> {
  const box = (await list.boundingBox())!;
  return Array.from({ length: n }, (_, i) => ({ x: box.x + 24, y: box.y + 68 * i + 34 }));
}

/** Which case is in each slot. */
async function idsInSlots(page: Page, slots: { x: number; y: number }[]): Promise<(number | null)[]> {
  const ids: (number | null)[] = [];
  for (const { x, y } of slots) ids.push(await rowIdAt(page, x, y));
  return ids;
}

const selectedIds = (app: App) => app.list.locator('[role="option"][aria-selected="true"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-remote-id'))));

/** The open cases, newest first: the list new cases arrive at the top of. */
async function newestOpen(app: App): Promise<void> {
  await app.switchView('all_open');
  await selectOptionLoosely(app.filter('Sort'), 'newest');
  await expect(app.rows.nth(6)).toBeVisible();
}

test('the row under the pointer at pointer-down opens, though a case arrived before the button came up', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  await newestOpen(app);
  const page = app.page;
  const slots = await rowSlots(app.list, 6);
  const before = await idsInSlots(page, slots);
  const target = before[3]!;
  expect(target, 'a case in the fourth slot').toBeGreaterThan(0);

  await page.mouse.move(slots[3]!.x, slots[3]!.y);
  await page.mouse.down();
  const change = await host.truth.newTicket();
  // The app has the new case: its row exists (above the rows in view) and the bar counts it.
  await expect(app.row(change.ticketId)).toBeAttached({ timeout: 15_000 });
  const bar = page.getByTestId('list-new-cases');
  await expect(bar).toHaveText('1 new case');
  await expect(bar).toHaveAttribute('data-count', '1');
  const order = await app.rowRemoteIds();
  expect(order.indexOf(change.ticketId), 'the new case is above the pressed one').toBeLessThan(order.indexOf(target));
  expect(await idsInSlots(page, slots), 'the rows in view did not move').toEqual(before);
  await page.mouse.up();

  const ticket = await host.truth.ticket(target);
  await expect(app.caseTitle).toHaveText(ticket.subject);
  await expect.poll(() => selectedIds(app)).toEqual([target]);
  expect(await idsInSlots(page, slots), 'still the same rows after the click').toEqual(before);
});

test('a press on one row and a release over another opens the pressed row', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  await newestOpen(app);
  const page = app.page;
  const slots = await rowSlots(app.list, 6);
  const before = (await idsInSlots(page, slots)) as number[];

  await page.mouse.move(slots[2]!.x, slots[2]!.y);
  await page.mouse.down();
  await page.mouse.move(slots[4]!.x, slots[4]!.y, { steps: 4 });
  await page.mouse.up();
  await expect(app.caseTitle).toHaveText((await host.truth.ticket(before[2]!)).subject);
  await expect.poll(() => selectedIds(app)).toEqual([before[2]]);
});

test('a Shift+click range is the rows as shown at the click, though a case arrived in between', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  await newestOpen(app);
  const page = app.page;
  const slots = await rowSlots(app.list, 6);
  const before = (await idsInSlots(page, slots)) as number[];

  await page.mouse.click(slots[1]!.x, slots[1]!.y);
  await expect.poll(() => selectedIds(app)).toEqual([before[1]]);

  await page.keyboard.down('Shift');
  await page.mouse.move(slots[4]!.x, slots[4]!.y);
  await page.mouse.down();
  const change = await host.truth.newTicket();
  await expect(app.row(change.ticketId)).toBeAttached({ timeout: 15_000 });
  await expect(page.getByTestId('list-new-cases')).toBeVisible();
  await page.mouse.up();
  await page.keyboard.up('Shift');

  await expect.poll(() => selectedIds(app), { message: 'the four rows from the anchor to the Shift+clicked row' }).toEqual(before.slice(1, 5));
  // The bulk actions appeared above the list with the second selected row; the rows stayed where
  // they were on screen (the top one now under the bulk actions).
  await expect(page.getByRole('toolbar', { name: 'Bulk actions', exact: true })).toBeVisible();
  const listTop = (await app.list.boundingBox())!.y;
  const stillInList = slots.map((slot, i) => ({ slot, id: before[i] })).filter(({ slot }) => slot.y > listTop);
  expect(stillInList.length).toBeGreaterThanOrEqual(4);
  for (const { slot, id } of stillInList) expect(await rowIdAt(page, slot.x, slot.y), `the row at y=${slot.y}`).toBe(id);
});

test('arrivals wait behind a "new cases" bar while the pointer is on the list; the bar reveals them; an untouched list at its top shows them at once', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  await newestOpen(app);
  const page = app.page;
  const slots = await rowSlots(app.list, 6);
  const bar = page.getByTestId('list-new-cases');

  await test.step('pointer resting on the list: the rows stay, the bar counts the arrivals', async () => {
    const before = await idsInSlots(page, slots);
    await page.mouse.move(slots[2]!.x, slots[2]!.y);
    const first = await host.truth.newTicket();
    await expect(app.row(first.ticketId)).toBeAttached({ timeout: 15_000 });
    await expect(bar).toBeVisible();
    const second = await host.truth.newTicket();
    await expect(app.row(second.ticketId)).toBeAttached({ timeout: 15_000 });
    await expect(bar, 'both new cases are counted').toHaveText('2 new cases');
    await expect(bar).toHaveAttribute('data-count', '2');
    expect(await idsInSlots(page, slots), 'the rows in view did not move').toEqual(before);
    const shot = docShot('inbox-new-cases.png');
    await page.screenshot({ path: shot, clip: (await app.list.boundingBox()) ?? undefined });
    test.info().annotations.push({ type: 'screenshot', description: shot });

    await bar.click();
    await expect(bar).toBeHidden();
    // Newest first: the second arrival is now the first row in view, the first arrival the second.
    await expect.poll(() => rowIdAt(page, slots[0]!.x, slots[0]!.y)).toBe(second.ticketId);
    expect(await rowIdAt(page, slots[1]!.x, slots[1]!.y)).toBe(first.ticketId);
  });

  await test.step('pointer away from a list at its top: an arrival shows at once', async () => {
    await page.mouse.move(5, 5);
    const change = await host.truth.newTicket();
    await expect.poll(() => rowIdAt(page, slots[0]!.x, slots[0]!.y), { timeout: 15_000 }).toBe(change.ticketId);
    await expect(bar).toBeHidden();
  });

  await test.step('a held arrival shows once the pointer leaves a list that was at its top', async () => {
    await page.mouse.move(slots[2]!.x, slots[2]!.y);
    const before = await idsInSlots(page, slots);
    const change = await host.truth.newTicket();
    await expect(bar).toBeVisible({ timeout: 15_000 });
    expect(await idsInSlots(page, slots)).toEqual(before);
    await page.mouse.move(5, 5);
    await expect(bar).toBeHidden();
    await expect.poll(() => rowIdAt(page, slots[0]!.x, slots[0]!.y)).toBe(change.ticketId);
  });

  await test.step('scrolling up to the top shows a held arrival too, and the bar goes', async () => {
    await page.mouse.move(slots[2]!.x, slots[2]!.y);
    const change = await host.truth.newTicket();
    await expect(bar).toHaveText('1 new case', { timeout: 15_000 });
    await page.mouse.wheel(0, -400);
    await expect(bar).toBeHidden();
    await expect.poll(() => rowIdAt(page, slots[0]!.x, slots[0]!.y)).toBe(change.ticketId);
  });
});

test('j/k stay on their case while cases arrive above it', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  await newestOpen(app);
  const page = app.page;
  const slots = await rowSlots(app.list, 6);
  const before = (await idsInSlots(page, slots)) as number[];
  await page.mouse.move(5, 5);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const focused = app.list.locator('[role="option"][data-focused="true"]');

  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(focused).toHaveAttribute('data-remote-id', String(before[2]));

  const change = await host.truth.newTicket();
  await expect(app.row(change.ticketId)).toBeAttached({ timeout: 15_000 });
  await expect(page.getByTestId('list-new-cases')).toBeVisible();
  expect(await idsInSlots(page, slots), 'the rows in view did not move').toEqual(before);
  await expect(focused).toHaveAttribute('data-remote-id', String(before[2]));

  await page.keyboard.press('j');
  await expect(focused, 'j goes on from the focused case, not from its old position').toHaveAttribute('data-remote-id', String(before[3]));
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(focused).toHaveAttribute('data-remote-id', String(before[1]));
  await page.keyboard.press('Enter');
  await expect(app.caseTitle).toHaveText((await host.truth.ticket(before[1]!)).subject);
});

test('a list shorter than its pane holds its rows too', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  await app.page.setViewportSize({ width: 1440, height: 2400 });
  await newestOpen(app);
  const page = app.page;
  const listBox = (await app.list.boundingBox())!;
  const total = Number(await app.inboxTotal.textContent());
  expect(total * 68, 'every row fits: the list cannot scroll').toBeLessThan(listBox.height);
  const slots = await rowSlots(app.list, 6);
  const before = await idsInSlots(page, slots);

  await page.mouse.move(slots[3]!.x, slots[3]!.y);
  const change = await host.truth.newTicket();
  await expect(app.row(change.ticketId)).toBeAttached({ timeout: 15_000 });
  await expect(page.getByTestId('list-new-cases')).toHaveText('1 new case');
  expect(await idsInSlots(page, slots), 'the rows in view did not move').toEqual(before);

  await page.getByTestId('list-new-cases').click();
  await expect.poll(() => rowIdAt(page, slots[0]!.x, slots[0]!.y)).toBe(change.ticketId);
  expect(await rowIdAt(page, slots[1]!.x, slots[1]!.y)).toBe(before[0]);
});
