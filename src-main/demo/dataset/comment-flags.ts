// Bit flags stored per generated comment (one byte each, so a million comments stay small).

export const COMMENT_PUBLIC = 1;
/** Written by an agent (public reply or internal note); otherwise by the customer. */
export const COMMENT_BY_AGENT = 2;
/** E-mail with real formatting: lists, emphasis, a quoted reply, maybe an inline image. */
export const COMMENT_RICH_HTML = 4;
export const COMMENT_INLINE_IMAGE = 8;
export const COMMENT_HAS_ATTACHMENTS = 16;
/** The hostile HTML e-mail (scripts, event handlers, mXSS vectors, trackers). */
export const COMMENT_HOSTILE = 32;
/** An e-mail whose HTML part shows nothing; its plain text has the words (empty-html.ts). */
export const COMMENT_EMPTY_HTML = 64;

export type CommentKind = 'customer' | 'agent' | 'note';

export function commentKind(flags: number): CommentKind {
  if ((flags & COMMENT_BY_AGENT) === 0) return 'customer';
  return (flags & COMMENT_PUBLIC) !== 0 ? 'agent' : 'note';
}

// Audit kinds, also bit flags.
export const AUDIT_CREATE = 1;
export const AUDIT_ASSIGN = 2;
export const AUDIT_STATUS = 4;
/** The nightly "close 4 days after solved" automation; the audit has no comment. */
export const AUDIT_CLOSE_RULE = 8;
