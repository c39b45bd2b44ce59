// Small HTTP helpers for talking to a demo server in tests.
import type { DemoServer } from '../../../src-main/demo';

/** A fixed anchor so data and assertions are reproducible. */
export const TEST_ANCHOR = Date.UTC(2026, 10, 20, 10, 0, 0);

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export async function getJson<T = Record<string, unknown>>(server: DemoServer, pathOrUrl: string, auth: string | null = server.authHeader()): Promise<JsonResponse<T>> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${server.url}${pathOrUrl}`;
  const response = await fetch(url, { headers: auth ? { Authorization: auth } : {} });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Plain-text bodies (429) and deliberately broken JSON stay as text.
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export async function getText(server: DemoServer, path: string, auth: string | null = server.authHeader()): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, { headers: auth ? { Authorization: auth } : {} });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Sends a JSON body (or raw text) with PUT/POST; parses the answer like getJson. */
export async function sendJson<T = Record<string, unknown>>(
  server: DemoServer,
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  auth: string | null = server.authHeader(),
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (auth) headers.Authorization = auth;
  const response = await fetch(`${server.url}${path}`, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // 429 answers in plain text.
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}
