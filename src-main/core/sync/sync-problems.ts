import { AuthError, ForbiddenError, PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from '../net/errors';
import type { SyncNotice, SyncProblem } from './sync-types';

// What went wrong in a sync step, as a value the UI can word in the agent's language (the
// technical text stays beside it, one click away), and how long to wait before trying again.

export function problemOf(error: unknown): { problem: SyncProblem; status: number | null } {
  if (error instanceof AuthError) return { problem: 'auth', status: 401 };
  if (error instanceof ForbiddenError) return { problem: 'forbidden', status: 403 };
  if (error instanceof RateLimitedError) return { problem: 'rate-limited', status: 429 };
  if (error instanceof TransientRemoteError) return error.status === null ? { problem: 'unreachable', status: null } : { problem: 'server', status: error.status };
  if (error instanceof PayloadError) return { problem: 'unreadable', status: null };
  if (error instanceof PermanentRemoteError) return { problem: error.status === 404 ? 'not-found' : 'refused', status: error.status };
  if (isDiskFull(error)) return { problem: 'disk-full', status: null };
  return { problem: 'other', status: null };
}

/** Refusals that will not pass by themselves soon: wait long between tries, and do not block other steps. */
export function isLasting(problem: SyncProblem): boolean {
  return problem === 'forbidden' || problem === 'not-found' || problem === 'refused' || problem === 'unreadable';
}

/** Network trouble passes by itself and is shown as "offline", not as an account error. */
export function severityOf(problem: SyncProblem): SyncNotice['severity'] {
  return problem === 'unreachable' ? 'offline' : problem === 'rate-limited' || problem === 'server' ? 'transient' : 'error';
}

/** Between tries of a step the helpdesk refuses: 1, 2, 4 … minutes, at most 30. */
export function lastingDelay(attempt: number): number {
  return Math.min(30, 2 ** Math.max(0, attempt)) * 60_000;
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

export function technicalText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
