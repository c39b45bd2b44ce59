import { domainToASCII } from 'node:url';

// The pure rules that decide which mails belong together: Message-ID handling and subject
// normalisation. No state here; the ThreadIndex applies these rules.

/** Longer ids are not real Message-IDs (a header line is at most 998 characters). */
const MAX_MESSAGE_ID_LENGTH = 998;

/** Control characters and DEL never appear in a real id: such input is garbage. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A Message-ID without its angle brackets and whitespace, or null when nothing usable is left.
 * Case is kept: the left-hand side is case-sensitive and other clients copy ids verbatim.
 */
export function normalizeMessageId(raw: string): string | null {
  const bracketed = /<([^<>]*)>/.exec(raw);
  // Folding may put whitespace inside an id; it is never part of one.
  const id = (bracketed ? bracketed[1]! : raw.replace(/[<>]/g, '')).replace(/\s+/g, '');
  if (id.length === 0 || id.length > MAX_MESSAGE_ID_LENGTH || hasControlCharacter(id)) return null;
  return id;
}

/**
 * The ids of a References or In-Reply-To header, in header order, without duplicates. Ids in <>
 * are taken and anything between them is ignored (commas, comments, "message of ..." phrases);
 * a header without any <> is read as bare ids separated by whitespace or commas.
 */
export function parseMessageIdList(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(' ') : header;
  const bracketed = [...text.matchAll(/<([^<>]*)>/g)].map((match) => match[1]!);
  const candidates = bracketed.length > 0 ? bracketed : text.split(/[\s,]+/);
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const id = normalizeMessageId(candidate);
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids;
}

/**
 * At most `max` ids of a References list: the first (the thread root) and the newest ones, as
 * RFC 5322 §3.6.4 suggests when a chain grows too long.
 */
export function trimReferences(ids: readonly string[], max: number): string[] {
  if (ids.length <= max) return [...ids];
  if (max <= 0) return [];
  if (max === 1) return [ids[0]!];
  return [ids[0]!, ...ids.slice(ids.length - (max - 1))];
}

// Reply and forward prefixes of the mail clients in use (English, German, Nordic, Dutch, Polish,
// Italian, French, Chinese, Korean, Japanese).
const REPLY_PREFIXES = ['re', 'aw', 'sv', 'vs', 'antw', 'odp', 'rif', 'ref', 'réf', '答复', '回复', '답장', '회신', '返信'];
const FORWARD_PREFIXES = ['fwd', 'fw', 'wg', 'vb', 'tr', '转发', '전달', '転送'];

function prefixAlternation(words: readonly string[]): string {
  // Longest first so that "fwd" is not read as "fw" + "d".
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/** `Re[2]`, `Re(3)`, `Re^2`: counts some clients add instead of repeating the prefix. */
const COUNT = String.raw`(?:\[\d{1,4}\]|\(\d{1,4}\)|\^\d{1,4})?`;
/** `[EXTERNAL]`-style tags a gateway puts in front; removed only when a prefix follows. */
const BRACKET_TAGS = String.raw`(?:\[[^\[\]]{0,60}\]\s*)*`;

const ANY_PREFIX = new RegExp(
  String.raw`^\s*${BRACKET_TAGS}(?:${prefixAlternation([...REPLY_PREFIXES, ...FORWARD_PREFIXES])})\s*${COUNT}\s*[:：]`,
  'iu',
);
const REPLY_PREFIX = new RegExp(String.raw`^\s*${BRACKET_TAGS}(?:${prefixAlternation(REPLY_PREFIXES)})\s*${COUNT}\s*[:：]`, 'iu');

/** Guards against a hostile subject made of thousands of prefixes. */
const MAX_PREFIXES = 100;

/**
 * The subject without its leading reply/forward prefixes (any number, any mix, with the
 * bracket tags between them), whitespace collapsed. `wasReply`: at least one was removed.
 */
export function stripSubjectPrefixes(subject: string): { base: string; wasReply: boolean } {
  let rest = subject;
  let removed = 0;
  for (let match = ANY_PREFIX.exec(rest); match !== null && removed < MAX_PREFIXES; match = ANY_PREFIX.exec(rest)) {
    rest = rest.slice(match[0].length);
    removed++;
  }
  return { base: collapseWhitespace(rest), wasReply: removed > 0 };
}

/** Does the subject already start with a reply (not forward) prefix, so a reply keeps it as is? */
export function startsWithReplyPrefix(subject: string): boolean {
  return REPLY_PREFIX.test(subject);
}

/**
 * The key two subjects of one conversation share: the base subject, NFKC-normalised (full-width
 * letters and colons become ASCII), lower-cased, whitespace collapsed; '' for an empty subject.
 */
export function subjectKey(subject: string): string {
  return collapseWhitespace(stripSubjectPrefixes(subject.normalize('NFKC')).base.toLowerCase());
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The domain for ids we generate (`state.<action>@domain`, `sd.<action>@domain`): the part of
 * the mailbox address after the last @, lower-cased and in ASCII (punycode) form.
 */
export function messageIdDomain(mailbox: string): string {
  const at = mailbox.lastIndexOf('@');
  const domain = (at >= 0 ? mailbox.slice(at + 1) : mailbox).trim().replace(/>$/, '').toLowerCase();
  const ascii = domainToASCII(domain);
  if (ascii === '') throw new Error(`"${mailbox}" has no usable domain for a Message-ID`);
  return ascii;
}

/** Ids we put into Message-IDs and headers (action ids, case ids): no spaces, brackets or @. */
export const ID_TOKEN_PATTERN = /^[A-Za-z0-9._-]{1,200}$/;

export function isIdToken(value: string): boolean {
  return ID_TOKEN_PATTERN.test(value);
}
