// Zendesk-style rate limits with fixed windows (one minute by default; tests shorten it).
// "zendesk" mirrors an Enterprise plan: 700 requests/min per account, 10/min per incremental
// export endpoint, 100/min for search export. "demo" is generous enough for a fast first sync.

export type RateLimitMode = 'off' | 'demo' | 'zendesk';
export type RateBucket = 'incremental-tickets' | 'incremental-users' | 'incremental-ticket-events' | 'search-export';

interface Limits {
  account: number;
  incremental: number;
  searchExport: number;
}

export const RATE_LIMITS: Readonly<Record<Exclude<RateLimitMode, 'off'>, Limits>> = {
  demo: { account: 6000, incremental: 120, searchExport: 1000 },
  zendesk: { account: 700, incremental: 10, searchExport: 100 },
};

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Counter {
  window: number;
  used: number;
}

export class RateLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    readonly mode: RateLimitMode,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    if (!(windowMs > 0)) throw new Error('rate limit window must be positive');
  }

  /** Counts one request against the account and, if given, the endpoint bucket. */
  take(bucket: RateBucket | null): RateDecision {
    if (this.mode === 'off') return { allowed: true, headers: {} };
    const limits = RATE_LIMITS[this.mode];
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const resetSec = Math.max(1, Math.ceil(((window + 1) * this.windowMs - now) / 1000));
    const account = this.counter('account', window);
    const endpoint = bucket ? this.counter(bucket, window) : null;
    const endpointLimit = bucket === null ? 0 : bucket === 'search-export' ? limits.searchExport : limits.incremental;
    const allowed = account.used < limits.account && (endpoint === null || endpoint.used < endpointLimit);
    if (allowed) {
      account.used++;
      if (endpoint) endpoint.used++;
    }
    const accountRemaining = String(Math.max(0, limits.account - account.used));
    const headers: Record<string, string> = {
      'X-Rate-Limit': String(limits.account),
      'X-Rate-Limit-Remaining': accountRemaining,
      'ratelimit-limit': String(limits.account),
      'ratelimit-remaining': accountRemaining,
      'ratelimit-reset': String(resetSec),
    };
    if (bucket && endpoint) {
      headers[`Zendesk-RateLimit-${bucket}`] = `total=${endpointLimit}; remaining=${Math.max(0, endpointLimit - endpoint.used)}; resets=${resetSec}`;
    }
    if (!allowed) headers['Retry-After'] = String(resetSec);
    return { allowed, headers };
  }

  private counter(key: string, window: number): Counter {
    let counter = this.counters.get(key);
    if (!counter || counter.window !== window) {
      counter = { window, used: 0 };
      this.counters.set(key, counter);
    }
    return counter;
  }
}
