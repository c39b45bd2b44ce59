import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { findRichCase } from './helpers/cases';
import { expect, test } from './helpers/fixtures';
import { restoreSettings } from './helpers/settings';
import { SCREENSHOT_DIR } from './helpers/doc-shot';

// Screenshots of the main screens at 1440×900, kept in docs/screenshots (overwritten every run).

const DIR = SCREENSHOT_DIR;

async function shoot(page: Page, name: string, options: { keepFocus?: boolean } = {}): Promise<void> {
  // No stray focus ring from the test's own typing, unless the focus is the point (search).
  if (!options.keepFocus) await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300); // let transitions settle
  expect(page.viewportSize()).toEqual({ width: 1440, height: 900 });
  await page.screenshot({ path: join(DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('inbox, case, customer pane, Korean search and settings', async ({ app, host }) => {
  await expect(app.rows.first()).toBeVisible();
  await app.switchView('all_open');
  await expect(app.rows.first()).toBeVisible();
  await shoot(app.page, 'inbox');

  const rich = await findRichCase(host.truth, { exclude: [host.summary.hostileTicketId] });
  await app.openCase(rich.ticket.id, rich.ticket.status);
  await expect(app.messages).toHaveCount(rich.comments.length);
  await app.textFilter.fill('');
  await shoot(app.page, 'case-view');

  // A customer with history: the most previous cases among gold/VIP requesters.
  const tickets = await host.truth.tickets();
  const perRequester = new Map<number, number>();
  for (const t of tickets) perRequester.set(t.requester_id, (perRequester.get(t.requester_id) ?? 0) + 1);
  const candidates = tickets
    .filter((t) => t.id !== host.summary.hostileTicketId && /^[\x20-\x7e]+$/.test(t.subject))
    .sort((a, b) => perRequester.get(b.requester_id)! - perRequester.get(a.requester_id)! || b.id - a.id)
    .slice(0, 40);
  let chosen = candidates[0]!;
  for (const t of candidates) {
    const user = await host.truth.user(t.requester_id);
    if (user.email && user.user_fields.tier !== 'standard') {
      chosen = t;
      break;
    }
  }
  await app.openCase(chosen.id, chosen.status);
  await expect(app.customerPane.getByRole('list', { name: 'Previous cases', exact: true })).toBeVisible();
  await app.textFilter.fill('');
  await shoot(app.page, 'customer-pane');

  const korean = await host.truth.ticket(host.summary.sampleKoreanTicketId);
  await app.searchbox.fill('환불');
  await app.searchbox.press('Enter');
  await expect(app.searchResults).toBeVisible();
  await expect(app.searchResults.getByText(korean.subject).first()).toBeVisible();
  await shoot(app.page, 'search-korean', { keepFocus: true });
  await app.searchbox.press('Escape');

  await app.openSettings();
  await shoot(app.page, 'settings');
  await app.page.keyboard.press('Escape');
});

test('dark theme and Korean UI', async ({ app, host }) => {
  const rich = await findRichCase(host.truth, { exclude: [host.summary.hostileTicketId] });
  const dialog = await app.openSettings();
  await dialog.getByLabel('Theme', { exact: true }).selectOption('dark');
  await app.page.keyboard.press('Escape');
  try {
    await app.openCase(rich.ticket.id, rich.ticket.status);
    await expect(app.messages.first()).toBeVisible();
    await app.textFilter.fill('');
    await shoot(app.page, 'dark-theme');
  } finally {
    await restoreSettings(app.page, { theme: 'system' });
  }

  const korean = await host.truth.ticket(host.summary.sampleKoreanTicketId);
  await app.openCase(korean.id, korean.status);
  await app.textFilter.fill('');
  const settings = await app.openSettings();
  await settings.getByLabel('Language', { exact: true }).selectOption('ko');
  await app.page.keyboard.press('Escape');
  try {
    await expect(app.view('mine')).toContainText('내 케이스');
    // Accessible names are translated now: find the case title by its text.
    await expect(app.page.locator('h1', { hasText: korean.subject })).toBeVisible();
    await shoot(app.page, 'korean-ui');
  } finally {
    await restoreSettings(app.page, { language: 'en' });
  }
});
