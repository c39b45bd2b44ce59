import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamSpec } from '../../src-main/core/connectors/connector';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN } from '../../src-main/demo/index';
import { openProfile } from '../helpers/sync-harness';
import { startDemoProcess } from './demo-process';
import { BENCH_DIR, PROFILE_100K, PROFILE_100K_DEMO, type ProfileDemo } from './profile-100k';
import { percentile, report, round } from './stats';

/** Synced batches of (at least) this many new comments. */
const BATCH_COMMENTS = 1000;
const BATCHES = 10;

// SLA over the 100k-case profile the sync bench leaves behind (docs/benchmarks.md "sla"): the same
// helpdesk is started again (same seed, cases and anchor), its own SLA events are synced, then live
// traffic makes batches of 1,000 new comments that sync brings as it does in use (cases stream,
// then messages stream); `p95_ms` is the time spent recomputing SLA state (clocks, the customer's
// wait, verdicts) for a batch. `disagreements`: clocks where our cache and the helpdesk's own SLA
// events differ, counted after the last batch and its events (0 on the demo). Works on a copy of
// the profile.
export async function run(): Promise<void> {
  if (!existsSync(PROFILE_100K) || !existsSync(PROFILE_100K_DEMO)) throw new Error('Run `npm run bench -- sync` first: it builds the 100k-case profile.');
  const demoArgs = JSON.parse(readFileSync(PROFILE_100K_DEMO, 'utf8')) as ProfileDemo;
  const copy = join(BENCH_DIR, 'profile-100k-sla.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  console.error('copying the 100k profile…');
  copyFileSync(PROFILE_100K, copy);
  console.error(`starting the profile's demo helpdesk again (seed ${demoArgs.seed}, ${demoArgs.cases} cases)…`);
  const demo = await startDemoProcess([
    '--seed', String(demoArgs.seed), '--cases', String(demoArgs.cases), '--anchor-time', String(demoArgs.anchorTime), '--rate-limits', 'off',
    // Changes are synced at once (no minute of export lag), and nothing happens but what the bench asks.
    '--export-lag-ms', '0', '--no-presence',
  ]);
  try {
    const { db, engine } = openProfile({ dbPath: copy, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    const streams = engine.connector.streams();
    const spec = (name: string) => streams.find((s) => s.name === name) as StreamSpec;
    const pullAll = async (name: string) => {
      let cursor = engine.cache.cursor(name).cursor;
      for (;;) {
        const { page } = await engine.pullPage(spec(name), cursor);
        cursor = page.cursor;
        if (page.caughtUp) return;
      }
    };
    const t0 = performance.now();
    // Clocks of the profile as this version computes them, then the helpdesk's events.
    const stale = db.prepare("SELECT id FROM cases WHERE synced = 1 AND sla_json IS NOT NULL AND instr(sla_json, '\"m\":') = 0").pluck().all() as number[];
    if (stale.length > 0) db.transaction(() => engine.cache.sla.refresh(stale))();
    await engine.syncSlaEvents();
    const initial = engine.checkSla();
    console.error(`SLA events synced in ${round((performance.now() - t0) / 1000, 1)} s: ${engine.cache.slaEvents.eventCount()} events; ${initial.cases} cases compared, ${initial.disagreements} disagreements`);

    const times: number[] = [];
    const batchCases: number[] = [];
    let comments = 0;
    for (let b = 0; b < BATCHES; b++) {
      // Live traffic until the batch has its comments.
      let made = 0;
      while (made < BATCH_COMMENTS) {
        const res = await fetch(`${demo.url}/__demo/live/step?n=200`, { method: 'POST' });
        const body = (await res.json()) as { changes: { commentId: number | null }[] };
        made += body.changes.filter((c) => c.commentId !== null).length;
      }
      comments += made;
      await pullAll('cases');
      const before = { ...engine.cache.sla.stats };
      await pullAll('messages');
      times.push(engine.cache.sla.stats.ms - before.ms);
      batchCases.push(engine.cache.sla.stats.cases - before.cases);
      console.error(`  batch ${b + 1}: ${made} comments, SLA state of ${batchCases.at(-1)} cases recomputed in ${round(times.at(-1)!, 1)} ms`);
    }
    // The helpdesk's verdicts after the traffic, and ours, compared.
    await engine.syncSlaEvents();
    const check = engine.checkSla();
    const byKind = engine.cache.slaEvents.check(check.knownUntil).byKind;
    const events = engine.cache.slaEvents.eventCount();
    const cases = db.prepare('SELECT count(*) FROM cases WHERE synced = 1').pluck().get() as number;
    db.close();
    report({
      bench: 'sla',
      cases,
      batches: BATCHES,
      comments,
      batch_cases_p50: percentile(batchCases, 50),
      p50_ms: round(percentile(times, 50)),
      p95_ms: round(percentile(times, 95)),
      max_ms: round(Math.max(...times)),
      events,
      compared_cases: check.cases,
      disagreements: check.disagreements,
      disagreements_by_kind: byKind,
    });
  } finally {
    await demo.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
}
