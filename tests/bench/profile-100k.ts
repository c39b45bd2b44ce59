import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The 100k-case profile the sync bench leaves behind for the inbox and search benches. */
export const BENCH_DIR = process.env.SHIFTDESK_BENCH_DIR ?? join(tmpdir(), 'shiftdesk-bench');
export const PROFILE_100K = join(BENCH_DIR, 'profile-100k.db');
/** The demo the profile was synced from (seed, cases, anchor): the same arguments give the same helpdesk again. */
export const PROFILE_100K_DEMO = join(BENCH_DIR, 'profile-100k.demo.json');

export interface ProfileDemo {
  seed: number;
  cases: number;
  anchorTime: number;
}

export function ensureBenchDir(): void {
  if (!existsSync(BENCH_DIR)) mkdirSync(BENCH_DIR, { recursive: true });
}
