// Exponential backoff with full jitter (AWS architecture blog): the delay is uniform in
// [0, min(cap, base * 2^attempt)], which spreads retrying clients apart instead of syncing them up.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 60_000 };

export function fullJitterDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Something sleeping retries can listen to, to end their pause early (see `pause`). */
export interface WakeSource {
  /** The signal of the current round: it fires at the next wake-up. */
  readonly signal: AbortSignal;
}

/**
 * A wake-up call for sleeping retries: `wake()` ends every `pause` that listens to it, and a new
 * round starts for the pauses that begin afterwards. (The network monitor rings it when the
 * helpdesk answers again, so backoffs that grew during an outage do not delay the return.)
 */
export class Wakeup implements WakeSource {
  private controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  wake(): void {
    const current = this.controller;
    this.controller = new AbortController();
    current.abort();
  }
}

/**
 * `sleep`, except that it also ends, without an error, when `wake` fires. It rejects only when
 * `signal` aborts.
 */
export function pause(ms: number, signal?: AbortSignal, wake?: AbortSignal): Promise<void> {
  if (!wake) return sleep(ms, signal);
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    if (wake.aborted) return resolve();
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      wake.removeEventListener('abort', onWake);
    };
    const timer = setTimeout(() => {
      settle();
      resolve();
    }, ms);
    const onAbort = () => {
      settle();
      reject(signal?.reason);
    };
    const onWake = () => {
      settle();
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    wake.addEventListener('abort', onWake, { once: true });
  });
}
