import { createHash } from 'node:crypto';
import type { ParsedMail, ThreadAssignment, ThreadIndexSeed, ThreadInfo, ThreadReason } from './mail-types';
import { stripSubjectPrefixes, subjectKey } from './thread-rules';

// Puts each message into a case (a thread). Everything here is a function of the messages seen,
// in order, so every workstation syncing the same mailbox in UID order computes the same case ids
// (a new case's id is a hash of its root message id, not a counter or a random id).

interface ThreadRecord {
  subject: string;
  subjectKey: string;
  counterpart: string | null;
  lastMessageAt: number;
  messageIds: string[];
}

/**
 * The other party of a mail: for mail sent from a support address, the first To/Cc recipient
 * that is not a support address; for any other mail, the sender. Lower-cased; null when none.
 */
export function counterpartOf(mail: ParsedMail, supportAddresses: readonly string[] | ReadonlySet<string>): string | null {
  const support = lowerCasedSet(supportAddresses);
  const from = mail.from?.address.toLowerCase() ?? null;
  if (from === null || !support.has(from)) return from;
  const recipient = [...mail.to, ...mail.cc].find((a) => a.address !== '' && !support.has(a.address.toLowerCase()));
  return recipient ? recipient.address.toLowerCase() : null;
}

function lowerCasedSet(addresses: Iterable<string>): ReadonlySet<string> {
  return new Set([...addresses].map((a) => a.trim().toLowerCase()));
}

/** A new case's remote id: derived from the thread's root message id, so it is the same everywhere. */
export function caseIdForRoot(rootMessageId: string): string {
  return `mail-${createHash('sha256').update(rootMessageId).digest('hex').slice(0, 24)}`;
}

export class ThreadIndex {
  private readonly caseOfMessage = new Map<string, string>();
  private readonly threads = new Map<string, ThreadRecord>();
  /** `counterpart \0 subjectKey` → the cases with that pair (a customer may reuse a subject). */
  private readonly casesBySubject = new Map<string, Set<string>>();
  private readonly supportAddresses: ReadonlySet<string>;

  constructor(seed: ThreadIndexSeed, supportAddresses: readonly string[]) {
    this.supportAddresses = lowerCasedSet(supportAddresses);
    for (const thread of seed.threads) {
      this.threads.set(thread.caseRemoteId, {
        subject: thread.subject,
        subjectKey: subjectKey(thread.subject),
        counterpart: thread.counterpart?.toLowerCase() ?? null,
        lastMessageAt: thread.lastMessageAt,
        messageIds: [],
      });
      this.indexSubject(thread.caseRemoteId);
    }
    for (const { messageId, caseRemoteId } of seed.messages) {
      // The first mapping wins, as it does in assign().
      if (this.caseOfMessage.has(messageId)) continue;
      this.caseOfMessage.set(messageId, caseRemoteId);
      this.threadRecord(caseRemoteId).messageIds.push(messageId);
    }
  }

  counterpartOf(mail: ParsedMail): string | null {
    return counterpartOf(mail, this.supportAddresses);
  }

  /** Decides the case of `mail` and records it; call in UID order. */
  assign(mail: ParsedMail): ThreadAssignment {
    const { caseRemoteId, isNew, reason } = this.decide(mail);
    const newIds = this.record(mail, caseRemoteId);
    return { caseRemoteId, isNew, reason, newIds };
  }

  threadOf(caseRemoteId: string): ThreadInfo | null {
    const thread = this.threads.get(caseRemoteId);
    if (!thread) return null;
    return {
      caseRemoteId,
      subject: thread.subject,
      counterpart: thread.counterpart,
      lastMessageAt: thread.lastMessageAt,
      messageIds: [...thread.messageIds],
    };
  }

  caseOf(messageId: string): string | null {
    return this.caseOfMessage.get(messageId) ?? null;
  }

  private decide(mail: ParsedMail): { caseRemoteId: string; isNew: boolean; reason: ThreadReason } {
    const known = this.caseOfMessage.get(mail.messageId);
    if (known !== undefined) return { caseRemoteId: known, isNew: false, reason: 'known' };

    for (let i = mail.references.length - 1; i >= 0; i--) {
      const byReference = this.caseOfMessage.get(mail.references[i]!);
      if (byReference !== undefined) return { caseRemoteId: byReference, isNew: false, reason: 'references' };
    }

    if (mail.inReplyTo !== null) {
      const byParent = this.caseOfMessage.get(mail.inReplyTo);
      if (byParent !== undefined) return { caseRemoteId: byParent, isNew: false, reason: 'in-reply-to' };
    }

    const bySubject = this.subjectMatch(mail);
    if (bySubject !== null) return { caseRemoteId: bySubject, isNew: false, reason: 'subject' };

    const [root, rootSource] = rootOf(mail);
    const caseRemoteId = caseIdForRoot(root);
    // The case this root would start exists already: it was started by this same root (an id we
    // were not seeded with), so the root belongs to it, just as if it had been mapped.
    if (this.threads.has(caseRemoteId)) return { caseRemoteId, isNew: false, reason: rootSource };
    return { caseRemoteId, isNew: true, reason: 'new' };
  }

  /**
   * Only a mail that looks like a reply joins by subject, only from the same counterpart, and
   * only with a non-empty subject: two customers with the same subject never share a case.
   */
  private subjectMatch(mail: ParsedMail): string | null {
    if (!stripSubjectPrefixes(mail.subject).wasReply) return null;
    const counterpart = this.counterpartOf(mail);
    const key = subjectKey(mail.subject);
    if (counterpart === null || key === '') return null;
    const candidates = this.casesBySubject.get(subjectIndexKey(counterpart, key));
    if (!candidates) return null;
    // Deterministic pick among several: the most recently active, then the smallest id.
    let best: string | null = null;
    for (const candidate of candidates) {
      if (best === null || compareRecency(this.threads.get(candidate)!, candidate, this.threads.get(best)!, best) > 0) best = candidate;
    }
    return best;
  }

  /** Maps the message and its References/In-Reply-To ids to the case and updates the thread. */
  private record(mail: ParsedMail, caseRemoteId: string): string[] {
    const thread = this.threadRecord(caseRemoteId);
    const newIds: string[] = [];
    const ids = [...mail.references, ...(mail.inReplyTo !== null ? [mail.inReplyTo] : []), mail.messageId];
    for (const id of ids) {
      // An id already mapped keeps its case: later mail never moves earlier mail.
      if (this.caseOfMessage.has(id)) continue;
      this.caseOfMessage.set(id, caseRemoteId);
      thread.messageIds.push(id);
      newIds.push(id);
    }

    // Messages may arrive out of date order: only the newest one sets subject and counterpart.
    if (mail.date >= thread.lastMessageAt) {
      this.unindexSubject(caseRemoteId);
      thread.subject = mail.subject;
      thread.subjectKey = subjectKey(mail.subject);
      thread.counterpart = this.counterpartOf(mail) ?? thread.counterpart;
      thread.lastMessageAt = mail.date;
      this.indexSubject(caseRemoteId);
    }
    return newIds;
  }

  private threadRecord(caseRemoteId: string): ThreadRecord {
    let thread = this.threads.get(caseRemoteId);
    if (!thread) {
      thread = { subject: '', subjectKey: '', counterpart: null, lastMessageAt: 0, messageIds: [] };
      this.threads.set(caseRemoteId, thread);
    }
    return thread;
  }

  private indexSubject(caseRemoteId: string): void {
    const thread = this.threads.get(caseRemoteId)!;
    if (thread.counterpart === null || thread.subjectKey === '') return;
    const key = subjectIndexKey(thread.counterpart, thread.subjectKey);
    let cases = this.casesBySubject.get(key);
    if (!cases) {
      cases = new Set();
      this.casesBySubject.set(key, cases);
    }
    cases.add(caseRemoteId);
  }

  private unindexSubject(caseRemoteId: string): void {
    const thread = this.threads.get(caseRemoteId)!;
    if (thread.counterpart === null || thread.subjectKey === '') return;
    const key = subjectIndexKey(thread.counterpart, thread.subjectKey);
    const cases = this.casesBySubject.get(key);
    cases?.delete(caseRemoteId);
    if (cases?.size === 0) this.casesBySubject.delete(key);
  }
}

/** The thread's root id and which header it came from: References[0] ?? In-Reply-To ?? own id. */
function rootOf(mail: ParsedMail): [string, ThreadReason] {
  if (mail.references.length > 0) return [mail.references[0]!, 'references'];
  if (mail.inReplyTo !== null) return [mail.inReplyTo, 'in-reply-to'];
  return [mail.messageId, 'known'];
}

function subjectIndexKey(counterpart: string, key: string): string {
  return `${counterpart}\u0000${key}`;
}

function compareRecency(a: ThreadRecord, aId: string, b: ThreadRecord, bId: string): number {
  if (a.lastMessageAt !== b.lastMessageAt) return a.lastMessageAt - b.lastMessageAt;
  return aId < bId ? 1 : aId > bId ? -1 : 0;
}
