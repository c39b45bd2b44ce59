import { sleep } from './backoff';

// The request budget of one helpdesk account (DESIGN §5 "A rate budget per bucket",
// docs/zendesk-conformance.md "Rate limits"). A helpdesk rations its API in buckets that refuse
// independently: Zendesk has one for all incremental exports (10 a minute, shared), one for ticket
// updates (100 a minute), one for the search export (100 a minute), and the account's plan-sized
// limit (200–2,500 a minute) that every request counts against. The planner keeps one state per
// bucket, learns the real numbers from the headers each answer carries, spends each bucket by
// need (an agent waiting first, then the cases in front of the agent, then background work), and
// lets a 429 pause only the bucket it came from.

export type BucketName = 'general' | 'export' | 'update' | 'search';

/** Who is waiting: an agent now, the cases in front of the agent, or background backfill. */
export type Need = 'foreground' | 'attention' | 'background';

export interface BucketLimit {
  /** Requests per window. */
  limit: number;
  windowMs: number;
}

/** Zendesk's documented limits (the general one is the smallest plan's until a header says more). */
export const ZENDESK_LIMITS: Readonly<Record<BucketName, BucketLimit>> = {
  general: { limit: 200, windowMs: 60_000 },
  export: { limit: 10, windowMs: 60_000 },
  update: { limit: 100, windowMs: 60_000 },
  search: { limit: 100, windowMs: 60_000 },
};

/**
 * What each need may spend of a bucket's window: background work leaves a fifth for the agent and
 * the cases in view, those leave a little for the agent's own clicks. A bucket of 10 lets
 * background work spend 8.
 */
const SHARE: Readonly<Record<Need, number>> = { background: 0.8, attention: 0.9, foreground: 1 };

interface BucketState {
  limit: number;
  windowMs: number;
  /** Send times of this window's requests by our own count (no header known). */
  sent: number[];
  /** The helpdesk's own count, from the last answer's headers. */
  header: { remaining: number; resetAt: number; total: number; at: number } | null;
  /** Requests started since that header was read (the helpdesk had not counted them yet). */
  sinceHeader: number;
  /** Requests sent and not yet answered. */
  inFlight: number;
  /** A 429 for this bucket: nothing goes before this time. */
  pausedUntil: number;
  /** 429s this bucket earned (for the bench and the tests). */
  refused: number;
}

export interface RatePlannerOptions {
  limits?: Partial<Record<BucketName, BucketLimit>>;
  now?: () => number;
  /** Sleeps while waiting for a bucket (tests give a fake clock's sleep). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface BucketView {
  name: BucketName;
  limit: number;
  windowMs: number;
  /** What the helpdesk said is left, or our own estimate. */
  remaining: number;
  pausedUntil: number | null;
  refused: number;
}

export class RatePlanner {
  private readonly buckets = new Map<BucketName, BucketState>();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private changed: (() => void)[] = [];

  constructor(options: RatePlannerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
    for (const name of Object.keys(ZENDESK_LIMITS) as BucketName[]) {
      const limit = options.limits?.[name] ?? ZENDESK_LIMITS[name];
      this.buckets.set(name, { limit: limit.limit, windowMs: limit.windowMs, sent: [], header: null, sinceHeader: 0, inFlight: 0, pausedUntil: 0, refused: 0 });
    }
  }

  /**
   * Waits until a request of `need` may go on `bucket` (and on the account's general bucket, which
   * every request also spends). Resolves when it may; rejects only when `signal` aborts.
   */
  async acquire(bucket: BucketName, need: Need, signal?: AbortSignal): Promise<void> {
    const names: BucketName[] = bucket === 'general' ? ['general'] : [bucket, 'general'];
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      let wait = 0;
      for (const name of names) wait = Math.max(wait, this.waitFor(this.buckets.get(name)!, need, now));
      if (wait <= 0) {
        for (const name of names) this.spend(this.buckets.get(name)!, now);
        return;
      }
      // A header or a pause ending can free the bucket sooner than computed: look again then.
      let woken!: () => void;
      const wakeup = new Promise<void>((resolve) => (woken = resolve));
      this.changed.push(woken);
      try {
        await Promise.race([this.sleep(Math.min(wait, 1000), signal), wakeup]);
      } finally {
        this.changed = this.changed.filter((w) => w !== woken);
      }
    }
  }

  /** How long a request of `need` must wait on this bucket; 0 when it may go now. */
  private waitFor(b: BucketState, need: Need, now: number): number {
    if (b.pausedUntil > now) return b.pausedUntil - now;
    const allowed = Math.max(1, Math.floor(b.limit * SHARE[need]));
    const reserve = b.limit - allowed;
    this.forget(b, now);
    if (b.header) {
      if (b.header.resetAt > now) {
        // The helpdesk's count: what it said is left, less what we sent since, less the reserve.
        const left = b.header.remaining - b.sinceHeader - reserve;
        return left > 0 ? 0 : b.header.resetAt - now;
      }
      // The window that header spoke of is over: a fresh one of `total`, counted from its reset
      // until the next answer says more.
      const resetAt = b.header.resetAt;
      const since = b.sent.filter((t) => t >= resetAt).length;
      return since < allowed ? 0 : 1000;
    }
    if (b.sent.length < allowed) return 0;
    // The oldest request of the window leaves it at this time.
    return b.sent[b.sent.length - allowed]! + b.windowMs - now;
  }

  private spend(b: BucketState, now: number): void {
    b.sent.push(now);
    b.inFlight++;
    if (b.header && b.header.resetAt > now) b.sinceHeader++;
  }

  private forget(b: BucketState, now: number): void {
    let drop = 0;
    while (drop < b.sent.length && b.sent[drop]! <= now - b.windowMs) drop++;
    if (drop > 0) b.sent.splice(0, drop);
  }

  /**
   * A request acquired on `bucket` is over: with its answer's headers (null when there was no
   * answer), which tell the account's count (`ratelimit-limit`, `ratelimit-remaining`,
   * `ratelimit-reset`, or `x-rate-limit[-remaining]`) and the endpoint's
   * (`zendesk-ratelimit-<name>: total=N; remaining=N; resets=S`).
   */
  complete(bucket: BucketName, headers: Headers | null): void {
    for (const name of bucket === 'general' ? (['general'] as const) : ([bucket, 'general'] as const)) {
      const b = this.buckets.get(name)!;
      b.inFlight = Math.max(0, b.inFlight - 1);
    }
    if (headers) this.observe(headers);
    this.wake();
  }

  private observe(headers: Headers): void {
    const now = this.now();
    const accountLimit = numberHeader(headers, 'ratelimit-limit') ?? numberHeader(headers, 'x-rate-limit');
    const accountRemaining = numberHeader(headers, 'ratelimit-remaining') ?? numberHeader(headers, 'x-rate-limit-remaining');
    const accountReset = numberHeader(headers, 'ratelimit-reset');
    if (accountLimit !== null && accountRemaining !== null) {
      this.learn('general', accountLimit, accountRemaining, accountReset ?? 60, now);
    }
    for (const { bucket, parsed } of endpointHeaders(headers)) this.learn(bucket, parsed.total, parsed.remaining, parsed.resets, now);
  }

  private learn(name: BucketName, total: number, remaining: number, resetsSec: number, now: number): void {
    const b = this.buckets.get(name)!;
    if (total > 0) b.limit = total;
    b.header = { remaining, resetAt: now + Math.max(1, resetsSec) * 1000, total, at: now };
    // Requests still in flight may not be in the helpdesk's count yet.
    b.sinceHeader = b.inFlight;
  }

  /**
   * A 429 on `bucket`: pause the bucket that refused — the endpoint's when its header (or nothing)
   * says it ran out, the account's when the account's header says so — until Retry-After.
   */
  refused(bucket: BucketName, headers: Headers, retryAfterMs: number): BucketName {
    this.complete(bucket, null);
    const now = this.now();
    const accountRemaining = numberHeader(headers, 'ratelimit-remaining') ?? numberHeader(headers, 'x-rate-limit-remaining');
    let culprit: BucketName = bucket;
    if (bucket !== 'general' && accountRemaining === 0) {
      const endpoint = endpointRemaining(headers, bucket);
      if (endpoint === null || endpoint > 0) culprit = 'general';
    }
    const b = this.buckets.get(culprit)!;
    b.pausedUntil = Math.max(b.pausedUntil, now + retryAfterMs);
    b.refused++;
    this.wake();
    return culprit;
  }

  view(): BucketView[] {
    const now = this.now();
    return [...this.buckets.entries()].map(([name, b]) => {
      this.forget(b, now);
      const remaining = b.header && b.header.resetAt > now ? Math.max(0, b.header.remaining - b.sinceHeader) : Math.max(0, b.limit - b.sent.length);
      return { name, limit: b.limit, windowMs: b.windowMs, remaining, pausedUntil: b.pausedUntil > now ? b.pausedUntil : null, refused: b.refused };
    });
  }

  private wake(): void {
    const waiting = this.changed;
    this.changed = [];
    for (const resolve of waiting) resolve();
  }
}

/** Zendesk's endpoint headers (`zendesk-ratelimit-<name>`) onto our buckets. */
const ENDPOINT_HEADERS: Readonly<Record<string, BucketName>> = {
  'incremental-exports': 'export',
  'tickets-update': 'update',
  'search-export': 'search',
};

function endpointHeaders(headers: Headers): { bucket: BucketName; parsed: { total: number; remaining: number; resets: number } }[] {
  const found: { bucket: BucketName; parsed: { total: number; remaining: number; resets: number } }[] = [];
  headers.forEach((value, name) => {
    const match = /^zendesk-ratelimit-(.+)$/i.exec(name);
    const bucket = match ? ENDPOINT_HEADERS[match[1]!.toLowerCase()] : undefined;
    const parsed = parseEndpointHeader(value);
    if (bucket && parsed) found.push({ bucket, parsed });
  });
  return found;
}

function endpointRemaining(headers: Headers, bucket: BucketName): number | null {
  return endpointHeaders(headers).find((h) => h.bucket === bucket)?.parsed.remaining ?? null;
}

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** `total=10; remaining=9; resets=41` → numbers (null when any is missing). */
export function parseEndpointHeader(value: string): { total: number; remaining: number; resets: number } | null {
  const parts: Record<string, number> = {};
  for (const part of value.split(';')) {
    const [key, raw] = part.split('=').map((s) => s.trim());
    if (key && raw !== undefined && raw !== '' && Number.isFinite(Number(raw))) parts[key.toLowerCase()] = Number(raw);
  }
  const { total, remaining, resets } = parts;
  return total === undefined || remaining === undefined || resets === undefined ? null : { total, remaining, resets };
}
