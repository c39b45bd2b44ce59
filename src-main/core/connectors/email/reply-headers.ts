import { isIdToken, messageIdDomain, startsWithReplyPrefix, trimReferences } from './thread-rules';

// The threading headers of a reply we send, so the customer's client (and ours) files it under
// the conversation, and the Message-ID we give it.

/** Long chains are cut to the root and the newest ids (RFC 5322 §3.6.4), as common clients do. */
export const MAX_REPLY_REFERENCES = 20;

export interface ReplyParent {
  /** Without <>. */
  messageId: string;
  /** The parent's References, oldest first, without <>. */
  references: string[];
  subject: string;
}

/** In-Reply-To, References (oldest first, without <>) and Subject for a reply to `parent`. */
export function replyHeaders(parent: ReplyParent): { inReplyTo: string; references: string[]; subject: string } {
  const chain = [...new Set([...parent.references, parent.messageId])];
  return {
    inReplyTo: parent.messageId,
    references: trimReferences(chain, MAX_REPLY_REFERENCES),
    // A subject that already starts with Re: (AW:, SV:, 답장: ...) is kept; a forward gets Re: too.
    subject: startsWithReplyPrefix(parent.subject) ? parent.subject : `Re: ${parent.subject}`.trimEnd(),
  };
}

/**
 * The Message-ID (without <>) of the mail an outbox action sends: the same action always gives
 * the same id, so after a crash the Sent folder can be searched for it before sending again.
 */
export function outgoingMessageId(actionId: string, mailbox: string): string {
  if (!isIdToken(actionId)) throw new Error(`"${actionId}" cannot be part of a Message-ID`);
  return `sd.${actionId}@${messageIdDomain(mailbox)}`;
}
