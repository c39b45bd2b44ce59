import { test as base, expect } from '@playwright/test';
import { App } from './app';
import { startDemoProcess, type DemoProcess, type DemoProcessOptions } from './demo-process';
import { startSyncedHost, type HostFixture } from './fixtures';
import type { SyncStatusView } from '../../../src-shared/contract/api';
import type { WebHostOptions } from './web-host';

// Fixtures for tests that change the helpdesk or the host itself (going offline, stopping the
// helpdesk, restarting the web host): each test starts its own small host(s) instead of sharing the
// worker's, and whatever it started is stopped afterwards, pass or fail. A 200-case host syncs in
// about a second.

export const OWN_CASES = 200;
export const OWN_SEED = 7;

export interface OwnHosts {
  /**
   * A web host on a fresh (or the given) profile, synced; stopped at the end of the test.
   * `syncedAccounts`: wait only for these accounts' first sync (one left unable to sync, say).
   */
  start(options?: Partial<WebHostOptions>, syncedAccounts?: (status: SyncStatusView) => boolean): Promise<HostFixture>;
  /** Stops a host early (e.g. to restart it on the same profile). */
  stop(host: HostFixture): Promise<void>;
  /** The demo helpdesk as its own process (see demo-process.ts); stopped at the end of the test. */
  startDemo(options?: Partial<DemoProcessOptions>): Promise<DemoProcess>;
  /** A page object on a host, loaded. */
  open(host: HostFixture): Promise<App>;
}

export const test = base.extend<{ own: OwnHosts }>({
  own: async ({ page }, use, testInfo) => {
    const hosts: HostFixture[] = [];
    const stopped = new Set<HostFixture>();
    const demos: DemoProcess[] = [];
    const consoleLines: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') consoleLines.push(`[${msg.type()}] ${msg.text()}`);
    });
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));

    const stop = async (host: HostFixture) => {
      if (stopped.has(host)) return;
      stopped.add(host);
      host.rpc.close();
      await host.web.stop();
    };
    await use({
      start: async (options = {}, syncedAccounts) => {
        const host = await startSyncedHost({ cases: OWN_CASES, seed: OWN_SEED, ...options }, undefined, syncedAccounts);
        hosts.push(host);
        return host;
      },
      stop,
      startDemo: async (options = {}) => {
        const demo = await startDemoProcess({ cases: OWN_CASES, seed: OWN_SEED, ...options });
        demos.push(demo);
        return demo;
      },
      open: async (host) => {
        const app = new App(page, host.web.appUrl);
        await app.goto();
        return app;
      },
    });

    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('browser-console', { body: consoleLines.join('\n') || '(none)', contentType: 'text/plain' });
      for (const [i, host] of hosts.entries()) {
        await testInfo.attach(`web-host-${i + 1}-stderr`, { body: host.web.stderrText().slice(-20_000) || '(none)', contentType: 'text/plain' });
      }
      for (const [i, demo] of demos.entries()) await testInfo.attach(`demo-${i + 1}-stderr`, { body: demo.stderrText() || '(none)', contentType: 'text/plain' });
    }
    for (const host of hosts) await stop(host);
    for (const demo of demos) await demo.stop();
  },
});

export { expect };
