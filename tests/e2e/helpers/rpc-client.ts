import { WebSocket } from 'ws';
import type { MethodId, MethodInput, MethodOutputs, SyncStatusView } from '../../../src-shared/contract/api';
import type { ReplyMessage } from '../../../src-shared/contract/wire';

// The app's own contract from the test process: the same WebSocket the renderer uses
// (`/rpc?token=…` with the page's Origin). Tests use it only to wait for sync and to read what core
// holds; every assertion about the UI goes through the page.

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ReplyMessage;
      if (message.type === 'event') return;
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.type === 'result') call.resolve(message.result);
      else call.reject(new Error(`${message.error.name}: ${message.error.message}`));
    });
    ws.on('close', () => {
      for (const call of this.pending.values()) call.reject(new Error('rpc socket closed'));
      this.pending.clear();
    });
  }

  static async connect(appUrl: string): Promise<RpcClient> {
    const url = new URL(appUrl);
    const token = url.searchParams.get('token') ?? '';
    const ws = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(token)}`, { origin: url.origin });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`rpc upgrade refused: ${res.statusCode}`)));
    });
    return new RpcClient(ws);
  }

  call<M extends MethodId>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ type: 'call', id, method, input: input ?? {} }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * Resolves once every account's history is in, its search index caught up, and its engine is past
 * start-up (phase done, following): a restarted profile reports historyComplete at once while it
 * still re-runs identity and first-work.
 */
export async function waitForSyncComplete(
  rpc: RpcClient,
  timeoutMs: number,
  onProgress?: (status: SyncStatusView[]) => void,
  /** Which accounts to wait for (default every one; a test that leaves one unable to sync names the others). */
  accounts: (status: SyncStatusView) => boolean = () => true,
): Promise<SyncStatusView[]> {
  const deadline = Date.now() + timeoutMs;
  let last: SyncStatusView[] = [];
  // A helpdesk's own SLA events follow the history backfill; the first sync is done once they have
  // been read and compared (or refused), so nothing of it changes the screen under a test.
  const helpdesks = new Set((await rpc.call('accounts:list', {})).filter((a) => a.kind === 'zendesk').map((a) => a.id));
  const slaSettled = (s: SyncStatusView) => !helpdesks.has(s.accountId) || s.slaCheck !== undefined || s.notices.some((n) => n.step === 'sla-events');
  for (;;) {
    last = await rpc.call('sync:status', {});
    const waited = last.filter(accounts);
    if (waited.length > 0 && waited.every((s) => s.historyComplete && s.searchPending === 0 && s.phase === 'done' && (s.state === 'following' || s.state === 'idle') && slaSettled(s))) return last;
    onProgress?.(last);
    if (Date.now() > deadline) throw new Error(`first sync did not complete within ${timeoutMs} ms; last status ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
