// Errors a remote API can cause, classified by what the caller should do about them.

/** The network or the server failed in a way that may pass: retry with backoff (or after `retryAfterMs` when the server said). */
export class TransientRemoteError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'TransientRemoteError';
  }
}

/** The remote asked us to slow down; wait `retryAfterMs` before the next request on `bucket`. */
export class RateLimitedError extends TransientRemoteError {
  constructor(
    override readonly retryAfterMs: number,
    /** The rate bucket that refused (a helpdesk's export, update or general limit). */
    readonly bucket: string = 'general',
  ) {
    super(`Rate limited by the helpdesk; retrying in ${Math.ceil(retryAfterMs / 1000)} s`, 429, retryAfterMs);
    this.name = 'RateLimitedError';
  }
}

/** Credentials were refused: nothing will work until the agent fixes the account. */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** A request the remote refused for good (4xx other than 401/403/429). */
export class PermanentRemoteError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'PermanentRemoteError';
  }
}

/**
 * The credentials work but this request is not allowed for this user (403): a role or plan that
 * may not list agents or use the exports. Permanent for this request, not for the account.
 */
export class ForbiddenError extends PermanentRemoteError {
  constructor(message: string, body: unknown) {
    super(message, 403, body);
    this.name = 'ForbiddenError';
  }
}

/** The remote answered, but not with what its API promises (bad JSON, wrong types, missing fields). */
export class PayloadError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** A mail server refused for good (SMTP 5xx, a missing folder): the message is worded for the agent already. */
export class MailRefusedError extends PermanentRemoteError {
  constructor(message: string, status: number) {
    super(message, status, null);
    this.name = 'MailRefusedError';
  }
}

/** A mail server could not be reached or deferred (SMTP 4xx, a dropped IMAP connection): worded for the agent. */
export class MailUnavailableError extends TransientRemoteError {
  constructor(message: string, status: number | null) {
    super(message, status);
    this.name = 'MailUnavailableError';
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof TransientRemoteError;
}
