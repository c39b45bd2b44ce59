import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { App } from './helpers/app';
import type { UnreadableRecord, ValueToMap } from '../../src-main/demo/index';
import { expectedChannelKind } from '../helpers/expected-channel';
import { DemoTruth } from './helpers/demo-truth';
import { OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';

// Sync problems in the agent's words (docs/ui-contract.md § "Sync problems"): a step the helpdesk
// refuses and a page it sends that cannot be read are named briefly, translated, after the sync
// state (the rest still syncs), with the technical text one click away; a long text never widens
// the window. Records sync could not read are counted and listed. Removing an account asks first.
// Each test runs its own small host; faults are injected into a demo helpdesk of its own before
// the host's first sync.

const SHOTS = '/tmp/shiftdesk-shots';
mkdirSync(SHOTS, { recursive: true });

/** The agents list (GET /api/v2/users?role…), not /users/me or /users/show_many. */
const AGENTS_LIST = { pathPattern: '^/api/v2/users(\\.json)?\\?', regex: true };
/** "Persistent": more requests than any test makes. */
const ALWAYS = 10_000;

async function expectWithinViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, `${what} is laid out`).not.toBeNull();
  const viewport = page.viewportSize()!;
  expect(box!.x, `${what} starts within the window`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what} starts within the window`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends within the window (${viewport.width} px)`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box!.y + box!.height, `${what} ends within the window (${viewport.height} px)`).toBeLessThanOrEqual(viewport.height + 0.5);
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `the page is no wider than the window (${innerWidth} px)`).toBeLessThanOrEqual(innerWidth);
}

/** axe on one part of the page (a popover, a dialog): no serious or critical violations. */
async function expectAccessible(page: Page, selector: string, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

async function switchToKorean(app: App): Promise<void> {
  const dialog = await app.openSettings();
  await dialog.getByLabel('Language', { exact: true }).selectOption('ko');
  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.page.locator('html')).toHaveAttribute('lang', 'ko');
}

test('a long sync error in the Korean UI stays within the window', async ({ own, page }) => {
  const demo = await own.startDemo();
  const truth = new DemoTruth(demo.url);
  // The agents list is refused (403) and every page of the ticket export has fields of the wrong type.
  await truth.addFault({ ...AGENTS_LIST, kind: 'status', status: 403, times: ALWAYS });
  await truth.addFault({ pathPattern: '/incremental/tickets/cursor', kind: 'wrong-types', times: ALWAYS });
  const host = await own.start({ demoUrl: demo.url });
  const status = await host.rpc.call('sync:status', {});
  expect(status[0]!.notices.map((n) => `${n.step}:${n.problem}`), 'core reports both steps').toEqual(expect.arrayContaining(['agents:forbidden', 'cases:unreadable']));

  const app = await own.open(host);
  await switchToKorean(app);

  // The line names the worst step in Korean, briefly, after the sync state: cases still sync.
  const notice = app.syncStatus.getByTestId('sync-notice');
  await expect(notice).toHaveAttribute('data-step', 'agents');
  await expect(notice).toContainText('헬프데스크가 접근을 거부하여 상담원 목록을 불러오지 못했습니다 (403).');
  await expect(notice).toContainText('외 '); // "+N more": the ticket export too
  await expect(app.syncStatus).toContainText('동기화됨');
  await expect(app.syncStatus).not.toContainText('/api/v2');
  await expect(app.syncStatus).not.toContainText('DemoFault');
  await expect(app.syncStatus).not.toContainText('Sync error');

  // Nothing widens the page: the sidebar and the Settings button stay in the window.
  await expectNoHorizontalOverflow(page);
  await expectWithinViewport(page, page.getByRole('navigation', { name: '보기', exact: true }), 'the views sidebar');
  await expectWithinViewport(page, page.getByRole('button', { name: '설정', exact: true }), 'the Settings button');
  await expectWithinViewport(page, app.syncStatus, 'the status line');
  await page.screenshot({ path: `${SHOTS}/sync-korean-1440.png` });

  // Details: every step in words, with the technical text to select and copy, inside the window.
  const detailsButton = app.syncStatus.getByRole('button', { name: '자세히' });
  await detailsButton.click();
  await expect(detailsButton).toHaveAttribute('aria-expanded', 'true');
  const details = page.getByTestId('sync-details');
  await expect(details).toBeVisible();
  await expect(details.getByRole('heading')).toHaveText('동기화 세부 정보: Demo helpdesk');
  await expect(details.locator('[data-testid="sync-notice-item"][data-step="agents"]')).toHaveCount(1);
  await expect(details.locator('[data-step="cases"]')).toContainText('티켓 기록 일부를 읽지 못했습니다');
  await expect(details.locator('[data-step="agents"]')).toContainText('담당자 이름은 대신 케이스 정보에서 가져옵니다.');
  const technical = details.getByTestId('sync-notice-technical');
  await expect(technical.first()).toBeVisible();
  await expect(details).toContainText('/api/v2/users.json (403');
  await expect(details).toContainText('/api/v2/incremental/tickets/cursor.json');
  expect(await technical.first().evaluate((el) => getComputedStyle(el).userSelect), 'the technical text can be selected').not.toBe('none');
  await expectWithinViewport(page, details, 'the details panel');
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${SHOTS}/sync-korean-details-1440.png` });
  await expectAccessible(page, '[data-testid="sync-details"]', 'the open details panel');

  // Escape closes it, and focus goes back to the button.
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(detailsButton).toBeFocused();

  // A narrower window: still no overflow, the panel still fits.
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectNoHorizontalOverflow(page);
  await expectWithinViewport(page, page.getByRole('button', { name: '설정', exact: true }), 'the Settings button at 1024 px');
  await expectWithinViewport(page, app.syncStatus, 'the status line at 1024 px');
  await detailsButton.click();
  await expect(details).toBeVisible();
  await expectWithinViewport(page, details, 'the details panel at 1024 px');
  await page.screenshot({ path: `${SHOTS}/sync-korean-details-1024.png` });
  await page.keyboard.press('Escape');

  // Settings → the account lists the same steps in words, the technical text behind a disclosure.
  const settings = page.getByRole('dialog', { name: '설정', exact: true });
  await page.getByRole('button', { name: '설정', exact: true }).click();
  const accountNotices = settings.getByTestId('account-notices');
  await expect(accountNotices.locator('[data-step="agents"]')).toContainText('상담원 목록을 불러오지 못했습니다');
  const disclosure = accountNotices.locator('[data-step="agents"] summary');
  await expect(disclosure).toHaveText('기술 세부 정보');
  await expect(accountNotices.locator('[data-step="agents"]').getByTestId('sync-notice-technical')).toBeHidden();
  await disclosure.click();
  await expect(accountNotices.locator('[data-step="agents"]').getByTestId('sync-notice-technical')).toContainText('403');
  // A refused step does not make the account read as broken.
  await expect(settings.locator('.account-status')).not.toHaveText('오류');
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${SHOTS}/sync-korean-settings-1024.png` });
});

test('removing an account asks first: Cancel and Escape keep it, Remove account removes it', async ({ own, page }) => {
  const host = await own.start();
  const app = await own.open(host);
  const [account] = await host.rpc.call('accounts:list', {});
  const ui = new OutboxUi(app);

  // One change waiting in the outbox: the question says it would be lost.
  await ui.setWorkOffline(true);
  const [ticket] = (await host.truth.tickets()).filter((t) => t.status === 'open');
  await app.openCase(ticket!.id, ticket!.status);
  await ui.addTag('before-removal');
  await expect(ui.count).toHaveText('1');

  const settings = await app.openSettings();
  const removeButton = settings.getByRole('button', { name: 'Remove', exact: true });
  await removeButton.click();
  const confirm = page.getByRole('alertdialog', { name: `Remove ${account!.name}?`, exact: true });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('This deletes from this computer:');
  const cases = (await host.rpc.call('sync:status', {}))[0]!.cases.done;
  await expect(confirm.getByTestId('remove-cached')).toContainText(`${cases.toLocaleString('en-US')} cases`);
  await expect(confirm.getByTestId('remove-outbox')).toHaveText('1 change in the outbox that has not reached the helpdesk: it will never be sent');
  await expect(confirm).toContainText('any drafts you started on its cases');
  await expect(confirm).toContainText('The helpdesk itself is not changed');
  await expect(confirm.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/remove-account.png` });
  await expectAccessible(page, '[data-testid="remove-account-dialog"]', 'the remove question');

  // Escape cancels (and only the question closes, not Settings).
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(settings).toBeVisible();
  await expect(removeButton).toHaveCount(1);

  // Cancel keeps it.
  await removeButton.click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(removeButton).toHaveCount(1);
  expect(await host.rpc.call('accounts:list', {}), 'still there in core').toHaveLength(1);

  // Remove account removes it.
  await removeButton.click();
  await confirm.getByRole('button', { name: 'Remove account', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(settings.getByText('No accounts yet.')).toBeVisible();
  await expect(removeButton).toHaveCount(0);
  await expect.poll(async () => (await host.rpc.call('accounts:list', {})).length, { message: 'removed in core' }).toBe(0);
  await expect(settings).toBeVisible();
});

test('records sync could not read: the sync line counts them and a dialog lists them', async ({ own, page }) => {
  // The demo's edge cases (on by default): one ticket, one comment event and one user the exports
  // send unreadable, and values to map (a priority "critical", via ids we have no channel for).
  const host = await own.start();
  const { unreadableRecords, valuesToMap } = await host.truth.admin<{ unreadableRecords: UnreadableRecord[]; valuesToMap: ValueToMap[] }>('GET', '/__demo/dataset');
  expect(unreadableRecords.map((r) => r.kind).sort(), 'the demo sends one unreadable ticket, comment and user').toEqual(['comment', 'ticket', 'user']);
  const { skipped } = (await host.rpc.call('sync:status', {}))[0]!.recordIssues;
  expect(skipped, 'core counts each of them').toBe(unreadableRecords.length);
  const listed = await host.rpc.call('sync:recordIssues', { accountId: 1 });

  const app = await own.open(host);
  const button = app.syncStatus.getByTestId('records-skipped');
  await expect(button).toHaveText(`${skipped} records skipped`);
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Records sync could not read: Demo helpdesk', exact: true });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: `Left out (${skipped})` })).toBeVisible();
  const rows = dialog.locator('[data-testid="record-issue"][data-issue="skipped"]');
  await expect(rows).toHaveCount(skipped);
  // The unreadable ticket by its id, with what was wrong in the helpdesk's terms.
  const ticket = unreadableRecords.find((r) => r.kind === 'ticket')!;
  const ticketRow = rows.and(page.locator(`[data-kind="ticket"][data-remote-id="${ticket.id}"]`));
  await expect(ticketRow).toContainText(`Ticket ${ticket.id}`);
  await expect(ticketRow.locator('code')).toContainText('updated_at');
  // The comment event and the user came without an id: listed as such.
  await expect(rows.and(page.locator('[data-kind="comment"]'))).toContainText('Comment (no id)');
  await expect(rows.and(page.locator('[data-kind="user"]'))).toContainText('Person (no id)');
  // Stored with defaults: the ticket whose priority is "critical", among the others core lists.
  const mapped = dialog.locator('[data-testid="record-issue"][data-issue="mapped"]');
  await expect(mapped).toHaveCount(listed.filter((i) => i.issue === 'mapped').length);
  const critical = valuesToMap.find((v) => v.kind === 'ticket-priority')!;
  await expect(mapped.and(page.locator(`[data-kind="ticket"][data-remote-id="${critical.id}"]`))).toContainText(`Ticket ${critical.id} · priority: "critical"`);
  await expectWithinViewport(page, dialog, 'the records dialog');
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${SHOTS}/records-skipped.png` });
  await expectAccessible(page, '[data-testid="record-issues"]', 'the records dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  // The same count, and the same list, from the account in Settings.
  const settings = await app.openSettings();
  await settings.getByTestId('records-skipped').click();
  await expect(dialog).toBeVisible();
  await expect(rows).toHaveCount(skipped);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(settings, 'Escape closes only the list').toBeVisible();
});

test('values the helpdesk sends that we have no name for: the raw value beside ours', async ({ own, page }) => {
  const host = await own.start();
  const { valuesToMap } = await host.truth.admin<{ valuesToMap: ValueToMap[] }>('GET', '/__demo/dataset');
  const app = await own.open(host);

  // A priority "critical": shown as ours, with a small note of the helpdesk's own value.
  const critical = await host.truth.ticket(valuesToMap.find((v) => v.kind === 'ticket-priority')!.id);
  await app.openCase(critical.id, critical.status);
  await expect(app.caseRegion.getByTestId('field-unmapped')).toHaveText('helpdesk: critical');

  // A comment sent with a via id we have no channel for: "Other (via 74)" on the message.
  const tickets = (await host.truth.tickets()).sort((a, b) => b.id - a.id);
  let found: { ticketId: number; status: string; raw: string } | null = null;
  for (const ticket of tickets) {
    const comment = (await host.truth.comments(ticket.id)).find((c) => expectedChannelKind(c.via) === 'other');
    if (comment) {
      found = { ticketId: ticket.id, status: ticket.status, raw: String(comment.via.channel) };
      break;
    }
  }
  expect(found, 'a demo comment with a via id beyond the documented table').not.toBeNull();
  await app.openCase(found!.ticketId, found!.status);
  await expect(app.caseRegion.locator(`[role="img"][aria-label="Other (via ${found!.raw})"]`).first()).toBeAttached();
  // No case of this dataset is 'other' itself: the sidebar has no empty Other view.
  const counts = await host.rpc.call('inbox:counts', {});
  if (counts['channel:other'] === 0) await expect(app.view('channel:other')).toHaveCount(0);
  else await expect(app.viewCount('channel:other')).toHaveText(String(counts['channel:other']));
  await page.screenshot({ path: `${SHOTS}/channel-other.png` });
});
