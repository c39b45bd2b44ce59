import { existsSync } from 'node:fs';
import { openDatabase } from '../../src-main/core/db/connection';
import { InboxService } from '../../src-main/core/services/inbox-service';
import { SearchService } from '../../src-main/core/services/search-service';
import { PROFILE_100K } from './profile-100k';
import { mulberry32, percentile, report, round } from './stats';

// p50/p95 of 100 searches (English, Korean 2- and 3-character, operators) over the ~1M-message profile.
export async function run(): Promise<void> {
  if (!existsSync(PROFILE_100K)) throw new Error('Run `npm run bench -- sync` first: it builds the 100k-case profile.');
  const db = openDatabase({ path: PROFILE_100K });
  const inbox = new InboxService(db);
  const search = new SearchService(db, () => inbox.myAgentIds());
  const random = mulberry32(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const english = ['refund', 'delivery', 'password reset', 'invoice', 'charged twice', 'cancel subscription', 'broken', 'thank', 'order', 'the', 'late deliv', 'app crash'];
  const korean = ['환불', '배송', '결제', '주문', '환불 요청', '배송이', '비밀번호', '취소', '감사합니다', '오류'];
  const operators = ['status:open refund', 'channel:twitter', 'channel:email 환불', 'priority:urgent', 'tag:vip order', 'from:kim', 'status:pending channel:whatsapp', 'assignee:me'];
  const queries: string[] = [];
  for (let i = 0; i < 100; i++) queries.push(i % 3 === 0 ? pick(english) : i % 3 === 1 ? pick(korean) : pick(operators));
  for (const q of queries.slice(0, 10)) search.search({ query: q });
  const times: number[] = [];
  const hits: Record<string, number> = {};
  for (const q of queries) {
    const t0 = performance.now();
    const result = search.search({ query: q });
    times.push(performance.now() - t0);
    hits[q] = result.cases.length + result.messages.length + result.customers.length;
  }
  const messages = db.prepare('SELECT count(*) FROM messages').pluck().get();
  const slowest = times.map((t, i) => ({ t: round(t), q: queries[i] })).sort((a, b) => b.t - a.t).slice(0, 5);
  console.error('slowest:', JSON.stringify(slowest));
  const empty = Object.entries(hits).filter(([, n]) => n === 0).map(([q]) => q);
  if (empty.length > 0) console.error('queries with no hits:', empty);
  db.close();
  report({ bench: 'search', messages, queries: times.length, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), max_ms: round(Math.max(...times)), queries_without_hits: empty.length });
}
