// Errors a remote API can cause, classified by what the caller should do about them.

/** The network or the server failed in a way that may pass: retry with backoff. */
export class TransientRemoteError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'TransientRemoteError';
  }
}

/** The remote asked us to slow down; wait `retryAfterMs` before the next request. */
export class RateLimitedError extends TransientRemoteError {
  constructor(readonly retryAfterMs: number) {
    super(`Rate limited by the helpdesk; retrying in ${Math.ceil(retryAfterMs / 1000)} s`, 429);
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
