import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN } from '../../src-main/demo/index';
import { openProfile, waitForProgress } from '../helpers/sync-harness';
import { startDemoProcess } from './demo-process';
import { BENCH_DIR, PROFILE_100K, PROFILE_100K_DEMO, ensureBenchDir, type ProfileDemo } from './profile-100k';
import { report, round } from './stats';

// Full initial sync of 100k tickets / ~1M comments / 50k users from the demo helpdesk (rate limits
// off) into a fresh profile. `seconds` = until cases and messages are all queryable;
// `search_ready_seconds` = until the full-text index has caught up too.
export async function run(args: string[]): Promise<void> {
  const cases = Number(args[0] ?? 100_000);
  ensureBenchDir();
  for (const suffix of ['', '-wal', '-shm']) rmSync(PROFILE_100K + suffix, { force: true });
  console.error(`starting demo helpdesk with ${cases} cases…`);
  // The anchor is written down beside the profile: benches that need its helpdesk again (sla) start the same one.
  const demoArgs: ProfileDemo = { seed: 1, cases, anchorTime: Math.floor(Date.now() / 60_000) * 60_000 };
  writeFileSync(PROFILE_100K_DEMO, JSON.stringify(demoArgs));
  const demo = await startDemoProcess(['--seed', String(demoArgs.seed), '--cases', String(cases), '--anchor-time', String(demoArgs.anchorTime), '--rate-limits', 'off']);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const { db, engine } = openProfile({ dbPath: PROFILE_100K, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, followIntervalMs: 60_000 });
    const started = performance.now();
    void engine.start();
    const ticker = setInterval(() => {
      const p = engine.progress();
      console.error(`  ${round((performance.now() - started) / 1000, 1)} s: cases ${p.cases.done}/${p.cases.total ?? '?'}, messages ${p.messages.done}, search pending ${p.searchPending}`);
    }, 5000);
    const synced = await waitForProgress(engine, (p) => p.historyComplete, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    await waitForProgress(engine, (p) => p.searchPending === 0, 30 * 60_000);
    const searchReady = (performance.now() - started) / 1000;
    clearInterval(ticker);
    await engine.stop();
    const ingest = engine.ingestStats();
    const customers = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    db.pragma('optimize');
    db.close();

    const baseline = baselineInsertRate(PROFILE_100K);
    // Ingest rate: message rows per second of core's storing work (insert with de-duplication by
    // remote id, the thread index, thread summaries, the cursor, in multi-page transactions) — the
    // same rows the baseline inserts plainly. The full-text index is built behind it (search ready
    // time); its rate, store + index together, and end to end (network, JSON, validation) are reported too.
    const rowsPerS = ingest.messageRows / (ingest.messageMs / 1000);
    const withSearchRowsPerS = ingest.messageRows / ((ingest.messageMs + ingest.indexMs) / 1000);
    report({
      bench: 'sync',
      cases: synced.cases.done,
      messages: synced.messages.done,
      customers,
      seconds: round(seconds),
      search_ready_seconds: round(searchReady),
      rows_per_s: Math.round(rowsPerS),
      baseline_rows_per_s: Math.round(baseline),
      ratio: round(rowsPerS / baseline, 3),
      index_rows_per_s: Math.round(ingest.indexRows / (ingest.indexMs / 1000)),
      with_search_rows_per_s: Math.round(withSearchRowsPerS),
      with_search_ratio: round(withSearchRowsPerS / baseline, 3),
      end_to_end_rows_per_s: Math.round(synced.messages.done / seconds),
      rss_mb: Math.round(peakRss / 1024 / 1024),
    });
  } finally {
    clearInterval(sampler);
    await demo.stop();
  }
}

/** A plain batched INSERT of the same message rows into a table with only a primary key. */
function baselineInsertRate(profilePath: string): number {
  const source = new Database(profilePath, { readonly: true });
  const targetPath = join(BENCH_DIR, 'baseline.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(targetPath + suffix, { force: true });
  const target = new Database(targetPath);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, account_id INTEGER, remote_id TEXT, case_id INTEGER, author_kind TEXT, author_remote_id TEXT,
    channel TEXT, public INTEGER, body_text TEXT, body_html TEXT, attachments_json TEXT, created_at INTEGER)`);
  const read = source.prepare('SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT 10000');
  const insert = target.prepare('INSERT INTO messages VALUES (@id, @account_id, @remote_id, @case_id, @author_kind, @author_remote_id, @channel, @public, @body_text, @body_html, @attachments_json, @created_at)');
  const insertBatch = target.transaction((rows: Record<string, unknown>[]) => {
    for (const row of rows) insert.run(row);
  });
  let after = 0;
  let rows = 0;
  let insertMs = 0;
  for (;;) {
    const batch = read.all(after) as (Record<string, unknown> & { id: number })[];
    if (batch.length === 0) break;
    const t0 = performance.now();
    insertBatch(batch);
    insertMs += performance.now() - t0;
    rows += batch.length;
    after = batch[batch.length - 1]!.id;
  }
  source.close();
  target.close();
  return rows / (insertMs / 1000);
}
