import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN } from '../../src-main/demo/index';
import { expect, test } from './helpers/own-host';
import { waitForSyncComplete } from './helpers/rpc-client';

// A secret gone after a restart. The e2e web host keeps secrets in core's memory (`--secrets
// memory`), which is exactly a keychain that lost its entries: after a restart on the same
// profile, an account added in the UI has no token (the embedded demo's public token is put back
// by the host), and a presence broker password saved in the UI is gone. The status bar must not
// say "Synced" for that account; it names what is missing and opens Settings at the field to
// enter it again; a wrong token is refused in words and keeps nothing; the right one syncs.

test('a token and a broker password lost in a restart are asked for in place, from the status bar, and the account syncs again', async ({ own }) => {
  test.setTimeout(180_000);
  const profileDir = mkdtempSync(join(tmpdir(), 'shiftdesk-e2e-secret-'));
  try {
    const second = await own.startDemo({ seed: 11, cases: 60 });
    const first = await own.start({ profileDir });
    let app = await own.open(first);

    // A second helpdesk, added in Settings; and a broker password for presence.
    let dialog = await app.openSettings();
    await dialog.getByLabel('Helpdesk URL', { exact: true }).fill(second.url);
    await dialog.getByLabel('Email', { exact: true }).fill(DEMO_AGENT_EMAIL);
    await dialog.getByLabel('API token', { exact: true }).fill(DEMO_TOKEN);
    await dialog.getByRole('button', { name: 'Add account', exact: true }).click();
    await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toHaveCount(2, { timeout: 20_000 });
    const presenceForm = dialog.getByRole('region', { name: 'Presence', exact: true });
    await presenceForm.getByLabel('Workspace', { exact: true }).fill('team');
    await presenceForm.getByLabel('Password', { exact: true }).fill('broker-pass');
    await presenceForm.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(presenceForm.getByTestId('presence-password-state')).toHaveAttribute('data-saved', 'true');
    await waitForSyncComplete(first.rpc, 60_000);
    const accounts = await first.rpc.call('accounts:list', {});
    const demoAccount = accounts.find((a) => a.baseUrl === first.web.demoUrl)!;
    const added = accounts.find((a) => a.baseUrl === second.url)!;
    await own.stop(first);

    // The restart: the added account's token and the broker password are gone.
    const host = await own.start({ profileDir }, (status) => status.accountId === demoAccount.id);
    app = await own.open(host);
    const page = app.page;
    const lineOf = (accountId: number) => app.syncStatus.locator(`.sync-line[data-account-id="${accountId}"]`);
    await expect(lineOf(added.id)).toContainText(`${added.name}:`);
    await expect(lineOf(added.id)).toContainText('The API token is missing.');
    await expect(lineOf(added.id).getByTestId('sync-notice')).toHaveAttribute('data-problem', 'secret-missing');
    // Never "Synced" for an account that cannot sync; the other one does sync and says so.
    await expect(lineOf(added.id)).not.toContainText('Synced');
    await expect(lineOf(demoAccount.id)).toContainText('Synced');
    const myPresence = page.getByTestId('my-presence');
    await expect(myPresence).toContainText('Presence: password missing');
    await page.screenshot({ path: test.info().outputPath('status-bar-secret-missing.png') });

    // The status bar's action opens Settings at the account, the keyboard in the token field.
    await lineOf(added.id).getByRole('button', { name: 'Enter API token' }).click();
    dialog = app.settingsDialog;
    await expect(dialog).toBeVisible();
    const form = dialog.getByRole('form', { name: `Enter the credentials of ${added.name} again` });
    const item = dialog.locator(`li[data-account-id="${added.id}"]`);
    await expect(item.getByTestId('sync-notice-item')).toHaveAttribute('data-problem', 'secret-missing');
    await expect(item.getByTestId('sync-notice-item')).toContainText('The API token is missing.');
    await expect(form).toContainText('Enter the API token again to sync this account.');
    const token = form.getByLabel('API token', { exact: true });
    await expect(token).toBeFocused();
    await expect(token).toHaveAccessibleDescription(/in memory for this session only/);
    await page.screenshot({ path: test.info().outputPath('settings-enter-token.png') });

    // A wrong token: refused in words, nothing kept, the field still there.
    await token.fill('wrong-token');
    await form.getByRole('button', { name: 'Save and sync' }).click();
    await expect(form.getByRole('alert')).toHaveText('Not saved: the helpdesk refused the e-mail or API token (401).', { timeout: 15_000 });
    expect((await host.rpc.call('accounts:list', {})).find((a) => a.id === added.id)!.missingSecrets).toEqual(['token']);

    // The right one: checked, kept, and the account syncs again.
    await token.fill(DEMO_TOKEN);
    await form.getByRole('button', { name: 'Save and sync' }).click();
    await expect(dialog.getByTestId('account-secrets-saved')).toHaveText('Saved. Syncing again.', { timeout: 15_000 });
    await expect(form).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(lineOf(added.id)).toHaveAttribute('data-sync-state', 'ok', { timeout: 30_000 });
    await expect(lineOf(added.id)).toContainText('Synced');

    // The broker password, from the status bar too: Settings → Presence, the password field focused.
    await myPresence.getByRole('button', { name: 'Enter password' }).click();
    await expect(dialog).toBeVisible();
    const presence = dialog.getByRole('region', { name: 'Presence', exact: true });
    await expect(presence.getByTestId('presence-password-missing')).toContainText('Presence does not connect until you enter it again');
    const password = presence.getByLabel('Password', { exact: true });
    await expect(password).toBeFocused();
    await password.fill('broker-pass');
    await presence.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(presence.getByTestId('presence-password-state')).toHaveAttribute('data-saved', 'true');
    await expect(presence.getByTestId('presence-password-missing')).toHaveCount(0);
    await expect(myPresence).not.toContainText('password missing');
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
});
