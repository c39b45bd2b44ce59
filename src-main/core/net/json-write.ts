// Writes (PUT/POST) share the read client's classification of failures; kept apart so reads stay
// simple. A write is never retried here: the outbox decides, with the action id as its key.
import { parseRetryAfter } from './backoff';
import { AuthError, ForbiddenError, PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from './errors';

export interface SendJsonOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** As in HttpClientOptions: an answer is `true`, a connection-level failure `false` (with the send time). */
  onReachability?: (reachable: boolean, sentAt: number) => void;
  /** The answer's headers (the rate budget reads them). */
  onHeaders?: (headers: Headers) => void;
}

export async function sendJson(url: string, method: 'PUT' | 'POST', authorization: string, body: unknown, options: SendJsonOptions = {}): Promise<{ status: number; body: unknown }> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    options.onReachability?.(false, sentAt);
    // The request may or may not have reached the helpdesk: the caller must check before re-sending.
    throw new TransientRemoteError(`Cannot reach ${new URL(url).host}: ${error instanceof Error ? error.message : String(error)}`, null);
  }
  options.onReachability?.(true, sentAt);
  options.onHeaders?.(response.headers);
  const text = await response.text().catch(() => '');
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    if (response.ok) throw new PayloadError(`The helpdesk sent malformed JSON from ${new URL(url).pathname}`, url);
  }
  if (response.status === 429) throw new RateLimitedError(parseRetryAfter(response.headers.get('retry-after')) ?? 60_000);
  if (response.status >= 500) throw new TransientRemoteError(`${new URL(url).host} answered ${response.status}`, response.status, parseRetryAfter(response.headers.get('retry-after')));
  if (response.status === 401) throw new AuthError(`The helpdesk refused the credentials (${response.status})`);
  if (response.status === 403) throw new ForbiddenError(`The helpdesk does not allow this change (403${describeBody(parsed)})`, parsed);
  if (!response.ok && response.status !== 409) {
    const detail = parsed && typeof parsed === 'object' ? JSON.stringify(parsed).slice(0, 300) : String(parsed).slice(0, 300);
    throw new PermanentRemoteError(`The helpdesk refused the change (${response.status}: ${detail})`, response.status, parsed);
  }
  return { status: response.status, body: parsed };
}

function describeBody(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const { error, description } = body as { error?: unknown; description?: unknown };
  if (typeof description === 'string') return `: ${description}`;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return `: ${(error as { message: string }).message}`;
  return typeof error === 'string' ? `: ${error}` : '';
}
