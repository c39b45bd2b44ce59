import type { DemoTicket } from '../../src-main/demo/index';
import { OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';
import { docShot } from './helpers/doc-shot';

// Issue 5's send-time guard with one agent: while the agent writes, a teammate adds a note, sets
// the case pending and tags it on the helpdesk. Sync brings it; the send stops and shows all three
// above the draft. "Edit" keeps the draft and the next send goes; "Discard" empties it.

test('the send-time guard shows what arrived since the draft began: edit, then discard', async ({ own }) => {
  test.setTimeout(90_000);
  const host = await own.start();
  const { truth } = host;
  const app = await own.open(host);
  const ui = new OutboxUi(app);
  const ticket = (await truth.tickets()).filter((t) => t.status === 'open').sort((a, b) => b.id - a.id)[0]!;
  await app.openCase(ticket.id, ticket.status);
  const guard = ui.composer.getByTestId('send-guard');
  const send = ui.composer.getByRole('button', { name: 'Send', exact: true });

  const teammateSays = async (note: string, change: Record<string, unknown>) => {
    await truth.admin<{ ticket: DemoTicket }>('POST', `/__demo/tickets/${ticket.id}/teammate-update`, { comment: note, ...change });
    // Sync brings it into the thread (the follow poll of a local helpdesk: about 2 s).
    await expect(app.messages.filter({ hasText: note })).toHaveCount(1, { timeout: 15_000 });
  };

  // 1. A draft, then a teammate's note, status and tag.
  const draft = 'Thanks for your patience: I have asked the warehouse to check the parcel.';
  await ui.message.fill(draft);
  await expect(ui.composer.getByText('Draft saved', { exact: true })).toBeVisible();
  const note = 'Teammate: the courier confirmed a delay, I told the customer by phone.';
  await teammateSays(note, { status: 'pending', additional_tags: ['courier_delay'] });
  // The case's fields come by another stream than its messages: wait for them too.
  await expect(app.caseRegion.getByLabel('Case status', { exact: true })).toHaveValue('pending', { timeout: 15_000 });

  await send.click();
  await expect(guard).toBeVisible();
  await expect(guard.getByRole('heading')).toHaveText('Not sent: 3 new things on this case');
  const items = guard.getByTestId('send-guard-item');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText(note);
  await expect(items.nth(0)).toContainText('Internal note');
  await expect(items.nth(1)).toHaveText(/Status\s*Open → Pending/);
  await expect(items.nth(2)).toHaveText(/Tags\s*\+courier_delay/);
  // Only the guard's choices send now.
  await expect(send).toBeDisabled();
  await ui.message.press('Control+Enter');
  await expect(ui.pendingMessages).toHaveCount(0);
  await ui.page.screenshot({ path: docShot('send-guard-fields.png') });

  // Edit: the draft stays, the cursor is in it; what was shown stops nothing any more.
  await guard.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(guard).toHaveCount(0);
  await expect(ui.message).toBeFocused();
  await expect(ui.message).toHaveValue(draft);
  const edited = `${draft} My colleague already called you about the courier's delay.`;
  await ui.message.fill(edited);
  await ui.message.press('Control+Enter');
  await expect(ui.message).toHaveValue('');
  await expect(guard).toHaveCount(0);
  await expect.poll(async () => (await truth.comments(ticket.id)).at(-1)?.body, { timeout: 15_000 }).toBe(edited);

  // 2. A new draft, a new teammate note: Discard empties the composer and sends nothing.
  const second = 'One more thing about your order:';
  await ui.message.fill(second);
  await expect(ui.composer.getByText('Draft saved', { exact: true })).toBeVisible();
  const note2 = 'Teammate: refund issued, nothing else to tell the customer.';
  await teammateSays(note2, {});
  await ui.message.press('Control+Enter');
  await expect(guard).toBeVisible();
  await expect(guard.getByTestId('send-guard-item')).toHaveCount(1);
  await expect(guard).toContainText(note2);
  await guard.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(guard).toHaveCount(0);
  await expect(ui.message).toHaveValue('');
  await expect(ui.composer.getByTestId('draft-status')).not.toContainText('Draft saved');
  expect((await truth.comments(ticket.id)).map((c) => c.body)).not.toContain(second);
});
