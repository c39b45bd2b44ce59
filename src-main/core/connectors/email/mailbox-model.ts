import type { CaseStatus } from '../../../../src-shared/domain/case-fields';
import type { PullPage, RemoteCase, RemoteMessage, RemotePerson } from '../connector';
import type { FoldedState, MailAgentRef, ParsedMail, StateEntry } from './mail-types';
import { emptyState, foldState } from './state-log';
import { ThreadIndex, counterpartOf } from './thread-index';
import { stripSubjectPrefixes } from './thread-rules';

// The mailbox as cases: which thread every message belongs to, and each thread's shared state
// folded from the team's state log (docs/email.md). Held in memory while the connector runs and
// stored as connector state with every page, so a restart resumes exactly where the cursor is.

const MAX_IDS_PER_THREAD = 300;
const MAX_ACTIONS_PER_THREAD = 300;

/** The message a reply answers: the newest one from the customer. */
export interface ReplyParent {
  messageId: string;
  references: string[];
  subject: string;
  /** Where replies go: Reply-To, else From. */
  replyTo: string;
  cc: string[];
}

/** A mail case. Its times are arrivals at the server (INTERNALDATE), never the senders' Date headers. */
export interface ThreadRecord {
  caseRemoteId: string;
  subject: string;
  counterpart: string | null;
  createdAt: number;
  lastMessageAt: number;
  lastCustomerAt: number;
  /** When the newest customer message reached the server (INTERNALDATE): the server's clock, the same for everyone. */
  lastCustomerArrivedAt?: number;
  /**
   * Where the newest customer message sits in the inbox (UIDVALIDITY and UID): the server's exact
   * order, where INTERNALDATE has whole seconds only (two messages in one second look alike).
   */
  lastCustomerUid?: MailUid;
  lastAgentAt: number;
  state: FoldedState;
  /** When a state entry last set the status: a customer message after it reopens the case. */
  statusSetAt: number;
  /** The newest customer arrival the agent had seen when setting the status (when the entry says). */
  statusSeenCustomerAt?: number;
  /** The inbox position of the newest customer message the agent had seen (when the entry says). */
  statusSeenCustomerUid?: MailUid;
  lastStateUid: number;
  /** Every message id of the thread, and the ids its messages refer to (threading). */
  messageIds: string[];
  /** State entries already folded in (their action ids): an entry is never applied twice. */
  actions: string[];
  parent: ReplyParent | null;
  /** Monotonic change marker: a newer record always replaces an older one in the cache. */
  gen: number;
}

/** A message's place in a folder: its UID within the folder's UIDVALIDITY. */
export interface MailUid {
  validity: string;
  uid: number;
}

export interface MailboxIdentity {
  /** The support address (From of replies) and any other address that is "us". */
  supportAddresses: string[];
  /** The account's name: the author name of mails sent from the mailbox by other programs. */
  mailboxName: string;
  me: MailAgentRef;
}

/** A page in the making: what one pull adds, and the threads it touched. */
export class PageBuilder {
  readonly messages: RemoteMessage[] = [];
  readonly people = new Map<string, RemotePerson>();
  readonly touched = new Set<string>();
  readonly pendingKeys = new Set<string>();
}

const THREAD_KEY = 'thread:';
export const IMAP_PART = 'imap-part:';
const PENDING_KEY = 'pending-state:';

export class MailboxModel {
  private readonly threads = new Map<string, ThreadRecord>();
  private readonly index: ThreadIndex;
  /** State entries for threads not seen yet (a teammate was faster than our sync). */
  private readonly pending = new Map<string, { entry: StateEntry; uid: number }[]>();
  private readonly agentNames = new Map<string, string>();

  constructor(
    private readonly identity: MailboxIdentity,
    stored: readonly { key: string; value: string }[],
  ) {
    for (const { key, value } of stored) {
      try {
        if (key.startsWith(THREAD_KEY)) {
          const record = JSON.parse(value) as ThreadRecord;
          this.threads.set(record.caseRemoteId, record);
          if (record.state.assignee) this.agentNames.set(record.state.assignee.email, record.state.assignee.name);
        } else if (key.startsWith(PENDING_KEY)) {
          this.pending.set(key.slice(PENDING_KEY.length), JSON.parse(value) as { entry: StateEntry; uid: number }[]);
        }
      } catch {
        // A damaged record: the thread is rebuilt from the mailbox when its messages come again.
      }
    }
    this.agentNames.set(identity.me.email, identity.me.name);
    const records = [...this.threads.values()];
    this.index = new ThreadIndex(
      {
        messages: records.flatMap((r) => r.messageIds.map((messageId) => ({ messageId, caseRemoteId: r.caseRemoteId }))),
        threads: records.map((r) => ({ caseRemoteId: r.caseRemoteId, subject: r.subject, counterpart: r.counterpart, lastMessageAt: r.lastMessageAt })),
      },
      identity.supportAddresses,
    );
  }

  get threadCount(): number {
    return this.threads.size;
  }

  thread(caseRemoteId: string): ThreadRecord | undefined {
    return this.threads.get(caseRemoteId);
  }

  agentName(email: string): string | undefined {
    return this.agentNames.get(email.toLowerCase());
  }

  isSupportAddress(address: string | null | undefined): boolean {
    return address !== null && address !== undefined && this.identity.supportAddresses.includes(address.toLowerCase());
  }

  /**
   * Puts one message (from the inbox or the sent folder) into its case. Its times are its arrival
   * at the server (`mail.date`, INTERNALDATE), never the sender's Date header: a customer's clock
   * set a year ahead must not pin a case to the top of the inbox. `fromSent`: only there is
   * X-Shiftdesk-Agent believed (anyone can write that header into a mail to the inbox; the sent
   * folder is written by the team).
   */
  addMail(mail: ParsedMail, page: PageBuilder, fromSent = true, inboxUid?: MailUid): string {
    const assigned = this.index.assign(mail);
    let thread = this.threads.get(assigned.caseRemoteId);
    const fromUs = this.isSupportAddress(mail.from?.address);
    if (!thread) {
      const subject = stripSubjectPrefixes(mail.subject).base.trim();
      thread = {
        caseRemoteId: assigned.caseRemoteId,
        subject: subject === '' ? '(no subject)' : subject,
        counterpart: counterpartOf(mail, this.identity.supportAddresses),
        createdAt: mail.date,
        lastMessageAt: mail.date,
        lastCustomerAt: 0,
        lastAgentAt: 0,
        state: emptyState(),
        statusSetAt: 0,
        lastStateUid: 0,
        messageIds: [],
        actions: [],
        parent: null,
        gen: 0,
      };
      this.threads.set(thread.caseRemoteId, thread);
    }
    remember(thread.messageIds, [mail.messageId, ...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references], MAX_IDS_PER_THREAD);
    thread.createdAt = Math.min(thread.createdAt, mail.date);
    thread.lastMessageAt = Math.max(thread.lastMessageAt, mail.date);
    let author: string | null = null;
    if (fromUs) {
      thread.lastAgentAt = Math.max(thread.lastAgentAt, mail.date);
      const agent = fromSent ? mail.shiftdeskAgent : null;
      author = agent ?? mail.from!.address;
      page.people.set(author, this.agentPerson(author, agent ? (this.agentNames.get(agent) ?? mail.from?.name ?? agent) : this.identity.mailboxName, agent !== null, mail.date));
    } else if (mail.from) {
      author = mail.from.address;
      // The newest customer message is the one a reply answers.
      if (!thread.parent || mail.date >= thread.lastCustomerAt) {
        thread.parent = {
          messageId: mail.messageId,
          references: mail.references,
          subject: mail.subject,
          replyTo: mail.replyTo?.address ?? mail.from.address,
          cc: mail.cc.map((a) => a.address).filter((a) => !this.isSupportAddress(a)),
        };
      }
      thread.lastCustomerAt = Math.max(thread.lastCustomerAt, mail.date);
      thread.lastCustomerArrivedAt = Math.max(thread.lastCustomerArrivedAt ?? 0, mail.date);
      if (inboxUid && (!thread.lastCustomerUid || thread.lastCustomerUid.validity !== inboxUid.validity || inboxUid.uid > thread.lastCustomerUid.uid)) thread.lastCustomerUid = inboxUid;
      page.people.set(author, mailPerson(author, mail.from.name || author, 'customer', mail.date));
    }
    // Stored once per Message-ID: the same mail in two folders, or read again after a UIDVALIDITY
    // change, is one message (the cache keeps the first; see case-writer for mail cached undated).
    page.messages.push({
      remoteId: mail.messageId,
      caseRemoteId: thread.caseRemoteId,
      authorRemoteId: author,
      public: true,
      bodyText: mail.text,
      bodyHtml: mail.html,
      channel: 'email',
      createdAt: mail.date,
      senderDate: mail.claimedDate,
      // Files stay on the mail server; `imap-part:` says where (fetched when the agent opens one).
      attachments: mail.attachments.map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, url: a.partId ? `${IMAP_PART}${a.partId}` : '' })),
    });
    this.touch(thread, page);
    const waiting = this.pending.get(thread.caseRemoteId);
    if (waiting) {
      this.pending.delete(thread.caseRemoteId);
      page.pendingKeys.add(thread.caseRemoteId);
      for (const { entry, uid } of waiting) this.applyEntry(thread, entry, uid, page);
    }
    return thread.caseRemoteId;
  }

  /** Folds one state-log entry (from the state folder, or our own just written) into its case. */
  addStateEntry(entry: StateEntry, uid: number, page: PageBuilder): void {
    const thread = this.threads.get(entry.caseRemoteId);
    if (!thread) {
      const list = this.pending.get(entry.caseRemoteId) ?? [];
      if (!list.some((p) => p.entry.actionId === entry.actionId)) list.push({ entry, uid });
      this.pending.set(entry.caseRemoteId, list);
      page.pendingKeys.add(entry.caseRemoteId);
      return;
    }
    this.applyEntry(thread, entry, uid, page);
  }

  private applyEntry(thread: ThreadRecord, entry: StateEntry, uid: number, page: PageBuilder): void {
    thread.lastStateUid = Math.max(thread.lastStateUid, uid);
    if (thread.actions.includes(entry.actionId)) {
      this.touch(thread, page);
      return;
    }
    remember(thread.actions, [entry.actionId], MAX_ACTIONS_PER_THREAD);
    thread.state = foldState([entry], thread.state);
    if (entry.status !== undefined) {
      thread.statusSetAt = entry.at;
      thread.statusSeenCustomerAt = entry.seenCustomerAt;
      thread.statusSeenCustomerUid = entry.seenCustomerUid !== undefined && entry.seenCustomerValidity !== undefined ? { validity: entry.seenCustomerValidity, uid: entry.seenCustomerUid } : undefined;
    }
    this.agentNames.set(entry.actor.email, entry.actor.name);
    page.people.set(entry.actor.email, this.agentPerson(entry.actor.email, entry.actor.name, true, entry.at));
    if (entry.assignee) {
      this.agentNames.set(entry.assignee.email, entry.assignee.name);
      page.people.set(entry.assignee.email, this.agentPerson(entry.assignee.email, entry.assignee.name, true, entry.at));
    }
    if (entry.note !== undefined) {
      page.messages.push({
        remoteId: noteRemoteId(entry.actionId),
        caseRemoteId: thread.caseRemoteId,
        authorRemoteId: entry.actor.email,
        public: false,
        bodyText: entry.note,
        bodyHtml: null,
        channel: 'email',
        createdAt: entry.at,
        attachments: [],
      });
    }
    this.touch(thread, page);
  }

  /** A state folder whose UIDVALIDITY changed is read again from the start: its UIDs mean nothing now. */
  resetStateUids(): void {
    for (const thread of this.threads.values()) thread.lastStateUid = 0;
  }

  private touch(thread: ThreadRecord, page: PageBuilder): void {
    thread.gen = Math.max(thread.gen + 1, Date.now());
    page.touched.add(thread.caseRemoteId);
  }

  private agentPerson(email: string, name: string, active: boolean, at: number): RemotePerson {
    // The mailbox itself authors mail sent by other programs; it is nobody to assign work to.
    return { ...mailPerson(email, name, 'agent', at), active };
  }

  /** The case as every workstation of the team derives it from the same mailbox. */
  remoteCase(caseRemoteId: string): RemoteCase | null {
    const thread = this.threads.get(caseRemoteId);
    if (!thread) return null;
    return {
      remoteId: thread.caseRemoteId,
      channel: 'email',
      subject: thread.subject,
      status: derivedStatus(thread),
      priority: thread.state.priority,
      type: null,
      requesterRemoteId: thread.counterpart,
      assigneeRemoteId: thread.state.assignee?.email ?? null,
      groupRemoteId: null,
      organizationRemoteId: null,
      tags: [...thread.state.tags],
      csat: null,
      createdAt: thread.createdAt,
      updatedAt: Math.max(thread.lastMessageAt, thread.state.updatedAt),
      version: versionOf(thread),
      generatedTs: thread.gen,
    };
  }

  /** The page for what `page` collected: cases touched, their records as connector state. */
  finish(page: PageBuilder, cursor: string | null, caughtUp: boolean): PullPage {
    const cases = [...page.touched].map((id) => this.remoteCase(id)!).filter(Boolean);
    const connectorState = [
      ...[...page.touched].map((id) => ({ key: THREAD_KEY + id, value: JSON.stringify(this.threads.get(id)) })),
      ...[...page.pendingKeys].map((id) => ({ key: PENDING_KEY + id, value: JSON.stringify(this.pending.get(id) ?? []) })),
    ];
    return {
      ...(cases.length > 0 ? { cases, completeThreads: cases.map((c) => c.remoteId) } : {}),
      ...(page.messages.length > 0 ? { messages: page.messages } : {}),
      ...(page.people.size > 0 ? { people: [...page.people.values()] } : {}),
      ...(connectorState.length > 0 ? { connectorState } : {}),
      cursor,
      caughtUp,
    };
  }
}

/** A person of a mailbox: known by an e-mail address only (it is their remote id too). */
export function mailPerson(email: string, name: string, role: RemotePerson['role'], updatedAt: number): RemotePerson {
  return { remoteId: email, name, role, email, phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt };
}

/** The version a write carries: the newest state entry folded in (the state folder's UID). */
export function versionOf(thread: Pick<ThreadRecord, 'lastStateUid'>): string {
  return `s${thread.lastStateUid}`;
}

export function stateUidOfVersion(version: string | null): number | null {
  const match = version === null ? null : /^s(\d+)$/.exec(version);
  return match ? Number(match[1]) : null;
}

export function noteRemoteId(actionId: string): string {
  return `note.${actionId}`;
}

/**
 * The status everyone derives: the last one set through the state log, except that a customer
 * writing after it reopens a pending, on-hold or solved case; without any, `new` until the team
 * has answered, then `open`. "After": best, the customer message's place in the inbox after the
 * one the agent had seen (UIDs grow with arrival, exactly); else its arrival at the server (not
 * its Date header: the customer's clock) after the one the agent had seen; else after the status
 * change, where arrival has whole seconds, so a message in the same second counts as after: a
 * customer is never left unanswered.
 */
export function derivedStatus(
  thread: Pick<ThreadRecord, 'state' | 'statusSetAt' | 'statusSeenCustomerAt' | 'statusSeenCustomerUid' | 'lastCustomerAt' | 'lastCustomerArrivedAt' | 'lastCustomerUid' | 'lastAgentAt'>,
): CaseStatus {
  const set = thread.state.status;
  if (set === null) return thread.lastAgentAt > 0 ? 'open' : 'new';
  const arrived = thread.lastCustomerArrivedAt ?? thread.lastCustomerAt;
  const seenUid = thread.statusSeenCustomerUid;
  const lastUid = thread.lastCustomerUid;
  const writtenAfter =
    seenUid && lastUid && seenUid.validity === lastUid.validity
      ? lastUid.uid > seenUid.uid
      : thread.statusSeenCustomerAt !== undefined
        ? arrived > thread.statusSeenCustomerAt
        : arrived > 0 && arrived >= thread.statusSetAt - (thread.statusSetAt % 1000);
  if ((set === 'pending' || set === 'hold' || set === 'solved' || set === 'closed') && writtenAfter) return 'open';
  return set;
}

function remember(list: string[], ids: readonly string[], max: number): void {
  for (const id of ids) if (!list.includes(id)) list.push(id);
  if (list.length > max) list.splice(1, list.length - max);
}
