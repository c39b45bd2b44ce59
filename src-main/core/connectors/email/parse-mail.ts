import { createHash } from 'node:crypto';
import { MailParser, type AddressObject, type AttachmentStream, type HeaderLines, type Headers, type HeaderValue, type MessageText } from 'mailparser';
import type { MailAddress, MailAttachmentMeta, ParsedMail } from './mail-types';
import { normalizeMessageId, parseMessageIdList, trimReferences } from './thread-rules';

// Turns one raw message into a ParsedMail with mailparser's streaming MailParser (not
// simpleParser, which buffers every attachment): attachment bytes are counted and dropped, only
// small inline images are kept, to become data: URIs in the HTML.

export interface ParseMailOptions {
  /** The IMAP internal date (ms): when the message reached the server, the message's date. */
  internalDate: number;
  /** The most UTF-8 bytes kept of the text body, and of the HTML body (default 256 KiB each). */
  maxTextBytes?: number;
  /** The largest inline image inlined as a data: URI (default 512 KiB); larger ones stay `cid:`. */
  inlineImageMaxBytes?: number;
  /** The most bytes of inline images kept per message (default 4 MiB): bounds a hostile message. */
  inlineImagesTotalMaxBytes?: number;
}

const DEFAULT_MAX_TEXT_BYTES = 256 * 1024;
const DEFAULT_INLINE_IMAGE_MAX_BYTES = 512 * 1024;
const DEFAULT_INLINE_IMAGES_TOTAL_MAX_BYTES = 4 * 1024 * 1024;
/** mailparser's HTML-to-text conversion is costly; past this we strip tags from the cut HTML instead. */
const HTML_TO_TEXT_MAX_CHARS = 2 * 1024 * 1024;
/** A References header longer than this is hostile or broken: the root and newest ids are enough. */
const MAX_REFERENCES = 100;
/** Raster types only: an SVG or anything else as a data: URI is not an image we trust to show. */
const INLINABLE_IMAGE = /^image\/(?:png|jpeg|gif|webp|bmp|avif)$/;
const CID_LINK = /\bcid:([^'"\s<>()]{1,256})/gi;

interface AttachmentRecord {
  stream: AttachmentStream;
  size: number;
  /** The bytes, while the attachment is an inline image candidate within the caps; else null. */
  chunks: Buffer[] | null;
}

interface Limits {
  maxTextBytes: number;
  inlineImageMaxBytes: number;
  inlineImagesTotalMaxBytes: number;
}

/** Parses a raw message; rejects (never throws) when mailparser cannot read it at all. */
export function parseMail(source: Buffer | NodeJS.ReadableStream, opts: ParseMailOptions): Promise<ParsedMail> {
  const limits: Limits = {
    maxTextBytes: opts.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES,
    inlineImageMaxBytes: opts.inlineImageMaxBytes ?? DEFAULT_INLINE_IMAGE_MAX_BYTES,
    inlineImagesTotalMaxBytes: opts.inlineImagesTotalMaxBytes ?? DEFAULT_INLINE_IMAGES_TOTAL_MAX_BYTES,
  };
  return new Promise<ParsedMail>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      if (!Buffer.isBuffer(source)) source.unpipe(parser);
      parser.destroy();
      const detail = error instanceof Error ? error.message : String(error);
      reject(new Error(`The message could not be parsed: ${detail}`, { cause: error }));
    };

    const parser = new MailParser({ checksumAlgo: false, maxHtmlLengthToParse: HTML_TO_TEXT_MAX_CHARS, skipTextLinks: true });
    let headers: Headers = new Map();
    let headerLines: HeaderLines = [];
    let body: MessageText | null = null;
    const attachments: AttachmentRecord[] = [];
    let inlineBytesKept = 0;

    parser.on('headers', (parsed) => (headers = parsed));
    parser.on('headerLines', (lines) => (headerLines = lines));
    parser.on('data', (data) => {
      if (data.type === 'text') {
        body = data;
        return;
      }
      const record: AttachmentRecord = { stream: data, size: 0, chunks: isInlineImageCandidate(data) ? [] : null };
      attachments.push(record);
      data.content.on('data', (chunk: Buffer) => {
        record.size += chunk.length;
        if (record.chunks === null) return;
        if (record.size > limits.inlineImageMaxBytes || inlineBytesKept + record.size > limits.inlineImagesTotalMaxBytes) {
          record.chunks = null; // over a cap: the renderer shows the cid: link as blocked
        } else {
          record.chunks.push(chunk);
        }
      });
      data.content.once('end', () => {
        if (record.chunks !== null) inlineBytesKept += record.size;
        data.release?.();
      });
      data.content.on('error', fail);
    });
    parser.on('error', fail); // on, not once: a second error must not go unhandled
    parser.once('end', () => {
      if (settled) return;
      try {
        const mail = buildMail({ headers, headerLines, body, attachments }, opts.internalDate, limits);
        settled = true;
        resolve(mail);
      } catch (error) {
        fail(error);
      }
    });

    try {
      if (Buffer.isBuffer(source)) {
        parser.end(source);
      } else {
        source.on('error', fail);
        source.pipe(parser);
      }
    } catch (error) {
      fail(error);
    }
  });
}

/** Images the HTML can show: a raster image with a Content-ID for a `cid:` link to refer to. */
function isInlineImageCandidate(attachment: AttachmentStream): boolean {
  return Boolean(attachment.cid?.trim()) && INLINABLE_IMAGE.test(attachment.contentType.toLowerCase());
}

interface ParserOutput {
  headers: Headers;
  headerLines: HeaderLines;
  body: MessageText | null;
  attachments: AttachmentRecord[];
}

function buildMail(output: ParserOutput, internalDate: number, limits: Limits): ParsedMail {
  const { headers } = output;
  const subject = stringHeader(headers.get('subject')) ?? '';
  const from = addresses(headers.get('from'))[0] ?? null;
  const claimedDate = headerDate(output.headerLines);

  const fullHtml = output.body?.html ?? null;
  const referencedCids = fullHtml === null ? new Set<string>() : cidsReferenced(fullHtml);
  const cutHtml = fullHtml === null ? null : truncateHtml(fullHtml, limits.maxTextBytes);

  let fullText = output.body?.text ?? '';
  // No text part, or one mailparser could not derive from a huge or odd HTML part.
  if (fullText.trim() === '' && cutHtml !== null) fullText = htmlToPlainText(cutHtml.value);
  const text = truncateUtf8(fullText, limits.maxTextBytes);

  const embedded = new Set<string>();
  const html = cutHtml === null ? null : inlineImages(cutHtml.value, output.attachments, embedded);
  // An image shown in the body is not listed again as a file.
  const attachments = attachmentMetas(output.attachments, referencedCids).filter((a) => a.contentId === null || !embedded.has(a.contentId));

  const ownId = normalizeMessageId(stringHeader(headers.get('message-id')) ?? '');
  // The sender's date, not the arrival: the same message reads the same in Inbox and Sent, and after a resync.
  const messageId = ownId ?? syntheticMessageId(from?.address ?? '', claimedDate ?? internalDate, subject, text.value);

  return {
    messageId,
    syntheticId: ownId === null,
    inReplyTo: parseMessageIdList(stringHeader(headers.get('in-reply-to')))[0] ?? null,
    references: trimReferences(parseMessageIdList(stringListHeader(headers.get('references'))), MAX_REFERENCES),
    subject,
    from,
    replyTo: addresses(headers.get('reply-to'))[0] ?? null,
    to: addresses(headers.get('to')),
    cc: addresses(headers.get('cc')),
    date: internalDate,
    claimedDate,
    text: text.value,
    html,
    attachments,
    shiftdeskAgent: stringHeader(headers.get('x-shiftdesk-agent'))?.trim().toLowerCase() || null,
    shiftdeskAction: stringHeader(headers.get('x-shiftdesk-action'))?.trim() || null,
    truncated: text.truncated || (cutHtml?.truncated ?? false),
  };
}

/**
 * The same message gives the same id on every machine and after a UIDVALIDITY resync, so a
 * message without a Message-ID is still recognised as one already stored.
 */
function syntheticMessageId(from: string, date: number, subject: string, text: string): string {
  const hash = createHash('sha256').update(`${from}|${date}|${subject}|${text}`).digest('hex');
  return `synthetic.${hash.slice(0, 32)}@shiftdesk.invalid`;
}

/**
 * The Date header read from the raw line: mailparser turns an unreadable date into "now", which
 * would differ on every machine.
 */
function headerDate(lines: HeaderLines): number | null {
  const line = lines.find((l) => l.key === 'date')?.line;
  if (line === undefined) return null;
  const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]/g, ' ').trim();
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
}

function attachmentMetas(records: readonly AttachmentRecord[], referencedCids: ReadonlySet<string>): MailAttachmentMeta[] {
  const usedIds = new Set<string>();
  return records.map(({ stream, size }, index) => {
    const contentId = stream.cid?.trim() || null;
    const partId = stream.partId || null;
    let id = contentId ?? partId ?? String(index + 1);
    // Broken mailers repeat Content-IDs; the id must stay unique within the message.
    for (let n = 2; usedIds.has(id); n++) id = `${contentId ?? partId ?? index + 1}#${n}`;
    usedIds.add(id);
    return {
      id,
      fileName: stream.filename?.trim() || `attachment-${index + 1}`,
      contentType: stream.contentType.toLowerCase(),
      size,
      contentId,
      inline: stream.contentDisposition?.toLowerCase() === 'inline' || (contentId !== null && referencedCids.has(contentId)),
      partId,
    };
  });
}

function cidsReferenced(html: string): Set<string> {
  const cids = new Set<string>();
  for (const match of html.matchAll(CID_LINK)) {
    cids.add(match[1]!);
    cids.add(safeDecodeURIComponent(match[1]!));
  }
  return cids;
}

/** Rewrites `cid:` links to the kept images as data: URIs; links to anything else stay as they are. */
/** Rewrites `cid:` links to the kept images as data: URIs; `embedded` collects the Content-IDs rewritten. */
function inlineImages(html: string, records: readonly AttachmentRecord[], embedded: Set<string>): string {
  const images = new Map<string, string>();
  for (const { stream, chunks } of records) {
    const cid = stream.cid?.trim();
    if (!cid || chunks === null || images.has(cid)) continue;
    images.set(cid, `data:${stream.contentType.toLowerCase()};base64,${Buffer.concat(chunks).toString('base64')}`);
  }
  if (images.size === 0) return html;
  return html.replace(CID_LINK, (link, cid: string) => {
    const key = images.has(cid) ? cid : safeDecodeURIComponent(cid);
    const uri = images.get(key);
    if (uri === undefined) return link;
    embedded.add(key);
    return uri;
  });
}

function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** At most `maxBytes` of UTF-8, cut at a character boundary. */
function truncateUtf8(text: string, maxBytes: number): { value: string; truncated: boolean } {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no encoding to check.
  if (text.length * 3 <= maxBytes) return { value: text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { value: text, truncated: false };
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // back to the start of a character
  return { value: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

/** Cut HTML, without a tag left open at the cut (the renderer's sanitiser copes with the rest). */
function truncateHtml(html: string, maxBytes: number): { value: string; truncated: boolean } {
  const cut = truncateUtf8(html, maxBytes);
  if (!cut.truncated) return cut;
  const openTag = cut.value.lastIndexOf('<');
  return { value: openTag > cut.value.lastIndexOf('>') ? cut.value.slice(0, openTag) : cut.value, truncated: true };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A plain rendering of HTML for when mailparser gave no text: tags dropped, blocks on new lines. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6]|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }
  return ENTITIES[name.toLowerCase()] ?? null;
}

// --- header values as mailparser gives them ------------------------------------------------------

function stringHeader(value: HeaderValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function stringListHeader(value: HeaderValue | undefined): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && Array.isArray((value as { value?: unknown }).value) && 'text' in value;
}

/** Every mailbox of an address header (groups flattened), addresses lower-cased. */
function addresses(value: HeaderValue | undefined): MailAddress[] {
  const objects = Array.isArray(value) ? value.filter(isAddressObject) : isAddressObject(value) ? [value] : [];
  const result: MailAddress[] = [];
  const visit = (entry: { address?: string; name: string; group?: { address?: string; name: string }[] }): void => {
    if (entry.group) entry.group.forEach(visit);
    const address = entry.address?.trim().toLowerCase();
    if (address) result.push({ address, name: entry.name.trim() });
  };
  for (const object of objects) object.value.forEach(visit);
  return result;
}

/**
 * A message the parser could not read stands in the thread as a note saying so, rather than
 * stopping the folder's sync at it forever. Its id is derived from where it is (folder,
 * UIDVALIDITY, UID), the only thing known about it.
 */
export function unreadableMail(where: { folder: string; validity: string; uid: number }, internalDate: number, error: unknown): ParsedMail {
  const reason = error instanceof Error ? error.message : String(error);
  const hash = createHash('sha256').update(`${where.folder}\0${where.validity}\0${where.uid}`).digest('hex').slice(0, 32);
  return {
    messageId: `unreadable.${hash}@shiftdesk.invalid`,
    syntheticId: true,
    inReplyTo: null,
    references: [],
    subject: '(unreadable message)',
    from: null,
    replyTo: null,
    to: [],
    cc: [],
    date: internalDate,
    claimedDate: null,
    text: `This message could not be read (${reason.slice(0, 200)}). Open it in your mail client: folder "${where.folder}", UID ${where.uid}.`,
    html: null,
    attachments: [],
    shiftdeskAgent: null,
    shiftdeskAction: null,
    truncated: false,
  };
}
