import { DEMO_AGENT_EMAIL, DEMO_TOKEN } from '../../src-main/demo/index';
import { waitUntilRefused } from './helpers/demo-process';
import { OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';
import { waitForSyncComplete } from './helpers/rpc-client';

// Network state is per account: with two helpdesks and one of them down, the status bar names the
// one that is down ("… unreachable", not "Offline"), its sync line says "Helpdesk unreachable",
// and the other account's line keeps saying "Synced", because it does sync (a new ticket on its
// helpdesk shows up meanwhile). When the helpdesk is back, both are online again.

test('one helpdesk down: the status bar names it, the other account keeps syncing and says so', async ({ own }) => {
  test.setTimeout(150_000);
  // A second helpdesk of its own (a separate process, so it can be stopped for real), beside the host's embedded demo.
  const second = await own.startDemo({ seed: 11, cases: 60 });
  const host = await own.start();
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const page = app.page;

  // Add the second helpdesk in Settings, as an agent would.
  const dialog = await app.openSettings();
  await dialog.getByLabel('Helpdesk URL', { exact: true }).fill(second.url);
  await dialog.getByLabel('Email', { exact: true }).fill(DEMO_AGENT_EMAIL);
  await dialog.getByLabel('API token', { exact: true }).fill(DEMO_TOKEN);
  await dialog.getByRole('button', { name: 'Add account', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toHaveCount(2, { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(app.settingsDialog).toBeHidden();
  await waitForSyncComplete(host.rpc, 60_000);
  const accounts = await host.rpc.call('accounts:list', {});
  expect(accounts).toHaveLength(2);
  const embedded = accounts.find((a) => a.baseUrl === host.web.demoUrl)!;
  const stopped = accounts.find((a) => a.baseUrl === second.url)!;

  const lineOf = (accountId: number) => app.syncStatus.locator(`.sync-line[data-account-id="${accountId}"]`);
  await expect(lineOf(embedded.id)).toContainText(`${embedded.name}:`);
  await expect(lineOf(stopped.id)).toContainText(`${stopped.name}:`);
  await expect(lineOf(stopped.id)).toHaveAttribute('data-sync-state', 'ok');
  await expect(ui.networkState).toHaveText('Online');

  // The second helpdesk goes down: its port refuses connections.
  await second.stop();
  await waitUntilRefused(second.url);
  await expect(ui.networkState).toHaveText(`${stopped.name} unreachable`, { timeout: 30_000 });
  await expect(ui.networkState.locator('..')).toHaveAttribute('data-unreachable', String(stopped.id));
  await expect(lineOf(stopped.id)).toHaveAttribute('data-sync-state', 'offline');
  await expect(lineOf(stopped.id)).toContainText('Helpdesk unreachable');
  // The embedded demo's account is not dragged along: it says it syncs…
  await expect(lineOf(embedded.id)).toHaveAttribute('data-sync-state', 'ok');
  await expect(lineOf(embedded.id)).toContainText('Synced');
  await expect(lineOf(embedded.id)).not.toContainText('unreachable');
  await page.screenshot({ path: test.info().outputPath('one-helpdesk-down.png') });

  // …and it does: a ticket created on its helpdesk now reaches the inbox.
  const created = await host.truth.stepUntilNewTicket();
  await app.switchView('all_open');
  await app.textFilter.fill(String(created.ticketId));
  await expect(app.row(created.ticketId)).toBeVisible({ timeout: 30_000 });
  // Its composer does not claim to be offline.
  await app.row(created.ticketId).click();
  await expect(ui.composer).toBeVisible();
  await expect(ui.composer).not.toContainText('Offline');
  // Still only the second helpdesk is named.
  await expect(ui.networkState).toHaveText(`${stopped.name} unreachable`);

  // It comes back: everything is online again and both accounts sync.
  await second.restart();
  await expect(ui.networkState).toHaveText('Online', { timeout: 30_000 });
  await expect(lineOf(stopped.id)).toHaveAttribute('data-sync-state', 'ok', { timeout: 30_000 });
  await expect(lineOf(embedded.id)).toHaveAttribute('data-sync-state', 'ok');
});
