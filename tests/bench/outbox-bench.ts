import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer } from '../../src-main/demo/index';
import { OutboxRepo } from '../../src-main/core/db/repos/outbox-repo';
import { OutboxSender } from '../../src-main/core/outbox/outbox-sender';
import { actionIdsInAudits } from '../helpers/demo-audits';
import { fullyCaughtUp, openProfile, waitForProgress } from '../helpers/sync-harness';
import { report, round } from './stats';

// 1,000 actions queued offline, then drained against the demo helpdesk (rate limits off):
// seconds to drain, and how many were lost or delivered twice (checked in the helpdesk's audits).
export async function run(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 1000);
  const demo = await startDemoServer({ seed: 61, cases: 2000 });
  try {
    const profile = openProfile({ dbPath: join(mkdtempSync(join(tmpdir(), 'shiftdesk-outbox-bench-')), 'p.db'), url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    void profile.engine.start();
    await waitForProgress(profile.engine, fullyCaughtUp, 120_000);
    await profile.engine.stop();
    const outbox = new OutboxRepo(profile.db);
    const cases = profile.db.prepare(`SELECT id, remote_id AS remoteId FROM cases WHERE synced = 1 AND status != 'closed' ORDER BY id LIMIT 400`).all() as { id: number; remoteId: string }[];
    const queuedIds: string[] = [];
    const queueStarted = performance.now();
    for (let i = 0; i < count; i++) {
      const target = cases[i % cases.length]!;
      const action = outbox.enqueue(target.id, i % 2 === 0 ? { comment: { body: `Bench reply ${i}`, public: true } } : { addTags: [`bench-${i}`] });
      queuedIds.push(action.id);
    }
    const queueMs = performance.now() - queueStarted;
    // "Reconnect": the default update budget (90/min) would make this a 10-minute drain by design;
    // the bench measures the sender itself, so the budget is lifted like the demo's rate limits.
    const sender = new OutboxSender({ db: profile.db, accountId: profile.accountId, connector: profile.connector, cache: profile.engine.cache, outbox, concurrency: 8 });
    const started = performance.now();
    while (outbox.list().length > 0) if ((await sender.drainOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    const delivered = new Map<string, number>();
    for (const c of cases) for (const id of await actionIdsInAudits(demo, c.remoteId)) delivered.set(id, (delivered.get(id) ?? 0) + 1);
    const lost = queuedIds.filter((id) => !delivered.has(id)).length;
    const duplicated = [...delivered.values()].filter((n) => n > 1).length;
    profile.db.close();
    report({ bench: 'outbox', actions: count, queue_ms_per_action: round(queueMs / count, 3), seconds: round(seconds), actions_per_s: Math.round(count / seconds), lost, duplicated });
  } finally {
    await demo.close();
  }
}
