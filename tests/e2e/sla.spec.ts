import type { Page } from '@playwright/test';
import type { InboxRow } from '../../src-shared/contract/models';
import type { CaseSlaClock } from '../../src-shared/contract/sla';
import type { InboxSort, ViewId } from '../../src-shared/domain/views';
import { App } from './helpers/app';
import { expect, test, type HostFixture } from './helpers/fixtures';
import { docShot } from './helpers/doc-shot';

// SLA in the UI (issue 7, docs/sla.md § In the UI, docs/ui-contract.md § SLA): the badge and its
// countdown, the "Next SLA breach" sort, and the at-risk notification, raised once per case +
// target + due time. The page's clock is Playwright's (`page.clock`), so the test moves the page
// past a clock's at-risk time without waiting; core keeps real time, so the page must turn the
// badge at risk and notify by itself, as it does offline.

const MIN = 60_000;
const RECORDED = 'sla-e2e-notifications';

/**
 * A stand-in for the web Notification API: permission as given, and every notification recorded,
 * in `window.__notifications` (the objects, to click) and in sessionStorage (to count across reloads).
 */
function notificationStub(permission: 'granted' | 'denied'): string {
  return `(() => {
    const live = [];
    class RecordingNotification {
      static permission = ${JSON.stringify(permission)};
      static requestPermission() { return Promise.resolve(RecordingNotification.permission); }
      constructor(title, options = {}) {
        this.title = title;
        this.body = options.body ?? '';
        this.tag = options.tag ?? '';
        this.onclick = null;
        this.closed = false;
        live.push(this);
        const saved = JSON.parse(sessionStorage.getItem(${JSON.stringify(RECORDED)}) ?? '[]');
        saved.push({ title: this.title, body: this.body, tag: this.tag });
        sessionStorage.setItem(${JSON.stringify(RECORDED)}, JSON.stringify(saved));
      }
      close() { this.closed = true; }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
    Object.defineProperty(window, '__notifications', { value: live, configurable: true });
  })();`;
}

interface Recorded {
  title: string;
  body: string;
  tag: string;
}

/** Every notification this tab raised, across reloads. */
function recorded(page: Page): Promise<Recorded[]> {
  return page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? '[]') as Recorded[], RECORDED);
}

/** Notifications about one clock of one case (the tag carries account, helpdesk id and target). */
async function recordedFor(page: Page, remoteId: string, target: string): Promise<Recorded[]> {
  return (await recorded(page)).filter((n) => n.tag.includes(`:${remoteId}:${target}:`));
}

interface Candidate {
  row: InboxRow;
  clock: CaseSlaClock & { dueAt: number; atRiskAt: number };
}

/** My open cases as core holds them, next breach first. */
async function myRows(host: HostFixture): Promise<InboxRow[]> {
  const page = await host.rpc.call('inbox:list', { view: 'mine', filters: {}, sort: 'next_breach', offset: 0, limit: 500 });
  return page.rows;
}

/** How far past a clock's at-risk time the tests move the page. */
const PAST_AT_RISK = 30_000;

/**
 * The case of mine whose clock turns at risk next (a first-reply clock if one is running, else any)
 * and that no other clock of mine follows within PAST_AT_RISK: moving the page just past its
 * at-risk time makes it the last of my cases to go at risk, whatever else does on the way.
 */
async function nextToGoAtRisk(host: HostFixture, marginMs = 2 * MIN): Promise<Candidate> {
  const now = Date.now();
  const all: Candidate[] = [];
  for (const row of await myRows(host)) {
    for (const clock of row.sla?.clocks ?? []) {
      if (clock.dueAt === null || clock.atRiskAt === null) continue;
      all.push({ row, clock: { ...clock, dueAt: clock.dueAt, atRiskAt: clock.atRiskAt } });
    }
  }
  const alone = (c: Candidate) =>
    !all.some((o) => o.row.id !== c.row.id && o.clock.state === 'ok' && o.clock.atRiskAt >= c.clock.atRiskAt && o.clock.atRiskAt <= c.clock.atRiskAt + PAST_AT_RISK);
  const upcoming = all.filter((c) => c.clock.state === 'ok' && c.clock.atRiskAt >= now + marginMs && alone(c)).sort((a, b) => a.clock.atRiskAt - b.clock.atRiskAt);
  const firstReply = upcoming.find((c) => c.clock.target === 'first_reply');
  const chosen = firstReply && firstReply.clock.atRiskAt === upcoming[0]!.clock.atRiskAt ? firstReply : upcoming[0];
  if (!chosen) throw new Error('no case assigned to me has a running SLA clock that turns at risk later (demo SLA policies missing?)');
  return chosen;
}

/** Moves the page's clock to `at` (it keeps flowing from there). */
async function movePageTo(page: Page, at: number): Promise<void> {
  const pageNow = await page.evaluate(() => Date.now());
  if (at > pageNow) await page.clock.fastForward(Math.ceil(at - pageNow));
}

async function openApp(page: Page, host: HostFixture, permission: 'granted' | 'denied'): Promise<App> {
  await page.addInitScript(notificationStub(permission));
  await page.clock.install();
  const app = new App(page, host.web.appUrl);
  await app.goto();
  return app;
}

test.describe('SLA', () => {
  test('a case nearing breach turns at risk and raises exactly one notification', async ({ page, host }) => {
    const { row, clock } = await nextToGoAtRisk(host);
    const app = await openApp(page, host, 'granted');

    // The case in my view (narrowed to it, so the virtualized list shows its row).
    await app.switchView('mine');
    await app.textFilter.fill(row.remoteId);
    const badge = app.row(row.remoteId).getByTestId('row-sla');
    await expect(badge).toHaveAttribute('data-state', 'ok');
    await expect(badge).toHaveAttribute('data-due-at', String(row.sla!.next?.dueAt ?? ''));
    expect(await recordedFor(page, row.remoteId, clock.target)).toEqual([]);

    // Past its at-risk time (core says nothing: only the page's clock moves).
    await movePageTo(page, clock.atRiskAt + PAST_AT_RISK);
    if (row.sla!.next?.target === clock.target) await expect(badge).toHaveAttribute('data-state', 'at_risk');
    await expect.poll(() => recordedFor(page, row.remoteId, clock.target)).toHaveLength(1);
    const [notice] = await recordedFor(page, row.remoteId, clock.target);
    expect(notice!.title).toMatch(/^(First reply|Next reply|Resolution) at risk: /);
    expect(notice!.body).toContain(`#${row.remoteId}`);

    // More ticks: still one.
    await page.clock.runFor(5_000);
    await page.clock.fastForward(2 * MIN);
    await page.waitForTimeout(500);
    expect(await recordedFor(page, row.remoteId, clock.target)).toHaveLength(1);

    // Clicking it opens the case.
    await app.textFilter.fill('');
    await page.evaluate((tag) => {
      const list = (window as unknown as { __notifications: { tag: string; onclick: (() => void) | null }[] }).__notifications;
      list.find((n) => n.tag === tag)!.onclick!();
    }, notice!.tag);
    await expect(app.caseRegion).toBeVisible();
    await expect(app.caseRegion.getByText(`#${row.remoteId}`, { exact: true })).toBeVisible();
    await expect(app.caseTitle).toHaveText(row.subject || '(no subject)');
    if (row.sla!.next?.target === clock.target) await expect(app.caseRegion.getByTestId('case-sla')).toHaveAttribute('data-state', 'at_risk');

    // A reload (the page's clock stays moved on): the same clock is not told again.
    await page.reload();
    await expect(app.list).toBeVisible({ timeout: 20_000 });
    await movePageTo(page, clock.atRiskAt + 3 * MIN);
    await app.textFilter.fill(row.remoteId);
    if (row.sla!.next?.target === clock.target) await expect(badge).toHaveAttribute('data-state', 'at_risk');
    await page.clock.runFor(5_000);
    await page.waitForTimeout(1_000);
    expect(await recordedFor(page, row.remoteId, clock.target)).toHaveLength(1);
  });

  test('without permission the notice shows in the status bar and opens the case', async ({ page, host }) => {
    const { row, clock } = await nextToGoAtRisk(host);
    const app = await openApp(page, host, 'denied');
    await movePageTo(page, clock.atRiskAt + PAST_AT_RISK);
    const alert = page.locator('footer').getByTestId('sla-alert');
    await expect(alert).toHaveAttribute('data-case-id', String(row.id));
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toContainText(`at risk: #${row.remoteId}`);
    expect(await recorded(page)).toEqual([]);
    await alert.getByRole('button', { name: 'Open case', exact: true }).click();
    // Gone (or the next one shows, for a case that was at risk already when the page opened).
    await expect(page.locator(`footer [data-testid="sla-alert"][data-case-id="${row.id}"]`)).toHaveCount(0);
    await expect(app.caseRegion.getByText(`#${row.remoteId}`, { exact: true })).toBeVisible();
  });

  test('the badge shows the next clock and counts down', async ({ page, host }) => {
    const app = await openApp(page, host, 'granted');
    const now = Date.now();
    const row = (await myRows(host)).find((r) => r.sla?.next && r.sla.next.state === 'ok' && r.sla.next.dueAt !== null && r.sla.next.dueAt - now > 31 * MIN);
    if (!row) throw new Error('no case of mine with a running SLA clock more than 31 minutes from its due time');
    const next = row.sla!.next!;
    await app.switchView('mine');
    await app.textFilter.fill(row.remoteId);
    const badge = app.row(row.remoteId).getByTestId('row-sla');
    await expect(badge).toHaveAttribute('data-target', next.target);
    const targetName = { first_reply: 'First reply', next_reply: 'Next reply', resolution: 'Resolution' }[next.target];
    await expect(badge).toContainText(targetName);
    await expect(badge).toHaveAttribute('aria-label', new RegExp(`^SLA ${targetName}: .+ left, (on track|at risk)$`));
    await expect(badge).toHaveAttribute('title', new RegExp(`^${targetName} due `));

    // Half an hour before the due time: "30 min", then three minutes later "27 min".
    const halfHourBefore = next.dueAt! - 30 * MIN - 40_000;
    await movePageTo(page, halfHourBefore);
    await expect(badge.locator('.sla-time')).toHaveText('30 min');
    await expect(badge).toHaveAttribute('data-state', halfHourBefore >= next.atRiskAt! ? 'at_risk' : 'ok');
    await page.clock.fastForward(3 * MIN);
    await expect(badge.locator('.sla-time')).toHaveText('27 min');
    await movePageTo(page, next.dueAt! - 50_000);
    await expect(badge.locator('.sla-time')).toHaveText(/^[1-5]?\d s$/);

    // Past the due time: red, and how long ago.
    await movePageTo(page, next.dueAt! + 12 * MIN + 10_000);
    await expect(badge).toHaveAttribute('data-state', 'breached');
    await expect(badge.locator('.sla-time')).toHaveText('breached 12 min ago');

    // The case header shows the same clock.
    await app.row(row.remoteId).click();
    await expect(app.caseRegion.getByTestId('case-sla')).toHaveAttribute('data-target', next.target);
    await expect(app.caseRegion.getByTestId('case-sla')).toHaveAttribute('data-state', 'breached');
  });

  test('sorting by next SLA breach puts the soonest due first', async ({ page, host }) => {
    const app = await openApp(page, host, 'granted');
    await app.switchView('all_open');
    await app.filter('Sort').selectOption('next_breach');
    await expect(app.filter('Sort')).toHaveValue('next_breach');
    await expect(app.rows.first()).toBeVisible();
    // Rows in order: due times never decrease, and rows without a running clock come after all that have one.
    await expect
      .poll(async () => {
        const dues = await app.list.locator('[role="option"]').evaluateAll((els) =>
          els
            .map((el) => ({ top: el.getBoundingClientRect().top, due: el.querySelector('[data-testid="row-sla"]')?.getAttribute('data-due-at') ?? null }))
            .sort((a, b) => a.top - b.top)
            .map((r) => (r.due === null ? null : Number(r.due))),
        );
        const timed = dues.filter((d): d is number => d !== null);
        const firstUntimed = dues.indexOf(null);
        const sorted = timed.every((d, i) => i === 0 || d >= timed[i - 1]!);
        const untimedLast = firstUntimed === -1 || dues.slice(firstUntimed).every((d) => d === null);
        return { enough: timed.length >= 3, sorted, untimedLast };
      })
      .toEqual({ enough: true, sorted: true, untimedLast: true });
    // The same order core gives for that sort.
    const core = await host.rpc.call('inbox:list', { view: 'all_open', filters: {}, sort: 'next_breach', offset: 0, limit: 5 });
    expect((await app.rowRemoteIds()).slice(0, 5).map(String)).toEqual(core.rows.map((r) => r.remoteId));
  });

  test('screenshot: the inbox with SLA badges', async ({ page, host }) => {
    // The view and sort whose first screenful shows the most badge states (the demo's clocks are
    // mostly breached: its cases are days old), with a case open so the header's badge shows too.
    const now = Date.now();
    const stateOf = (r: InboxRow) => {
      const c = r.sla?.next;
      if (!c) return 'none';
      if (c.state !== 'ok' && c.state !== 'at_risk') return c.state;
      return c.dueAt !== null && now >= c.dueAt ? 'breached' : c.atRiskAt !== null && now >= c.atRiskAt ? 'at_risk' : c.state;
    };
    let best: { view: ViewId; sort: InboxSort; score: number } = { view: 'all_open', sort: 'next_breach', score: -1 };
    for (const view of ['all_open', 'mine', 'unassigned', 'channel:chat', 'channel:messaging'] as const) {
      for (const sort of ['next_breach', 'newest', 'priority'] as const) {
        const rows = (await host.rpc.call('inbox:list', { view, filters: {}, sort, offset: 0, limit: 11 })).rows;
        const states = new Set(rows.map(stateOf).filter((x) => x !== 'none'));
        const score = states.size * 100 + rows.filter((r) => stateOf(r) !== 'none').length;
        if (score > best.score) best = { view, sort, score };
      }
    }
    const app = await openApp(page, host, 'granted');
    await app.switchView(best.view);
    await app.filter('Sort').selectOption(best.sort);
    await expect(app.rows.first()).toBeVisible();
    const shown = (await host.rpc.call('inbox:list', { view: best.view, filters: {}, sort: best.sort, offset: 0, limit: 11 })).rows;
    const open = shown.find((r) => stateOf(r) === 'at_risk') ?? shown.find((r) => stateOf(r) === 'ok') ?? shown[0];
    if (open) {
      await app.row(open.remoteId).click();
      await expect(app.caseRegion.getByText(`#${open.remoteId}`, { exact: true })).toBeVisible();
    }
    await page.mouse.move(0, 880);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(300);
    await page.screenshot({ path: docShot('sla.png'), animations: 'disabled', caret: 'hide' });
  });
});
