import { DEFAULT_BACKOFF, fullJitterDelay, parseRetryAfter, pause, type BackoffPolicy, type WakeSource } from './backoff';
import { AuthError, ForbiddenError, PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from './errors';
import { sendJson } from './json-write';
import { RatePlanner, type BucketName, type Need } from './rate-planner';

/** Who waits for a request: an agent now, the cases in front of the agent, or background sync. */
export type RequestPriority = Need;

export interface HttpClientOptions {
  baseUrl: string;
  /** Value of the Authorization header. */
  authorization: string;
  maxConcurrent?: number;
  /** Attempts per request for transient failures before the error reaches the caller. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  timeoutMs?: number;
  /** Longest Retry-After we sleep through inside one request; longer ones surface as errors. */
  maxRetryAfterMs?: number;
  onEvent?: (event: HttpEvent) => void;
  /**
   * Every attempt's outcome for the app's offline detection: an answer (any HTTP status) is
   * `true`; a connection-level failure (refused, DNS, reset, timeout) is `false` with the time the
   * request was sent. Requests the caller aborted report nothing.
   */
  onReachability?: (reachable: boolean, sentAt: number) => void;
  /** Ends the pauses between retries early (the network monitor rings it when the helpdesk is back). */
  wake?: WakeSource;
  /** The account's request budget (per bucket); a default planner when absent. */
  planner?: RatePlanner;
  /** Which rate bucket a request spends (besides the account's general one). */
  bucketOf?: (method: 'GET' | 'PUT' | 'POST', url: URL) => BucketName;
}

export type HttpEvent =
  | { kind: 'rate-limited'; url: string; retryAfterMs: number; bucket: BucketName }
  | { kind: 'retrying'; url: string; attempt: number; delayMs: number; reason: string };

/**
 * A JSON-over-HTTPS client for one remote account: every request first gets its place in the
 * account's rate budget (its bucket's, which a 429 pauses alone), then a connection slot, where
 * requests an agent waits for jump ahead of the cases in view, and those ahead of background sync;
 * network errors and 5xx retry with full-jitter backoff (a 503's Retry-After is honoured).
 */
export class JsonHttpClient {
  private readonly baseUrl: string;
  private active = 0;
  private readonly waiting: { priority: RequestPriority; start: () => void }[] = [];
  readonly planner: RatePlanner;
  readonly stats = { requests: 0, rateLimited: 0, retries: 0 };

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.planner = options.planner ?? new RatePlanner();
  }

  private bucketOf(method: 'GET' | 'PUT' | 'POST', url: string): BucketName {
    return this.options.bucketOf?.(method, new URL(url)) ?? 'general';
  }

  resolve(pathOrUrl: string): string {
    return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
  }

  async getJson(pathOrUrl: string, options: { priority?: RequestPriority; signal?: AbortSignal } = {}): Promise<unknown> {
    const url = this.resolve(pathOrUrl);
    const maxAttempts = this.options.maxAttempts ?? 6;
    const priority = options.priority ?? 'background';
    const bucket = this.bucketOf('GET', url);
    for (let attempt = 0; ; attempt++) {
      try {
        // The budget first, outside the connection slots: a request waiting on a paused bucket
        // must not hold a slot another bucket's request could use.
        await this.planner.acquire(bucket, priority, options.signal);
        return await this.withSlot(priority, () => this.requestOnce(url, bucket, options.signal), options.signal);
      } catch (error) {
        if (!(error instanceof TransientRemoteError) || attempt + 1 >= maxAttempts || options.signal?.aborted) throw error;
        if (error instanceof RateLimitedError) {
          if (error.retryAfterMs > (this.options.maxRetryAfterMs ?? 120_000)) throw error;
          continue; // the bucket's pause already delays the next attempt
        }
        const delayMs = error.retryAfterMs ?? fullJitterDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
        this.stats.retries++;
        this.options.onEvent?.({ kind: 'retrying', url, attempt: attempt + 1, delayMs, reason: error.message });
        // Rate-limit pauses (above) are the helpdesk's to set; a network backoff ends when the network is back.
        await pause(delayMs, options.signal, this.options.wake?.signal);
      }
    }
  }

  /**
   * Does the helpdesk answer at all? One request, no retries, no queueing behind other requests;
   * any HTTP answer counts (even 401 or 500), only a connection-level failure or `signal` (give it
   * a short timeout) says no.
   */
  async ping(pathOrUrl: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.requestOnce(this.resolve(pathOrUrl), null, signal);
      return true;
    } catch (error) {
      if (signal?.aborted) return false;
      return !(error instanceof TransientRemoteError && error.status === null);
    }
  }

  /**
   * A write (PUT/POST), never retried here (see json-write.ts): it spends its bucket (ticket
   * updates), a 429 pauses that bucket, and it reports reachability like reads.
   */
  async sendJson(url: string, method: 'PUT' | 'POST', body: unknown, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<{ status: number; body: unknown }> {
    const resolved = this.resolve(url);
    const bucket = this.bucketOf(method, resolved);
    await this.planner.acquire(bucket, 'foreground', options.signal);
    let answered: Headers | null = null;
    let settled = false;
    try {
      return await sendJson(resolved, method, this.options.authorization, body, {
        ...options,
        ...(this.options.onReachability ? { onReachability: this.options.onReachability } : {}),
        onHeaders: (headers) => (answered = headers),
      });
    } catch (error) {
      if (error instanceof RateLimitedError) {
        this.planner.refused(bucket, answered ?? new Headers(), error.retryAfterMs);
        settled = true;
      }
      throw error;
    } finally {
      if (!settled) this.planner.complete(bucket, answered);
    }
  }

  private async withSlot<T>(priority: RequestPriority, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const limit = this.options.maxConcurrent ?? 4;
    if (this.active >= limit) {
      await new Promise<void>((resolve) => {
        const entry = { priority, start: resolve };
        // Ahead of every waiting request of a lesser need, behind those of the same need.
        const firstLesser = this.waiting.findIndex((w) => RANK[w.priority] > RANK[priority]);
        this.waiting.splice(firstLesser === -1 ? this.waiting.length : firstLesser, 0, entry);
      });
    }
    this.active++;
    try {
      signal?.throwIfAborted();
      return await run();
    } finally {
      this.active--;
      this.waiting.shift()?.start();
    }
  }

  /** One request; `bucket` null for probes, which spend no budget and are not counted. */
  private async requestOnce(url: string, bucket: BucketName | null, signal?: AbortSignal): Promise<unknown> {
    this.stats.requests++;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: this.options.authorization, accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (bucket !== null) this.planner.complete(bucket, null);
      if (signal?.aborted) throw error;
      this.options.onReachability?.(false, sentAt);
      throw new TransientRemoteError(`Cannot reach ${new URL(url).host}: ${describe(error)}`, null);
    }
    this.options.onReachability?.(true, sentAt);
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? 60_000;
      this.stats.rateLimited++;
      const paused = bucket === null ? 'general' : this.planner.refused(bucket, response.headers, retryAfterMs);
      this.options.onEvent?.({ kind: 'rate-limited', url, retryAfterMs, bucket: paused });
      await response.body?.cancel();
      throw new RateLimitedError(retryAfterMs, paused);
    }
    if (bucket !== null) this.planner.complete(bucket, response.headers);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new TransientRemoteError(`Connection to ${new URL(url).host} broke mid-response: ${describe(error)}`, response.status);
    }
    if (response.status >= 500) {
      // A 503 with Retry-After is a database timeout or deadlock: retry after it (Zendesk docs).
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      throw new TransientRemoteError(`${new URL(url).host} answered ${response.status}`, response.status, retryAfterMs);
    }
    const body = parseBody(text, url, response.ok);
    if (response.status === 401) throw new AuthError(`The helpdesk refused the credentials (${response.status}${errorText(body)})`);
    if (response.status === 403) throw new ForbiddenError(`The helpdesk refused ${new URL(url).pathname} (403${errorText(body)})`, body);
    if (!response.ok) throw new PermanentRemoteError(`The helpdesk refused ${new URL(url).pathname} (${response.status}${errorText(body)})`, response.status, body);
    return body;
  }
}

function parseBody(text: string, url: string, strict: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!strict) return text;
    throw new PayloadError(`The helpdesk sent malformed JSON from ${new URL(url).pathname} (${text.length} bytes): ${describe(error)}`, url);
  }
}

/** Zendesk's error bodies: `{error, description}`, or `{error: {title, message}}` (seen on 403s). */
function errorText(body: unknown): string {
  if (body && typeof body === 'object') {
    const { error, description } = body as { error?: unknown; description?: unknown };
    const nested = error && typeof error === 'object' ? (error as { title?: unknown; message?: unknown }) : null;
    const parts = (nested ? [nested.title, nested.message] : [error, description]).filter((p): p is string => typeof p === 'string');
    if (parts.length > 0) return `: ${parts.join(' — ')}`;
  }
  return '';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

const RANK: Readonly<Record<RequestPriority, number>> = { foreground: 0, attention: 1, background: 2 };
