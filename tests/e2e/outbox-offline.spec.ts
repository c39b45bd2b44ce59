import { waitUntilRefused } from './helpers/demo-process';
import { agentsOf, expectNineLanded, outboxByCase, OutboxUi, queueNineActions, type NinePlan } from './helpers/outbox';
import { expect, test } from './helpers/own-host';

// Issue 4, end to end: offline triage. The agent goes offline (by choice, or because the helpdesk
// is gone), replies to 3 cases, tags 2, assigns 1 and bulk-solves 3; the outbox holds those 9
// changes; back online they all land on the helpdesk exactly once and the outbox empties.
// Each test runs on its own small host (see helpers/own-host.ts).

/** The outbox panel lists the nine changes, all still queued, one per touched case. */
async function expectNineQueued(ui: OutboxUi, plan: NinePlan, screenshot?: string): Promise<void> {
  await expect(ui.count).toHaveText('9');
  await ui.openPanel();
  await expect(ui.items).toHaveCount(9);
  await expect(ui.itemsIn('queued')).toHaveCount(9);
  const listed = await ui.items.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-remote-id'))));
  expect(listed.sort((a, b) => a - b), 'one change per touched case').toEqual([...plan.before.keys()].sort((a, b) => a - b));
  // Replies show their text, field changes say what they change.
  for (const { body } of plan.replies) await expect(ui.items.filter({ hasText: body })).toHaveCount(1);
  await expect(ui.items.filter({ hasText: 'Status → Solved' })).toHaveCount(3);
  await expect(ui.items.filter({ hasText: `Assignee → ${plan.assign.agent.name}` })).toHaveCount(1);
  if (screenshot) await ui.page.screenshot({ path: screenshot });
  await ui.closePanel();
}

test('working offline by choice: 9 changes queue, then land exactly once when back online', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const meId = host.summary.meAgent.id;
  const [tickets, agents] = [await host.truth.tickets(), await agentsOf(host.truth)];
  await expect(ui.networkState).toHaveText('Online');
  await expect(ui.count).toHaveText('0');

  await ui.setWorkOffline(true);
  // Sync pauses with it: the status bar no longer claims "Synced … ago".
  await expect(app.syncStatus).toContainText('Sync paused: working offline');
  await expect(app.syncStatus).not.toContainText('Synced');

  const plan = await queueNineActions(ui, tickets, agents, meId, 'Offline');
  await expect(ui.networkState).toHaveText('Working offline');
  // Queued changes are marked where the agent works: the changed field, the case's row.
  await expect(app.caseRegion.getByTestId('pending-badge')).toBeVisible(); // the assignee just changed
  await expectNineQueued(ui, plan, '/tmp/outbox-panel-9.png');
  await app.switchView('solved');
  await app.textFilter.fill('');
  for (const id of plan.solve) await expect(app.row(id)).toHaveAttribute('data-pending', 'true');
  const queued = await outboxByCase(host.rpc);
  expect([...queued.values()].flat().map((i) => i.kind).sort()).toEqual(['reply', 'reply', 'reply', 'update', 'update', 'update', 'update', 'update', 'update']);
  // Nothing reached the helpdesk while offline.
  for (const [id, before] of plan.before) {
    expect(await host.truth.ticket(id), `ticket ${id} untouched while offline`).toMatchObject({ updated_at: before.updated_at, status: before.status, tags: before.tags, assignee_id: before.assignee_id });
  }

  // Each update takes the helpdesk a moment, so "Sending" can be seen on the way out: the first
  // changes show as sending while all nine are still listed (before anything has landed).
  await host.truth.addFault({ pathPattern: '/api/v2/tickets/', method: 'PUT', kind: 'delay', delayMs: 2_000, times: 9 });
  await ui.setWorkOffline(false);
  await ui.openPanel();
  await expect
    .poll(
      () =>
        ui.panel.evaluate((panel) => {
          const states = Array.from(panel.querySelectorAll('[data-testid="outbox-item"]')).map((item) => item.getAttribute('data-state'));
          return `${states.length} listed, ${states.includes('sending') ? 'some' : 'none'} sending`;
        }),
      { message: 'some changes show "Sending" before any has landed', timeout: 5_000 },
    )
    .toBe('9 listed, some sending');
  await expect(ui.itemsIn('sending').first()).toContainText('Sending');
  await expect(ui.panel).toContainText('Nothing waiting: every change has reached the helpdesk.', { timeout: 30_000 });
  await expect(ui.items).toHaveCount(0);
  await ui.closePanel();
  await expect(ui.count).toHaveText('0');
  await expect(app.row(plan.solve[0]!)).not.toHaveAttribute('data-pending', 'true');
  await expect(app.syncStatus).not.toContainText('Sync paused');

  await expectNineLanded(host.truth, plan, queued, meId);
});

test('offline because the helpdesk is down: detected, queued, and drained when it is back', async ({ own }) => {
  test.setTimeout(90_000);
  const demo = await own.startDemo();
  const host = await own.start({ demoUrl: demo.url });
  expect(host.web.demoUrl).toBe(demo.url);
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const meId = host.summary.meAgent.id;
  // The truth has to be read while the helpdesk is still there.
  const [tickets, agents] = [await host.truth.tickets(), await agentsOf(host.truth)];
  await expect(ui.networkState).toHaveText('Online');

  // Take the helpdesk down for real: its port refuses connections.
  await demo.stop();
  await waitUntilRefused(demo.url);
  // The agent keeps working; the app notices by itself (the first refused request, a send or a
  // sync poll: well under a second here) and says so, without anyone touching "Work offline".
  const plan = await queueNineActions(ui, tickets, agents, meId, 'Outage');
  await expect(ui.networkState).toHaveText('Offline', { timeout: 15_000 });
  await expect(ui.workOffline).toHaveAttribute('aria-pressed', 'false');
  await expect(app.syncStatus).toContainText('Helpdesk unreachable');
  await expect(app.syncStatus).not.toContainText('Synced');
  await expectNineQueued(ui, plan, '/tmp/outbox-panel-9-outage.png');
  const queued = await outboxByCase(host.rpc);

  // The helpdesk comes back (same port, same data): the app finds it at its first answer (the
  // probe runs every 1–15 s, sync retries too; measured under a second here) and sends everything.
  await demo.restart();
  await expect(ui.networkState).toHaveText('Online', { timeout: 30_000 });
  await expect(ui.count).toHaveText('0', { timeout: 30_000 });
  await ui.openPanel();
  await expect(ui.panel).toContainText('Nothing waiting');
  await ui.closePanel();
  // Sync has picked up again too: the first answer ends its backoff.
  await expect(app.syncStatus).toContainText('Synced', { timeout: 30_000 });

  await expectNineLanded(host.truth, plan, queued, meId);
});
