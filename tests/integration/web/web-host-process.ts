import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { WebSocket, type RawData } from 'ws';
import type { ReplyMessage } from '../../../src-shared/contract/wire';

// The web host as a real process (`tsx src-main/web/cli.ts`), and a WebSocket client that speaks
// the wire messages, for the web host's integration tests.

export interface HostProcess {
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  url: string;
  demoUrl: string | null;
  /** The presence broker a demo profile uses (PRESENCE_URL). */
  presenceUrl: string | null;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startHostProcess(args: readonly string[], timeoutMs = 45_000): Promise<HostProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/cli.ts', ...args], { cwd: process.cwd(), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no SHIFTDESK_URL line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    const check = (): void => {
      const found = /^SHIFTDESK_URL=(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)\n/m.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', check);
    void exited.then(([code]) => reject(new Error(`web host exited with ${code}; stderr: ${stderr}`)));
  });
  const demo = /^DEMO_URL=(\S+)$/m.exec(stdout);
  const presence = /^PRESENCE_URL=(\S+)$/m.exec(stdout);
  return {
    origin: match[1]!,
    token: match[2]!,
    url: `${match[1]}/?token=${match[2]}`,
    demoUrl: demo?.[1] ?? null,
    presenceUrl: presence?.[1] ?? null,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
  };
}

export function rpcUrl(host: Pick<HostProcess, 'origin'>, token: string | null): string {
  return `${host.origin.replace(/^http/, 'ws')}/rpc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** The HTTP status a refused WebSocket upgrade got. */
export function refusedUpgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('error', () => undefined);
  });
}

export class RpcClient {
  private nextId = 1;
  readonly received: ReplyMessage[] = [];
  private waiters: { match: (m: ReplyMessage) => boolean; resolve: (m: ReplyMessage) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => {
      const message = JSON.parse(String(data)) as ReplyMessage;
      this.received.push(message);
      for (const waiter of [...this.waiters]) {
        if (!waiter.match(message)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    });
  }

  static async connect(host: HostProcess, origin: string = host.origin): Promise<RpcClient> {
    const ws = new WebSocket(rpcUrl(host, host.token), { origin });
    await once(ws, 'open');
    return new RpcClient(ws);
  }

  /** The next (or an already received) message that matches. */
  waitFor(match: (m: ReplyMessage) => boolean, timeoutMs = 20_000): Promise<ReplyMessage> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Sends a call and resolves with its reply (result or error). */
  call(method: string, input: unknown): Promise<ReplyMessage> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ type: 'call', id, method, input }));
    return this.waitFor((m) => m.type !== 'event' && m.id === id);
  }

  /** Sends a call and returns its result, failing on an error reply. */
  async result<T>(method: string, input: unknown = {}): Promise<T> {
    const reply = await this.call(method, input);
    if (reply.type !== 'result') throw new Error(`${method} failed: ${JSON.stringify(reply)}`);
    return reply.result as T;
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = once(this.ws, 'close');
    this.ws.close();
    await closed;
  }
}
