// Test-control routes under /__demo/: fault injection, stats, live-mode stepping, teammate
// updates, simulated teammates' presence and a dataset summary. No auth, but only from loopback
// addresses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KOREAN_REFUND_MACRO_TITLE, REFUND_MACRO_TITLE } from '../dataset/macros';
import type { DemoMacro } from '../dataset/types';
import { LIVE_CHANGE_KINDS, type LiveChangeKind } from '../live/live-actions';
import type { LiveControl } from '../live/live-simulator';
import type { TeammateControl } from '../live/teammate-presence';
import type { TeammateUpdate } from '../live/teammate-update';
import type { HelpdeskStore } from '../store/helpdesk-store';
import { UpdateRejected } from '../store/update-rejected';
import { readJsonBody } from './body';
import { FAULT_KINDS, type FaultInjector, type FaultKind, type FaultSpec } from './faults';
import { sendJson } from './send';
import type { StatsCollector } from './stats';

export interface AdminDeps {
  store: HelpdeskStore;
  faults: FaultInjector;
  stats: StatsCollector;
  live: LiveControl;
  teammates: TeammateControl | null;
}

const MAX_BODY = 64 * 1024;

/** The shared macros in the dataset summary: counts, and ids of the ones tests look for. */
function macroSummary(macros: DemoMacro[]): { count: number; activeCount: number; refundMacroId: number | null; koreanRefundMacroId: number | null } {
  const byTitle = (title: string): number | null => macros.find((m) => m.title === title)?.id ?? null;
  return {
    count: macros.length,
    activeCount: macros.filter((m) => m.active).length,
    refundMacroId: byTitle(REFUND_MACRO_TITLE),
    koreanRefundMacroId: byTitle(KOREAN_REFUND_MACRO_TITLE),
  };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  return (await readJsonBody(req, MAX_BODY)) ?? {};
}

/** Turns a JSON fault description into a FaultSpec ("regex": true makes pathPattern a RegExp). */
export function faultSpecFromJson(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new Error('body must be a JSON object');
  const o = input as Record<string, unknown>;
  if ((typeof o.pathPattern !== 'string' || o.pathPattern === '') && (typeof o.route !== 'string' || o.route === '')) throw new Error('pathPattern or route (string) is required');
  if (typeof o.kind !== 'string' || !FAULT_KINDS.includes(o.kind as FaultKind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  const number = (key: string): number | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${key} must be a number`);
    return v;
  };
  const spec: FaultSpec = { kind: o.kind as FaultKind };
  if (typeof o.pathPattern === 'string' && o.pathPattern !== '') spec.pathPattern = o.regex === true ? new RegExp(o.pathPattern) : o.pathPattern;
  if (typeof o.route === 'string' && o.route !== '') spec.route = o.route;
  if (typeof o.userEmail === 'string') spec.userEmail = o.userEmail;
  const status = number('status');
  const retryAfter = number('retryAfter');
  const times = o.times === 'always' ? 'always' : number('times');
  const delayMs = number('delayMs');
  if (status !== undefined) spec.status = status;
  if (retryAfter !== undefined) spec.retryAfter = retryAfter;
  if (times !== undefined) spec.times = times;
  if (delayMs !== undefined) spec.delayMs = delayMs;
  if (typeof o.field === 'string') spec.field = o.field;
  if (typeof o.method === 'string') spec.method = o.method;
  return spec;
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, url: URL, deps: AdminDeps): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { error: 'Forbidden', description: 'demo admin routes are loopback-only' });
    return;
  }
  const method = req.method ?? 'GET';
  try {
    const teammate = /^\/__demo\/tickets\/(\d+)\/teammate-update$/.exec(path);
    if (teammate && method === 'POST') {
      const ticketId = Number(teammate[1]);
      if (!deps.store.ticket(ticketId)) return sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' });
      const input = await readJson(req);
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('body must be a JSON object');
      return sendJson(res, 200, deps.live.teammateUpdate(ticketId, input as TeammateUpdate));
    }
    const deletion = /^\/__demo\/tickets\/(\d+)\/delete$/.exec(path);
    if (deletion && method === 'POST') {
      const ticketId = Number(deletion[1]);
      if (!deps.store.ticket(ticketId)) return sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' });
      return sendJson(res, 200, deps.live.deleteTicket(ticketId));
    }
    if (path.startsWith('/__demo/teammates') || /^\/__demo\/tickets\/\d+\/teammates\//.test(path)) return await handleTeammates(req, res, path, method, deps);
    switch (`${method} ${path}`) {
      case 'GET /__demo/stats':
        return sendJson(res, 200, deps.stats.snapshot());
      case 'DELETE /__demo/stats':
        deps.stats.reset();
        return sendJson(res, 200, { ok: true });
      case 'GET /__demo/faults':
        return sendJson(res, 200, {
          faults: deps.faults.list().map((f) => ({ ...f, ...(f.pathPattern !== undefined ? { pathPattern: String(f.pathPattern) } : {}), remaining: f.remaining === Infinity ? 'always' : f.remaining })),
        });
      case 'POST /__demo/faults': {
        const id = deps.faults.add(faultSpecFromJson(await readJson(req)));
        return sendJson(res, 201, { id });
      }
      case 'DELETE /__demo/faults':
        deps.faults.clear();
        return sendJson(res, 200, { ok: true });
      case 'POST /__demo/live/step': {
        const n = Number(url.searchParams.get('n') ?? '1');
        if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error('n must be an integer between 1 and 10000');
        const kind = url.searchParams.get('kind');
        if (kind === null) return sendJson(res, 200, { changes: deps.live.step(n) });
        if (!LIVE_CHANGE_KINDS.includes(kind as LiveChangeKind)) throw new Error(`kind must be one of ${LIVE_CHANGE_KINDS.join(', ')}`);
        return sendJson(res, 200, { changes: deps.live.step(n, kind as LiveChangeKind) });
      }
      case 'POST /__demo/live/start':
        deps.live.start();
        return sendJson(res, 200, { running: deps.live.running });
      case 'POST /__demo/live/stop':
        deps.live.stop();
        return sendJson(res, 200, { running: deps.live.running });
      case 'GET /__demo/dataset': {
        const s = deps.store;
        return sendJson(res, 200, {
          seed: s.seed,
          anchorTime: s.anchorTime,
          ticketCount: s.ticketCount,
          deletedTicketIds: s.deletedTicketIds(),
          restrictedAgent: { id: s.restrictedAgent.id, email: s.restrictedAgent.email },
          unreadableRecords: s.unreadableRecords,
          valuesToMap: s.valuesToMap,
          userCount: s.userCount,
          commentCount: s.commentCount,
          auditCount: s.auditCount,
          meAgent: { id: s.meAgent.id, email: s.meAgent.email },
          hostileTicketId: s.hostileTicketId,
          sampleKoreanTicketId: s.sampleKoreanTicketId,
          emptyHtmlTicketId: s.emptyHtmlTicketId,
          largestEventBurst: s.largestEventBurst,
          macros: macroSummary(s.macros()),
        });
      }
      default:
        return sendJson(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
    }
  } catch (error) {
    if (error instanceof UpdateRejected) return sendJson(res, error.status, error.body);
    sendJson(res, 400, { error: 'InvalidValue', description: error instanceof Error ? error.message : String(error) });
  }
}

const TEAMMATE_ACTIONS = /^\/__demo\/tickets\/(\d+)\/teammates\/(view|type|reply|leave)$/;

/** The simulated teammates' presence: GET state, start/stop, and one teammate acting on a ticket. */
async function handleTeammates(req: IncomingMessage, res: ServerResponse, path: string, method: string, deps: AdminDeps): Promise<void> {
  const teammates = deps.teammates;
  if (!teammates) return sendJson(res, 404, { error: 'InvalidEndpoint', description: 'this demo helpdesk runs no presence broker' });
  const state = () => ({ running: teammates.running, emails: teammates.emails, activities: teammates.activities() });
  if (method === 'GET' && path === '/__demo/teammates') return sendJson(res, 200, state());
  if (method === 'POST' && path === '/__demo/teammates/start') {
    teammates.start();
    return sendJson(res, 200, state());
  }
  if (method === 'POST' && path === '/__demo/teammates/stop') {
    await teammates.stop();
    return sendJson(res, 200, state());
  }
  const action = TEAMMATE_ACTIONS.exec(path);
  if (!action || method !== 'POST') return sendJson(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
  const ticketId = Number(action[1]);
  if (!deps.store.ticket(ticketId)) return sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' });
  const input = await readJson(req);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('body must be a JSON object');
  const { email, public: isPublic } = input as { email?: unknown; public?: unknown };
  if (email !== undefined && typeof email !== 'string') throw new Error('email must be a string');
  if (isPublic !== undefined && typeof isPublic !== 'boolean') throw new Error('public must be a boolean');
  switch (action[2]) {
    case 'view':
      return sendJson(res, 200, await teammates.view(ticketId, email));
    case 'type':
      return sendJson(res, 200, await teammates.type(ticketId, email));
    case 'reply':
      return sendJson(res, 200, await teammates.reply(ticketId, { ...(email !== undefined ? { email } : {}), ...(isPublic !== undefined ? { public: isPublic } : {}) }));
    default:
      await teammates.leave(ticketId, email);
      return sendJson(res, 200, state());
  }
}
