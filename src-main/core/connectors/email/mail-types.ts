// Shapes shared by the e-mail connector's parts (docs/email.md): a parsed message, the thread
// index's answers, and the entries of the shared state log.

import type { CasePriority, CaseStatus } from '../../../../src-shared/domain/case-fields';

export interface MailAddress {
  /** Lower-cased address. */
  address: string;
  /** Display name ('' when none). */
  name: string;
}

export interface MailAttachmentMeta {
  /** Stable within the message: its position, or the Content-ID when it has one. */
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  /** The Content-ID (without <>) of an inline part, else null. */
  contentId: string | null;
  inline: boolean;
  /** The IMAP body part number ('1.2') to fetch the content with later; null for a single-part message. */
  partId: string | null;
}

/** One message as the connector needs it, whatever folder it came from. */
export interface ParsedMail {
  /** Message-ID without <>; synthesised from a content hash when the message has none. */
  messageId: string;
  /** True when messageId was synthesised. */
  syntheticId: boolean;
  inReplyTo: string | null;
  /** References, oldest first, without <>. */
  references: string[];
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /**
   * When the message reached the mail server (IMAP INTERNALDATE, ms): the server's clock, the same
   * for every workstation. Order, case creation and waiting times follow it.
   */
  date: number;
  /**
   * What the sender's Date header claims (ms), null when it is missing or unreadable. The sender's
   * clock: it can be wrong or in the future, so it is shown as a detail only, never used to order.
   */
  claimedDate: number | null;
  text: string;
  /** The HTML body with inline `cid:` images rewritten to data: URIs (up to a size cap), else null. */
  html: string | null;
  attachments: MailAttachmentMeta[];
  /** X-Shiftdesk-Agent: the agent who sent a reply through Shiftdesk (lower-cased), else null. */
  shiftdeskAgent: string | null;
  /** X-Shiftdesk-Action: the outbox action that sent it, else null. */
  shiftdeskAction: string | null;
  /** A body (text or HTML) was longer than the parse cap and was cut; this flag is the only marker. */
  truncated: boolean;
}

/** The agent an entry names: the e-mail address is the id, shared by every workstation. */
export interface MailAgentRef {
  email: string;
  name: string;
}

/**
 * One entry of the shared state log: a small message appended to the state folder by an agent's
 * action (IMAP has no case state; docs/email.md). Fields absent: unchanged by this entry.
 */
export interface StateEntry {
  v: 1;
  /** The case (thread) it is about: the case's remote id. */
  caseRemoteId: string;
  /** The outbox action id that wrote it: the idempotency key. */
  actionId: string;
  actor: MailAgentRef;
  at: number;
  status?: CaseStatus;
  priority?: CasePriority | null;
  /** null: unassigned. */
  assignee?: MailAgentRef | null;
  addTags?: string[];
  removeTags?: string[];
  /** An internal note: shared with the team through the log, never mailed. */
  note?: string;
  /**
   * With a status: the arrival (INTERNALDATE) of the newest customer message the agent had when
   * setting it. A customer message arriving later reopens the case; one the agent saw does not.
   */
  seenCustomerAt?: number;
  /**
   * With a status: the inbox UID (within UIDVALIDITY `seenCustomerValidity`) of that message, the
   * exact order where arrival times have whole seconds only.
   */
  seenCustomerUid?: number;
  seenCustomerValidity?: string;
}

/** A thread's shared state after folding its log entries in UID order. */
export interface FoldedState {
  status: CaseStatus | null;
  priority: CasePriority | null;
  assignee: MailAgentRef | null;
  tags: string[];
  /** The `at` of the last entry folded in (notes included), 0 if none. */
  updatedAt: number;
}

/** Why the thread index put a message into its case. */
export type ThreadReason = 'known' | 'references' | 'in-reply-to' | 'subject' | 'new';

export interface ThreadAssignment {
  caseRemoteId: string;
  /** The case did not exist before this message. */
  isNew: boolean;
  reason: ThreadReason;
  /** Ids this message newly mapped to the case (its own, its References, In-Reply-To): persist them. */
  newIds: string[];
}

/** What the thread index knows about one case (thread). */
export interface ThreadInfo {
  caseRemoteId: string;
  /** The subject of the newest message. */
  subject: string;
  /** The other party: the customer's lower-cased address, null when unknown. */
  counterpart: string | null;
  lastMessageAt: number;
  /** Every id mapped to the case, in the order they became known (a message's References first). */
  messageIds: string[];
}

/** The persisted state the thread index starts from (what earlier runs assigned). */
export interface ThreadIndexSeed {
  messages: { messageId: string; caseRemoteId: string }[];
  threads: { caseRemoteId: string; subject: string; counterpart: string | null; lastMessageAt: number }[];
}
