import { ImapFlow, type ImapFlowOptions, type MailboxObject } from 'imapflow';
import type { EmailAccountConfig } from '../../../../src-shared/contract/models';
import { AuthError, MailRefusedError, MailUnavailableError, PermanentRemoteError, TransientRemoteError } from '../../net/errors';

// One IMAP connection, opened when first needed and again after it drops. Commands on a folder
// run under imapflow's mailbox lock, so the sync streams and the outbox take turns on it.

export function imapOptions(config: Pick<EmailAccountConfig, 'imap'>, password: string, extra: Partial<ImapFlowOptions> = {}): ImapFlowOptions {
  return {
    host: config.imap.host,
    port: config.imap.port,
    secure: config.imap.security === 'tls',
    doSTARTTLS: config.imap.security === 'starttls' ? true : config.imap.security === 'none' ? false : undefined,
    auth: { user: config.imap.user, pass: password },
    logger: false,
    emitLogs: false,
    // QRESYNC lets the server tell which messages vanished since our MODSEQ, instead of a rescan.
    qresync: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    clientInfo: { name: 'Shiftdesk' },
    ...extra,
  };
}

/** An IMAP failure as the sync engine and the outbox understand it: retry, stop, or fix the account. */
export function imapError(error: unknown, what: string): Error {
  if (error instanceof AuthError || error instanceof TransientRemoteError || error instanceof PermanentRemoteError) return error;
  const e = error as { authenticationFailed?: boolean; code?: string; responseText?: string; serverResponseCode?: string; message?: string };
  const detail = e.responseText ?? e.message ?? String(error);
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') return new AuthError(`The mail server refused the user name or password (${detail})`);
  if (e.serverResponseCode === 'NONEXISTENT' || /doesn't exist|does not exist|not found/i.test(detail)) {
    return new MailRefusedError(`${what}: the folder does not exist on the mail server (${detail})`, 404);
  }
  // Dropped connections, timeouts, refused connections, a server busy: they pass.
  return new MailUnavailableError(`${what}: ${detail}`, null);
}

export class ImapSession {
  private client: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  private closed = false;
  /** One operation at a time: an operation may leave or select folders, which would pull the rug from another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: () => ImapFlowOptions,
    /** Every connection attempt feeds the app's offline detection (as the helpdesk's HTTP requests do). */
    private readonly onReachability?: (reachable: boolean, sentAt: number) => void,
  ) {}

  /** The connected client (connecting first when needed). */
  async connection(): Promise<ImapFlow> {
    if (this.closed) throw new MailUnavailableError('The mailbox connection is closed', null);
    if (this.client?.usable) return this.client;
    this.connecting ??= (async () => {
      const client = new ImapFlow(this.options());
      // An error event without a listener would crash the process; the next command reports it.
      client.on('error', () => undefined);
      const sentAt = Date.now();
      try {
        await client.connect();
      } catch (error) {
        client.close();
        const mapped = imapError(error, 'Could not connect to the mail server');
        // A refused password is an answer: the server is there.
        this.onReachability?.(!(mapped instanceof TransientRemoteError), sentAt);
        throw mapped;
      }
      this.onReachability?.(true, sentAt);
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null));
    return await this.connecting;
  }

  /** Runs `work` with `folder` selected (read-only unless `write`), under the mailbox lock. */
  inFolder<T>(folder: string, work: (client: ImapFlow, mailbox: MailboxObject) => Promise<T>, what: string, write = false): Promise<T> {
    return this.exclusive(() => this.inFolderNow(folder, work, what, write));
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async inFolderNow<T>(folder: string, work: (client: ImapFlow, mailbox: MailboxObject) => Promise<T>, what: string, write: boolean): Promise<T> {
    const client = await this.connection();
    let lock;
    try {
      lock = await client.getMailboxLock(folder, { readOnly: !write });
    } catch (error) {
      throw imapError(error, what);
    }
    try {
      return await work(client, client.mailbox as MailboxObject);
    } catch (error) {
      throw imapError(error, what);
    } finally {
      lock.release();
    }
  }

  /** A command that needs no selected folder (APPEND, CREATE, LIST). */
  run<T>(work: (client: ImapFlow) => Promise<T>, what: string): Promise<T> {
    return this.exclusive(async () => {
      const client = await this.connection();
      try {
        return await work(client);
      } catch (error) {
        throw imapError(error, what);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    if (!client) return;
    await Promise.race([client.logout().catch(() => client.close()), new Promise((resolve) => setTimeout(resolve, 2000))]);
    client.close();
  }
}
