import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/core/db/connection';
import { migration0009 } from '../../src-main/core/db/migrations/0009-supervisor-indexes';
import { InboxService } from '../../src-main/core/services/inbox-service';
import { SlaService } from '../../src-main/core/services/sla-service';
import { supervisorSlaSource } from '../../src-main/core/services/supervisor-sla';
import { SupervisorService } from '../../src-main/core/services/supervisor-service';
import { BENCH_DIR, PROFILE_100K } from './profile-100k';
import { percentile, report, round } from './stats';

const BUDGET_P95_MS = 50;
const RUNS = 200;

// The whole supervisor panel (`supervisor:get`: per group and channel, agents, volume by hour)
// over the 100k-case profile the sync bench leaves behind, timed in core. It works on a copy of the
// profile, so the panel's indexes (migration 0009) never change the shared one under other benches.
export async function run(): Promise<void> {
  if (!existsSync(PROFILE_100K)) throw new Error('Run `npm run bench -- sync` first: it builds the 100k-case profile.');
  const copy = join(BENCH_DIR, 'profile-100k-supervisor.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  console.error('copying the 100k profile…');
  copyFileSync(PROFILE_100K, copy);
  const db = openDatabase({ path: copy });
  const t0 = performance.now();
  db.transaction(() => migration0009.up(db))(); // idempotent: also when 0009 is registered already
  console.error(`indexes ready in ${round(performance.now() - t0, 0)} ms`);
  const inbox = new InboxService(db);
  // SLA clocks on every unsolved case (a local policy if the profile has none), so at risk,
  // breached and today's compliance are part of what is timed.
  const sla = new SlaService(db);
  if (sla.list().length === 0) {
    const t1 = performance.now();
    sla.save({
      title: 'Bench SLA',
      targets: [
        { target: 'first_reply', priority: null, minutes: 240, businessHours: false },
        { target: 'next_reply', priority: null, minutes: 480, businessHours: false },
        { target: 'resolution', priority: null, minutes: 2880, businessHours: false },
      ],
    });
    console.error(`SLA clocks computed in ${round(performance.now() - t1, 0)} ms`);
  }
  const supervisor = new SupervisorService(db, { myAgentIds: () => inbox.myAgentIds(), sla: supervisorSlaSource(db, sla) });
  for (let i = 0; i < 10; i++) supervisor.get(); // warm the page cache
  const times: number[] = [];
  let view = supervisor.get();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    view = supervisor.get();
    times.push(performance.now() - start);
  }
  const cases = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  const messages = db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  const p95 = percentile(times, 95);
  console.error(
    `at risk ${view.totals.atRisk}, breached ${view.totals.breached}, SLA today met ${view.sla.met} / breached ${view.sla.breached}; open ${view.totals.open}, unassigned ${view.totals.unassigned}, replies today ${view.totals.repliesToday}, first replies today ${view.totals.firstRepliesToday}, groups ${view.groups.length}, channels ${view.channels.length}, agents ${view.agents.length}`,
  );
  report({
    bench: 'supervisor',
    cases,
    messages,
    runs: RUNS,
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(p95),
    max_ms: round(Math.max(...times)),
    budget_p95_ms: BUDGET_P95_MS,
    ratio: round(p95 / BUDGET_P95_MS),
    open: view.totals.open,
    at_risk: view.totals.atRisk,
    breached: view.totals.breached,
    replies_today: view.totals.repliesToday,
  });
}
