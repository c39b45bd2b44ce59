import { DEFAULT_BACKOFF, fullJitterDelay, parseRetryAfter, pause, sleep, type BackoffPolicy, type WakeSource } from './backoff';
import { AuthError, PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from './errors';
import { sendJson } from './json-write';

export type RequestPriority = 'foreground' | 'background';

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
}

export type HttpEvent =
  | { kind: 'rate-limited'; url: string; retryAfterMs: number }
  | { kind: 'retrying'; url: string; attempt: number; delayMs: number; reason: string };

/**
 * A JSON-over-HTTPS client for one remote account: bounded concurrency where foreground requests
 * (an agent waiting) jump ahead of background sync, one shared pause when the remote says 429,
 * and retries with full-jitter backoff for network errors and 5xx.
 */
export class JsonHttpClient {
  private readonly baseUrl: string;
  private active = 0;
  private readonly waiting: { priority: RequestPriority; start: () => void }[] = [];
  private pausedUntil = 0;
  readonly stats = { requests: 0, rateLimited: 0, retries: 0 };

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  resolve(pathOrUrl: string): string {
    return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
  }

  async getJson(pathOrUrl: string, options: { priority?: RequestPriority; signal?: AbortSignal } = {}): Promise<unknown> {
    const url = this.resolve(pathOrUrl);
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.withSlot(options.priority ?? 'background', () => this.requestOnce(url, options.signal), options.signal);
      } catch (error) {
        if (!(error instanceof TransientRemoteError) || attempt + 1 >= maxAttempts || options.signal?.aborted) throw error;
        if (error instanceof RateLimitedError) {
          if (error.retryAfterMs > (this.options.maxRetryAfterMs ?? 120_000)) throw error;
          continue; // the shared pause already delays the next attempt
        }
        const delayMs = fullJitterDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
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
      await this.requestOnce(this.resolve(pathOrUrl), signal);
      return true;
    } catch (error) {
      if (signal?.aborted) return false;
      return !(error instanceof TransientRemoteError && error.status === null);
    }
  }

  /** A write (PUT/POST), never retried here (see json-write.ts); it reports reachability like reads. */
  sendJson(url: string, method: 'PUT' | 'POST', body: unknown, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<{ status: number; body: unknown }> {
    return sendJson(this.resolve(url), method, this.options.authorization, body, {
      ...options,
      ...(this.options.onReachability ? { onReachability: this.options.onReachability } : {}),
    });
  }

  private async withSlot<T>(priority: RequestPriority, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const limit = this.options.maxConcurrent ?? 4;
    if (this.active >= limit) {
      await new Promise<void>((resolve) => {
        const entry = { priority, start: resolve };
        if (priority === 'foreground') {
          const firstBackground = this.waiting.findIndex((w) => w.priority === 'background');
          this.waiting.splice(firstBackground === -1 ? this.waiting.length : firstBackground, 0, entry);
        } else this.waiting.push(entry);
      });
    }
    this.active++;
    try {
      const pause = this.pausedUntil - Date.now();
      if (pause > 0) await sleep(pause, signal);
      return await run();
    } finally {
      this.active--;
      this.waiting.shift()?.start();
    }
  }

  private async requestOnce(url: string, signal?: AbortSignal): Promise<unknown> {
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
      if (signal?.aborted) throw error;
      this.options.onReachability?.(false, sentAt);
      throw new TransientRemoteError(`Cannot reach ${new URL(url).host}: ${describe(error)}`, null);
    }
    this.options.onReachability?.(true, sentAt);
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? 60_000;
      this.stats.rateLimited++;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfterMs);
      this.options.onEvent?.({ kind: 'rate-limited', url, retryAfterMs });
      await response.body?.cancel();
      throw new RateLimitedError(retryAfterMs);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new TransientRemoteError(`Connection to ${new URL(url).host} broke mid-response: ${describe(error)}`, response.status);
    }
    if (response.status >= 500) throw new TransientRemoteError(`${new URL(url).host} answered ${response.status}`, response.status);
    const body = parseBody(text, url, response.ok);
    if (response.status === 401 || response.status === 403) {
      throw new AuthError(`The helpdesk refused the credentials (${response.status}${errorText(body)})`);
    }
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

function errorText(body: unknown): string {
  if (body && typeof body === 'object') {
    const { error, description } = body as { error?: unknown; description?: unknown };
    const parts = [error, description].filter((p): p is string => typeof p === 'string');
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
