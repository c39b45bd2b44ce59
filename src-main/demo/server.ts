// startDemoServer: listens, generates the dataset (URLs need the port), then serves.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN } from './constants';
import { generateDataset } from './dataset/generate';
import type { DemoDataset } from './dataset/types';
import { DemoApp } from './http/app';
import { basicAuthHeader } from './http/auth';
import { FaultInjector, type FaultControl } from './http/faults';
import { RateLimiter, type RateLimitMode } from './http/rate-limiter';
import { sendJson } from './http/send';
import { StatsCollector, type DemoStats } from './http/stats';
import { DEFAULT_LIVE_INTERVAL_MS, LiveSimulator, type LiveControl } from './live/live-simulator';
import { TeammatePresence, type TeammateControl, type TeammatePresenceOptions } from './live/teammate-presence';
import { startPresenceBroker, type PresenceBroker } from './presence-broker';
import { HelpdeskStore } from './store/helpdesk-store';
import { LiveClock } from './store/live-clock';
import { floorToMinuteMs } from './util/time';

/** Zendesk's exports "will not return data for the most recent minute". */
export const DEFAULT_EXPORT_LAG_MS = 60_000;

export interface DemoServerOptions {
  seed: number;
  cases: number;
  /** 0 or omitted: a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** true: live traffic every ~3 s; or a custom interval. Stepping works either way. */
  live?: boolean | { intervalMs: number };
  /** Default "off". */
  rateLimits?: RateLimitMode;
  /** Rate-limit window length; default one minute (tests shorten it). */
  rateLimitWindowMs?: number;
  /**
   * Account (plan) limit per window with rate limits on; default the mode's (zendesk: 700, an
   * Enterprise plan; e.g. 200 emulates Team).
   */
  rateLimitAccount?: number;
  /**
   * Incremental exports (tickets, users, ticket_events, organizations) leave out what changed
   * within this many ms before the request, as Zendesk does with the last minute; a later request
   * returns it (cursors and end_time stay put). Default 60_000; 0 for clients (tests) that want
   * live changes at once.
   */
  exportLagMs?: number;
  /** About 10% of tickets and comments send `via.channel` as a via id (4, "4", 74…); default true. */
  viaIds?: boolean;
  /**
   * About 1% of the generated tickets are deleted, and live mode deletes one now and then (they
   * stay in the incremental ticket export with status "deleted"); default true.
   * `server.live.deleteTicket` works either way.
   */
  deletedTickets?: boolean;
  /**
   * A few records a tolerant client must skip (a ticket whose updated_at is not a date in the
   * export, a comment event without id, a user without id) or map (priority "critical", a comment
   * without `public`); `dataset.unreadableRecords` / `valuesToMap` list them. Default true.
   */
  edgeCases?: boolean;
  /** GET /api/v2/groups also lists a deleted group (`deleted: true`) unless exclude_deleted; default true. */
  deletedGroups?: boolean;
  /**
   * The demo's wall clock (ms epoch); default Date.now. Live stamps, rate-limit windows and the
   * export lag follow it, so tests can move time without waiting.
   */
  clock?: () => number;
  /** API token; default DEMO_TOKEN. */
  token?: string;
  /** Ms epoch the generated history ends at; default now, floored to the minute. */
  anchorTime?: number;
  /**
   * Host the presence broker (aedes, on `host`; any password): `port` 0 or omitted = a free one;
   * `freePortIfTaken`: a taken port is not an error. Default false: no broker.
   */
  presence?: { port?: number; freePortIfTaken?: boolean } | false;
  /**
   * Simulated teammates on that broker (default on when it runs): always driven by
   * `server.teammates`, and on their own while live mode runs (delays default to a third of the
   * live interval per beat). false: none.
   */
  teammates?: TeammatePresenceOptions | false;
}

export interface DemoServer {
  /** e.g. "http://127.0.0.1:4010" */
  readonly url: string;
  /** Live view of everything served (generated data plus live changes). */
  readonly dataset: DemoDataset;
  readonly live: LiveControl;
  readonly faults: FaultControl;
  /** mqtt://HOST:PORT of the presence broker, or null without one. */
  readonly presenceUrl: string | null;
  /** The simulated teammates on the presence broker, or null without them. */
  readonly teammates: TeammateControl | null;
  stats(): DemoStats;
  readonly token: string;
  /** Authorization header for an agent (default: the "me" agent). */
  authHeader(email?: string): string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? DEMO_TOKEN;
  const clock = options.clock ?? Date.now;
  const anchorTime = options.anchorTime ?? floorToMinuteMs(clock());
  const rateLimiter = new RateLimiter(options.rateLimits ?? 'off', {
    windowMs: options.rateLimitWindowMs ?? 60_000,
    now: clock,
    ...(options.rateLimitAccount !== undefined ? { accountLimit: options.rateLimitAccount } : {}),
  });
  const intervalMs = typeof options.live === 'object' ? options.live.intervalMs : DEFAULT_LIVE_INTERVAL_MS;
  if (!(intervalMs > 0)) throw new Error('live.intervalMs must be positive');

  let app: DemoApp | null = null;
  const server = createServer((req, res) => {
    if (app) app.handle(req, res);
    else sendJson(res, 503, { error: 'ServiceUnavailable', description: 'The demo helpdesk is starting' }, { 'Retry-After': '1' });
  });
  server.keepAliveTimeout = 5_000;
  const address = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${address.port}`;

  let store: HelpdeskStore;
  try {
    const dataset = generateDataset({ seed: options.seed, cases: options.cases, anchorTime, baseUrl: url, viaIds: options.viaIds ?? true, deletedTickets: options.deletedTickets ?? true, edgeCases: options.edgeCases ?? true, deletedGroups: options.deletedGroups ?? true });
    store = new HelpdeskStore(dataset, new LiveClock(anchorTime, clock), { exportLagMs: options.exportLagMs ?? DEFAULT_EXPORT_LAG_MS });
  } catch (error) {
    server.close();
    throw error;
  }
  let broker: PresenceBroker | null = null;
  try {
    if (options.presence) broker = await startBroker(host, options.presence);
  } catch (error) {
    server.close();
    throw error;
  }
  const teammates = broker && options.teammates !== false ? new TeammatePresence(store, broker, { beatMs: intervalMs / 3, ...options.teammates }) : null;
  const live = new LiveSimulator(store, intervalMs, options.deletedTickets ?? true);
  const faults = new FaultInjector();
  const stats = new StatsCollector();
  app = new DemoApp({ store, token, rateLimiter, faults, stats, live, teammates });
  if (options.live) {
    live.start();
    teammates?.start();
  }

  let closed: Promise<void> | null = null;
  return {
    url,
    dataset: store,
    live,
    faults,
    presenceUrl: broker?.url ?? null,
    teammates,
    token,
    stats: () => stats.snapshot(),
    authHeader: (email = DEMO_AGENT_EMAIL) => basicAuthHeader(email, token),
    close: () => {
      closed ??= (async () => {
        live.stop();
        // Teammates leave cleanly (their retained entries cleared) before the broker goes.
        await teammates?.close();
        await broker?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}

async function startBroker(host: string, options: { port?: number; freePortIfTaken?: boolean }): Promise<PresenceBroker> {
  try {
    return await startPresenceBroker({ host, port: options.port ?? 0 });
  } catch (error) {
    if (!options.freePortIfTaken || !options.port || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return await startPresenceBroker({ host, port: 0 });
  }
}
