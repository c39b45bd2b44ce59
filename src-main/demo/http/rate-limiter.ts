// Zendesk-style rate limits with fixed windows (one minute by default; tests shorten it).
// "zendesk" mirrors an Enterprise plan: 700 requests/min per account, 10/min per incremental
// export endpoint, 100/min for search export, and for Update Ticket 100 updates/min per account
// plus 30 updates per 10 minutes per agent and ticket. "demo" is generous enough for a fast
// first sync and a busy outbox.

export type RateLimitMode = 'off' | 'demo' | 'zendesk';
export type RateBucket = 'incremental-tickets' | 'incremental-users' | 'incremental-ticket-events' | 'search-export' | 'tickets-update';

interface Limits {
  account: number;
  incremental: number;
  searchExport: number;
  ticketUpdates: number;
  /** Per agent and ticket, over UPDATE_SCOPE_WINDOWS windows. */
  ticketUpdatesPerAgentTicket: number;
}

export const RATE_LIMITS: Readonly<Record<Exclude<RateLimitMode, 'off'>, Limits>> = {
  demo: { account: 6000, incremental: 120, searchExport: 1000, ticketUpdates: 1000, ticketUpdatesPerAgentTicket: 300 },
  zendesk: { account: 700, incremental: 10, searchExport: 100, ticketUpdates: 100, ticketUpdatesPerAgentTicket: 30 },
};

/** Zendesk's per-agent-per-ticket update limit spans 10 minutes: ten one-minute windows. */
export const UPDATE_SCOPE_WINDOWS = 10;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Counter {
  window: number;
  used: number;
}

interface Check {
  counter: Counter;
  limit: number;
  resetSec: number;
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

  /**
   * Counts one request against the account, the endpoint bucket if given and, for ticket
   * updates, the `scope` (agent + ticket). A refused request counts against nothing.
   */
  take(bucket: RateBucket | null, scope: string | null = null): RateDecision {
    // No limits: the headers say so (a client that hears nothing must assume Zendesk's own).
    if (this.mode === 'off') return { allowed: true, headers: unlimitedHeaders(bucket) };
    const limits = RATE_LIMITS[this.mode];
    const now = this.now();
    const account = this.check('account', limits.account, this.windowMs, now);
    const endpoint = bucket === null ? null : this.check(bucket, bucketLimit(limits, bucket), this.windowMs, now);
    const scoped =
      bucket === 'tickets-update' && scope !== null
        ? this.check(`${bucket}:${scope}`, limits.ticketUpdatesPerAgentTicket, this.windowMs * UPDATE_SCOPE_WINDOWS, now)
        : null;
    const checks = [account, endpoint, scoped].filter((c): c is Check => c !== null);
    const blocked = checks.filter((c) => c.counter.used >= c.limit);
    if (blocked.length === 0) for (const c of checks) c.counter.used++;

    const accountRemaining = String(Math.max(0, limits.account - account.counter.used));
    const headers: Record<string, string> = {
      'X-Rate-Limit': String(limits.account),
      'X-Rate-Limit-Remaining': accountRemaining,
      'ratelimit-limit': String(limits.account),
      'ratelimit-remaining': accountRemaining,
      'ratelimit-reset': String(account.resetSec),
    };
    if (bucket && endpoint) {
      // One header per endpoint; for updates it reports whichever scope has less left.
      const shown = scoped && remaining(scoped) < remaining(endpoint) ? scoped : endpoint;
      headers[`Zendesk-RateLimit-${bucket}`] = `total=${shown.limit}; remaining=${remaining(shown)}; resets=${shown.resetSec}`;
    }
    if (blocked.length > 0) headers['Retry-After'] = String(Math.max(...blocked.map((c) => c.resetSec)));
    if (this.counters.size > 50_000) this.prune(now);
    return { allowed: blocked.length === 0, headers };
  }

  private check(key: string, limit: number, windowMs: number, now: number): Check {
    const window = Math.floor(now / windowMs);
    let counter = this.counters.get(key);
    if (!counter || counter.window !== window) {
      counter = { window, used: 0 };
      this.counters.set(key, counter);
    }
    const resetSec = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    return { counter, limit, resetSec };
  }

  /** Drops counters of past windows (per-ticket scopes would otherwise pile up). */
  private prune(now: number): void {
    const longest = this.windowMs * UPDATE_SCOPE_WINDOWS;
    for (const [key, counter] of this.counters) {
      const windowMs = key.includes(':') ? longest : this.windowMs;
      if (counter.window !== Math.floor(now / windowMs)) this.counters.delete(key);
    }
  }
}

function remaining(check: Check): number {
  return Math.max(0, check.limit - check.counter.used);
}

function bucketLimit(limits: Limits, bucket: RateBucket): number {
  switch (bucket) {
    case 'search-export':
      return limits.searchExport;
    case 'tickets-update':
      return limits.ticketUpdates;
    default:
      return limits.incremental;
  }
}

const UNLIMITED = 1_000_000;

function unlimitedHeaders(bucket: RateBucket | null): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Rate-Limit': String(UNLIMITED),
    'X-Rate-Limit-Remaining': String(UNLIMITED),
    'ratelimit-limit': String(UNLIMITED),
    'ratelimit-remaining': String(UNLIMITED),
    'ratelimit-reset': '60',
  };
  if (bucket) headers[`Zendesk-RateLimit-${bucket.startsWith('incremental-') ? 'incremental-exports' : bucket}`] = `total=${UNLIMITED}; remaining=${UNLIMITED}; resets=60`;
  return headers;
}
