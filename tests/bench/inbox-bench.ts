import { existsSync } from 'node:fs';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../src-shared/domain/case-fields';
import { CHANNEL_KINDS } from '../../src-shared/domain/channels';
import { ALL_VIEW_IDS, INBOX_SORTS } from '../../src-shared/domain/views';
import type { InboxQuery } from '../../src-shared/contract/models';
import { openDatabase } from '../../src-main/core/db/connection';
import { InboxService } from '../../src-main/core/services/inbox-service';
import { PROFILE_100K } from './profile-100k';
import { mulberry32, percentile, report, round } from './stats';

// p50/p95 of 200 random first-page inbox queries (view × filter × sort) over the 100k profile the
// sync bench leaves behind, timed in core (query + row mapping), plus the per-view counts.
export async function run(): Promise<void> {
  if (!existsSync(PROFILE_100K)) throw new Error('Run `npm run bench -- sync` first: it builds the 100k-case profile.');
  const db = openDatabase({ path: PROFILE_100K });
  const inbox = new InboxService(db);
  const random = mulberry32(42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const tags = db.prepare('SELECT tag FROM case_tags GROUP BY tag ORDER BY count(*) DESC LIMIT 20').pluck().all() as string[];
  const groups = db.prepare('SELECT id FROM groups').pluck().all() as number[];
  const queries: InboxQuery[] = [];
  for (let i = 0; i < 200; i++) {
    const filters: NonNullable<InboxQuery['filters']> = {};
    const kind = i % 8;
    if (kind === 1) filters.status = [pick(CASE_STATUSES)];
    if (kind === 2) filters.channel = [pick(CHANNEL_KINDS)];
    if (kind === 3) filters.priority = [pick(CASE_PRIORITIES)];
    if (kind === 4) filters.tag = [pick(tags)];
    if (kind === 5) filters.groupId = [pick(groups)];
    if (kind === 6) filters.assignee = [pick(['me', 'none'] as const)];
    if (kind === 7) filters.text = pick(['refund', 'delivery', '환불', 'order', 'password', '배송']);
    queries.push({ view: pick(ALL_VIEW_IDS), filters, sort: pick(INBOX_SORTS), limit: 100 });
  }
  for (const q of queries.slice(0, 20)) inbox.list(q); // warm the page cache
  const times: number[] = [];
  let rows = 0;
  for (const q of queries) {
    const t0 = performance.now();
    rows += inbox.list(q).rows.length;
    times.push(performance.now() - t0);
  }
  const countTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    inbox.counts();
    countTimes.push(performance.now() - t0);
  }
  const cases = db.prepare('SELECT count(*) FROM cases').pluck().get();
  const slowest = times.map((t, i) => ({ t, q: queries[i] })).sort((a, b) => b.t - a.t).slice(0, 3);
  console.error('slowest:', JSON.stringify(slowest));
  db.close();
  report({ bench: 'inbox', cases, queries: times.length, avg_rows: round(rows / times.length, 1), p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), max_ms: round(Math.max(...times)), counts_p95_ms: round(percentile(countTimes, 95)) });
}
