// `npm run soak -- <name>`: the long runs that are too slow for `npm test`.
//   outbox      (default) the outbox crash test with 500 SIGKILLs instead of 50
//   simulation  1,000 seeded shifts (docs/shift-simulation.md); prints ONE JSON line on stdout:
//               {runs, violations, actions, conflicts, kills, violationSeeds, byInvariant}.
//               SIM_SEEDS=N runs N seeds from SIM_FIRST_SEED (default 1); SIM_CONCURRENCY (default 4);
//               SIM_SEED=n replays one seed with every step and finding on stderr.
import { spawn } from 'node:child_process';
import { runSeeds } from '../helpers/shift-sim/run-seeds';
import { runShift } from '../helpers/shift-sim/shift';

const SOAKS: Record<string, () => Promise<number>> = {
  outbox: () =>
    new Promise((resolve) => {
      const child = spawn('npx', ['vitest', 'run', 'tests/integration/outbox/outbox-crash.test.ts', '--testTimeout=3600000'], { stdio: 'inherit', env: { ...process.env, OUTBOX_KILLS: '500' } });
      child.on('exit', (code) => resolve(code ?? 1));
    }),
  simulation: async () => {
    const err = (line: string) => process.stderr.write(`${line}\n`);
    if (process.env.SIM_SEED) {
      const seed = Number(process.env.SIM_SEED);
      const started = Date.now();
      const report = await runShift({ seed, log: (line) => err(`${((Date.now() - started) / 1000).toFixed(2).padStart(7)} ${line}`) });
      for (const v of report.violations) err(`seed ${seed} [${v.invariant}] ${v.detail}`);
      const { violations, ...counters } = report;
      process.stdout.write(`${JSON.stringify({ ...counters, runs: 1, violations: violations.length })}\n`);
      return violations.length === 0 ? 0 : 1;
    }
    const count = Number(process.env.SIM_SEEDS ?? 1000);
    const first = Number(process.env.SIM_FIRST_SEED ?? 1);
    const seeds = Array.from({ length: count }, (_, i) => first + i);
    let done = 0;
    const byInvariant: Record<string, number> = {};
    const { summary } = await runSeeds(seeds, {
      concurrency: Number(process.env.SIM_CONCURRENCY ?? 4),
      onReport: (report) => {
        done++;
        for (const v of report.violations) {
          byInvariant[v.invariant] = (byInvariant[v.invariant] ?? 0) + 1;
          err(`seed ${report.seed} [${v.invariant}] ${v.detail}`);
        }
        err(`${done}/${count} seed ${report.seed}: ${report.actions} actions, ${report.conflicts} conflicts, ${report.kills} kills, ${report.violations.length} violations (${report.ms} ms)`);
      },
    });
    const { failingSeeds, ...totals } = summary;
    process.stdout.write(`${JSON.stringify({ ...totals, violationSeeds: failingSeeds, byInvariant })}\n`);
    return summary.violations === 0 ? 0 : 1;
  },
};

const name = process.argv[2] ?? 'outbox';
const soak = SOAKS[name];
if (!soak) {
  process.stderr.write(`npm run soak -- <${Object.keys(SOAKS).join('|')}>: no soak named "${name}"\n`);
  process.exit(2);
}
process.exit(await soak());
