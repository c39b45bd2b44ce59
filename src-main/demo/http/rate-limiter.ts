// Zendesk-style rate limits with fixed windows (one minute by default; tests shorten it).
// "zendesk" mirrors an Enterprise plan: 700 requests/min per account (configurable, e.g. 200 for
// Team), ONE shared budget of 10/min for every incremental export (Zendesk's "Incremental Exports
// global limit | GET /api/v2/incremental/* | 10 requests per minute"), 100/min for search export,
// and for Update Ticket 100 updates/min per account plus 30 updates per 10 minutes per agent and
// ticket. "demo" has the same buckets, sized for a fast first sync and a busy outbox.

export type RateLimitMode = 'off' | 'demo' | 'zendesk';
/** Endpoint buckets; each names its `Zendesk-RateLimit-<bucket>` header. */
export type RateBucket = 'incremental-exports' | 'search-export' | 'tickets-update';
/** What refused a request: an endpoint bucket, the account, or an agent + ticket update scope. */
export type RateLimitedBy = RateBucket | 'account' | 'tickets-update-per-agent-ticket';

export interface RateLimits {
  account: number;
  /** Shared by every GET /api/v2/incremental/* endpoint. */
  incrementalExports: number;
  searchExport: number;
  ticketUpdates: number;
  /** Per agent and ticket, over UPDATE_SCOPE_WINDOWS windows. */
  ticketUpdatesPerAgentTicket: number;
}

export const RATE_LIMITS: Readonly<Record<Exclude<RateLimitMode, 'off'>, Readonly<RateLimits>>> = {
  demo: { account: 6000, incrementalExports: 120, searchExport: 1000, ticketUpdates: 1000, ticketUpdatesPerAgentTicket: 300 },
  zendesk: { account: 700, incrementalExports: 10, searchExport: 100, ticketUpdates: 100, ticketUpdatesPerAgentTicket: 30 },
};

/** Zendesk's per-agent-per-ticket update limit spans 10 minutes: ten one-minute windows. */
export const UPDATE_SCOPE_WINDOWS = 10;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Every budget that refused the request (empty when allowed). */
  limitedBy: RateLimitedBy[];
}

export interface RateLimiterOptions {
  windowMs?: number;
  now?: () => number;
  /** Requests per window for the account (plan size); default the mode's. */
  accountLimit?: number;
}

interface Counter {
  window: number;
  used: number;
}

interface Check {
  name: RateLimitedBy;
  counter: Counter;
  limit: number;
  resetSec: number;
}

export class RateLimiter {
  readonly windowMs: number;
  /** The limits in force (null when off). */
  readonly limits: Readonly<RateLimits> | null;
  private readonly now: () => number;
  private readonly counters = new Map<string, Counter>();

  constructor(
    readonly mode: RateLimitMode,
    options: RateLimiterOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    if (!(this.windowMs > 0)) throw new Error('rate limit window must be positive');
    if (options.accountLimit !== undefined && !(Number.isInteger(options.accountLimit) && options.accountLimit > 0)) {
      throw new Error('the account rate limit must be a positive integer');
    }
    this.limits = mode === 'off' ? null : { ...RATE_LIMITS[mode], ...(options.accountLimit !== undefined ? { account: options.accountLimit } : {}) };
  }

  /**
   * Counts one request against the account, the endpoint bucket if given and, for ticket
   * updates, the `scope` (agent + ticket). A refused request counts against nothing. Each
   * bucket refuses on its own: a spent export bucket never refuses a request outside it.
   */
  take(bucket: RateBucket | null, scope: string | null = null): RateDecision {
    const limits = this.limits;
    // No limits: the headers say so (a client that hears nothing must assume Zendesk's own).
    if (limits === null) return { allowed: true, headers: unlimitedHeaders(bucket), limitedBy: [] };
    const now = this.now();
    const account = this.check('account', 'account', limits.account, this.windowMs, now);
    const endpoint = bucket === null ? null : this.check(bucket, bucket, bucketLimit(limits, bucket), this.windowMs, now);
    const scoped =
      bucket === 'tickets-update' && scope !== null
        ? this.check(`${bucket}:${scope}`, 'tickets-update-per-agent-ticket', limits.ticketUpdatesPerAgentTicket, this.windowMs * UPDATE_SCOPE_WINDOWS, now)
        : null;
    const checks = [endpoint, scoped, account].filter((c): c is Check => c !== null);
    const blocked = checks.filter((c) => c.counter.used >= c.limit);
    if (blocked.length === 0) for (const c of checks) c.counter.used++;

    const accountRemaining = String(remaining(account));
    const headers: Record<string, string> = {
      'X-Rate-Limit': String(limits.account),
      'X-Rate-Limit-Remaining': accountRemaining,
      'ratelimit-limit': String(limits.account),
      'ratelimit-remaining': accountRemaining,
      'ratelimit-reset': String(account.resetSec),
    };
    if (bucket && endpoint) {
      // One header per endpoint bucket; for updates it reports whichever scope has less left.
      const shown = scoped && remaining(scoped) < remaining(endpoint) ? scoped : endpoint;
      headers[`Zendesk-RateLimit-${bucket}`] = `total=${shown.limit}; remaining=${remaining(shown)}; resets=${shown.resetSec}`;
    }
    if (blocked.length > 0) headers['Retry-After'] = String(Math.max(...blocked.map((c) => c.resetSec)));
    if (this.counters.size > 50_000) this.prune(now);
    return { allowed: blocked.length === 0, headers, limitedBy: blocked.map((c) => c.name) };
  }

  private check(key: string, name: RateLimitedBy, limit: number, windowMs: number, now: number): Check {
    const window = Math.floor(now / windowMs);
    let counter = this.counters.get(key);
    if (!counter || counter.window !== window) {
      counter = { window, used: 0 };
      this.counters.set(key, counter);
    }
    const resetSec = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    return { name, counter, limit, resetSec };
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

function bucketLimit(limits: RateLimits, bucket: RateBucket): number {
  switch (bucket) {
    case 'search-export':
      return limits.searchExport;
    case 'tickets-update':
      return limits.ticketUpdates;
    case 'incremental-exports':
      return limits.incrementalExports;
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
  if (bucket) headers[`Zendesk-RateLimit-${bucket}`] = `total=${UNLIMITED}; remaining=${UNLIMITED}; resets=60`;
  return headers;
}
