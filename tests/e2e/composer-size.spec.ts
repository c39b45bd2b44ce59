import type { Locator, Page } from '@playwright/test';
import type { DemoTicket } from '../../src-main/demo/index';
import type { DemoTruth } from './helpers/demo-truth';
import { OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';

// A long staged macro must not squeeze the thread: the composer takes at most half of the case
// pane (its text scrolls inside), and the customer message being answered stays in view. Checked
// at the default window (1440×900) and a small laptop's (1280×720), where it used to leave the
// thread a 100 px sliver.

/** The demo's longest shared macro: ten lines of password-reset steps. */
const LONG_MACRO_SEARCH = 'password reset steps';

interface Box {
  top: number;
  bottom: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'element is laid out').not.toBeNull();
  return { top: box!.y, bottom: box!.y + box!.height, height: box!.height };
}

/** An open case whose customer wrote at least twice, with an agent reply after the first: a thread to read. */
async function conversation(truth: DemoTruth): Promise<DemoTicket> {
  const open = (await truth.tickets()).filter((t) => t.status === 'open').sort((a, b) => b.id - a.id);
  for (const ticket of open) {
    const comments = await truth.comments(ticket.id);
    const fromCustomer = comments.filter((c) => c.author_id === ticket.requester_id).length;
    if (comments.length >= 3 && fromCustomer >= 2) return ticket;
  }
  throw new Error('no open case with a conversation in the dataset');
}

async function stageLongMacro(page: Page, ui: OutboxUi): Promise<void> {
  await ui.message.click();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: /^Macros/ });
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox', { name: 'Search macros' }).fill(LONG_MACRO_SEARCH);
  await expect(palette.getByRole('option').first()).toContainText('password reset');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(ui.composer.getByTestId('macro-staged')).toBeVisible();
}

test('a long staged macro leaves the thread at least half the pane and the latest customer message in view', async ({ own }) => {
  test.setTimeout(120_000);
  const host = await own.start();
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const page = app.page;
  const ticket = await conversation(host.truth);
  const column = app.caseRegion.getByTestId('case-scroll');
  const latestCustomer = app.caseRegion.locator('article[data-author-kind="customer"]').last();

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await app.openCase(ticket.id, ticket.status);
    await expect(latestCustomer).toBeVisible();
    // The agent reads the message they are about to answer…
    await latestCustomer.scrollIntoViewIfNeeded();
    // …and stages a long macro.
    await stageLongMacro(page, ui);
    await expect(ui.message).toHaveValue(/reset your password/);

    const pane = await boxOf(app.caseRegion);
    const thread = await boxOf(column);
    const composer = await boxOf(ui.composer);
    const label = `${size.width}×${size.height}`;
    expect(composer.height, `${label}: the composer stays within half the pane`).toBeLessThanOrEqual(pane.height / 2 + 1);
    expect(thread.height / pane.height, `${label}: the thread keeps its share`).toBeGreaterThanOrEqual(0.45);
    // The macro's text is all there, scrolling inside its box.
    expect(await ui.message.evaluate((el) => el.scrollHeight > el.clientHeight), `${label}: the text scrolls inside the box`).toBe(true);
    // The message being answered is in view above the composer (its start, when it is taller than the column).
    const message = await boxOf(latestCustomer);
    expect(message.top, `${label}: the latest customer message starts in view`).toBeGreaterThanOrEqual(thread.top - 1);
    expect(message.top, `${label}: the latest customer message starts in view`).toBeLessThan(thread.bottom);
    if (message.height <= thread.height) expect(message.bottom, `${label}: and ends in view`).toBeLessThanOrEqual(thread.bottom + 1);
    // The send buttons are on screen.
    await expect(ui.composer.getByRole('button', { name: 'Send', exact: true })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: test.info().outputPath(`composer-${label}.png`) });

    await ui.composer.getByTestId('macro-staged').getByRole('button', { name: 'Undo' }).click();
    await expect(ui.message).toHaveValue('');
  }
});
