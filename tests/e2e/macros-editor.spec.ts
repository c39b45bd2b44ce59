import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { MacroView } from '../../src-shared/contract/macros';
import { firstNameOf } from '../../src-shared/domain/macro-template';
import type { App } from './helpers/app';
import type { HostFixture } from './helpers/fixtures';
import { expect, test } from './helpers/own-host';
import { docShot } from './helpers/doc-shot';

// Issue 6, the macro editor end to end (docs/ui-contract.md § "Macro editor"): a personal macro is
// created with a placeholder, a fallback and actions, previewed against the open case, refused
// while it names an unknown placeholder, saved, edited, kept across a reload and a restart of the
// web host on the same profile, and deleted after a confirmation. Shared macros from the helpdesk
// are read-only and can be duplicated as personal ones.

class MacroUi {
  constructor(readonly app: App) {}
  get page(): Page {
    return this.app.page;
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Manage macros', exact: true });
  }
  async open(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Macros', exact: true }).click();
    await expect(this.dialog).toBeVisible();
    return this.dialog;
  }
  get personal(): Locator {
    return this.dialog.getByRole('list', { name: 'Personal', exact: true });
  }
  get shared(): Locator {
    return this.dialog.getByRole('list', { name: 'Shared from the helpdesk', exact: true });
  }
  item(list: Locator, title: string): Locator {
    return list.getByTestId('macro-item').filter({ has: this.page.getByText(title, { exact: true }) });
  }
  get title(): Locator {
    return this.dialog.getByLabel('Title', { exact: true });
  }
  get text(): Locator {
    return this.dialog.getByLabel('Text', { exact: true });
  }
  get save(): Locator {
    return this.dialog.getByRole('button', { name: 'Save', exact: true });
  }
  get problems(): Locator {
    return this.dialog.getByTestId('macro-template-problem');
  }
  get blocked(): Locator {
    return this.dialog.getByTestId('macro-save-blocked');
  }
  get notice(): Locator {
    return this.dialog.getByTestId('macro-notice');
  }
  get preview(): Locator {
    return this.dialog.getByRole('region', { name: 'Macro preview', exact: true });
  }
  get previewText(): Locator {
    return this.preview.getByTestId('macro-preview-text');
  }
  get changes(): Locator {
    return this.preview.getByTestId('macro-preview-changes');
  }
}

async function personalMacros(host: HostFixture): Promise<MacroView[]> {
  return (await host.rpc.call('macros:list', {})).filter((m) => m.source === 'personal');
}

/** An open case whose customer has a plain first name (the preview shows it). */
async function pickCase(host: HostFixture) {
  const tickets = (await host.truth.tickets()).filter((t) => (t.status === 'new' || t.status === 'open') && /^[\x20-\x7e]+$/.test(t.subject)).sort((a, b) => b.id - a.id);
  for (const ticket of tickets.slice(0, 30)) {
    const user = await host.truth.user(ticket.requester_id);
    if (user.name && /^[A-Za-z]+ [A-Za-z]/.test(user.name)) return { ticket, firstName: firstNameOf(user.name)! };
  }
  throw new Error('no open case with a plainly named customer');
}

test('a personal macro: create with a live preview, refuse an unknown placeholder, edit, keep across restarts, delete', async ({ own }) => {
  test.setTimeout(120_000);
  const profileDir = mkdtempSync(join(tmpdir(), 'shiftdesk-e2e-macros-'));
  try {
    const first = await own.start({ profileDir });
    const { ticket, firstName } = await pickCase(first);
    let app = await own.open(first);
    await app.openCase(ticket.id, ticket.status);
    const caseId = Number(await app.row(ticket.id).getAttribute('data-case-id'));
    // Core's values for the case agree with the helpdesk's customer.
    expect((await first.rpc.call('macros:context', { caseId })).values['customer.first_name']).toBe(firstName);

    let ui = new MacroUi(app);
    const dialog = await ui.open();
    await dialog.getByRole('button', { name: 'New macro', exact: true }).click();
    await expect(ui.title).toBeFocused();
    await ui.title.fill('Refund follow-up (e2e)');
    await ui.text.fill('Hi {{customer.first_name | "there"}},\n\nYour refund for case #');
    // The placeholder menu inserts at the cursor (the end of the text here).
    await dialog.getByRole('button', { name: 'Insert placeholder', exact: true }).click();
    const menu = dialog.getByRole('menu');
    await expect(menu.getByRole('menuitem')).toHaveCount(8);
    await menu.getByRole('menuitem', { name: /\{\{case\.id\}\}/ }).click();
    await expect(menu).toBeHidden();
    await expect(ui.text).toBeFocused();
    await ui.text.press('End');
    await ui.text.pressSequentially(' is on its way.');
    await expect(ui.text).toHaveValue(`Hi {{customer.first_name | "there"}},\n\nYour refund for case #{{case.id}} is on its way.`);

    await dialog.getByRole('radio', { name: 'Internal note', exact: true }).check();
    await dialog.getByRole('radio', { name: 'Reply', exact: true }).check();
    await dialog.getByLabel('Status', { exact: true }).selectOption('pending');
    await dialog.getByLabel('Priority', { exact: true }).selectOption('high');
    await dialog.getByLabel('Assignee', { exact: true }).selectOption('me');
    await dialog.getByLabel('Add tags', { exact: true }).fill('refund, e2e-macro');

    // The live preview renders the open case's customer, highlighted, and the field changes.
    await expect(ui.preview).toHaveAttribute('data-preview-source', 'case');
    await expect(ui.preview.getByTestId('macro-preview-source')).toContainText(`#${ticket.id}`);
    await expect(ui.previewText).toContainText(`Hi ${firstName},`);
    await expect(ui.previewText.locator('mark[data-placeholder="customer.first_name"]')).toHaveText(firstName);
    await expect(ui.previewText.locator('mark[data-placeholder="case.id"]')).toHaveText(String(ticket.id));
    const statusWord = ticket.status === 'new' ? 'New' : 'Open';
    await expect(ui.changes).toContainText(`Status: ${statusWord} → Pending`);
    await expect(ui.changes).toContainText('Priority');
    await expect(ui.changes).toContainText('Assignee');
    await expect(ui.changes).toContainText('refund');

    // An unknown placeholder: flagged as typed, Save refused with the reason.
    await ui.text.press('End');
    await ui.text.pressSequentially(' Thanks, {{customer.nickname}}');
    await expect(ui.problems).toHaveCount(1);
    await expect(ui.problems.first()).toContainText('Unknown placeholder {{customer.nickname}}');
    await expect(ui.text).toHaveAttribute('aria-invalid', 'true');
    await expect(ui.save).toBeDisabled();
    await expect(ui.blocked).toContainText('Not saved until the placeholder above is fixed.');
    await expect(ui.preview.locator('[data-placeholder="customer.nickname"]')).toHaveText('{{customer.nickname}}');
    await shoot(app.page, 'macro-editor');
    await expectAccessible(app.page);
    // A malformed one too.
    await ui.text.pressSequentially(' {{customer.first_name | there}}');
    await expect(ui.problems).toHaveCount(2);
    await expect(ui.problems.nth(1)).toContainText('Malformed placeholder {{customer.first_name | there}}');
    expect(await personalMacros(first)).toEqual([]);

    // Fixed: saved, and listed at once.
    const body = `Hi {{customer.first_name | "there"}},\n\nYour refund for case #{{case.id}} is on its way.\n\n{{agent.first_name}}`;
    await ui.text.fill(body);
    await expect(ui.problems).toHaveCount(0);
    await expect(ui.blocked).toHaveCount(0);
    await expect(ui.save).toBeEnabled();
    await ui.save.click();
    await expect(ui.notice).toHaveText('Saved.');
    await expect(ui.item(ui.personal, 'Refund follow-up (e2e)')).toBeVisible();
    await expect(ui.item(ui.personal, 'Refund follow-up (e2e)')).toHaveAttribute('aria-current', 'true');
    await expect(ui.item(ui.personal, 'Refund follow-up (e2e)').getByTestId('macro-usage')).toHaveText('Never used');
    let saved = await personalMacros(first);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      title: 'Refund follow-up (e2e)',
      body,
      bodyPublic: true,
      actions: { status: 'pending', priority: 'high', assignee: { kind: 'me' }, addTags: ['refund', 'e2e-macro'] },
    });

    // Edited: title and text.
    await ui.title.fill('Refund on its way (e2e)');
    await expect(ui.item(ui.personal, 'Refund on its way (e2e)')).toHaveAttribute('data-dirty', 'true');
    await ui.text.fill(`${body}\n\nP.S. It shows on your statement in 3-5 days.`);
    await dialog.getByRole('radio', { name: 'Internal note', exact: true }).check();
    await ui.save.click();
    await expect(ui.notice).toHaveText('Saved.');
    await expect(ui.save).toBeDisabled(); // nothing left to save
    await expect(ui.item(ui.personal, 'Refund on its way (e2e)')).not.toHaveAttribute('data-dirty', 'true');
    saved = await personalMacros(first);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ title: 'Refund on its way (e2e)', bodyPublic: false });
    expect(saved[0]!.body).toContain('P.S. It shows on your statement');
    const macroId = saved[0]!.id;

    // A reload: still there, as saved.
    await app.page.reload();
    await expect(app.list).toBeVisible({ timeout: 20_000 });
    await ui.open();
    await ui.item(ui.personal, 'Refund on its way (e2e)').click();
    await expect(ui.title).toHaveValue('Refund on its way (e2e)');
    await expect(ui.text).toHaveValue(/P\.S\. It shows on your statement/);
    // No case open after the reload: sample values, said so.
    await expect(ui.preview).toHaveAttribute('data-preview-source', 'sample');
    await expect(ui.preview.getByTestId('macro-preview-source')).toContainText('No case is open');
    await app.page.keyboard.press('Escape');
    await expect(ui.dialog).toBeHidden();

    // A restart of the web host on the same profile: still there.
    await own.stop(first);
    const second = await own.start({ profileDir });
    app = await own.open(second);
    ui = new MacroUi(app);
    await ui.open();
    const item = ui.item(ui.personal, 'Refund on its way (e2e)');
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('data-macro-id', String(macroId));
    await item.click();
    await expect(ui.title).toHaveValue('Refund on its way (e2e)');
    await expect(ui.dialog.getByLabel('Status', { exact: true })).toHaveValue('pending');
    await expect(ui.dialog.getByLabel('Assignee', { exact: true })).toHaveValue('me');

    // Delete asks first; Cancel keeps it, confirming removes it.
    await ui.dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = ui.dialog.getByRole('alertdialog', { name: 'Delete macro', exact: true });
    await expect(confirm).toContainText('Delete “Refund on its way (e2e)”?');
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(confirm).toBeHidden();
    expect(await personalMacros(second)).toHaveLength(1);
    await ui.dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete macro', exact: true }).click();
    await expect(ui.notice).toHaveText('Deleted “Refund on its way (e2e)”.');
    await expect(item).toHaveCount(0);
    expect(await personalMacros(second)).toEqual([]);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
});

test('shared macros are read-only; "Duplicate as personal" makes an editable copy', async ({ own }) => {
  const host = await own.start();
  const shared = (await host.rpc.call('macros:list', {})).filter((m) => m.source === 'shared');
  expect(shared.length, 'the demo helpdesk shares macros').toBeGreaterThan(3);
  const macro = shared.find((m) => m.title === 'Refund: confirm refund issued') ?? shared[0]!;

  const app = await own.open(host);
  const ui = new MacroUi(app);
  await ui.open();
  await expect(ui.shared.getByTestId('macro-item')).toHaveCount(shared.length);
  await ui.item(ui.shared, macro.title).click();
  const view = ui.dialog.getByTestId('macro-shared-view');
  await expect(view).toContainText('read-only');
  await expect(view).toContainText(macro.title);
  await expect(ui.title).toHaveCount(0); // no editable fields
  await expect(ui.dialog.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(ui.dialog.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  // Previewed with sample values (no case open).
  await expect(ui.preview).toHaveAttribute('data-preview-source', 'sample');

  await ui.dialog.getByRole('button', { name: 'Duplicate as personal', exact: true }).click();
  const copyTitle = `${macro.title} (copy)`;
  await expect(ui.item(ui.personal, copyTitle)).toBeVisible();
  await expect(ui.item(ui.personal, copyTitle)).toHaveAttribute('aria-current', 'true');
  await expect(ui.title).toHaveValue(copyTitle);
  await expect(ui.text).toHaveValue(macro.body);
  const copies = await personalMacros(host);
  expect(copies).toHaveLength(1);
  expect(copies[0]).toMatchObject({ title: copyTitle, body: macro.body, bodyPublic: macro.bodyPublic });

  // The placeholder menu by keyboard: ArrowDown opens it, Escape closes only the menu, Enter inserts at the cursor.
  await ui.text.focus();
  await ui.text.press('ControlOrMeta+Home');
  const menuButton = ui.dialog.getByRole('button', { name: 'Insert placeholder', exact: true });
  await menuButton.focus();
  await menuButton.press('ArrowDown');
  const menu = ui.dialog.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await app.page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(ui.dialog).toBeVisible();
  await expect(menuButton).toBeFocused();
  await menuButton.press('ArrowDown');
  await app.page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: /\{\{customer\.name\}\}/ })).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(ui.text).toBeFocused();
  await expect(ui.text).toHaveValue(`{{customer.name}}${macro.body}`);

  // The copy is editable; the shared one is unchanged.
  await ui.title.fill('My refund macro');
  await ui.save.click();
  await expect(ui.notice).toHaveText('Saved.');
  await expect(ui.item(ui.personal, 'My refund macro')).toBeVisible();
  await expect(ui.item(ui.shared, macro.title)).toBeVisible();
  expect((await host.rpc.call('macros:list', {})).find((m) => m.id === macro.id)?.title).toBe(macro.title);
});

/** axe-core on the open dialog: no serious or critical violations. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
  await page.screenshot({ path: docShot(`${name}.png`), animations: 'disabled', caret: 'hide' });
}
