import type { Page } from '@playwright/test';
import { expect, test } from './helpers/fixtures';

/** Shortcuts act when no input has focus: start from the page itself. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

// Keyboard: j/k move the focused row, Enter opens it, / focuses search, g u jumps to Unassigned,
// ? shows the shortcuts, Escape closes.

test('j/k move the focused row and Enter opens it', async ({ app, host }) => {
  await app.switchView('solved');
  await expect(app.rows.nth(3)).toBeVisible();
  const ids = await app.rowRemoteIds();
  const focused = app.list.locator('[role="option"][data-focused="true"]');
  await blur(app.page);

  await app.page.keyboard.press('j');
  await expect(focused).toHaveCount(1);
  const firstFocused = Number(await focused.getAttribute('data-remote-id'));
  const start = ids.indexOf(firstFocused);
  expect(start, 'j focuses a row of the list').toBeGreaterThanOrEqual(0);

  await app.page.keyboard.press('j');
  await expect(focused).toHaveAttribute('data-remote-id', String(ids[start + 1]));
  await app.page.keyboard.press('j');
  await expect(focused).toHaveAttribute('data-remote-id', String(ids[start + 2]));
  await app.page.keyboard.press('k');
  await expect(focused).toHaveAttribute('data-remote-id', String(ids[start + 1]));
  await expect(focused).toHaveCount(1);

  const target = ids[start + 1]!;
  await app.page.keyboard.press('Enter');
  const ticket = await host.truth.ticket(target);
  await expect(app.caseTitle).toHaveText(ticket.subject);
});

test('/ focuses search', async ({ app }) => {
  await blur(app.page);
  await app.page.keyboard.press('/');
  await expect(app.searchbox).toBeFocused();
  // The slash is a shortcut, not typed text.
  await expect(app.searchbox).toHaveValue('');
});

test('g then u jumps to Unassigned, g then i to all open, g then a to mine', async ({ app }) => {
  await app.switchView('solved');
  await blur(app.page);
  await app.page.keyboard.press('g');
  await app.page.keyboard.press('u');
  await expect(app.view('unassigned')).toHaveAttribute('aria-current', 'page');
  await app.page.keyboard.press('g');
  await app.page.keyboard.press('i');
  await expect(app.view('all_open')).toHaveAttribute('aria-current', 'page');
  await app.page.keyboard.press('g');
  await app.page.keyboard.press('a');
  await expect(app.view('mine')).toHaveAttribute('aria-current', 'page');
});

test('? opens the shortcuts dialog and Escape closes it', async ({ app }) => {
  await blur(app.page);
  await app.page.keyboard.press('?');
  const dialog = app.page.getByRole('dialog', { name: 'Keyboard shortcuts', exact: true });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('j');
  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('shortcuts do not fire while typing in an input', async ({ app }) => {
  await app.switchView('solved');
  await app.textFilter.click();
  await app.page.keyboard.type('gu');
  await expect(app.textFilter).toHaveValue('gu');
  await expect(app.view('solved')).toHaveAttribute('aria-current', 'page');
  await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts', exact: true })).toHaveCount(0);
});
