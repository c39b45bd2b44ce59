import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { sleep } from '../../net/backoff';

// IMAP IDLE on one folder: the server tells at once when mail arrives, and the bell rings so the
// folder's stream pulls now rather than at its next poll (the poll stays as the fallback, for a
// server without IDLE or a watcher that lost its connection).

/** Rung by the watcher; stays rung until the stream's next pull resets it (no news is lost in between). */
export class ChangeBell {
  private controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  ring(): void {
    this.controller.abort();
  }

  /** The stream is about to pull: what rang so far is handled by that pull. */
  reset(): void {
    if (this.controller.signal.aborted) this.controller = new AbortController();
  }
}

const RECONNECT_MS = [1000, 5000, 15_000, 60_000];

export class FolderWatcher {
  private client: ImapFlow | null = null;
  private stopped = false;
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;
  /** Is the server pushing (IDLE) right now? */
  idling = false;

  constructor(
    private readonly options: () => ImapFlowOptions,
    private readonly folder: string,
    private readonly bell: ChangeBell,
    /** While this says no (the agent chose "Work offline"), the watcher holds no connection. */
    private readonly mayConnect: () => boolean = () => true,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      if (!this.mayConnect()) {
        await sleep(1000, this.stopping.signal).catch(() => undefined);
        continue;
      }
      const client = new ImapFlow({ ...this.options(), autoIdleDelay: 100 });
      this.client = client;
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.on('error', () => undefined);
      client.on('exists', () => this.bell.ring());
      try {
        await client.connect();
        await client.mailboxOpen(this.folder, { readOnly: true });
        this.idling = client.capabilities.has('IDLE');
        failures = 0;
        // Anything that arrived while we were away is news too.
        this.bell.ring();
        const offline = setInterval(() => {
          if (!this.mayConnect()) void client.logout().catch(() => client.close());
        }, 1000);
        await closed;
        clearInterval(offline);
      } catch {
        client.close();
      }
      this.idling = false;
      if (this.stopped) return;
      if (!this.mayConnect()) continue;
      await sleep(RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]!, this.stopping.signal).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    const client = this.client;
    if (client) {
      await Promise.race([client.logout().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
      client.close();
    }
    await this.running?.catch(() => undefined);
  }
}
