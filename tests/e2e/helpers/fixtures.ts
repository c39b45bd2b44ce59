import { test as base, expect } from '@playwright/test';
import { App } from './app';
import { DemoTruth, type DatasetSummary } from './demo-truth';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import { RpcClient, waitForSyncComplete } from './rpc-client';
import { startWebHost, type WebHost, type WebHostOptions } from './web-host';

// Playwright fixtures: one web host (300 demo cases, seed 7) per worker, synced once and shared by
// every test the worker runs; `app` is a fresh page on it. Tests that change shared state (settings,
// live changes) restore it or compare against the truth read at the time.

export const E2E_CASES = 300;
export const E2E_SEED = 7;

export interface HostFixture {
  web: WebHost;
  truth: DemoTruth;
  summary: DatasetSummary;
  /** The app's contract over the web host's WebSocket (to wait for sync and read what core holds). */
  rpc: RpcClient;
}

/**
 * Starts a web host and waits until its first sync is complete (asked through the app's own
 * contract): of every account, or of the accounts `syncedAccounts` picks.
 */
export async function startSyncedHost(options: WebHostOptions, syncTimeoutMs = 120_000, syncedAccounts?: (status: SyncStatusView) => boolean): Promise<HostFixture> {
  const web = await startWebHost(options);
  let rpc: RpcClient | null = null;
  try {
    rpc = await RpcClient.connect(web.appUrl);
    await waitForSyncComplete(rpc, syncTimeoutMs, undefined, syncedAccounts);
    const truth = new DemoTruth(web.demoUrl);
    return { web, truth, rpc, summary: await truth.summary() };
  } catch (error) {
    rpc?.close();
    const stderr = web.stderrText();
    await web.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nweb host stderr (tail):\n${stderr.slice(-4000)}`);
  }
}

export const test = base.extend<{ app: App; diagnostics: void }, { host: HostFixture }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    async ({}, use) => {
      const host = await startSyncedHost({ cases: E2E_CASES, seed: E2E_SEED });
      await use(host);
      host.rpc.close();
      await host.web.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  app: async ({ page, host }, use) => {
    const app = new App(page, host.web.appUrl);
    await app.goto();
    await use(app);
  },
  // On failure: attach the page's console errors and the host's stderr.
  diagnostics: [
    async ({ page, host }, use, testInfo) => {
      const consoleLines: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') consoleLines.push(`[${msg.type()}] ${msg.text()}`);
      });
      page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
      const stderrBefore = host.web.stderrText().length;
      await use();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('browser-console', { body: consoleLines.join('\n') || '(none)', contentType: 'text/plain' });
        await testInfo.attach('web-host-stderr', { body: host.web.stderrText().slice(stderrBefore).slice(-20_000) || '(none)', contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
});

export { expect };
