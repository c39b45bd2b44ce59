import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { EVENT_NAMES, type ShiftdeskApi } from '../../src-shared/contract/api';
import type { ReplyMessage } from '../../src-shared/contract/wire';
import { toWireError } from '../core/rpc/wire';
import type { OriginPolicy } from './request-origin';
import { invalid, parseCallMessage } from './rpc-messages';

// The renderer's bridge to core in a browser: a WebSocket at /rpc?token=TOKEN that carries the
// contract's CallMessage → ReplyMessage, plus every core event to every connected page. The token
// (random per run) and the page's own Origin are both required; frames are capped at 1 MB.

export const RPC_PATH = '/rpc';
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface RpcSocketOptions {
  core: ShiftdeskApi;
  token: string;
  policy: OriginPolicy;
}

export interface RpcSocket {
  /** For the HTTP server's 'upgrade' event: authenticates, then hands the socket to ws. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const body = `${reason}\n`;
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.destroy();
}

function sameToken(given: string | null, expected: Buffer): boolean {
  if (given === null) return false;
  const bytes = Buffer.from(given, 'utf8');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

function text(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function send(ws: WebSocket, message: ReplyMessage | string): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.send(typeof message === 'string' ? message : JSON.stringify(message));
}

export function createRpcSocket(options: RpcSocketOptions): RpcSocket {
  const expectedToken = Buffer.from(options.token, 'utf8');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const clients = new Set<WebSocket>();

  // Events are serialised once and sent to every page.
  const unsubscribe = EVENT_NAMES.map((event) =>
    options.core.on(event, (payload) => {
      const frame = JSON.stringify({ type: 'event', event, payload } satisfies ReplyMessage);
      for (const ws of clients) send(ws, frame);
    }),
  );

  const serve = (ws: WebSocket): void => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // A frame over the limit makes ws close the socket with 1009; the host carries on.
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send(ws, invalid(0, 'binary frames are not accepted').reply);
      const parsed = parseCallMessage(text(data));
      if (!parsed.ok) return send(ws, parsed.reply);
      const { id, method, input } = parsed.call;
      options.core.call(method, input as never).then(
        (result) => send(ws, { type: 'result', id, result }),
        (error: unknown) => send(ws, { type: 'error', id, error: toWireError(error) }),
      );
    });
  };

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://host');
      if (url.pathname !== RPC_PATH) return refuseUpgrade(socket, 404, 'No WebSocket here');
      if (!options.policy.allowsOrigin(req.headers.origin, req.headers.host)) return refuseUpgrade(socket, 403, 'Foreign origin');
      if (!sameToken(url.searchParams.get('token'), expectedToken)) return refuseUpgrade(socket, 401, 'Missing or wrong token');
      wss.handleUpgrade(req, socket, head, serve);
    },
    get clientCount() {
      return clients.size;
    },
    async close() {
      for (const stop of unsubscribe) stop();
      for (const ws of clients) ws.close(1001, 'Shiftdesk is shutting down');
      const closing = [...clients].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
