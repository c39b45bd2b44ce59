import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The 100k-case profile the sync bench leaves behind for the inbox and search benches. */
export const BENCH_DIR = process.env.SHIFTDESK_BENCH_DIR ?? join(tmpdir(), 'shiftdesk-bench');
export const PROFILE_100K = join(BENCH_DIR, 'profile-100k.db');

export function ensureBenchDir(): void {
  if (!existsSync(BENCH_DIR)) mkdirSync(BENCH_DIR, { recursive: true });
}
