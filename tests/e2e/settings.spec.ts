import { DEMO_AGENT_EMAIL } from '../../src-main/demo/index';
import { luminance, pageBackground, selectOptionLoosely, type App } from './helpers/app';
import { expect, test } from './helpers/fixtures';
import { restoreSettings } from './helpers/settings';

// Settings: a wrong token is reported in an alert; theme and language switch the whole UI.

const KOREAN_VIEW_NAMES: Record<string, string> = {
  mine: '내 케이스',
  unassigned: '미배정',
  all_open: '모든 열린 케이스',
  pending: '대기 중',
  on_hold: '보류',
  solved: '해결됨',
};
const ENGLISH_VIEW_NAMES: Record<string, RegExp> = {
  mine: /mine|my cases/i,
  unassigned: /unassigned/i,
  all_open: /open/i,
  pending: /pending/i,
  on_hold: /hold/i,
  solved: /solved/i,
};

async function openSettingsFresh(app: App) {
  const dialog = await app.openSettings();
  await expect(dialog.getByLabel('Theme', { exact: true })).toBeVisible();
  return dialog;
}

test('adding an account with a wrong token shows the error in an alert', async ({ app, host }) => {
  const dialog = await openSettingsFresh(app);
  const removeButtons = dialog.getByRole('button', { name: 'Remove', exact: true });
  const accountsBefore = await removeButtons.count();
  expect(accountsBefore, 'the demo account is listed').toBeGreaterThanOrEqual(1);
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  await dialog.getByLabel('Helpdesk URL', { exact: true }).fill(host.web.demoUrl);
  await dialog.getByLabel('Email', { exact: true }).fill(DEMO_AGENT_EMAIL);
  await dialog.getByLabel('API token', { exact: true }).fill('wrong');
  await dialog.getByRole('button', { name: 'Add account', exact: true }).click();

  // In words, once (core no longer prefixes its refusal): the technical text is behind "Technical details".
  const alert = dialog.getByRole('alert');
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(alert).toHaveText('Could not add the account: the helpdesk refused the e-mail or API token (401).');
  const technical = dialog.getByTestId('account-form-technical');
  await expect(technical).toBeHidden();
  await dialog.getByRole('form', { name: 'Add an account', exact: true }).getByText('Technical details', { exact: true }).click();
  await expect(technical).toHaveText(/401|authenticate/i);
  await expect(removeButtons, 'no account was added').toHaveCount(accountsBefore);
  expect((await host.rpc.call('accounts:list', {})).length, 'no account was added in core').toBe(accountsBefore);

  // Test connection reports the same failure.
  await dialog.getByRole('button', { name: 'Test connection', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Connection failed: the helpdesk refused the e-mail or API token (401).');
});

test('the token hint says where tokens are kept: in memory under --secrets memory', async ({ app }) => {
  // The e2e web host runs with `--secrets memory` (helpers/web-host.ts): nothing goes to a keychain.
  const dialog = await openSettingsFresh(app);
  const token = dialog.getByLabel('API token', { exact: true });
  await expect(token).toHaveAccessibleDescription(/in memory for this session only/i);
  await expect(dialog).not.toContainText(/keychain/i);
});

test('switching the theme to dark applies it, and back to light', async ({ app }) => {
  const before = luminance(await pageBackground(app.page));
  const dialog = await openSettingsFresh(app);
  const theme = dialog.getByLabel('Theme', { exact: true });
  const original = await theme.inputValue();
  await expect(theme.locator('option')).toHaveText([/.+/, /.+/, /.+/]);
  expect(await theme.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['system', 'light', 'dark']);
  try {
    await selectOptionLoosely(theme, 'dark');
    await app.page.keyboard.press('Escape');
    await expect(app.settingsDialog).toBeHidden();
    await expect.poll(async () => luminance(await pageBackground(app.page)) ?? 1, { message: 'page background is dark' }).toBeLessThan(0.2);
    const text = await app.list.evaluate((el) => getComputedStyle(el).color);
    expect(luminance(text) ?? 0, `list text ${text} is light on dark`).toBeGreaterThan(0.4);

    await openSettingsFresh(app);
    await selectOptionLoosely(app.settingsDialog.getByLabel('Theme', { exact: true }), 'light');
    await app.page.keyboard.press('Escape');
    await expect.poll(async () => luminance(await pageBackground(app.page)) ?? 0, { message: 'page background is light' }).toBeGreaterThan(0.6);
    expect(before ?? 1).toBeGreaterThan(0.6);
  } finally {
    await restoreSettings(app.page, { theme: original });
  }
});

test('switching the language to Korean renames the views', async ({ app }) => {
  for (const [view, name] of Object.entries(ENGLISH_VIEW_NAMES)) await expect(app.view(view)).toHaveText(name);
  const dialog = await openSettingsFresh(app);
  const language = dialog.getByLabel('Language', { exact: true });
  const original = await language.inputValue();
  expect(await language.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['en', 'ko']);
  try {
    await language.selectOption('ko');
    await app.page.keyboard.press('Escape');
    for (const [view, name] of Object.entries(KOREAN_VIEW_NAMES)) await expect(app.view(view), `view-${view} in Korean`).toContainText(name);
    // Counts stay digits only.
    await expect(app.viewCount('solved')).toHaveText(/^\d+$/);
    // WCAG 3.1.1: the document language follows, so screen readers and font fallback use Korean.
    await expect.soft(app.page.locator('html'), '<html lang> follows the UI language').toHaveAttribute('lang', 'ko');
  } finally {
    await restoreSettings(app.page, { language: original === 'ko' ? 'en' : original });
  }
  for (const [view, name] of Object.entries(ENGLISH_VIEW_NAMES)) await expect(app.view(view)).toHaveText(name);
});
