// Runs many shifts, a few at a time (each is mostly waiting on its processes), and sums them up.
import type { ShiftReport } from './ledger';
import { runShift, type ShiftOptions } from './shift';

export interface SeedsSummary {
  runs: number;
  violations: number;
  actions: number;
  conflicts: number;
  kills: number;
  /** Seeds with a violation, to replay with SIM_SEED=<seed>. */
  failingSeeds: number[];
}

export async function runSeeds(
  seeds: readonly number[],
  options: { concurrency?: number; shift?: Omit<ShiftOptions, 'seed'>; onReport?: (report: ShiftReport) => void } = {},
): Promise<{ summary: SeedsSummary; reports: ShiftReport[] }> {
  const reports: ShiftReport[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < seeds.length) {
      const seed = seeds[next++]!;
      const report = await runShift({ ...options.shift, seed });
      reports.push(report);
      options.onReport?.(report);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, seeds.length)) }, worker));
  reports.sort((a, b) => a.seed - b.seed);
  const summary: SeedsSummary = {
    runs: reports.length,
    violations: reports.reduce((n, r) => n + r.violations.length, 0),
    actions: reports.reduce((n, r) => n + r.actions, 0),
    conflicts: reports.reduce((n, r) => n + r.conflicts, 0),
    kills: reports.reduce((n, r) => n + r.kills, 0),
    failingSeeds: reports.filter((r) => r.violations.length > 0).map((r) => r.seed),
  };
  return { summary, reports };
}
