import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, generateDataset } from '../../src-main/demo/index';
import { fullyCaughtUp, openProfile, waitForProgress } from '../helpers/sync-harness';
import { startDemoProcess } from './demo-process';
import { percentile, report, round } from './stats';

// npm run bench -- conformance [cases] [windowMs]
// A 10,000-ticket demo with Zendesk's limits and every documented inconvenience on (deleted
// tickets, string event vias, via ids, unreadable records, the export lag): how long a full sync
// takes, how many records it skipped (must equal the demo's unreadable ones), whether the export
// bucket ever refused us, how fast a case whose thread is not cached opens while the exports are
// busy, and what is missing from or extra in the cache compared with the helpdesk.
//
// Zendesk's limits are per minute; the demo runs them on a shorter window (default 6 s: ten
// times Zendesk's pace, export lag scaled alike) so the bench takes minutes, not a quarter hour.
// `seconds` is at that pace; `zendesk_minutes` what the same sync would take at Zendesk's.
export async function run(args: string[]): Promise<void> {
  const cases = Number(args[0] ?? 10_000);
  const windowMs = Number(args[1] ?? 6000);
  const anchorTime = Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000;
  const seed = 1;
  console.error(`starting the demo helpdesk: ${cases} cases, Zendesk limits on a ${windowMs} ms window…`);
  const demo = await startDemoProcess([
    '--seed', String(seed), '--cases', String(cases), '--anchor-time', String(anchorTime),
    '--rate-limits', 'zendesk', '--rate-limit-window', String(windowMs), '--export-lag-ms', String(windowMs), '--no-presence',
  ]);
  // The same seed and anchor give the same data: the ground truth without asking the server.
  const truth = generateDataset({ seed, cases, anchorTime });
  const expected = truth.syncGroundTruth();
  try {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'shiftdesk-conformance-')), 'profile.db');
    const { db, engine, connector } = openProfile({ dbPath, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, followIntervalMs: 2000 });
    const started = performance.now();
    void engine.start();

    // While the ticket-events export is still crawling, open cases whose thread is not cached.
    await waitForProgress(engine, () => engine.cache.cursor('cases').complete, 30 * 60_000);
    const uncached = db
      .prepare(
        `SELECT id FROM cases WHERE synced = 1 AND thread_complete = 0 AND (SELECT count(*) FROM messages m WHERE m.case_id = cases.id) = 0
         ORDER BY created_at DESC LIMIT 20`,
      )
      .pluck()
      .all() as number[];
    const opens: number[] = [];
    for (const caseId of uncached) {
      const t0 = performance.now();
      await engine.ensureThread(caseId);
      opens.push(performance.now() - t0);
    }
    const messagesWhileOpening = engine.progress().messages;
    console.error(`opened ${opens.length} uncached cases while ${messagesWhileOpening.done} of ~${messagesWhileOpening.total ?? '?'} messages were cached`);

    const done = await waitForProgress(engine, fullyCaughtUp, 60 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    await engine.stop();

    const cachedTickets = new Set(db.prepare('SELECT CAST(remote_id AS INTEGER) FROM cases WHERE synced = 1').pluck().all() as number[]);
    // What the agent can see: comments of cases in the inbox.
    const cachedComments = new Set(db.prepare('SELECT CAST(m.remote_id AS INTEGER) FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.synced = 1').pluck().all() as number[]);
    const expectedTickets = new Set(expected.ticketIds);
    const expectedComments = new Set(expected.commentIds);
    const missing = expected.ticketIds.filter((id) => !cachedTickets.has(id)).length + expected.commentIds.filter((id) => !cachedComments.has(id)).length;
    const extra = [...cachedTickets].filter((id) => !expectedTickets.has(id)).length + [...cachedComments].filter((id) => !expectedComments.has(id)).length;
    const stats = (await (await fetch(`${demo.url}/__demo/stats`)).json()) as { rateLimitedByBucket?: Record<string, number> };
    db.close();
    report({
      bench: 'conformance',
      cases,
      window_ms: windowMs,
      seconds: round(seconds),
      zendesk_minutes: round((seconds * (60_000 / windowMs)) / 60, 1),
      tickets: cachedTickets.size,
      comments: cachedComments.size,
      deleted: truth.deletedTicketIds().length,
      skipped: done.recordIssues.skipped,
      unreadable: truth.unreadableRecords.length,
      mapped: done.recordIssues.mapped,
      rate_limited_export: stats.rateLimitedByBucket?.['incremental-exports'] ?? 0,
      rate_limited_client: connector.http.stats.rateLimited,
      requests: connector.http.stats.requests,
      open_uncached: opens.length,
      open_uncached_p50_ms: round(percentile(opens, 50)),
      open_uncached_p95_ms: round(percentile(opens, 95)),
      missing,
      extra,
      notices: done.notices.length,
    });
  } finally {
    await demo.stop();
  }
}
