import { connect } from 'node:net';
import type { Readable } from 'node:stream';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { EmailAccountConfig } from '../../../../src-shared/contract/models';
import type { ChannelConnector, PullPage, PushAction, PushResult, RemoteAttachment, RemoteCase, RemotePerson, StreamSpec, WritableConnector } from '../connector';
import { WriteConflictError } from '../connector';
import { MailRefusedError, PermanentRemoteError } from '../../net/errors';
import { ChangeBell, FolderWatcher } from './folder-watcher';
import { ImapSession, imapError, imapOptions } from './imap-session';
import type { MailSecrets } from './mail-config';
import type { MailAgentRef, StateEntry } from './mail-types';
import { IMAP_PART, MailboxModel, PageBuilder, mailPerson, noteRemoteId, stateUidOfVersion } from './mailbox-model';
import { parseMail, unreadableMail } from './parse-mail';
import { outgoingMessageId, replyHeaders } from './reply-headers';
import { composeReply, smtpError, smtpTransport } from './smtp-sender';
import { decodeStateEntry, encodeStateEntry } from './state-log';

// A shared support mailbox as a channel (docs/email.md). Three folders are synced as streams:
// the inbox and the sent folder give the threads, the state folder gives what IMAP cannot hold
// (status, priority, assignee, tags, internal notes) as a log every agent of the team appends to.

type MailStream = 'inbox' | 'sent' | 'state';

/** Messages per page (one FETCH). */
const PAGE_SIZE = 200;
/** Bigger messages are parsed as a stream instead of fetched whole. */
const STREAM_OVER_BYTES = 512 * 1024;
/** A state entry is a few hundred bytes; anything huge in the state folder is not ours. */
const MAX_STATE_ENTRY_BYTES = 256 * 1024;
/** Keywords on our copy in Sent: appended before SMTP, marked sent after it. */
export const SENDING_KEYWORD = '$SdSending';
export const SENT_KEYWORD = '$SdSent';

interface FolderCursor {
  /** UIDVALIDITY the UIDs below belong to. */
  validity: string;
  /** The next UID to read. */
  next: number;
  /** HIGHESTMODSEQ when last caught up (CONDSTORE): unchanged with UIDNEXT means nothing to do. */
  modseq: string | null;
  /** Sent only: copies still flagged "sending" (maybe never delivered), looked at again when flags change. */
  inFlight: number[];
}

/** A copy left "sending" this long is shown anyway: its sender died and the copy is all there is. */
const IN_FLIGHT_GIVE_UP_MS = 15 * 60_000;

function readCursor(cursor: string | null): FolderCursor | null {
  if (cursor === null) return null;
  try {
    const parsed = JSON.parse(cursor) as Partial<FolderCursor>;
    if (typeof parsed.validity === 'string' && typeof parsed.next === 'number') {
      return { validity: parsed.validity, next: parsed.next, modseq: parsed.modseq ?? null, inFlight: Array.isArray(parsed.inFlight) ? parsed.inFlight.filter((uid) => Number.isInteger(uid)) : [] };
    }
  } catch {
    // unreadable: start the folder over (messages are stored once per Message-ID, so no duplicates)
  }
  return null;
}

export interface EmailConnectorOptions {
  config: EmailAccountConfig;
  accountName: string;
  secrets: MailSecrets;
  /** What this account's connector stored before (connector_state rows). */
  stored: readonly { key: string; value: string }[];
  /** Watch the inbox and the state folder with IDLE (off in tests that step by hand). */
  watch?: boolean;
  /** While this says no (the agent chose "Work offline"), the IDLE watchers hold no connection. */
  mayConnect?: () => boolean;
  /** The mail server answered (or not): feeds the app's offline detection. */
  onReachability?: (reachable: boolean, sentAt: number) => void;
}

export class EmailConnector implements ChannelConnector, WritableConnector {
  readonly kind = 'email';
  readonly capabilities = { pushActions: true, threadOnDemand: false, recentOrders: false };
  readonly model: MailboxModel;
  private readonly session: ImapSession;
  private readonly bells: Record<MailStream, ChangeBell> = { inbox: new ChangeBell(), sent: new ChangeBell(), state: new ChangeBell() };
  private readonly watchers: FolderWatcher[] = [];
  private readonly me: MailAgentRef;
  private stateFolderReady = false;

  constructor(private readonly options: EmailConnectorOptions) {
    const { config } = options;
    this.me = { email: config.agentEmail.toLowerCase(), name: config.agentName };
    this.model = new MailboxModel({ supportAddresses: [config.address.toLowerCase()], mailboxName: options.accountName, me: this.me }, options.stored);
    this.session = new ImapSession(() => imapOptions(config, options.secrets.imapPassword, { disableAutoIdle: true }), options.onReachability);
  }

  private get config(): EmailAccountConfig {
    return this.options.config;
  }

  /** Logs in (checking the password), makes sure the state folder exists, starts IDLE watchers. */
  async whoAmI(): Promise<RemotePerson> {
    await this.ensureStateFolder();
    if (this.options.watch !== false && this.watchers.length === 0) {
      const options = () => imapOptions(this.config, this.options.secrets.imapPassword);
      const mayConnect = this.options.mayConnect ?? (() => true);
      this.watchers.push(new FolderWatcher(options, this.config.inboxFolder, this.bells.inbox, mayConnect), new FolderWatcher(options, this.config.stateFolder, this.bells.state, mayConnect));
      for (const watcher of this.watchers) watcher.start();
    }
    return mailPerson(this.me.email, this.me.name, 'agent', Date.now());
  }

  /** Is IDLE running on the inbox? (The poll stays the fallback.) */
  get pushing(): boolean {
    return this.watchers[0]?.idling ?? false;
  }

  streams(): readonly StreamSpec[] {
    return [
      { name: 'inbox', phase: 'history', counts: 'messages', follows: true },
      // Our replies join threads the inbox started; the state log names cases both made.
      { name: 'sent', phase: 'history', counts: 'messages', follows: true, after: 'inbox' },
      { name: 'state', phase: 'history', counts: 'setup', follows: true, after: 'sent' },
    ];
  }

  changes(stream: string): AbortSignal | undefined {
    return this.bells[stream as MailStream]?.signal;
  }

  private folderOf(stream: MailStream): string {
    return stream === 'inbox' ? this.config.inboxFolder : stream === 'sent' ? this.config.sentFolder : this.config.stateFolder;
  }

  private async ensureStateFolder(): Promise<void> {
    if (this.stateFolderReady) return;
    await this.session.run(async (client) => {
      const folders = await client.list();
      const paths = new Set(folders.map((f) => f.path));
      for (const folder of [this.config.inboxFolder, this.config.sentFolder]) {
        if (!paths.has(folder) && folder.toUpperCase() !== 'INBOX') throw new MailRefusedError(`The folder "${folder}" does not exist in this mailbox; check the account's folder names`, 404);
      }
      if (!paths.has(this.config.stateFolder)) await client.mailboxCreate(this.config.stateFolder);
    }, 'Checking the mailbox folders');
    this.stateFolderReady = true;
  }

  /** Step: reads the next page of one folder, from its cursor. */
  async pull(stream: string, cursor: string | null, signal?: AbortSignal): Promise<PullPage> {
    if (stream !== 'inbox' && stream !== 'sent' && stream !== 'state') throw new Error(`unknown mail stream ${stream}`);
    const folder = this.folderOf(stream);
    // What rang before this pull is read by it.
    this.bells[stream].reset();
    const before = readCursor(cursor);
    const status = await this.session.run(async (client) => {
      // STATUS on the selected folder answers from the selection's (stale) view on some servers
      // (dovecot): leave it first, so new mail and a new UIDVALIDITY are seen.
      if (client.mailbox && client.mailbox.path === folder) await client.mailboxClose();
      const found = await client.status(folder, { uidNext: true, uidValidity: true, highestModseq: true, messages: true });
      if (!found) throw new MailRefusedError(`The folder "${folder}" does not exist in this mailbox`, 404);
      return found;
    }, `Reading ${folder}`);
    const validity = String(status.uidValidity);
    const modseq = status.highestModseq === undefined ? null : String(status.highestModseq);
    const resync = before !== null && before.validity !== validity;
    const start = before === null || resync ? 1 : before.next;
    // CONDSTORE: neither new UIDs nor any change since we caught up: nothing to read. (Copies in
    // flight change by their flags only, which only MODSEQ shows.)
    const unchanged = modseq === null ? before?.inFlight.length === 0 : modseq === before?.modseq;
    if (!resync && before !== null && (status.uidNext ?? 0) <= start && unchanged) return { cursor, caughtUp: true };
    if (resync && stream === 'state') this.model.resetStateUids();
    return await this.session.inFolder(
      folder,
      async (client, mailbox) => {
        if (String(mailbox.uidValidity) !== validity) throw imapError(new Error('UIDVALIDITY changed while reading'), `Reading ${folder}`);
        const uids = mailbox.exists === 0 ? [] : ((await client.search({ uid: `${start}:*` }, { uid: true })) || []).filter((uid) => uid >= start).sort((a, b) => a - b);
        const batch = uids.slice(0, PAGE_SIZE);
        const page = new PageBuilder();
        const inFlight: number[] = [];
        // Replies that were still "sending" last time: read those that are sent (or given up on) now.
        const waiting = resync ? [] : (before?.inFlight ?? []);
        if (waiting.length > 0) await this.readBatch(stream, client, validity, waiting, page, inFlight, signal);
        if (batch.length > 0) await this.readBatch(stream, client, validity, batch, page, inFlight, signal);
        const caughtUp = uids.length <= PAGE_SIZE;
        const last = batch[batch.length - 1];
        const next = caughtUp ? Math.max(last === undefined ? start : last + 1, mailbox.uidNext) : last! + 1;
        const nextCursor: FolderCursor = { validity, next, modseq: caughtUp ? modseq : null, inFlight };
        return this.model.finish(page, JSON.stringify(nextCursor), caughtUp);
      },
      `Reading ${folder}`,
    );
  }

  /**
   * Reads the messages `batch` names into `page`. In Sent, a copy flagged "sending" is a reply
   * whose SMTP delivery is not confirmed (it may yet be refused and removed): its UID goes to
   * `inFlight` instead, to be read once its sender flags it sent.
   */
  private async readBatch(stream: MailStream, client: ImapFlow, validity: string, batch: number[], page: PageBuilder, inFlight: number[], signal?: AbortSignal): Promise<void> {
    // One FETCH a page: sizes, dates, flags and the first STREAM_OVER_BYTES of each source; a
    // message bigger than that is streamed afresh below rather than held whole.
    const meta = (await client.fetchAll(batch.join(','), { uid: true, size: true, flags: true, internalDate: true, source: { maxLength: STREAM_OVER_BYTES } }, { uid: true })).sort((a, b) => a.uid - b.uid);
    const sources = new Map<number, Buffer>();
    for (const m of meta) if (m.source && (m.size ?? 0) <= STREAM_OVER_BYTES && m.source.length === m.size) sources.set(m.uid, m.source);
    for (const m of meta) {
      signal?.throwIfAborted();
      const internalDate = m.internalDate ? new Date(m.internalDate).getTime() : Date.now();
      if (stream === 'sent' && m.flags?.has(SENDING_KEYWORD) && !m.flags.has(SENT_KEYWORD) && Date.now() - internalDate < IN_FLIGHT_GIVE_UP_MS) {
        inFlight.push(m.uid);
        continue;
      }
      if (stream === 'state') {
        const raw = sources.get(m.uid);
        if (!raw || raw.length > MAX_STATE_ENTRY_BYTES) continue; // not a state entry of ours
        const decoded = decodeStateEntry(raw);
        if (decoded.ok) this.model.addStateEntry(decoded.entry, m.uid, page);
        continue;
      }
      const source: Buffer | Readable | undefined = sources.get(m.uid) ?? (await client.download(String(m.uid), undefined, { uid: true })).content;
      if (!source) continue; // expunged meanwhile
      const mail = await parseMail(source, { internalDate }).catch((error: unknown) => unreadableMail({ folder: this.folderOf(stream), validity, uid: m.uid }, internalDate, error));
      this.model.addMail(mail, page, stream === 'sent', stream === 'inbox' ? { validity, uid: m.uid } : undefined);
    }
  }

  /** Messages in the inbox and Sent (STATUS): the initial sync's progress total. */
  async estimateMessageCount(): Promise<number | null> {
    let total = 0;
    for (const folder of [this.config.inboxFolder, this.config.sentFolder]) {
      const status = await this.session.run((client) => client.status(folder, { messages: true }), `Counting ${folder}`);
      total += status ? (status.messages ?? 0) : 0;
    }
    return total;
  }

  /** Every mail case's thread is synced with the folders: nothing to fetch on demand. */
  fetchThread(caseRemoteId: string): Promise<PullPage> {
    return Promise.resolve({ ...(this.model.thread(caseRemoteId) ? { completeThreads: [caseRemoteId] } : {}), cursor: null, caughtUp: true });
  }

  async ping(signal?: AbortSignal): Promise<boolean> {
    return await new Promise<boolean>((resolve) => {
      const socket = connect({ host: this.config.imap.host, port: this.config.imap.port });
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.once('connect', () => done(true));
      socket.once('error', () => done(false));
      signal?.addEventListener('abort', () => done(false), { once: true });
    });
  }

  async fetchCase(caseRemoteId: string): Promise<RemoteCase | null> {
    return Promise.resolve(this.model.remoteCase(caseRemoteId));
  }

  /**
   * Every step of a push checks first whether it already happened (the reply in Sent by its
   * Message-ID, the state entry by its action id), so after a crash the outbox just pushes again.
   */
  findPushed(): Promise<PushResult | null> {
    return Promise.resolve(null);
  }

  /** One outbox action: the reply by SMTP (and its copy in Sent), the rest as one state-log entry. */
  async push(action: PushAction): Promise<PushResult> {
    const thread = this.model.thread(action.caseRemoteId);
    if (!thread) throw new MailRefusedError('This conversation is not in the mailbox', 404);
    if (action.groupRemoteId) throw new MailRefusedError('Mailboxes have no groups: the case cannot be moved to one', 422);
    await this.checkConflict(action);
    const page = new PageBuilder();
    let commentRemoteId: string | null = null;
    if (action.comment?.public) {
      const reply = await this.sendReply(action);
      // Until Sent is read, the reply's arrival is when it went out (Sent brings the server's time).
      this.model.addMail(await parseMail(reply.raw, { internalDate: Date.now() }), page);
      commentRemoteId = reply.messageId;
    }
    const entry = this.stateEntryOf(action);
    if (entry) {
      const uid = await this.appendStateEntry(entry);
      this.model.addStateEntry(entry, uid, page);
      if (entry.note !== undefined) commentRemoteId = noteRemoteId(action.actionId);
    }
    return { case: this.model.remoteCase(action.caseRemoteId), commentRemoteId };
  }

  private stateEntryOf(action: PushAction): StateEntry | null {
    // The change happened when the agent made it, even if it is sent later (queued offline).
    const at = action.createdAt ?? Date.now();
    const entry: StateEntry = { v: 1, caseRemoteId: action.caseRemoteId, actionId: action.actionId, actor: this.me, at };
    if (action.status !== undefined) {
      entry.status = action.status as StateEntry['status'];
      // The newest customer message had arrived when the agent acted: they saw it, it does not reopen.
      const thread = this.model.thread(action.caseRemoteId);
      const arrived = thread ? (thread.lastCustomerArrivedAt ?? thread.lastCustomerAt) : 0;
      if (arrived > 0 && arrived <= at) entry.seenCustomerAt = arrived;
      if (thread?.lastCustomerUid) {
        entry.seenCustomerUid = thread.lastCustomerUid.uid;
        entry.seenCustomerValidity = thread.lastCustomerUid.validity;
      }
    }
    if (action.priority !== undefined) entry.priority = action.priority as StateEntry['priority'];
    if (action.assigneeRemoteId !== undefined) {
      entry.assignee = action.assigneeRemoteId === null ? null : { email: action.assigneeRemoteId, name: this.model.agentName(action.assigneeRemoteId) ?? action.assigneeRemoteId };
    }
    if (action.addTags?.length) entry.addTags = action.addTags;
    if (action.removeTags?.length) entry.removeTags = action.removeTags;
    if (action.comment && !action.comment.public) entry.note = action.comment.body;
    const changes = Object.keys(entry).filter((key) => !['v', 'caseRemoteId', 'actionId', 'actor', 'at'].includes(key));
    return changes.length > 0 ? entry : null;
  }

  /**
   * IMAP has no compare-and-set: before writing, look for state entries about this case newer
   * than the version the agent saw, written by someone else. Those are a conflict (the agent
   * decides), like a helpdesk's 409.
   */
  private async checkConflict(action: PushAction): Promise<void> {
    const base = stateUidOfVersion(action.baseVersion);
    if (base === null) return;
    const newer = await this.session.inFolder(
      this.config.stateFolder,
      async (client) => {
        const uids = ((await client.search({ uid: `${base + 1}:*`, header: { 'x-shiftdesk-case': action.caseRemoteId } }, { uid: true })) || []).filter((uid) => uid > base);
        if (uids.length === 0) return [];
        const found = await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true });
        return found.flatMap((m) => {
          const decoded = m.source ? decodeStateEntry(m.source) : null;
          return decoded?.ok ? [{ entry: decoded.entry, uid: m.uid }] : [];
        });
      },
      'Checking the case for changes',
    );
    const theirs = newer.filter(({ entry }) => entry.caseRemoteId === action.caseRemoteId && entry.actionId !== action.actionId && entry.actor.email !== this.me.email);
    if (theirs.length === 0) return;
    // The case as it is now (the conflict dialog shows it); the state stream stores it too.
    const page = new PageBuilder();
    for (const { entry, uid } of theirs) this.model.addStateEntry(entry, uid, page);
    throw new WriteConflictError(theirs.map(({ entry }) => describeEntry(entry)).join('; '));
  }

  /** Sends the reply once: Sent is looked up by the action's Message-ID before anything goes out. */
  private async sendReply(action: PushAction): Promise<{ messageId: string; raw: Buffer }> {
    const { config } = this;
    const messageId = outgoingMessageId(action.actionId, config.address);
    const existing = await this.findInSent(messageId);
    if (existing?.flags.has(SENT_KEYWORD)) {
      // Sent before; a copy marked both ways (by an older version, killed between two STOREs) is repaired.
      if (existing.flags.has(SENDING_KEYWORD)) await this.markSent(messageId);
      return { messageId, raw: existing.raw };
    }
    const thread = this.model.thread(action.caseRemoteId)!;
    const parent = thread.parent ?? (thread.counterpart ? { messageId: thread.messageIds[thread.messageIds.length - 1] ?? thread.messageIds[0]!, references: thread.messageIds.slice(0, -1), subject: thread.subject, replyTo: thread.counterpart, cc: [] } : null);
    if (!parent) throw new MailRefusedError('This conversation has no customer address to reply to', 422);
    let raw: Buffer;
    if (existing) {
      // Copied to Sent before a crash, maybe sent: send these same bytes (at least once beats never).
      raw = existing.raw;
    } else {
      const headers = replyHeaders({ messageId: parent.messageId, references: parent.references, subject: parent.subject || thread.subject });
      raw = await composeReply({
        from: { name: config.agentName ? `${config.agentName} (${this.options.accountName})` : this.options.accountName, address: config.address },
        to: [parent.replyTo],
        cc: parent.cc,
        subject: headers.subject,
        messageId,
        inReplyTo: headers.inReplyTo,
        references: headers.references,
        text: action.comment!.body,
        agentEmail: this.me.email,
        actionId: action.actionId,
        date: new Date(),
      });
      // The copy in Sent comes first and says "sending": a crash after it is found on the next try.
      await this.session.run((client) => client.append(config.sentFolder, raw, ['\\Seen', SENDING_KEYWORD], new Date()), `Saving the reply to ${config.sentFolder}`);
    }
    const transport = smtpTransport(config, this.options.secrets.smtpPassword);
    try {
      await transport.sendMail({ envelope: { from: config.address, to: [parent.replyTo, ...parent.cc] }, raw });
    } catch (error) {
      const mapped = smtpError(error);
      // Refused for good: the copy in Sent must not say it went out.
      if (mapped instanceof PermanentRemoteError) await this.dropFromSent(messageId).catch(() => undefined);
      throw mapped;
    } finally {
      transport.close();
    }
    await this.markSent(messageId);
    return { messageId, raw };
  }

  private async findInSent(messageId: string): Promise<{ uid: number; flags: Set<string>; raw: Buffer } | null> {
    return await this.session.inFolder(
      this.config.sentFolder,
      async (client) => {
        const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
        if (uids.length === 0) return null;
        const [found] = await client.fetchAll(String(uids[0]), { uid: true, flags: true, source: true }, { uid: true });
        return found?.source ? { uid: found.uid, flags: found.flags ?? new Set<string>(), raw: found.source } : null;
      },
      `Looking for the reply in ${this.config.sentFolder}`,
    );
  }

  /** One STORE that replaces the copy's flags: "sending" becomes "sent" at once, never both or neither. */
  private async markSent(messageId: string): Promise<void> {
    await this.session.inFolder(
      this.config.sentFolder,
      async (client) => {
        const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
        if (uids.length > 0) await client.messageFlagsSet(uids.join(','), ['\\Seen', SENT_KEYWORD], { uid: true });
      },
      `Marking the reply sent in ${this.config.sentFolder}`,
      true,
    );
  }

  private async dropFromSent(messageId: string): Promise<void> {
    await this.session.inFolder(
      this.config.sentFolder,
      async (client) => {
        const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
        if (uids.length > 0) await client.messageDelete(uids.join(','), { uid: true });
      },
      `Removing the unsent reply from ${this.config.sentFolder}`,
      true,
    );
  }

  /** Appends the entry to the state folder unless it is there already; returns its UID. */
  private async appendStateEntry(entry: StateEntry): Promise<number> {
    await this.ensureStateFolder();
    const folder = this.config.stateFolder;
    const find = () =>
      this.session.inFolder(folder, async (client) => ((await client.search({ header: { 'x-shiftdesk-action': entry.actionId } }, { uid: true })) || [])[0] ?? null, `Reading ${folder}`);
    const existing = await find();
    if (existing !== null) return existing;
    const { raw } = encodeStateEntry(entry, { mailbox: this.config.address });
    const appended = await this.session.run((client) => client.append(folder, raw, ['\\Seen'], new Date(entry.at)), `Saving the change to ${folder}`);
    const uid = appended && typeof appended === 'object' && 'uid' in appended && typeof appended.uid === 'number' ? appended.uid : await find();
    return uid ?? 0;
  }

  /** A file of a message, streamed from whichever folder holds the message (inbox, then Sent). */
  async fetchAttachment(messageRemoteId: string, attachment: RemoteAttachment, maxBytes: number): Promise<Buffer> {
    if (!attachment.url.startsWith(IMAP_PART)) throw new MailRefusedError(`${attachment.fileName} cannot be fetched from the mail server`, 404);
    if (attachment.size > maxBytes) throw new MailRefusedError(`${attachment.fileName} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: open it in your mail client`, 413);
    const part = attachment.url.slice(IMAP_PART.length);
    for (const folder of [this.config.inboxFolder, this.config.sentFolder]) {
      const bytes = await this.session.inFolder(
        folder,
        async (client) => {
          const uids = (await client.search({ header: { 'message-id': messageRemoteId } }, { uid: true })) || [];
          if (uids.length === 0) return null;
          const download = await client.download(String(uids[0]), part, { uid: true, maxBytes });
          if (!download.content) return null;
          const chunks: Buffer[] = [];
          for await (const chunk of download.content) chunks.push(chunk as Buffer);
          return Buffer.concat(chunks);
        },
        `Fetching ${attachment.fileName}`,
      );
      if (bytes) return bytes;
    }
    throw new MailRefusedError(`${attachment.fileName}: the message is no longer in the mailbox`, 404);
  }

  async close(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.stop()));
    await this.session.close();
  }
}

function describeEntry(entry: StateEntry): string {
  const parts: string[] = [];
  if (entry.status) parts.push(`status ${entry.status}`);
  if (entry.priority !== undefined) parts.push(`priority ${entry.priority ?? 'none'}`);
  if (entry.assignee !== undefined) parts.push(entry.assignee ? `assigned to ${entry.assignee.name}` : 'unassigned');
  if (entry.addTags?.length) parts.push(`tags +${entry.addTags.join(' +')}`);
  if (entry.removeTags?.length) parts.push(`tags -${entry.removeTags.join(' -')}`);
  if (entry.note !== undefined) parts.push('an internal note');
  return `${entry.actor.name} changed ${parts.join(', ') || 'the case'}`;
}

export type { MailboxObject };
