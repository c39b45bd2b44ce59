import AxeBuilder from '@axe-core/playwright';
import type { DemoTicket } from '../../src-main/demo/index';
import { actionIdsOf, auditsOf, outboxByCase, OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';

// Issue 4, end to end: a teammate changes a case while the agent's reply to it waits in the
// outbox. Back online, the helpdesk refuses the stale write (409), the conflict dialog shows both
// sides, and each way out works: "Send anyway", "Edit" and "Discard", each on its own case. (It is
// the send-time guard of issue 5 for a reply queued offline: it stops at replay.)

interface TeammateResult {
  ticket: DemoTicket;
  auditId: number;
  commentId: number | null;
}

test('a conflicting change by a teammate brings the conflict dialog, and each choice works', async ({ own }) => {
  test.setTimeout(90_000);
  const host = await own.start();
  const { truth } = host;
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const open = (await truth.tickets()).filter((t) => t.status === 'new' || t.status === 'open').sort((a, b) => b.id - a.id);
  // The case replied to last stays open, so its conflict pops up first: that one is applied anyway.
  const [editCase, discardCase, applyCase] = open as [DemoTicket, DemoTicket, DemoTicket];
  const reply = (t: DemoTicket) => `Conflict test on #${t.id}: we have refunded the order, it shows in 3–5 days.`;
  const teammateNote = (t: DemoTicket) => `Teammate on #${t.id}: the customer called, refund already promised by phone.`;

  await ui.setWorkOffline(true);
  for (const ticket of [editCase, discardCase, applyCase]) {
    await app.openCase(ticket.id, ticket.status);
    await ui.reply(reply(ticket));
  }
  await expect(ui.count).toHaveText('3');
  const queued = await outboxByCase(host.rpc);
  const actionOf = (t: DemoTicket) => queued.get(t.id)![0]!.id;

  // Meanwhile a teammate changes each ticket on the helpdesk: the agent's stamps go stale.
  const teammate = new Map<number, TeammateResult>();
  for (const ticket of [editCase, discardCase, applyCase]) {
    teammate.set(ticket.id, await truth.admin<TeammateResult>('POST', `/__demo/tickets/${ticket.id}/teammate-update`, { comment: teammateNote(ticket) }));
  }
  await truth.admin('DELETE', '/__demo/stats');

  await ui.setWorkOffline(false);
  // The open case's change comes back refused: the dialog shows it beside what changed.
  await expect(ui.conflict).toBeVisible({ timeout: 20_000 });
  await expect(ui.conflict).toContainText(applyCase.subject);
  await expect(ui.conflict).toContainText(reply(applyCase));
  await expect(ui.conflict, 'the teammate\'s note is shown as new since the change').toContainText(teammateNote(applyCase), { timeout: 20_000 });
  for (const name of ['Send anyway', 'Edit', 'Discard']) await expect(ui.conflict.getByRole('button', { name, exact: true })).toBeEnabled();
  await ui.page.screenshot({ path: '/tmp/outbox-conflict-dialog.png' });
  // None of the three writes went over the teammate's change: each was refused as stale, or
  // stopped before sending when sync had brought the teammate's note first. Nothing of ours landed.
  expect((await truth.admin<{ updateConflicts: number; updatesApplied: number }>('GET', '/__demo/stats')).updatesApplied).toBe(0);
  for (const ticket of [editCase, discardCase, applyCase]) expect(await actionIdsOf(truth, ticket.id)).toEqual([]);
  await expect.poll(async () => (await host.rpc.call('outbox:list', {})).map((i) => i.state)).toEqual(['conflict', 'conflict', 'conflict']);
  await expect(ui.pendingMessages.filter({ hasText: reply(applyCase) })).toContainText('Conflict');

  // 1. Send anyway: sent as it is, on top of the teammate's change.
  await ui.conflict.getByRole('button', { name: 'Send anyway', exact: true }).click();
  await expect(ui.conflict).toBeHidden();
  await expect(ui.pendingMessages).toHaveCount(0, { timeout: 20_000 });
  await expect(app.messages.filter({ hasText: reply(applyCase) })).toHaveCount(1);

  // 2. Edit: the reply goes back to the composer; the agent reworks it and sends it again.
  await app.openCase(editCase.id, editCase.status);
  await expect(ui.conflict).toBeVisible();
  await expect(ui.conflict).toContainText(reply(editCase));
  await ui.conflict.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(ui.conflict).toBeHidden();
  await expect(ui.composer).toContainText('You are editing a queued reply');
  await expect(ui.message).toHaveValue(reply(editCase));
  const edited = `${reply(editCase)} (Edited after seeing my teammate's call: no need to call back.)`;
  await ui.message.fill(edited);
  await ui.message.press('Control+Enter');
  await expect(ui.composer).not.toContainText('You are editing a queued reply');
  await expect(ui.message).toHaveValue('');
  await expect(ui.pendingMessages).toHaveCount(0, { timeout: 20_000 });
  await expect(app.messages.filter({ hasText: edited })).toHaveCount(1);

  // 3. Discard: nothing is sent and the pending mark goes away.
  await app.openCase(discardCase.id, discardCase.status);
  await expect(app.row(discardCase.id)).toHaveAttribute('data-pending', 'true');
  await expect(ui.conflict).toBeVisible();
  await expect(ui.conflict).toContainText(reply(discardCase));
  await ui.conflict.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(ui.conflict).toBeHidden();
  await expect(app.messages.filter({ hasText: reply(discardCase) })).toHaveCount(0);
  await expect(ui.pendingMessages).toHaveCount(0);
  await expect(app.row(discardCase.id)).not.toHaveAttribute('data-pending', 'true');
  await expect(ui.count).toHaveText('0');
  await ui.openPanel();
  await expect(ui.panel).toContainText('Nothing waiting');
  await ui.closePanel();

  // The helpdesk's side.
  const applied = await auditsOf(truth, applyCase.id);
  const teammateAt = applied.findIndex((a) => a.id === teammate.get(applyCase.id)!.auditId);
  const oursAt = applied.findIndex((a) => a.actionId === actionOf(applyCase));
  expect(applied.filter((a) => a.actionId !== null).map((a) => a.actionId), 'apply anyway: landed once').toEqual([actionOf(applyCase)]);
  expect(teammateAt, 'the teammate\'s audit is there').toBeGreaterThanOrEqual(0);
  expect(oursAt, 'ours lands after the teammate\'s change').toBeGreaterThan(teammateAt);
  const appliedComments = (await truth.comments(applyCase.id)).map((c) => c.body);
  expect(appliedComments.slice(-2)).toEqual([teammateNote(applyCase), reply(applyCase)]);

  expect(await actionIdsOf(truth, editCase.id), 'edit: the same action landed once').toEqual([actionOf(editCase)]);
  const editComments = (await truth.comments(editCase.id)).map((c) => c.body);
  expect(editComments.filter((b) => b === edited), 'edit: the edited text landed once').toHaveLength(1);
  expect(editComments, 'edit: the first version never landed').not.toContain(reply(editCase));
  expect(editComments.at(-1)).toBe(edited);

  expect(await actionIdsOf(truth, discardCase.id), 'discard: nothing landed').toEqual([]);
  const discardComments = (await truth.comments(discardCase.id)).map((c) => c.body);
  expect(discardComments).not.toContain(reply(discardCase));
  expect(discardComments.at(-1)).toBe(teammateNote(discardCase));
  // Nothing else was refused or written on the way.
  const stats = await truth.admin<{ updateConflicts: number; updatesApplied: number }>('GET', '/__demo/stats');
  expect(stats.updatesApplied).toBe(2);
  expect(stats.updateConflicts).toBeLessThanOrEqual(3);
});

// Issue 15: a conflict is about a case, not one action. Offline, the agent tags a case, sets it
// pending and replies; meanwhile a teammate solves it with a closing reply. Back online the first
// refusal holds the case's whole queue: the dialog lists all three, each against what arrived,
// each with its own choice; "Apply anyway" on the tag sends the tag only.
test('a conflict holds the case\'s whole queue: each queued action gets its own decision', async ({ own, page }) => {
  test.setTimeout(120_000);
  const host = await own.start();
  const { truth, rpc } = host;
  await page.clock.install();
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const ticket = (await truth.tickets()).filter((t) => t.status === 'open').sort((a, b) => b.id - a.id)[0]!;
  await app.openCase(ticket.id, ticket.status);

  // My own reply, sent before going offline: it is never "new since" my later changes.
  const mine = `Before going offline on #${ticket.id}: I am checking with the courier.`;
  await ui.message.fill(mine);
  await ui.message.press('Control+Enter');
  await expect(ui.pendingMessages).toHaveCount(0, { timeout: 20_000 });
  await expect(app.messages.filter({ hasText: mine })).toHaveCount(1);
  const [mineId] = await actionIdsOf(truth, ticket.id);

  await ui.setWorkOffline(true);
  await ui.addTag('courier-check');
  await app.caseRegion.getByLabel('Case status', { exact: true }).selectOption('pending');
  const offlineReply = `Offline on #${ticket.id}: the parcel left the depot this morning.`;
  await ui.reply(offlineReply);
  await expect(ui.count).toHaveText('3');
  const queued = (await outboxByCase(rpc)).get(ticket.id)!;
  expect(queued).toHaveLength(3);

  const teammateReply = `Teammate on #${ticket.id}: refund issued, closing this. Thanks for your patience!`;
  await truth.admin('POST', `/__demo/tickets/${ticket.id}/teammate-update`, { status: 'solved', comment: { body: teammateReply, public: true } });
  await ui.setWorkOffline(false);

  // The case's whole queue, each action against what arrived.
  await expect(ui.conflict).toBeVisible({ timeout: 20_000 });
  const actions = ui.conflict.getByTestId('conflict-action');
  await expect(actions).toHaveCount(3);
  await expect(actions.nth(0)).toContainText('Add tags: courier-check');
  await expect(actions.nth(1)).toContainText('Status → Pending');
  await expect(actions.nth(2)).toContainText(offlineReply);
  for (let i = 0; i < 3; i++) await expect(actions.nth(i)).toHaveAttribute('data-verdict', 'decide');
  await expect(actions.nth(1).getByTestId('held-verdict')).toHaveText('It would overwrite or come after what others did: the status.');
  await expect(actions.nth(2).getByTestId('held-verdict')).toHaveText('It would overwrite or come after what others did: new messages.');
  await expect(ui.conflict.getByTestId('conflict-remote-status')).toContainText('Solved');
  // What others did since each was queued: the teammate's reply and their Solved; never my own reply.
  for (let i = 0; i < 3; i++) {
    const news = actions.nth(i).getByTestId('conflict-news');
    await expect(news).toContainText(teammateReply);
    await expect(news).toContainText(/Status\s*Open → Solved/);
    await expect(news).not.toContainText(mine);
  }
  // Ages are the queue times, not the time the queue stopped.
  for (const [i, item] of queued.entries()) await expect(actions.nth(i).getByTestId('queued-at')).toHaveAttribute('datetime', new Date(item.createdAt).toISOString());
  await page.clock.fastForward('06:00');
  for (let i = 0; i < 3; i++) await expect(actions.nth(i).getByTestId('queued-at')).toHaveText(/^Queued (6|7) min ago$/);
  await ui.page.screenshot({ path: '/tmp/outbox-conflict-queue.png' });
  const axe = await new AxeBuilder({ page }).include('dialog.conflict-dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Apply anyway names one action: the tag goes, the status change and the reply keep waiting.
  await actions.nth(0).getByRole('button', { name: 'Apply anyway', exact: true }).click();
  await expect(actions).toHaveCount(2, { timeout: 20_000 });
  await expect(ui.conflict).toBeVisible();
  await expect(actions.nth(0)).toContainText('Status → Pending');
  await expect(actions.nth(1)).toContainText(offlineReply);
  for (let i = 0; i < 2; i++) await expect(actions.nth(i)).toHaveAttribute('data-verdict', 'decide');
  await expect.poll(() => actionIdsOf(truth, ticket.id), { timeout: 20_000 }).toEqual([mineId, queued[0]!.id]);
  expect((await truth.ticket(ticket.id)).status).toBe('solved');

  // Visible in the outbox panel and on the case too.
  await page.keyboard.press('Escape');
  await expect(ui.conflict).toBeHidden();
  await expect(app.caseRegion.getByTestId('pending-conflict')).toHaveAttribute('data-held', '2');
  await ui.openPanel();
  await expect(ui.itemsIn('conflict')).toHaveCount(2);
  for (let i = 0; i < 2; i++) await expect(ui.itemsIn('conflict').nth(i).getByTestId('outbox-held')).toHaveText('Held with a conflict on this case: it needs your own decision.');
  await ui.page.screenshot({ path: '/tmp/outbox-held-panel.png' });
  await ui.itemsIn('conflict').first().getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(ui.conflict).toBeVisible();

  // Each decision on its own: discard the status change, send the reply after reading theirs.
  await expect(actions).toHaveCount(2);
  await actions.nth(0).getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(actions).toHaveCount(1);
  await actions.nth(0).getByRole('button', { name: 'Send anyway', exact: true }).click();
  await expect(ui.conflict).toBeHidden({ timeout: 20_000 });
  await ui.closePanel();
  await expect(ui.count).toHaveText('0', { timeout: 20_000 });

  // The helpdesk: the teammate's Solved stands; my reply comes after their closing reply.
  expect((await truth.ticket(ticket.id)).status).toBe('solved');
  expect(await actionIdsOf(truth, ticket.id)).toEqual([mineId, queued[0]!.id, queued[2]!.id]);
  expect((await truth.comments(ticket.id)).map((c) => c.body).slice(-2)).toEqual([teammateReply, offlineReply]);
  // Each decision recorded with what was shown.
  const decisions = await rpc.call('outbox:decisions', { caseId: queued[0]!.caseId });
  expect(decisions.map((d) => [d.actionId, d.choice])).toEqual([
    [queued[0]!.id, 'apply'],
    [queued[1]!.id, 'discard'],
    [queued[2]!.id, 'apply'],
  ]);
  expect(decisions[2]!.shown.messages.length).toBeGreaterThanOrEqual(1);
  expect(decisions[2]!.shown.fields).toContainEqual({ field: 'status', from: 'open', to: 'solved' });
});
