import type { InboxRow } from '../../src-shared/contract/models';
import { expect, test, type HostFixture } from './helpers/fixtures';
import { App } from './helpers/app';

// The SLA clock stops when the agent replies (docs/sla.md "Our own actions"), as a person sees it:
// the row's and the header's badge leave "First reply" at once, stay so once the reply has landed
// and after a reload, and the helpdesk's own verdict (its SLA events) says the same.

/** An open case whose first reply runs here and, by the helpdesk's own events, there too. */
async function caseAwaitingFirstReply(host: HostFixture): Promise<InboxRow> {
  const rows = (await host.rpc.call('inbox:list', { view: 'all_open', filters: {}, sort: 'next_breach', offset: 0, limit: 500 })).rows;
  const row = rows.find(
    (r) => r.sla?.next?.target === 'first_reply' && !r.pending && r.sla.helpdesk?.some((h) => h.target === 'first_reply' && (h.state === 'running' || h.state === 'breached')),
  );
  if (!row) throw new Error('no open case whose first reply runs both here and on the helpdesk (demo SLA events missing?)');
  return row;
}

test('replying stops the first-reply clock in the row and the header at once, once sent, and after a reload; the helpdesk agrees', async ({ page, host }) => {
  // The helpdesk's events come after the history backfill: wait until they are compared.
  await expect.poll(async () => (await host.rpc.call('sync:status', {}))[0]?.slaCheck?.cases ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  const row = await caseAwaitingFirstReply(host);
  const app = new App(page, host.web.appUrl);
  await app.goto();
  await app.switchView('all_open');
  await app.textFilter.fill(row.remoteId);
  const rowBadge = app.row(row.remoteId).getByTestId('row-sla');
  await expect(rowBadge).toHaveAttribute('data-target', 'first_reply');
  await app.row(row.remoteId).click();
  const header = app.caseRegion.getByTestId('case-sla');
  await expect(header).toHaveAttribute('data-target', 'first_reply');
  const helpdesk = app.caseRegion.getByTestId('case-sla-helpdesk').locator('[data-target="first_reply"]');
  await expect(helpdesk).toHaveAttribute('data-state', /^(running|breached)$/);

  // Reply (Ctrl+Enter): the composer empties and the clock stops at once, in the header and the row.
  const message = app.caseRegion.getByRole('region', { name: 'Composer', exact: true }).getByLabel('Message', { exact: true });
  await message.fill('Thanks for waiting: your order left our warehouse this morning.');
  await message.press('Control+Enter');
  await expect(message).toHaveValue('');
  const stopped = async () => {
    await expect(app.caseRegion.locator('[data-testid="case-sla"][data-target="first_reply"]')).toHaveCount(0);
    await expect(app.row(row.remoteId).locator('[data-testid="row-sla"][data-target="first_reply"]')).toHaveCount(0);
  };
  await stopped();
  const detail = await host.rpc.call('cases:get', { id: row.id });
  expect(detail!.sla!.clocks.find((c) => c.target === 'first_reply')!.state).toMatch(/^(met|breached)$/);
  expect(detail!.waitingSince).toBeNull();

  // Sent: nothing of it left in the outbox, the clock still stopped; the helpdesk's verdict follows.
  await expect.poll(async () => (await host.rpc.call('outbox:list', {})).filter((a) => a.caseId === row.id).length, { timeout: 30_000 }).toBe(0);
  await stopped();
  await expect(helpdesk).toHaveAttribute('data-state', /^(met|breached)$/, { timeout: 30_000 });
  const ours = (await host.rpc.call('cases:get', { id: row.id }))!.sla!.clocks.find((c) => c.target === 'first_reply')!.state;
  await expect(helpdesk).toHaveAttribute('data-state', ours);
  await expect(helpdesk).toContainText(ours === 'met' ? 'First reply met' : 'First reply breached');

  // A reload reads it all again from core: still stopped.
  await page.reload();
  await expect(app.list).toBeVisible({ timeout: 20_000 });
  await app.switchView('all_open');
  await app.textFilter.fill(row.remoteId);
  await expect(app.row(row.remoteId)).toBeVisible();
  await app.row(row.remoteId).click();
  await expect(app.caseRegion.getByText(`#${row.remoteId}`, { exact: true })).toBeVisible();
  await stopped();
  await expect(helpdesk).toHaveAttribute('data-state', ours);
});
