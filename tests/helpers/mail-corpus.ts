// Deterministic raw e-mail for the e-mail channel tests: `makeMail` builds one RFC 5322 message
// (CRLF, MIME, RFC 2047 headers), `generateMailCorpus` a realistic support mailbox with its
// ground-truth threads, `bigMail` one message with a large attachment for streaming tests.
// Everything comes from a seeded PRNG: the same options give byte-identical output.

// --- PRNG -------------------------------------------------------------------------------------

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

// --- encoding --------------------------------------------------------------------------------

const CRLF = '\r\n';
const isAscii = (text: string) => /^[\x20-\x7e\t\r\n]*$/.test(text);

function wrap(text: string, width = 76): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join(CRLF);
}

function base64Lines(content: Buffer | string): string {
  return wrap((typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'));
}

function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const bytes = Buffer.from(line, 'utf8');
    let encoded = '';
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      const last = i === bytes.length - 1;
      const plain = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
      encoded += plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    // Soft line breaks, never inside an =XX escape.
    let rest = encoded;
    while (rest.length > 76) {
      let cut = 75;
      const escape = rest.lastIndexOf('=', cut - 1);
      if (escape > cut - 3) cut = escape;
      out.push(`${rest.slice(0, cut)}=`);
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return out.join(CRLF);
}

/** RFC 2047 B-encoded words (UTF-8), split on character boundaries, folded. ASCII stays as is. */
export function encodeHeaderWords(text: string): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

export interface MailAddress {
  name?: string;
  address: string;
}

function formatAddress(value: string | MailAddress): string {
  if (typeof value === 'string') {
    const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
    if (match === null) return value.trim();
    return formatAddress({ name: match[1]!.replace(/^"(.*)"$/, '$1'), address: match[2]! });
  }
  if (value.name === undefined || value.name === '') return value.address;
  if (!isAscii(value.name)) return `${encodeHeaderWords(value.name)} <${value.address}>`;
  const name = /[()<>[\]:;@\\,."]/.test(value.name) ? `"${value.name.replace(/["\\]/g, (c) => `\\${c}`)}"` : value.name;
  return `${name} <${value.address}>`;
}

function addressList(value: string | MailAddress | (string | MailAddress)[]): string {
  return (Array.isArray(value) ? value : [value]).map(formatAddress).join(`,${CRLF} `);
}

const angle = (id: string) => (id.startsWith('<') ? id : `<${id}>`);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date-time in the given UTC offset (minutes east). */
export function formatMailDate(ms: number, offsetMinutes = 0): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

// --- makeMail --------------------------------------------------------------------------------

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
  /** Content-ID (without <>): makes the part inline, for `cid:` references in the HTML. */
  cid?: string;
}

export interface MakeMailInput {
  from: string | MailAddress;
  to: string | MailAddress | (string | MailAddress)[];
  cc?: string | MailAddress | (string | MailAddress)[];
  subject: string;
  /** With or without <>; null: no Message-ID header at all. */
  messageId: string | null;
  inReplyTo?: string | null;
  references?: string | string[] | null;
  date: number | Date;
  /** The Date header's UTC offset in minutes (e.g. 540 for Korea); default 0. */
  dateOffsetMinutes?: number;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  extraHeaders?: Record<string, string> | [string, string][];
  /** For non-ASCII text/HTML parts; default base64. */
  textEncoding?: 'base64' | 'quoted-printable';
}

interface Part {
  headers: string[];
  body: string;
}

function textPart(type: 'plain' | 'html', content: string, encoding: 'base64' | 'quoted-printable'): Part {
  const normalized = content.replace(/\r?\n/g, CRLF);
  if (isAscii(normalized) && normalized.split(CRLF).every((line) => line.length <= 998)) {
    return { headers: [`Content-Type: text/${type}; charset=utf-8`, 'Content-Transfer-Encoding: 7bit'], body: normalized };
  }
  return {
    headers: [`Content-Type: text/${type}; charset=utf-8`, `Content-Transfer-Encoding: ${encoding}`],
    body: encoding === 'base64' ? base64Lines(normalized) : quotedPrintable(normalized),
  };
}

function filenameParams(filename: string): string {
  if (isAscii(filename)) return `filename="${filename}"`;
  return `filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function attachmentPart(attachment: MailAttachment): Part {
  const nameParam = isAscii(attachment.filename) ? `name="${attachment.filename}"` : `name="${encodeHeaderWords(attachment.filename)}"`;
  const headers = [
    `Content-Type: ${attachment.contentType}; ${nameParam}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: ${attachment.cid === undefined ? 'attachment' : 'inline'}; ${filenameParams(attachment.filename)}`,
  ];
  if (attachment.cid !== undefined) headers.push(`Content-ID: ${angle(attachment.cid)}`);
  return { headers, body: base64Lines(attachment.content) };
}

function multipart(subtype: string, parts: Part[], boundary: string): Part {
  const body = parts.map((part) => `--${boundary}${CRLF}${part.headers.join(CRLF)}${CRLF}${CRLF}${part.body}${CRLF}`).join('') + `--${boundary}--`;
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], body };
}

/** One RFC 5322 message with CRLF line ends. Deterministic: the MIME boundaries derive from the input. */
export function makeMail(input: MakeMailInput): string {
  const date = typeof input.date === 'number' ? input.date : input.date.getTime();
  const encoding = input.textEncoding ?? 'base64';
  const seed = fnv1a(`${input.messageId ?? ''}|${input.subject}|${date}`);
  let boundaries = 0;
  const boundary = () => `=_shiftdesk_${seed.toString(16).padStart(8, '0')}_${boundaries++}`;

  let body: Part = textPart('plain', input.text, encoding);
  if (input.html !== undefined) body = multipart('alternative', [body, textPart('html', input.html, encoding)], boundary());
  const inline = (input.attachments ?? []).filter((a) => a.cid !== undefined);
  const attached = (input.attachments ?? []).filter((a) => a.cid === undefined);
  if (inline.length > 0) body = multipart('related', [body, ...inline.map(attachmentPart)], boundary());
  if (attached.length > 0) body = multipart('mixed', [body, ...attached.map(attachmentPart)], boundary());

  const headers: string[] = [`From: ${addressList(input.from)}`, `To: ${addressList(input.to)}`];
  if (input.cc !== undefined) headers.push(`Cc: ${addressList(input.cc)}`);
  headers.push(`Subject: ${encodeHeaderWords(input.subject)}`, `Date: ${formatMailDate(date, input.dateOffsetMinutes ?? 0)}`);
  if (input.messageId !== null) headers.push(`Message-ID: ${angle(input.messageId)}`);
  if (input.inReplyTo !== undefined && input.inReplyTo !== null) headers.push(`In-Reply-To: ${angle(input.inReplyTo)}`);
  const references = typeof input.references === 'string' ? [input.references] : (input.references ?? []);
  if (references.length > 0) headers.push(`References: ${references.map(angle).join(`${CRLF} `)}`);
  const extra = Array.isArray(input.extraHeaders) ? input.extraHeaders : Object.entries(input.extraHeaders ?? {});
  for (const [name, value] of extra) headers.push(`${name}: ${value}`);
  headers.push('MIME-Version: 1.0', ...body.headers);
  return `${headers.join(CRLF)}${CRLF}${CRLF}${body.body}${CRLF}`;
}

/** One message carrying a (pseudo-random, incompressible) attachment of `bytes` bytes; default 8 MiB. */
export function bigMail(
  bytes = 8 * 1024 * 1024,
  options: Partial<Pick<MakeMailInput, 'from' | 'to' | 'subject' | 'messageId' | 'date'>> & { seed?: number } = {},
): string {
  const random = seededRandom(options.seed ?? 7);
  const content = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) {
    const word = Math.floor(random() * 4294967296);
    for (let j = 0; j < 4 && i + j < bytes; j++) content[i + j] = (word >>> (j * 8)) & 0xff;
  }
  return makeMail({
    from: options.from ?? { name: 'Big Sender', address: 'big.sender@example.test' },
    to: options.to ?? 'support@shiftdesk.test',
    subject: options.subject ?? `Large attachment (${bytes} bytes)`,
    messageId: options.messageId === undefined ? `big-${bytes}@example.test` : options.messageId,
    date: options.date ?? Date.UTC(2025, 0, 15, 12, 0, 0),
    text: 'The recording of the problem is attached.\n',
    attachments: [{ filename: 'recording.bin', contentType: 'application/octet-stream', content }],
  });
}

// --- the corpus ------------------------------------------------------------------------------

export interface CorpusOptions {
  threads: number;
  messages: number;
  seed?: number;
  /** The support mailbox: agents reply from this address, customers write to it. */
  supportAddress: string;
  /** Epoch ms of the earliest possible message; default 2025-01-06T00:00Z. */
  startAt?: number;
}

export interface CorpusMessage {
  raw: string;
  threadLabel: string;
  /** As in the header, with <>; null when the message has none. */
  messageId: string | null;
  /** The sender's address. */
  from: string;
  /** Epoch ms (whole seconds), the Date header's instant. */
  date: number;
  /** The decoded Subject. */
  subject: string;
  /** Ground truth extras for tests. */
  threading: 'root' | 'references' | 'in-reply-to' | 'subject';
  fromSupport: boolean;
}

export interface MailCorpus {
  /** Sorted by date (append in this order). */
  messages: CorpusMessage[];
  /** Thread label → indexes into `messages`, in date order. */
  threads: Map<string, number[]>;
  /** Bytes of all raw messages together. */
  totalBytes: number;
}

type Locale = 'en' | 'ko' | 'de' | 'sv';

interface Customer {
  name: string;
  address: string;
  locale: Locale;
  offset: number;
}

const EN_FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Sophia', 'Mason', 'Mia', 'Lucas', 'Amelia', 'James', 'Harper', 'Benjamin', 'Ella', 'Henry'];
const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Garcia', "O'Brien", 'Miller', 'Davis', 'Wilson', 'Moore', 'Taylor', 'Clark', 'Lewis', 'Walker', 'Young'];
const DE_NAMES = ['Jonas Müller', 'Lea Schmidt', 'Lukas Schneider', 'Anna Fischer', 'Felix Weber', 'Marie Wagner'];
const SV_NAMES = ['Erik Johansson', 'Elsa Andersson', 'Oskar Karlsson', 'Maja Nilsson', 'Hugo Larsson'];
const KO_SURNAMES: [string, string][] = [['김', 'kim'], ['이', 'lee'], ['박', 'park'], ['최', 'choi'], ['정', 'jung'], ['강', 'kang'], ['조', 'cho'], ['윤', 'yoon'], ['장', 'jang'], ['임', 'lim']];
const KO_GIVEN: [string, string][] = [['민준', 'minjun'], ['서연', 'seoyeon'], ['도윤', 'doyun'], ['지우', 'jiwoo'], ['하은', 'haeun'], ['예준', 'yejun'], ['수아', 'sua'], ['지호', 'jiho'], ['서윤', 'seoyun'], ['시우', 'siwoo']];
const EN_DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'acme-corp.test', 'gmail.test', 'outlook.test'];
const KO_DOMAINS = ['naver.test', 'daum.test', 'kakao.test', 'hanmail.test'];

const EN_TOPICS = [
  'Refund for order #{n}',
  'Cannot log in to account {n}',
  'Invoice {n} shows the wrong amount',
  'Shipping delay on order #{n}',
  'How do I change my plan? (customer {n})',
  'App crashes on startup (build {n})',
  'Password reset link expired - ticket {n}',
  'Double charge on card ending {n}',
  'Feature request: CSV export #{n}',
  'Wrong item received, order {n}',
];
const KO_TOPICS = [
  '주문번호 {n} 환불 요청',
  '로그인이 안 됩니다 (계정 {n})',
  '배송 지연 문의 - 주문 {n}',
  '결제가 두 번 되었습니다 ({n})',
  '요금제 변경 문의 #{n}',
  '앱이 계속 종료돼요 (빌드 {n})',
  '세금계산서 발행 요청 {n}',
];
const DE_TOPICS = ['Rückerstattung für Bestellung {n}', 'Rechnung {n} ist falsch', 'Lieferverzögerung Bestellung {n}'];
const SV_TOPICS = ['Återbetalning för order {n}', 'Faktura {n} är fel', 'Kan inte logga in (konto {n})'];
const SAME_SUBJECT = 'Question about my account';

const EN_OPENERS = [
  'I ordered last week and still have not received anything.',
  'The app shows an error every time I try to sign in.',
  'I was charged twice this month, please check.',
  'Could you tell me how to switch to the yearly plan?',
  'The invoice lists a product I never bought.',
  'The password reset link says it has expired.',
];
const EN_FOLLOWUPS = ['Thanks, that worked!', 'Any update on this?', 'I tried that but it still fails.', 'Attached is a screenshot of the error.', 'Here is the order number you asked for.'];
const KO_OPENERS = [
  '지난주에 주문했는데 아직 배송이 안 왔습니다.',
  '로그인할 때마다 오류가 발생합니다. 확인 부탁드립니다.',
  '이번 달 결제가 두 번 되었습니다. 환불 부탁드려요.',
  '연간 요금제로 변경하려면 어떻게 해야 하나요?',
  '영수증에 제가 구매하지 않은 상품이 있습니다.',
];
const KO_FOLLOWUPS = ['감사합니다. 해결되었습니다!', '혹시 진행 상황 알 수 있을까요?', '말씀하신 대로 해봤는데 여전히 안 됩니다.', '오류 화면 캡처 첨부합니다.', '요청하신 주문번호 보내드립니다.'];
const DE_OPENERS = ['Ich habe vor einer Woche bestellt und noch nichts erhalten.', 'Die Rechnung enthält einen Fehler.'];
const DE_FOLLOWUPS = ['Danke, das hat funktioniert!', 'Gibt es schon Neuigkeiten?'];
const SV_OPENERS = ['Jag beställde förra veckan men har inte fått något.', 'Fakturan innehåller ett fel.'];
const SV_FOLLOWUPS = ['Tack, det fungerade!', 'Finns det något nytt?'];
const AGENT_EN = [
  'Thanks for reaching out. I have looked into your account and issued a correction.',
  'Sorry for the trouble! Could you send us the order number so we can check?',
  'I have reset your session; please try signing in again.',
  'The refund is on its way and should arrive within 5 business days.',
];
const AGENT_KO = [
  '문의해 주셔서 감사합니다. 계정을 확인하여 수정해 드렸습니다.',
  '불편을 드려 죄송합니다. 확인을 위해 주문번호를 보내주시겠어요?',
  '세션을 초기화했습니다. 다시 로그인해 보시겠어요?',
  '환불이 처리되었으며 영업일 기준 5일 이내에 입금됩니다.',
];
const AGENTS = ['Mina', 'Daniel', 'Sora', 'Alex'];

const REPLY_PREFIX: Record<Locale, string[]> = {
  en: ['Re: ', 'Re: ', 'Re: ', 'RE: '],
  ko: ['답장: ', '회신: ', 'RE: ', 'Re: '],
  de: ['AW: ', 'AW: ', 'Re: '],
  sv: ['SV: ', 'SV: ', 'Re: '],
};

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

interface Draft {
  thread: number;
  position: number;
  date: number;
  fromSupport: boolean;
  messageId: string | null;
  subject: string;
  threading: CorpusMessage['threading'];
  inReplyTo: string | null;
  references: string[];
  text: string;
  raw: string;
}

/** A realistic support mailbox with its ground-truth threads; see CorpusMessage. */
export function generateMailCorpus(options: CorpusOptions): MailCorpus {
  const { threads: threadCount, messages: messageCount, supportAddress } = options;
  if (!Number.isInteger(threadCount) || threadCount < 1) throw new Error('threads must be a positive integer');
  if (!Number.isInteger(messageCount) || messageCount < threadCount) throw new Error('messages must be >= threads');
  const random = seededRandom(options.seed ?? 1);
  const startAt = Math.floor((options.startAt ?? Date.UTC(2025, 0, 6)) / 1000) * 1000;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const supportDomain = supportAddress.slice(supportAddress.lastIndexOf('@') + 1);

  // Customers: ~150 distinct, a third Korean, a few German and Swedish.
  const customers: Customer[] = [];
  const usedAddresses = new Set<string>();
  const customerCount = Math.min(150, Math.max(2, threadCount));
  for (let i = 0; customers.length < customerCount; i++) {
    const roll = random();
    let customer: Customer;
    if (roll < 0.33) {
      const [surname, roman] = pick(KO_SURNAMES);
      const [given, givenRoman] = pick(KO_GIVEN);
      customer = { name: `${surname}${given}`, address: `${givenRoman}.${roman}${i}@${pick(KO_DOMAINS)}`, locale: 'ko', offset: 540 };
    } else if (roll < 0.4) {
      const name = pick(DE_NAMES);
      customer = { name, address: `${name.split(' ')[0]!.toLowerCase()}${i}@beispiel.test`, locale: 'de', offset: 60 };
    } else if (roll < 0.45) {
      const name = pick(SV_NAMES);
      customer = { name, address: `${name.split(' ')[0]!.toLowerCase()}${i}@exempel.test`, locale: 'sv', offset: 60 };
    } else {
      const first = pick(EN_FIRST);
      const last = pick(EN_LAST);
      const address = `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}${i}@${pick(EN_DOMAINS)}`;
      customer = { name: chance(0.15) ? '' : `${first} ${last}`, address, locale: 'en', offset: pick([-300, -480, 0, 60]) };
    }
    if (usedAddresses.has(customer.address)) continue;
    usedAddresses.add(customer.address);
    customers.push(customer);
  }

  // Threads: every customer writes at least one (while there are enough threads), some several.
  interface Thread {
    label: string;
    customer: Customer;
    subject: string;
    size: number;
    start: number;
    noMessageId: boolean;
  }
  const span = 90 * 24 * 3600 * 1000;
  const usedSubjects = new Set<string>();
  const threads: Thread[] = [];
  for (let t = 0; t < threadCount; t++) {
    const customer = t < customers.length ? customers[t]! : pick(customers);
    const topics = customer.locale === 'ko' ? KO_TOPICS : customer.locale === 'de' ? DE_TOPICS : customer.locale === 'sv' ? SV_TOPICS : EN_TOPICS;
    let subject = '';
    do subject = pick(topics).replace('{n}', String(int(1000, 99999)));
    while (usedSubjects.has(subject));
    usedSubjects.add(subject);
    threads.push({ label: `thread-${String(t + 1).padStart(4, '0')}`, customer, subject, size: 1, start: startAt + Math.floor((random() * span) / 1000) * 1000, noMessageId: false });
  }
  // Two different customers, the same subject: two separate threads.
  const first = threads[1];
  const other = (thread: Thread, index: number) => index > 1 && first !== undefined && thread.customer.address !== first.customer.address;
  const second = threads.find((thread, index) => other(thread, index) && thread.customer.locale === first?.customer.locale) ?? threads.find(other);
  if (first !== undefined && second !== undefined) {
    first.subject = SAME_SUBJECT;
    second.subject = SAME_SUBJECT;
  }
  // One or two standalone messages without a Message-ID.
  const noIdThreads = threadCount >= 6 ? [threads[threadCount - 1]!, threads[threadCount - 3]!] : [];
  for (const thread of noIdThreads) thread.noMessageId = true;

  // Spread the remaining messages: a few long threads, many short ones.
  const weights = threads.map((thread) => (thread.noMessageId ? 0 : 0.15 + random() ** 3 * 6));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  for (let extra = messageCount - threadCount; extra > 0; extra--) {
    let roll = random() * totalWeight;
    let index = 0;
    while (index < weights.length - 1 && (roll -= weights[index]!) > 0) index++;
    if (weights[index] === 0) index = weights.findIndex((w) => w > 0);
    threads[index]!.size++;
  }

  const drafts: Draft[] = [];
  let attachments = 0;
  threads.forEach((thread, threadIndex) => {
    const { customer } = thread;
    const korean = customer.locale === 'ko';
    let date = thread.start;
    let previous: Draft | undefined;
    let customerTurn = true;
    for (let position = 0; position < thread.size; position++) {
      if (position > 0) {
        date += int(5 * 60, 36 * 3600) * 1000;
        customerTurn = chance(0.2) ? customerTurn : !customerTurn;
        if (previous?.fromSupport === false && position === 1) customerTurn = false; // an agent answers first
      }
      const fromSupport = !customerTurn;
      const agent = AGENTS[(threadIndex + position) % AGENTS.length]!;
      const id = thread.noMessageId ? null : `<${(fnv1a(`${thread.label}/${position}`) >>> 0).toString(36)}.${threadIndex}.${position}@${fromSupport ? `mail.${supportDomain}` : customer.address.split('@')[1]!}>`;

      let threading: Draft['threading'] = 'root';
      let inReplyTo: string | null = null;
      let references: string[] = [];
      let subject = thread.subject;
      if (previous !== undefined) {
        const roll = random();
        threading = roll < 0.7 ? 'references' : roll < 0.85 ? 'in-reply-to' : 'subject';
        if (threading !== 'subject') inReplyTo = previous.messageId;
        if (threading === 'references') {
          const parentRefs = previous.references.length > 0 ? previous.references : previous.inReplyTo !== null ? [previous.inReplyTo] : [];
          references = [...parentRefs, previous.messageId!];
          if (references.length > 10) references = [references[0]!, ...references.slice(-9)];
        }
        const locale: Locale = fromSupport ? (korean ? 'ko' : 'en') : customer.locale;
        let prefix = pick(REPLY_PREFIX[locale]);
        if (chance(0.04)) prefix = 'Fwd: ';
        if (chance(0.12)) prefix = `${prefix}${pick(REPLY_PREFIX[locale])}`;
        subject = `${prefix}${thread.subject}`;
      }

      const lines: string[] = [];
      if (fromSupport) {
        lines.push(korean ? `안녕하세요, ${customer.name || '고객'}님.` : `Hi ${customer.name.split(' ')[0] || 'there'},`, '');
        lines.push(pick(korean ? AGENT_KO : AGENT_EN), '');
        lines.push(korean ? `감사합니다.\n${agent} 드림\nShiftdesk 고객지원팀` : `Best regards,\n${agent}\nShiftdesk Support`);
      } else {
        const openers = korean ? KO_OPENERS : customer.locale === 'de' ? DE_OPENERS : customer.locale === 'sv' ? SV_OPENERS : EN_OPENERS;
        const followups = korean ? KO_FOLLOWUPS : customer.locale === 'de' ? DE_FOLLOWUPS : customer.locale === 'sv' ? SV_FOLLOWUPS : EN_FOLLOWUPS;
        lines.push(korean ? '안녕하세요.' : customer.locale === 'de' ? 'Hallo,' : customer.locale === 'sv' ? 'Hej,' : 'Hello,', '');
        lines.push(position === 0 ? pick(openers) : pick(followups), '');
        lines.push(customer.name || customer.address);
      }
      let text = lines.join('\n');
      if (previous !== undefined && chance(0.7)) {
        const who = previous.fromSupport ? 'Shiftdesk Support' : customer.name || customer.address;
        const when = formatMailDate(previous.date, fromSupport ? 0 : customer.offset);
        const quote = previous.text.split('\n').slice(0, 6).map((line) => `> ${line}`.trimEnd());
        text += `\n\n${korean ? `${when}, ${who} 님이 작성:` : `On ${when}, ${who} wrote:`}\n${quote.join('\n')}`;
      }
      text += '\n';

      const withHtml = chance(0.6);
      const mailAttachments: MailAttachment[] = [];
      let html: string | undefined;
      const inlineImage = withHtml && chance(0.015);
      if (withHtml) {
        const paragraphs = text.trimEnd().split('\n\n').map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
        if (inlineImage) {
          const cid = `screenshot-${threadIndex}-${position}@${fromSupport ? supportDomain : 'customer'}`;
          paragraphs.push(`<p><img src="cid:${cid}" alt="screenshot"></p>`);
          mailAttachments.push({ filename: 'screenshot.png', contentType: 'image/png', content: PNG_1X1, cid });
        }
        html = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${paragraphs.join('')}</body></html>`;
      }
      if (chance(0.035)) {
        attachments++;
        const kind = attachments % 3;
        if (kind === 0) {
          const log = Array.from({ length: int(10, 30) }, (_, i) => `2025-01-0${(i % 9) + 1}T10:${String(i % 60).padStart(2, '0')}:00Z ERROR sync failed code=${int(100, 599)}`).join('\n');
          mailAttachments.push({ filename: 'app.log', contentType: 'text/plain', content: `${log}\n` });
        } else if (kind === 1) {
          const pdf = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% invoice ${thread.label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
          mailAttachments.push({ filename: korean ? '영수증.pdf' : 'invoice.pdf', contentType: 'application/pdf', content: pdf });
        } else {
          mailAttachments.push({ filename: 'error.png', contentType: 'image/png', content: PNG_1X1 });
        }
      }

      const from = fromSupport ? { name: korean ? `${agent} (Shiftdesk 고객지원)` : `${agent} from Shiftdesk`, address: supportAddress } : { name: customer.name, address: customer.address };
      const to = fromSupport ? { name: customer.name, address: customer.address } : { name: 'Shiftdesk Support', address: supportAddress };
      const draft: Draft = {
        thread: threadIndex,
        position,
        date,
        fromSupport,
        messageId: id,
        subject,
        threading,
        inReplyTo,
        references,
        text,
        raw: makeMail({
          from,
          to,
          subject,
          messageId: id,
          inReplyTo,
          references,
          date,
          dateOffsetMinutes: fromSupport ? (korean ? 540 : 0) : customer.offset,
          text,
          ...(html === undefined ? {} : { html }),
          attachments: mailAttachments,
          textEncoding: chance(0.5) ? 'base64' : 'quoted-printable',
          extraHeaders: fromSupport ? [['X-Mailer', 'Shiftdesk']] : [],
        }),
      };
      drafts.push(draft);
      previous = draft;
    }
  });

  drafts.sort((a, b) => a.date - b.date || a.thread - b.thread || a.position - b.position);
  const threadMap = new Map<string, number[]>(threads.map((thread) => [thread.label, []]));
  const messages: CorpusMessage[] = drafts.map((draft, index) => {
    const thread = threads[draft.thread]!;
    threadMap.get(thread.label)!.push(index);
    return {
      raw: draft.raw,
      threadLabel: thread.label,
      messageId: draft.messageId,
      from: draft.fromSupport ? supportAddress : thread.customer.address,
      date: draft.date,
      subject: draft.subject,
      threading: draft.threading,
      fromSupport: draft.fromSupport,
    };
  });
  const totalBytes = messages.reduce((sum, message) => sum + Buffer.byteLength(message.raw, 'utf8'), 0);
  return { messages, threads: threadMap, totalBytes };
}
