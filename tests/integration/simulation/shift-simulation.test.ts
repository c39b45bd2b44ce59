import { describe, expect, it } from 'vitest';
import { runSeeds } from '../../helpers/shift-sim/run-seeds';

// The shift simulation (docs/shift-simulation.md): 20 seeded shifts, each against its own demo
// helpdesk and mosquitto, core a child process killed now and then, teammates and live traffic
// working the same cases. Replay one with SIM_SEED=<seed> (npm run soak -- simulation prints the
// steps and what was found).
const SEEDS = process.env.SIM_SEED ? [Number(process.env.SIM_SEED)] : Array.from({ length: 20 }, (_, i) => i + 1);

describe('a simulated shift', () => {
  it(`keeps every invariant against the helpdesk's record over ${SEEDS.length} seeds`, async () => {
    const { summary, reports } = await runSeeds(SEEDS, { concurrency: Number(process.env.SIM_CONCURRENCY ?? 4) });
    // The shifts did what a shift does: queued work, met conflicts, survived crashes.
    expect(summary.runs).toBe(SEEDS.length);
    expect(summary.actions).toBeGreaterThan(0);
    if (SEEDS.length > 1) {
      expect(summary.actions).toBeGreaterThan(SEEDS.length * 5);
      expect(summary.conflicts).toBeGreaterThan(0);
      expect(summary.kills).toBeGreaterThan(0);
    }
    const found = reports.flatMap((r) => r.violations.map((v) => `seed ${r.seed} [${v.invariant}] ${v.detail}`));
    expect(found).toEqual([]);
  }, 600_000);
});
