import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';

// Issue 4, end to end: a draft is kept by core, not by the page. Typed (not sent), saved after the
// debounce, it survives stopping the web host and starting a new one on the same profile folder.

test('a draft survives a restart of the web host on the same profile', async ({ own }) => {
  const profileDir = mkdtempSync(join(tmpdir(), 'shiftdesk-e2e-draft-'));
  try {
    const first = await own.start({ profileDir });
    const open = (await first.truth.tickets()).filter((t) => t.status === 'new' || t.status === 'open').sort((a, b) => b.id - a.id);
    const [ticket, other] = open;
    const draft = `Draft for #${ticket!.id}: I checked with the warehouse.\nYour parcel leaves tomorrow morning — I will send the tracking link.`;

    let app = await own.open(first);
    let ui = new OutboxUi(app);
    await app.openCase(ticket!.id, ticket!.status);
    await ui.composer.getByRole('button', { name: 'Internal note', exact: true }).click();
    await ui.message.fill(draft);
    // Saved once the agent pauses (debounced); nothing is sent.
    await expect(ui.composer.getByTestId('draft-status')).toHaveText('Draft saved');
    const caseId = Number(await app.row(ticket!.id).getAttribute('data-case-id'));
    expect(await first.rpc.call('drafts:get', { caseId })).toMatchObject({ caseId, body: draft, mode: 'note' });
    await expect(ui.count).toHaveText('0');

    await own.stop(first);
    const second = await own.start({ profileDir });
    expect(second.web.demoUrl, 'the demo helpdesk came back where the account expects it').toBe(first.web.demoUrl);
    expect(second.web.appUrl, 'a new host (new token)').not.toBe(first.web.appUrl);

    app = await own.open(second);
    ui = new OutboxUi(app);
    await app.openCase(ticket!.id, ticket!.status);
    await expect(ui.message).toHaveValue(draft);
    await expect(ui.composer.getByRole('button', { name: 'Internal note', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(ui.composer.getByTestId('draft-status')).toHaveText('Draft saved');
    // Only that case has it, and it was never sent.
    await app.openCase(other!.id, other!.status);
    await expect(ui.message).toHaveValue('');
    await expect(ui.count).toHaveText('0');
    expect((await second.truth.comments(ticket!.id)).map((c) => c.body)).not.toContain(draft);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
});
