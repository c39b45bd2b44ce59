// The request pipeline: route → auth → role → rate limit → fault injection → body → handler → response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveControl } from '../live/live-simulator';
import type { TeammateControl } from '../live/teammate-presence';
import type { HelpdeskStore } from '../store/helpdesk-store';
import { handleAdmin } from './admin';
import { serveAttachment } from './attachments';
import { authenticate, UNAUTHORIZED_BODY } from './auth';
import { BodyTooLargeError, InvalidJsonError, readJsonBody } from './body';
import { damagedText } from './fault-bodies';
import type { ActiveFault, FaultInjector } from './faults';
import type { RateLimiter } from './rate-limiter';
import { matchRoute, normalizePath } from './routes';
import { FORBIDDEN_BODY, RATE_LIMITED_TEXT, sendJson, sendText, UPDATE_CONFLICT_BODY } from './send';
import type { StatsCollector } from './stats';
import { HttpError, type ApiResponse } from './types';

export interface AppDeps {
  store: HelpdeskStore;
  token: string;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  stats: StatsCollector;
  live: LiveControl;
  teammates: TeammateControl | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Request bodies (ticket updates) above this size get 413. */
const MAX_API_BODY = 1024 * 1024;

export class DemoApp {
  constructor(private readonly deps: AppDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.process(req, res).catch((error: unknown) => {
      process.stderr.write(`demo helpdesk: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      sendJson(res, 500, { error: 'InternalError', description: 'The demo helpdesk failed to answer' });
    });
  };

  private async process(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { store, stats } = this.deps;
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const path = normalizePath(url.pathname);
    const method = req.method ?? 'GET';

    if (path.startsWith('/__demo/')) return handleAdmin(req, res, path, url, this.deps);
    if (path.startsWith('/attachments/token/')) return serveAttachment(res, url);

    const match = matchRoute(method, path);
    if (match === null) {
      stats.request('unknown');
      return sendJson(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
    }
    if ('methodNotAllowed' in match) {
      stats.request('unknown');
      return sendJson(res, 405, { error: 'MethodNotAllowed', description: `${method} is not supported here` });
    }
    const { route, params } = match;
    stats.request(route.name);

    const user = authenticate(req.headers.authorization, store, this.deps.token);
    if (!user) {
      stats.unauthorized();
      return sendJson(res, 401, UNAUTHORIZED_BODY, { 'WWW-Authenticate': 'Basic realm="Web Password"' });
    }

    // The restricted agent's custom role: no Admins-only endpoints, no lists beyond its organization.
    if (route.access !== 'agents' && user.restricted_agent === true) {
      stats.forbidden();
      return sendJson(res, 403, FORBIDDEN_BODY);
    }

    let rateHeaders: Record<string, string> = {};
    if (route.zendesk) {
      // Update limits also count per agent and ticket (Zendesk's "per (User + Ticket)" scope).
      const scope = route.bucket === 'tickets-update' ? `${user.id}:${params[0] ?? ''}` : null;
      const decision = this.deps.rateLimiter.take(route.bucket, scope);
      rateHeaders = decision.headers;
      if (!decision.allowed) {
        stats.rateLimited(route.name, decision.limitedBy);
        return sendText(res, 429, RATE_LIMITED_TEXT, 'text/plain; charset=utf-8', rateHeaders);
      }
    }

    const fault = this.deps.faults.take({ method, pathAndQuery: `${url.pathname}${url.search}`, route: route.name, userEmail: user.email });
    if (fault) {
      stats.faultInjected(fault.kind === 'status' ? (fault.status ?? 500) : 0);
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'status') return sendStatusFault(res, fault, rateHeaders);
      if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    }

    let body: unknown;
    if (route.method !== 'GET') {
      try {
        body = await readJsonBody(req, MAX_API_BODY);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'RequestTooLarge', description: error.message }, rateHeaders);
        if (error instanceof InvalidJsonError) return sendJson(res, 400, { error: 'InvalidValue', description: error.message }, rateHeaders);
        throw error;
      }
    }

    let response: ApiResponse;
    try {
      const client = { userAgent: req.headers['user-agent'] ?? null, ipAddress: req.socket.remoteAddress ?? null };
      response = route.handler({ url, params, query: url.searchParams, user, store, baseUrl: store.baseUrl, body, client, stats });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      response = { status: error.status, body: error.body };
    }
    const headers = { ...rateHeaders, ...response.headers };
    const damaged = fault && response.status === 200 ? damagedText(fault, response.body) : null;
    if (damaged !== null) return sendText(res, response.status, damaged, JSON_TYPE, headers);
    return sendJson(res, response.status, response.body, headers);
  }
}

function sendStatusFault(res: ServerResponse, fault: ActiveFault, rateHeaders: Record<string, string>): void {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { ...rateHeaders };
  const retryAfter = fault.retryAfter ?? (status === 429 || status === 503 ? 1 : undefined);
  if (retryAfter !== undefined) headers['Retry-After'] = String(Math.max(0, Math.round(retryAfter)));
  if (status === 429) return sendText(res, 429, RATE_LIMITED_TEXT, 'text/plain; charset=utf-8', headers);
  const body =
    status === 404
      ? { error: 'RecordNotFound', description: 'Not found' }
      : status === 403
        ? FORBIDDEN_BODY
      : status === 409
        ? UPDATE_CONFLICT_BODY
        : status >= 500
          ? { error: 'InternalError', description: `Injected ${status} from the demo helpdesk` }
          : { error: 'DemoFault', description: `Injected ${status}` };
  sendJson(res, status, body, headers);
}
