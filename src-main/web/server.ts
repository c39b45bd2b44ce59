import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecretsMode } from './cli-args';
import { openProfile, type OpenProfile } from './profile-bootstrap';
import { isWildcardHost, originPolicy, urlHost } from './request-origin';
import { createRpcSocket, RPC_PATH } from './rpc-socket';
import { securityHeaders } from './security-headers';
import { createStaticHandler, MISSING_RENDERER_MESSAGE, rendererIsBuilt } from './static-files';

// The web host: the same core and renderer as the Electron app, served to a browser (wallboards,
// and every end-to-end test). Static renderer over HTTP, the contract over one WebSocket.

export interface WebHostOptions {
  port: number;
  host: string;
  profileDir: string;
  rendererDir: string;
  secrets: SecretsMode;
  agentEmail?: string | null;
  demoCases?: number | null;
  demoSeed?: number | null;
  demoLiveIntervalMs?: number | null;
  demoRateLimits?: 'off' | 'demo' | 'zendesk';
  /** The embedded demo's export lag in ms (--demo-export-lag-ms; default the demo's, one minute). */
  demoExportLagMs?: number | null;
  /** A demo helpdesk running elsewhere, used instead of the embedded one (--demo-url). */
  demoUrl?: string | null;
  /** The presence broker of a demo profile instead of the embedded demo's own (--presence-url). */
  presenceUrl?: string | null;
  warn: (message: string) => void;
}

export interface WebHost {
  /** The app's address with its token: http://127.0.0.1:PORT/?token=TOKEN */
  readonly url: string;
  /** The wallboard (docs/supervisor.md) with the same token: http://127.0.0.1:PORT/wallboard?token=TOKEN */
  readonly wallboardUrl: string;
  /** The demo helpdesk (embedded, or the external one of --demo-url), when the profile uses one. */
  readonly demoUrl: string | null;
  /** The presence broker a demo profile uses (the embedded demo's, or --presence-url). */
  readonly presenceUrl: string | null;
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

/**
 * The wallboard is the renderer's own page in wallboard mode (it reads `location.pathname`), so it
 * is served like `/`. Its data comes only over the token-checked WebSocket, as the app's does.
 */
export const WALLBOARD_PATH = '/wallboard';

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  if (!rendererIsBuilt(options.rendererDir)) options.warn(`${MISSING_RENDERER_MESSAGE} (looked in ${options.rendererDir})`);
  const profile: OpenProfile = await openProfile(options);
  const server = createServer();
  let address: AddressInfo;
  try {
    address = await listen(server, options.port, options.host);
  } catch (error) {
    await profile.close();
    throw error;
  }

  const token = randomBytes(32).toString('base64url');
  const policy = originPolicy(options.host, address.port);
  const rpc = createRpcSocket({ core: profile.core, token, policy });
  const serveStatic = createStaticHandler(options.rendererDir);

  server.on('request', (req, res) => {
    // Host is checked before anything is served (DNS rebinding); it then names the page's WebSocket.
    if (!policy.allowsHost(req.headers.host)) return refuse(res, 403, 'Unknown host');
    for (const [name, value] of Object.entries(securityHeaders([`ws://${req.headers.host}`]))) res.setHeader(name, value);
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    if (pathname === RPC_PATH) return refuse(res, 426, 'Upgrade to a WebSocket');
    if (pathname === WALLBOARD_PATH) req.url = '/';
    serveStatic(req, res);
  });
  server.on('upgrade', (req, socket, head) => rpc.handleUpgrade(req, socket, head));

  const shownHost = isWildcardHost(options.host) ? '127.0.0.1' : urlHost(options.host);
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}/?token=${token}`,
    wallboardUrl: `http://${shownHost}:${address.port}${WALLBOARD_PATH}?token=${token}`,
    demoUrl: profile.demoUrl,
    presenceUrl: profile.presenceUrl,
    close: () =>
      (closing ??= (async () => {
        await rpc.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await profile.close();
      })()),
  };
}
