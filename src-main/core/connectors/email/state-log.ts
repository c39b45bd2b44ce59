import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../../../src-shared/domain/case-fields';
import type { FoldedState, MailAgentRef, StateEntry } from './mail-types';
import { ID_TOKEN_PATTERN, messageIdDomain } from './thread-rules';

// The shared state log (docs/email.md): IMAP has no case status, priority, assignee or tags, so
// each agent action on a mail case is appended to a state folder as a tiny RFC 5322 message, and
// every workstation folds the folder, in UID order, into the same case state.

const MAX_NOTE_CHARS = 65_000;
const MAX_TAGS = 20;
const MAX_TAG_CHARS = 80;
/** A valid entry is far smaller (a maximal note is ~350 KB as escaped, base64-encoded JSON). */
const MAX_ENTRY_MESSAGE_BYTES = 1024 * 1024;
const MAX_LINE = 78;
const BASE64_LINE = 76;
/** UTF-8 bytes per encoded word: 48 base64 chars, so `Subject: =?UTF-8?B?...?=` stays under 78. */
const ENCODED_WORD_BYTES = 36;

const idToken = z.string().regex(ID_TOKEN_PATTERN);
const agentRef = z.object({ email: z.string().min(1).max(320), name: z.string().max(200) });
const tag = z.string().min(1).max(MAX_TAG_CHARS);

const stateEntrySchema = z.object({
  v: z.literal(1),
  caseRemoteId: idToken,
  actionId: idToken,
  actor: agentRef,
  at: z.number().int().nonnegative().max(8.64e15),
  status: z.enum(CASE_STATUSES).optional(),
  priority: z.enum(CASE_PRIORITIES).nullable().optional(),
  assignee: agentRef.nullable().optional(),
  addTags: z.array(tag).max(MAX_TAGS).optional(),
  removeTags: z.array(tag).max(MAX_TAGS).optional(),
  note: z.string().max(MAX_NOTE_CHARS).optional(),
  seenCustomerAt: z.number().int().nonnegative().optional(),
  /** The inbox UID (and its UIDVALIDITY) of the newest customer message the agent had seen. */
  seenCustomerUid: z.number().int().positive().optional(),
  seenCustomerValidity: z.string().min(1).max(40).optional(),
});

export type DecodedStateEntry = { ok: true; entry: StateEntry } | { ok: false; reason: string };

/**
 * The message that records `entry` in the state folder, and its Message-ID (without <>), which is
 * derived from the action id so a retried append can be found. Throws on an invalid entry: we
 * never write what decodeStateEntry would reject.
 */
export function encodeStateEntry(entry: StateEntry, opts: { mailbox: string }): { raw: string; messageId: string } {
  const valid = stateEntrySchema.parse(entry);
  const mailbox = opts.mailbox.trim();
  if (!/^[^\s<>"@]+@[^\s<>"@]+$/.test(mailbox)) throw new Error(`"${opts.mailbox}" is not a mailbox address`);
  const messageId = `state.${valid.actionId}@${messageIdDomain(mailbox)}`;

  const headers = [
    foldHeader('From', [...phraseTokens(`${valid.actor.name || valid.actor.email} via Shiftdesk`), `<${mailbox}>`]),
    `To: <${mailbox}>`,
    foldHeader('Subject', textTokens(summarize(valid))),
    `Date: ${rfc5322Date(valid.at)}`,
    `Message-ID: <${messageId}>`,
    `X-Shiftdesk-Case: ${valid.caseRemoteId}`,
    `X-Shiftdesk-Action: ${valid.actionId}`,
    'MIME-Version: 1.0',
    'Content-Type: application/json; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  const body = wrap(Buffer.from(JSON.stringify(valid), 'utf8').toString('base64'), BASE64_LINE);
  return { raw: `${headers.join('\r\n')}\r\n\r\n${body.join('\r\n')}\r\n`, messageId };
}

/** Reads an entry back from its message. Hostile or broken input gives a reason, never a throw. */
export function decodeStateEntry(raw: Buffer | string): DecodedStateEntry {
  try {
    return decode(raw);
  } catch (error) {
    return { ok: false, reason: `unreadable state entry: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function decode(raw: Buffer | string): DecodedStateEntry {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
  if (size > MAX_ENTRY_MESSAGE_BYTES) return { ok: false, reason: `the message is too large (${size} bytes)` };
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');

  const separator = /\r?\n\r?\n/.exec(text);
  if (separator === null) return { ok: false, reason: 'the message has no body' };
  const headers = parseHeaders(text.slice(0, separator.index));
  const body = text.slice(separator.index + separator[0].length);

  const contentType = single(headers, 'content-type');
  if (contentType === null || !/^application\/json\s*(;|$)/i.test(contentType)) return { ok: false, reason: 'the body is not application/json' };
  const caseHeader = single(headers, 'x-shiftdesk-case');
  if (caseHeader === null) return { ok: false, reason: 'missing or repeated X-Shiftdesk-Case header' };
  const actionHeader = single(headers, 'x-shiftdesk-action');

  const json = decodeBody(body, single(headers, 'content-transfer-encoding'));
  if (json === null) return { ok: false, reason: 'unsupported or broken Content-Transfer-Encoding' };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const parsed = stateEntrySchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ') };
  }
  const entry: StateEntry = parsed.data;
  // The header is what a folder search sees; a body that says otherwise is not to be trusted.
  if (caseHeader !== entry.caseRemoteId) return { ok: false, reason: 'X-Shiftdesk-Case disagrees with the body' };
  if (actionHeader !== null && actionHeader !== entry.actionId) return { ok: false, reason: 'X-Shiftdesk-Action disagrees with the body' };
  return { ok: true, entry };
}

export function emptyState(): FoldedState {
  return { status: null, priority: null, assignee: null, tags: [], updatedAt: 0 };
}

/**
 * Applies entries in order (the state folder's UID order is the team's shared order): the last
 * writer wins per field; tags are a set (an entry's removals apply before its additions); an
 * action id seen earlier in the same fold is a duplicate append and is skipped. Notes are not
 * state. Returns a new state; `base` is not changed.
 */
export function foldState(entries: readonly StateEntry[], base: FoldedState = emptyState()): FoldedState {
  const state: FoldedState = { ...base, assignee: base.assignee ? { ...base.assignee } : null };
  const tags = new Set(base.tags);
  const seenActions = new Set<string>();
  for (const entry of entries) {
    if (seenActions.has(entry.actionId)) continue;
    seenActions.add(entry.actionId);
    if (entry.status !== undefined) state.status = entry.status;
    if (entry.priority !== undefined) state.priority = entry.priority;
    if (entry.assignee !== undefined) state.assignee = entry.assignee ? { ...entry.assignee } : null;
    for (const removed of entry.removeTags ?? []) tags.delete(removed);
    for (const added of entry.addTags ?? []) tags.add(added);
    state.updatedAt = entry.at;
  }
  state.tags = [...tags];
  return state;
}

/** The human-readable subject: `[Shiftdesk] mail-abc: status open, tag +refund`. */
function summarize(entry: StateEntry): string {
  const changes: string[] = [];
  if (entry.status !== undefined) changes.push(`status ${entry.status}`);
  if (entry.priority !== undefined) changes.push(`priority ${entry.priority ?? 'none'}`);
  if (entry.assignee !== undefined) changes.push(entry.assignee ? `assignee ${agentLabel(entry.assignee)}` : 'unassigned');
  for (const removed of entry.removeTags ?? []) changes.push(`tag -${removed}`);
  for (const added of entry.addTags ?? []) changes.push(`tag +${added}`);
  if (entry.note !== undefined) changes.push('note');
  return `[Shiftdesk] ${entry.caseRemoteId}: ${changes.length > 0 ? changes.join(', ') : 'no change'}`;
}

function agentLabel(agent: MailAgentRef): string {
  return agent.name || agent.email;
}

// --- RFC 5322 / RFC 2047 writing -------------------------------------------------------------

/** Printable ASCII that cannot be mistaken for an encoded word: safe to write as is. */
function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text) && !text.includes('=?');
}

/** A display name: a quoted string when plain ASCII, else encoded words (names may be Korean). */
function phraseTokens(name: string): string[] {
  if (isPlainAscii(name)) return [`"${name.replace(/["\\]/g, (c) => `\\${c}`)}"`];
  return encodedWords(name);
}

/** Unstructured text (a subject): words to fold at, or encoded words when not plain ASCII. */
function textTokens(text: string): string[] {
  if (isPlainAscii(text)) return text.split(' ').filter((word) => word !== '');
  return encodedWords(text);
}

/** `=?UTF-8?B?...?=` words of at most ENCODED_WORD_BYTES each, never splitting a character. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > ENCODED_WORD_BYTES) {
      words.push(encodedWord(chunk));
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '' || words.length === 0) words.push(encodedWord(chunk));
  return words;
}

function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** `Name: token token ...`, folded onto continuation lines so lines stay within 78 characters. */
function foldHeader(name: string, tokens: readonly string[]): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const token of tokens) {
    if (line.length + 1 + token.length > MAX_LINE && line.trim() !== `${name}:`) {
      lines.push(line);
      line = '';
    }
    line += ` ${token}`;
  }
  lines.push(line);
  return lines.join('\r\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines;
}

/** `Tue, 02 Jan 2024 03:04:05 +0000` (RFC 5322 prefers a numeric zone to `GMT`). */
function rfc5322Date(at: number): string {
  return new Date(at).toUTCString().replace(/GMT$/, '+0000');
}

// --- RFC 5322 reading --------------------------------------------------------------------------

function parseHeaders(block: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const unfolded = block.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
  }
  return headers;
}

/** The header's value when it appears exactly once, else null. */
function single(headers: Map<string, string[]>, name: string): string | null {
  const values = headers.get(name);
  return values !== undefined && values.length === 1 ? values[0]! : null;
}

function decodeBody(body: string, transferEncoding: string | null): string | null {
  const encoding = (transferEncoding ?? '7bit').toLowerCase();
  if (encoding === 'base64') {
    const compact = body.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
    return Buffer.from(compact, 'base64').toString('utf8');
  }
  if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary') return body;
  return null;
}
