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
  // Every one of the three writes was refused as stale, and nothing of ours landed.
  expect((await truth.admin<{ updateConflicts: number }>('GET', '/__demo/stats')).updateConflicts).toBe(3);
  for (const ticket of [editCase, discardCase, applyCase]) expect(await actionIdsOf(truth, ticket.id)).toEqual([]);
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
  expect((await truth.admin<{ updateConflicts: number; updatesApplied: number }>('GET', '/__demo/stats'))).toMatchObject({ updateConflicts: 3, updatesApplied: 2 });
});
