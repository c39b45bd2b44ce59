import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { RpcClient, waitForSyncComplete } from '../e2e/helpers/rpc-client';
import { startWebHost, type WebHost } from '../e2e/helpers/web-host';
import { percentile, report, round } from './stats';

// The UI over a 100k-case cache, in Debian's Chromium against the web host (DESIGN §10):
//   first_rows_ms       navigation start → first inbox row painted (median of 5 fresh loads; budget ≤ 2000)
//   open_case_p95_ms    click on a row → that case's thread painted, over 50 cases (budget ≤ 100)
//   scroll_frame_p95_ms frame times while the inbox scrolls through 5,000 rows (budget ≤ 20)
// The web host runs the embedded demo helpdesk (rate limits off) and syncs a fresh profile first.

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
const VIEWPORT = { width: 1440, height: 900 };
/** tsx compiles with esbuild's keepNames, which wraps named inner functions in __name(); functions sent to the page need it there. */
const KEEP_NAMES_SHIM = 'globalThis.__name ??= (fn) => fn;';

const log = (message: string) => console.error(`[ui-bench] ${message}`);

/** One fresh load: ms from navigation start to the first [role=option] row painted. */
async function firstRows(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __firstRowPaintedAt?: number };
      const observer = new MutationObserver(() => {
        if (document.querySelector('[role="listbox"] [role="option"]')) {
          observer.disconnect();
          // The frame that paints the row runs right after this rAF; the message lands after it.
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => (w.__firstRowPaintedAt = performance.now());
            channel.port2.postMessage(null);
          });
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __firstRowPaintedAt?: number }).__firstRowPaintedAt !== undefined, null, { timeout: 30_000, polling: 50 });
    return page.evaluate(() => (window as unknown as { __firstRowPaintedAt: number }).__firstRowPaintedAt);
  } finally {
    await context.close();
  }
}

/** Arms a watcher (window.__open): pointerdown time, and the paint after the case pane shows only new articles. */
async function armOpenWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __open?: { clickAt: number | null; paintedAt: number | null } };
    const region = () => document.querySelector('[role="region"][aria-label="Case"]');
    const before = new Set(Array.from((region()?.querySelectorAll('article') ?? [])).map((a) => a.getAttribute('data-message-id')));
    const state = { clickAt: null as number | null, paintedAt: null as number | null };
    w.__open = state;
    const onDown = (e: Event) => {
      state.clickAt = e.timeStamp;
      document.removeEventListener('pointerdown', onDown, true);
    };
    document.addEventListener('pointerdown', onDown, true);
    const check = () => {
      if (state.clickAt === null) return false;
      const articles = Array.from((region()?.querySelectorAll('article') ?? []));
      if (articles.length === 0 || articles.some((a) => before.has(a.getAttribute('data-message-id')))) return false;
      return true;
    };
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (state.paintedAt = performance.now());
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-message-id'] });
  });
}

async function openCaseTimed(page: Page, rpc: RpcClient, caseId: string): Promise<{ ms: number; ok: boolean }> {
  const row = page.locator(`[role="listbox"] [role="option"][data-case-id="${caseId}"]`);
  await row.scrollIntoViewIfNeeded();
  const box = await row.boundingBox();
  if (!box) throw new Error(`row ${caseId} has no box`);
  await armOpenWatch(page);
  await page.mouse.click(box.x + Math.min(200, box.width / 2), box.y + box.height / 2);
  await page.waitForFunction(() => (window as unknown as { __open: { paintedAt: number | null } }).__open.paintedAt !== null, null, { timeout: 10_000, polling: 'raf' });
  const { clickAt, paintedAt } = await page.evaluate(() => (window as unknown as { __open: { clickAt: number; paintedAt: number } }).__open);
  // Check it was the right case: title and message count as core has them.
  const detail = await rpc.call('cases:get', { id: Number(caseId) });
  const shown = await page.evaluate(() => {
    const region = document.querySelector('[role="region"][aria-label="Case"]');
    return { title: region?.querySelector('h1')?.textContent?.trim() ?? null, articles: region?.querySelectorAll('article').length ?? 0, frames: region?.querySelectorAll('iframe').length ?? 0 };
  });
  // The slow ones, with what they showed, so a regression can be traced to a kind of case.
  if (paintedAt - clickAt > 80) log(`slow open: case ${caseId} ${round(paintedAt - clickAt, 1)} ms, ${shown.articles} messages, ${shown.frames} HTML frames`);
  const ok = !!detail && shown.title === detail.subject.trim() && shown.articles === detail.thread.length;
  return { ms: paintedAt - clickAt, ok };
}

async function openCases(page: Page, rpc: RpcClient, count: number, warmup: number): Promise<{ times: number[]; mismatches: number }> {
  const times: number[] = [];
  let mismatches = 0;
  const opened = new Set<string>();
  const list = page.getByRole('listbox', { name: 'Cases', exact: true });
  for (let guard = 0; times.length < count && guard < 200; guard++) {
    const visible = await list.locator('[role="option"]').evaluateAll((rows) => {
      const box = rows[0]?.closest('[role="listbox"]')?.getBoundingClientRect();
      return rows
        .filter((r) => {
          const b = r.getBoundingClientRect();
          return !box || (b.top >= box.top && b.bottom <= Math.min(box.bottom, window.innerHeight));
        })
        .map((r) => r.getAttribute('data-case-id') ?? '');
    });
    const next = visible.find((id) => id !== '' && !opened.has(id));
    if (!next) {
      await scrollContainer(page, 'page');
      await page.waitForTimeout(300);
      continue;
    }
    opened.add(next);
    const { ms, ok } = await openCaseTimed(page, rpc, next);
    if (opened.size <= warmup) continue;
    times.push(ms);
    if (!ok) mismatches++;
  }
  return { times, mismatches };
}

/** Scrolls the inbox's scroll container by one page. */
async function scrollContainer(page: Page, by: 'page'): Promise<void> {
  await page.evaluate((how) => {
    const row = document.querySelector('[role="listbox"] [role="option"]');
    let el: HTMLElement | null = row as HTMLElement | null;
    while (el && !(el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
    if (el && how === 'page') el.scrollTop += el.clientHeight * 0.8;
  }, by);
}

/** Scrolls through `rows` rows in steps of `rowsPerFrame`, one step per animation frame, recording frame times. */
async function scrollFrames(page: Page, rows: number, rowsPerFrame: number): Promise<{ deltas: number[]; rowHeight: number; blankFrames: number; scrolledRows: number }> {
  return page.evaluate(
    ({ rows: total, perFrame }) =>
      new Promise<{ deltas: number[]; rowHeight: number; blankFrames: number; scrolledRows: number }>((resolve, reject) => {
        const first = document.querySelector('[role="listbox"] [role="option"]') as HTMLElement | null;
        if (!first) return reject(new Error('no rows'));
        let el: HTMLElement | null = first;
        while (el && !(el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
        if (!el) return reject(new Error('no scroll container around the rows'));
        const container = el;
        const rowHeight = first.getBoundingClientRect().height;
        container.scrollTop = 0;
        const start = container.scrollTop;
        const distance = total * rowHeight;
        const deltas: number[] = [];
        let blankFrames = 0;
        let last: number | null = null;
        const frame = (now: number) => {
          if (last !== null) deltas.push(now - last);
          last = now;
          // Is a row showing in the middle of the list right now?
          const box = container.getBoundingClientRect();
          const probe = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          if (!probe?.closest('[role="option"]')) blankFrames++;
          const before = container.scrollTop;
          container.scrollTop = before + perFrame * rowHeight;
          const stuck = container.scrollTop === before;
          if (container.scrollTop - start >= distance || stuck) {
            resolve({ deltas, rowHeight, blankFrames, scrolledRows: Math.round((container.scrollTop - start) / rowHeight) });
            return;
          }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { rows, perFrame: rowsPerFrame },
  );
}

export async function run(args: string[]): Promise<void> {
  const cases = Number(args[0] ?? 100_000);
  // The demo's API limits are off, as in the sync bench: the bench measures the UI, not the demo's budget.
  const extraArgs = ['--demo-rate-limits', 'off', ...(process.env.SHIFTDESK_UI_BENCH_HOST_ARGS ?? '').split(/\s+/).filter(Boolean)];
  // For iterating on the UI part only: a profile folder kept between runs (synced once). The
  // reported figures come from a fresh profile (the default).
  const profileDir = process.env.SHIFTDESK_UI_BENCH_PROFILE;
  log(`starting the web host with ${cases} demo cases${profileDir ? ` on the kept profile ${profileDir}` : ' on a fresh profile'}`);
  const host: WebHost = await startWebHost({ cases, seed: 1, liveIntervalMs: 3_600_000, extraArgs, startTimeoutMs: 300_000, stderr: 'inherit', ...(profileDir ? { profileDir } : {}) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

  try {
    const rpc = await RpcClient.connect(host.appUrl);
    const syncStarted = performance.now();
    let lastLog = 0;
    await waitForSyncComplete(rpc, 30 * 60_000, (status) => {
      if (performance.now() - lastLog < 15_000) return;
      lastLog = performance.now();
      const s = status[0];
      log(s ? `sync: ${s.state}/${s.phase} cases ${s.cases.done}/${s.cases.total ?? '?'} messages ${s.messages.done}/${s.messages.total ?? '?'} searchPending ${s.searchPending}${s.error ? ` error ${s.error}` : ''}` : 'sync: no account yet');
    });
    const syncMs = performance.now() - syncStarted;
    // The first sync writes ~600 MB; the kernel writes those dirty pages back for a minute after.
    // The figures are about the UI over a cached profile, not about that write-back, so flush it first.
    const flushStarted = performance.now();
    execFileSync('sync');
    log(`synced in ${round(syncMs / 1000, 1)} s; disk write-back flushed in ${round((performance.now() - flushStarted) / 1000, 1)} s; settling 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const loads: number[] = [];
    for (let i = 0; i < 5; i++) loads.push(await firstRows(browser, host.appUrl));
    log(`first rows: ${loads.map((v) => round(v)).join(', ')} ms`);

    const benchContext = await browser.newContext({ viewport: VIEWPORT });
    await benchContext.addInitScript({ content: KEEP_NAMES_SHIM });
    const page = await benchContext.newPage();
    await page.goto(host.appUrl);
    await page.getByTestId('view-solved').click();
    await page.locator('[role="listbox"] [role="option"]').first().waitFor();
    const total = Number(await page.getByTestId('inbox-total').textContent());
    const { times, mismatches } = await openCases(page, rpc, 50, 3);
    log(`open case: ${times.map((v) => round(v, 1)).join(', ')} ms`);

    // Back to the top of the solved view, then scroll 5,000 rows at 5 rows a frame.
    await page.getByTestId('view-all_open').click();
    await page.getByTestId('view-solved').click();
    await page.locator('[role="listbox"] [role="option"]').first().waitFor();
    await page.waitForTimeout(500);
    const scroll = await scrollFrames(page, 5_000, 5);
    log(`scroll: ${scroll.deltas.length} frames, row height ${scroll.rowHeight}px, ${scroll.scrolledRows} rows, ${scroll.blankFrames} frames without a row in the middle`);
    await benchContext.close();
    rpc.close();

    report({
      bench: 'ui',
      cases,
      first_rows_ms: round(percentile(loads, 50)),
      open_case_p95_ms: round(percentile(times, 95)),
      scroll_frame_p95_ms: round(percentile(scroll.deltas, 95)),
      first_rows_max_ms: round(Math.max(...loads)),
      open_case_p50_ms: round(percentile(times, 50)),
      open_case_max_ms: round(Math.max(...times)),
      opened_cases: times.length,
      open_case_mismatches: mismatches,
      scroll_frame_p50_ms: round(percentile(scroll.deltas, 50)),
      scroll_frames: scroll.deltas.length,
      scrolled_rows: scroll.scrolledRows,
      scroll_blank_frames: scroll.blankFrames,
      solved_view_total: total,
      sync_seconds: round(syncMs / 1000, 1),
    });
  } finally {
    await browser.close();
    await host.stop();
  }
}
