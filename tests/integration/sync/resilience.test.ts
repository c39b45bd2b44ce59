import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { AccountsRepo } from '../../../src-main/core/db/repos/accounts-repo';
import type { SyncDecision } from '../../../src-main/core/sync/sync-types';
import { fullyCaughtUp, openProfile, settledAnchor, waitForProgress } from '../../helpers/sync-harness';

const freshDb = () => join(mkdtempSync(join(tmpdir(), 'shiftdesk-resilience-')), 'profile.db');

describe('sync resilience', () => {
  let demo: DemoServer | undefined;
  afterEach(async () => {
    await demo?.close();
    demo = undefined;
  });

  it('honours 429 Retry-After and still completes', async () => {
    demo = await startDemoServer({ seed: 3, cases: 200, anchorTime: settledAnchor() });
    demo.faults.add({ pathPattern: '/incremental/tickets/cursor', kind: 'status', status: 429, retryAfter: 1, times: 2 });
    const { db, engine, connector } = openProfile({ dbPath: freshDb(), url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    const limited: number[] = [];
    const requestsAfter: number[] = [];
    const originalGet = connector.http.getJson.bind(connector.http);
    connector.http.getJson = async (url, options) => {
      if (String(url).includes('/incremental/tickets/cursor')) requestsAfter.push(Date.now());
      try {
        return await originalGet(url, options);
      } catch (error) {
        limited.push(Date.now());
        throw error;
      }
    };
    const started = Date.now();
    void engine.start();
    await waitForProgress(engine, fullyCaughtUp);
    await engine.stop();
    expect(connector.http.stats.rateLimited).toBe(2);
    expect(demo.stats().tooManyRequests).toBeGreaterThanOrEqual(2);
    // Two 429s with Retry-After: 1 → the export cannot finish before 2 s have passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(db.prepare('SELECT count(*) FROM cases WHERE synced = 1').pluck().get()).toBe(demo.dataset.syncGroundTruth().ticketIds.length);
    db.close();
  });

  it('refuses a wrong token with a clear account error', async () => {
    demo = await startDemoServer({ seed: 3, cases: 50, anchorTime: settledAnchor() });
    const { db, engine, accountId } = openProfile({ dbPath: freshDb(), url: demo.url, email: DEMO_AGENT_EMAIL, token: 'wrong' });
    await engine.start();
    const account = new AccountsRepo(db).get(accountId)!;
    expect(account.status).toBe('error');
    expect(account.lastError).toMatch(/refused the credentials \(401/);
    expect(engine.progress().state).toBe('error');
    db.close();
  });

  for (const kind of ['malformed-json', 'truncated-json', 'wrong-types', 'missing-fields'] as const) {
    it(`turns a ${kind} payload into a clear account error without writing half a batch, then recovers`, async () => {
      demo = await startDemoServer({ seed: 5, cases: 300, anchorTime: settledAnchor() });
      const decisions: SyncDecision[] = [];
      const { db, engine, accountId } = openProfile({
        dbPath: freshDb(),
        url: demo.url,
        email: DEMO_AGENT_EMAIL,
        token: DEMO_TOKEN,
        engine: { backoff: { baseMs: 400, capMs: 400 }, onDecision: (d) => decisions.push(d) },
      });
      demo.faults.add({ pathPattern: '/incremental/tickets/cursor', kind, times: 3 });
      void engine.start();
      const failing = await waitForProgress(engine, (p) => p.error !== null && /incremental\/tickets/.test(p.error));
      expect(failing.error).toMatch(kind === 'malformed-json' || kind === 'truncated-json' ? /malformed JSON/ : /unexpected payload/);
      const account = new AccountsRepo(db).get(accountId)!;
      expect(account.status).toBe('error');
      expect(account.lastError).toContain('/api/v2/incremental/tickets/cursor');
      // Nothing from the broken page was written: the cases cursor has not moved.
      expect(db.prepare(`SELECT count(*) FROM sync_cursors WHERE stream = 'cases' AND cursor IS NOT NULL`).pluck().get()).toBe(0);
      expect(decisions.some((d) => d.action === 'retry' && d.stream === 'cases')).toBe(true);
      // The fault passes; sync carries on to the end by itself.
      await waitForProgress(engine, fullyCaughtUp);
      expect(db.prepare('SELECT count(*) FROM cases WHERE synced = 1').pluck().get()).toBe(demo.dataset.syncGroundTruth().ticketIds.length);
      expect(new AccountsRepo(db).get(accountId)!.status).toBe('ok');
      await engine.stop();
      db.close();
    });
  }

  it('fetches my open cases with their whole threads before the history backfill', async () => {
    demo = await startDemoServer({ seed: 9, cases: 1500, anchorTime: settledAnchor() });
    const { db, engine } = openProfile({ dbPath: freshDb(), url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    let atFirstWork: { mine: number; complete: number; messages: number; totalCases: number } | null = null;
    void engine.start();
    await waitForProgress(engine, (p) => {
      if (p.firstWorkReady && atFirstWork === null) {
        atFirstWork = db
          .prepare(
            `SELECT count(*) AS mine, sum(thread_complete) AS complete, sum(message_count) AS messages, (SELECT count(*) FROM cases WHERE synced = 1) AS totalCases
             FROM cases c JOIN accounts a ON a.id = c.account_id JOIN agents ag ON ag.id = c.assignee_id AND ag.remote_id = a.me_remote_id WHERE c.queue != 'solved'`,
          )
          .get() as never;
      }
      return p.firstWorkReady;
    });
    await engine.stop();
    const me = demo.dataset.users().find((u) => u.email === DEMO_AGENT_EMAIL)!;
    const myOpen = demo.dataset.tickets().filter((t) => t.assignee_id === me.id && !['solved', 'closed'].includes(t.status));
    expect(myOpen.length).toBeGreaterThan(5);
    expect(atFirstWork).not.toBeNull();
    const snapshot = atFirstWork!;
    expect(snapshot.mine).toBe(myOpen.length);
    expect(snapshot.complete).toBe(myOpen.length);
    expect(snapshot.messages).toBe(myOpen.reduce((n, t) => n + demo!.dataset.commentsFor(t.id).length, 0));
    expect(snapshot.totalCases).toBeLessThan(demo.dataset.tickets().length);
    db.close();
  });
});
