import type { Locator, Page } from '@playwright/test';
import { KOREAN_REFUND_MACRO_TITLE, REFUND_MACRO_TITLE, type DemoTicket } from '../../src-main/demo/index';
import { auditsOf, OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';
import { docShot } from './helpers/doc-shot';

// Issue 6, applying macros end to end: the palette (Ctrl/Cmd+K or `;`), its preview and diff,
// staging in the composer with Undo, sending text and fields as one update, suggestions, a Korean
// macro, and bulk apply while working offline. Shared macros come from the demo through sync.

const palette = (page: Page): Locator => page.getByRole('dialog', { name: /^Macros/ });
const hasHangul = (text: string) => /[가-힣]/.test(text);

/** The newest open ticket whose customer asks for a refund (English or Korean). */
function refundRequest(tickets: readonly DemoTicket[], korean: boolean): DemoTicket {
  const found = tickets
    .filter((t) => t.status === 'open' && hasHangul(t.subject) === korean && (korean ? /환불/.test(`${t.subject} ${t.description}`) : /refund/i.test(`${t.subject} ${t.description}`)))
    .sort((a, b) => b.id - a.id)[0];
  expect(found, `an open ${korean ? 'Korean' : 'English'} refund request in the dataset`).toBeDefined();
  return found!;
}

test('Ctrl+K then Enter stages the suggested refund macro; Undo; apply again and send: text and fields land in one update', async ({ own }) => {
  test.setTimeout(120_000);
  const host = await own.start();
  const { truth } = host;
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const page = app.page;
  const ticket = refundRequest(await truth.tickets(), false);
  const firstName = (await truth.user(ticket.requester_id)).name.split(/\s+/)[0]!;
  await app.openCase(ticket.id, ticket.status);

  // The refund macro is suggested first above the composer (shared macros arrive with sync).
  const suggestions = ui.composer.getByTestId('macro-suggestions');
  await expect(suggestions.getByRole('button').first()).toHaveText(REFUND_MACRO_TITLE, { timeout: 30_000 });

  // Two keystrokes: Ctrl+K, Enter. The preview shows the text and the diff before anything happens.
  await ui.message.click();
  await page.keyboard.press('Control+K');
  const dialog = palette(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Search macros' })).toBeFocused();
  const top = dialog.getByRole('option').first();
  await expect(top).toContainText(REFUND_MACRO_TITLE);
  await expect(top).toHaveAttribute('aria-selected', 'true');
  const preview = dialog.getByTestId('palette-preview');
  await expect(preview.getByTestId('palette-preview-text')).toContainText(`Hi ${firstName},`);
  const diff = preview.getByTestId('macro-diff');
  await expect(diff.locator('[data-field="status"]')).toHaveText(/Status\s*Open\s*→?\s*Solved/);
  await expect(diff.locator('[data-field="tags"]')).toContainText('+refund');
  await expect(ui.message).toHaveValue('');
  await page.screenshot({ path: docShot('macro-palette.png') });
  await page.keyboard.press('Enter');

  await expect(dialog).toHaveCount(0);
  await expect(ui.message).toBeFocused();
  await expect(ui.message).toHaveValue(new RegExp(`^Hi ${firstName},\\n\\nThanks for your patience`));
  const chip = ui.composer.getByTestId('macro-staged');
  await expect(chip).toContainText(`Macro: ${REFUND_MACRO_TITLE}`);
  await expect(chip).toContainText('Status → Solved');
  await expect(chip).toContainText('+refund');
  await page.screenshot({ path: docShot('macro-applied.png') });

  // Undo takes back the text and the staged fields.
  await chip.getByRole('button', { name: 'Undo' }).click();
  await expect(chip).toHaveCount(0);
  await expect(ui.message).toHaveValue('');

  // Apply again (into a draft: inserted at the caret, the draft stays) and send.
  await ui.message.fill('Quick note first.');
  await ui.message.press('Control+K');
  await expect(palette(page).getByRole('option').first()).toContainText(REFUND_MACRO_TITLE);
  await page.keyboard.press('Enter');
  await expect(chip).toBeVisible();
  await expect(ui.message).toHaveValue(new RegExp(`^Quick note first\\.\\n\\nHi ${firstName},`));
  const sent = (await ui.message.inputValue()).trim();
  const auditsBefore = (await auditsOf(truth, ticket.id)).length;
  await ui.composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(ui.message).toHaveValue('');
  await expect(chip).toHaveCount(0);

  await expect.poll(async () => (await truth.comments(ticket.id)).at(-1)?.body, { timeout: 20_000 }).toBe(sent);
  const after = await truth.ticket(ticket.id);
  expect(after.status).toBe('solved');
  expect(after.tags).toEqual(expect.arrayContaining(['refund', 'refund_issued']));
  // One update: one new audit, carrying the comment and the fields (one Shiftdesk action).
  const audits = await auditsOf(truth, ticket.id);
  expect(audits.length - auditsBefore).toBe(1);
  expect(audits.at(-1)!.actionId).not.toBeNull();
});

test('`;` in the composer opens the palette and typing filters fuzzily; a Korean macro renders', async ({ own }) => {
  test.setTimeout(120_000);
  const host = await own.start();
  const { truth } = host;
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const page = app.page;
  const ticket = refundRequest(await truth.tickets(), true);
  const customer = (await truth.user(ticket.requester_id)).name;
  await app.openCase(ticket.id, ticket.status);

  await ui.message.click();
  await page.keyboard.type(';');
  const dialog = palette(page);
  await expect(dialog).toBeVisible();
  await expect(ui.message).toHaveValue(''); // the `;` is not typed
  const search = dialog.getByRole('combobox', { name: 'Search macros' });
  await expect(dialog.getByRole('option').filter({ hasText: REFUND_MACRO_TITLE })).toHaveCount(1, { timeout: 30_000 });
  // Fuzzy: a typo still finds it.
  await search.fill('refnd isued');
  await expect(dialog.getByRole('option').first()).toContainText(REFUND_MACRO_TITLE);
  // Korean: the Korean refund macro, rendered for this customer.
  await search.fill('환불 처리 완료');
  await expect(dialog.getByRole('option').first()).toContainText(KOREAN_REFUND_MACRO_TITLE);
  await expect(dialog.getByTestId('palette-preview-text')).toContainText(`${customer}님`);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const text = await ui.message.inputValue();
  expect(text).toContain(`안녕하세요, ${customer}님.`);
  expect(text).toContain('환불 처리가 완료되었습니다');
  expect(text).not.toContain('{{');
  await expect(ui.composer.getByTestId('macro-staged')).toContainText(KOREAN_REFUND_MACRO_TITLE);

  // Escape with nothing typed after `;`: it was a semicolon after all.
  await ui.message.press('End');
  await page.keyboard.type(' ;');
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);
  await expect(ui.message).toHaveValue(`${text} ;`);
});

test('bulk apply to 5 cases while working offline: 5 queued, then each lands exactly once', async ({ own }) => {
  test.setTimeout(120_000);
  const host = await own.start();
  const { truth } = host;
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const page = app.page;
  await app.switchView('all_open');
  const ids = (await app.rowRemoteIds()).slice(0, 5);
  expect(ids).toHaveLength(5);
  const before = new Map<number, number>();
  for (const id of ids) before.set(id, (await auditsOf(truth, id)).length);

  await ui.setWorkOffline(true);
  await app.row(ids[0]!).click();
  for (const id of ids.slice(1)) await app.row(id).click({ modifiers: ['ControlOrMeta'] });
  const toolbar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await toolbar.getByRole('button', { name: 'Apply macro…' }).click();
  const dialog = palette(page);
  await expect(dialog).toHaveAttribute('aria-labelledby', /.+/);
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Macros · Apply to 5 selected cases');
  await dialog.getByRole('combobox', { name: 'Search macros' }).fill('Refund: confirm refund issued');
  await expect(dialog.getByRole('option').first()).toContainText(REFUND_MACRO_TITLE, { timeout: 30_000 });
  await expect(dialog.getByTestId('palette-preview-text')).toContainText('Hi ');
  await expect(dialog.getByTestId('macro-diff').locator('[data-field="status"]')).toContainText('Solved');
  await expect(dialog.getByTestId('macro-bulk-missing')).toContainText('one action');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(ui.count).toHaveText('5');
  await expect(toolbar).toContainText('Queued for 5 cases.');
  for (const id of ids) expect((await auditsOf(truth, id)).length, `ticket ${id} untouched while offline`).toBe(before.get(id));

  await ui.setWorkOffline(false);
  await expect(ui.count).toHaveText('0', { timeout: 30_000 });
  const actionIds = new Set<string>();
  for (const id of ids) {
    await expect.poll(async () => (await truth.ticket(id)).status, { timeout: 20_000 }).toBe('solved');
    const audits = await auditsOf(truth, id);
    const added = audits.slice(before.get(id));
    expect(added, `ticket ${id}: exactly one update`).toHaveLength(1);
    expect(added[0]!.actionId).not.toBeNull();
    actionIds.add(added[0]!.actionId!);
    expect((await truth.comments(id)).at(-1)?.body).toContain('your refund request is approved');
  }
  expect(actionIds.size).toBe(5);
});
