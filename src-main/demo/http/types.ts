// Request handling types shared by the router and the API handlers.
import type { DemoUser } from '../dataset/types';
import type { HelpdeskStore } from '../store/helpdesk-store';
import type { StatsCollector } from './stats';

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  url: URL;
  /** Path captures of the route pattern (e.g. the ticket id). */
  params: string[];
  query: URLSearchParams;
  /** The authenticated agent. */
  user: DemoUser;
  store: HelpdeskStore;
  baseUrl: string;
  /** Parsed JSON body of a PUT/POST; undefined for GET. */
  body: unknown;
  /** Who sent the request, for an audit's metadata.system. */
  client: { userAgent: string | null; ipAddress: string | null };
  stats: StatsCollector;
}

export type Handler = (ctx: RequestContext) => ApiResponse;

/** Thrown by handlers to answer with an error status and body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export function ok(body: unknown): ApiResponse {
  return { status: 200, body };
}

export function notFound(): HttpError {
  return new HttpError(404, { error: 'RecordNotFound', description: 'Not found' });
}

export function badRequest(description: string, error = 'InvalidValue'): HttpError {
  return new HttpError(400, { error, description });
}
