import { MailRefusedError, MailUnavailableError, PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from '../net/errors';

// What an outbox action's `lastError` says: one short sentence an agent can act on, never a raw
// response body. A helpdesk refusal is told in the helpdesk's own words (Zendesk errors are
// {error, description, details: {field: [{description}]}}), with the HTTP status for support.

/** Longest lastError kept; the outbox shows it on one line (the full text is in its tooltip). */
export const MAX_ERROR_LENGTH = 300;

interface HelpdeskErrorBody {
  error?: unknown;
  description?: unknown;
  details?: unknown;
}

function clip(text: string, max = MAX_ERROR_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The reason in a helpdesk's error body: the field details, else the description, else the error code. */
export function helpdeskReason(body: unknown): string | null {
  if (typeof body === 'string') {
    // A plain-text (or HTML) answer: its first words, without markup.
    const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    return text === '' ? null : clip(text, 160);
  }
  if (!body || typeof body !== 'object') return null;
  const { error, description, details } = body as HelpdeskErrorBody;
  const fromDetails: string[] = [];
  if (details && typeof details === 'object') {
    for (const list of Object.values(details as Record<string, unknown>)) {
      for (const item of Array.isArray(list) ? list : [list]) {
        const text = typeof item === 'string' ? item : item && typeof item === 'object' ? (item as { description?: unknown }).description : undefined;
        if (typeof text === 'string' && text.trim() !== '' && !fromDetails.includes(text.trim())) fromDetails.push(text.trim());
      }
    }
  }
  if (fromDetails.length > 0) return fromDetails.join('; ');
  if (typeof description === 'string' && description.trim() !== '') return description.trim();
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  if (error && typeof error === 'object') {
    // Some Zendesk endpoints nest it: {"error": {"title": "...", "message": "..."}}
    const nested = error as { message?: unknown; title?: unknown };
    if (typeof nested.message === 'string') return nested.message;
    if (typeof nested.title === 'string') return nested.title;
  }
  return null;
}

/** The text stored as an action's lastError for a failed attempt. */
export function outboxErrorMessage(error: unknown): string {
  // A mail server's words are already a sentence for the agent (and `<address>` in them is not markup).
  if (error instanceof MailRefusedError || error instanceof MailUnavailableError) return clip(error.message);
  if (error instanceof PermanentRemoteError) {
    const reason = helpdeskReason(error.body);
    return clip(reason ? `The helpdesk refused the change (${error.status}): ${reason}` : `The helpdesk refused the change (${error.status})`);
  }
  if (error instanceof RateLimitedError) return error.message;
  if (error instanceof TransientRemoteError) {
    // The action waits in the queue; the agent needs to know why, not how fetch failed.
    return error.status === null
      ? 'Could not reach the helpdesk; sent as soon as it can be reached'
      : `The helpdesk had a temporary problem (${error.status}); trying again shortly`;
  }
  if (error instanceof PayloadError) return 'The helpdesk\'s answer could not be read; checked with the helpdesk before trying again';
  return clip(error instanceof Error ? error.message : String(error));
}
