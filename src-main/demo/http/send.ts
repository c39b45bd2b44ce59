// Writing responses.
import type { ServerResponse } from 'node:http';

export function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(payload.length) });
  res.end(payload);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

/** Zendesk answers 429 in plain text. */
export const RATE_LIMITED_TEXT = 'Number of allowed API requests per minute exceeded';

/**
 * The 409 body for a safe update with a stale updated_stamp. Zendesk's reference documents only
 * "409 Conflict"; this body is the one third-party client test mocks of the real response carry
 * (no public source shows a longer description). Clients should key on the status and `error`,
 * never on the description.
 */
export const UPDATE_CONFLICT_BODY = {
  error: 'UpdateConflict',
  description: 'Safe Update prevented the update due to outdated ticket data.',
} as const;

/** Zendesk's 403 for an agent whose role may not use the endpoint. */
export const FORBIDDEN_BODY = {
  error: 'Forbidden',
  description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
} as const;
