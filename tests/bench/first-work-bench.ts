import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN } from '../../src-main/demo/index';
import { openProfile, waitForProgress } from '../helpers/sync-harness';
import { startDemoProcess } from './demo-process';
import { report, round } from './stats';

// 100k tickets behind Zendesk Enterprise rate limits: how long until every open case assigned to
// the agent is in the cache with its full thread (while the 10/min incremental exports crawl on).
export async function run(args: string[]): Promise<void> {
  const cases = Number(args[0] ?? 100_000);
  const demo = await startDemoProcess(['--seed', '1', '--cases', String(cases), '--rate-limits', 'zendesk']);
  try {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'shiftdesk-first-work-')), 'profile.db');
    const { db, engine, connector } = openProfile({ dbPath, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, followIntervalMs: 6000 });
    const started = performance.now();
    void engine.start();
    await waitForProgress(engine, (p) => p.firstWorkReady, 10 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const mine = db
      .prepare(
        `SELECT count(*) AS cases, sum(thread_complete) AS complete, sum(message_count) AS messages FROM cases c
         JOIN accounts a ON a.id = c.account_id JOIN agents ag ON ag.id = c.assignee_id AND ag.remote_id = a.me_remote_id
         WHERE c.queue != 'solved' AND c.synced = 1`,
      )
      .get() as { cases: number; complete: number; messages: number };
    const requests = connector.http.stats.requests;
    await engine.stop();
    db.close();
    report({ bench: 'first-work', seconds: round(seconds), my_open_cases: mine.cases, threads_complete: mine.complete, messages: mine.messages, requests, rate_limited: connector.http.stats.rateLimited });
  } finally {
    await demo.stop();
  }
}
