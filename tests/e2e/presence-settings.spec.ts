import type { Locator, Page } from '@playwright/test';
import { DEMO_AGENT_EMAIL } from '../../src-main/demo/index';
import type { App } from './helpers/app';
import { expect, test } from './helpers/own-host';
import { docShot } from './helpers/doc-shot';

// Issue 5: Settings → Presence. The broker URL and username are settings, the password goes to the
// SecretStore only (here `--secrets memory`) and is never rendered back. The connection state beside
// the form is live. The test changes the host's presence settings, so it runs on a host of its own.

const UNREACHABLE = 'mqtt://127.0.0.1:1';
const PASSWORD = 'correct-horse-Battery-9';

function presenceRegion(app: App): Locator {
  return app.settingsDialog.getByRole('region', { name: 'Presence', exact: true });
}

async function openPresence(app: App): Promise<Locator> {
  await app.openSettings();
  const region = presenceRegion(app);
  await expect(region).toBeVisible();
  return region;
}

async function closeSettings(app: App): Promise<void> {
  await app.page.keyboard.press('Escape');
  await expect(app.settingsDialog).toBeHidden();
}

/** Nothing the page shows, holds in an input or keeps in its DOM contains the password. */
async function expectPasswordNowhere(page: Page): Promise<void> {
  expect(await page.content(), 'the page source').not.toContain(PASSWORD);
  const values = await page.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(values, 'input values').not.toContain(PASSWORD);
}

test('presence settings: prefilled, unreachable broker, invalid URL, back to connected, write-only password', async ({ own }) => {
  const host = await own.start();
  const brokerUrl = host.web.presenceUrl;
  expect(brokerUrl, 'the demo prints its presence broker').toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  const app = await own.open(host);

  // The demo profile's settings are shown, and the connection is live.
  let region = await openPresence(app);
  const url = region.getByLabel('Broker URL', { exact: true });
  const username = region.getByLabel('Username', { exact: true });
  const workspace = region.getByLabel('Workspace', { exact: true });
  const password = region.getByLabel('Password', { exact: true });
  const connection = region.getByTestId('presence-connection');
  const save = region.getByRole('button', { name: 'Save', exact: true });
  const result = region.getByTestId('presence-save-result');
  await expect(url).toHaveValue(brokerUrl!);
  await expect(username).toHaveValue(DEMO_AGENT_EMAIL);
  await expect(workspace).toHaveValue('demo');
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(connection).toHaveAttribute('data-state', 'connected');
  await expect(connection).toContainText('Connected');
  // Where a password would go: this host keeps secrets in memory.
  const passwordState = region.getByTestId('presence-password-state');
  await expect(passwordState).toHaveAttribute('data-saved', 'false');
  await expect(password).toHaveAccessibleDescription(/no password saved.*in memory for this run/i);
  await expect(region.getByRole('button', { name: 'Remove password', exact: true })).toHaveCount(0);
  await expect(username).toHaveAccessibleDescription(/e-mail/i);

  // An unreachable broker: saved, then "unavailable" with the reason and the next retry.
  await url.fill(UNREACHABLE);
  await save.click();
  await expect(result).toHaveText(/saved/i);
  await expect(result).toHaveAttribute('role', 'status');
  await expect(connection).toHaveAttribute('data-state', 'unavailable', { timeout: 15_000 });
  await expect(connection).toContainText('Unavailable');
  await expect(connection.getByTestId('presence-connection-error')).toHaveText(/\S/);
  await expect(connection).toContainText(/next try in \d+ seconds?|trying again now/i);
  await expect(connection).toContainText('Everything else keeps working.');
  expect((await host.rpc.call('presence:settings:get', {}))?.brokerUrl).toBe(UNREACHABLE);
  // The status bar says so too, and the app keeps working: a view switches, a case opens.
  await closeSettings(app);
  await expect(app.page.getByTestId('my-presence')).toHaveAttribute('data-connection', 'unavailable');
  await app.switchView('all_open');
  await app.rows.first().click();
  await expect(app.caseRegion).toBeVisible();
  await expect(app.caseTitle).toHaveText(/\S/);

  // An invalid URL: a clear error at the field, nothing saved.
  region = await openPresence(app);
  await expect(url).toHaveValue(UNREACHABLE);
  await url.fill('http://broker.example.com');
  await save.click();
  const alert = region.getByRole('alert');
  await expect(alert).toHaveText(/not saved.*broker url/i);
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url, 'the keyboard is taken to the field to fix').toBeFocused();
  const fieldError = region.getByTestId('presence-field-error');
  await expect(fieldError).toHaveAttribute('data-field', 'brokerUrl');
  await expect(fieldError).toHaveText(/mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//);
  await expect(url).toHaveAccessibleDescription(/mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//);
  expect((await host.rpc.call('presence:settings:get', {}))?.brokerUrl, 'nothing was saved').toBe(UNREACHABLE);
  await expect(connection).toHaveAttribute('data-state', 'unavailable');
  // Fixing the field takes its message away.
  await url.fill(brokerUrl!);
  await expect(fieldError).toHaveCount(0);
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');

  // The working broker again (submitted with Enter): connected.
  await url.press('Enter');
  await expect(result).toHaveText(/saved/i);
  await expect(connection).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(app.page.getByTestId('my-presence')).toHaveAttribute('data-connection', 'connected');
  expect(await host.rpc.call('presence:settings:get', {})).toMatchObject({ brokerUrl, username: DEMO_AGENT_EMAIL, workspace: 'demo', hasPassword: false });

  // A password: saved (in memory here), never shown again; presence still connects (the demo broker takes any).
  await password.fill(PASSWORD);
  await save.click();
  await expect(passwordState).toHaveAttribute('data-saved', 'true');
  await expect(passwordState).toHaveText(/kept in memory for this run/i);
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', /saved/i);
  await expect(connection).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  expect((await host.rpc.call('presence:settings:get', {}))?.hasPassword).toBe(true);
  await expectPasswordNowhere(app.page);
  await expect(app.settingsDialog).not.toContainText(/keychain/i);

  await region.scrollIntoViewIfNeeded();
  await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await app.page.evaluate(() => document.fonts.ready.then(() => undefined));
  await app.page.waitForTimeout(300);
  await app.page.screenshot({ path: docShot('presence-settings.png'), animations: 'disabled', caret: 'hide' });

  // Reopened: still saved, still not shown.
  await closeSettings(app);
  region = await openPresence(app);
  await expect(passwordState).toHaveAttribute('data-saved', 'true');
  await expect(password).toHaveValue('');
  await expectPasswordNowhere(app.page);

  // Remove it: gone from the store, presence carries on.
  await region.getByRole('button', { name: 'Remove password', exact: true }).click();
  await expect(passwordState).toHaveAttribute('data-saved', 'false');
  await expect(result).toHaveText('Password removed.');
  await expect(region.getByRole('button', { name: 'Remove password', exact: true })).toHaveCount(0);
  expect((await host.rpc.call('presence:settings:get', {}))?.hasPassword).toBe(false);
  await expect(connection).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
});
