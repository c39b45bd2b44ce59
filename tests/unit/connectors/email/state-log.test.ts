import { describe, expect, it } from 'vitest';
import type { StateEntry } from '../../../../src-main/core/connectors/email/mail-types';
import { decodeStateEntry, emptyState, encodeStateEntry, foldState } from '../../../../src-main/core/connectors/email/state-log';

const MAILBOX = 'support@shop.example';
const KIM = { email: 'kim@shop.example', name: 'Kim Minji' };
const LEE = { email: 'lee@shop.example', name: '이서연' };

function entry(fields: Partial<StateEntry> = {}): StateEntry {
  return { v: 1, caseRemoteId: 'mail-0123456789abcdef01234567', actionId: 'act-1', actor: KIM, at: 1_700_000_000_000, ...fields };
}

function headerBlock(raw: string): string {
  return raw.slice(0, raw.indexOf('\r\n\r\n'));
}

describe('encodeStateEntry', () => {
  it('writes a small RFC 5322 message with the case and action in headers', () => {
    const { raw, messageId } = encodeStateEntry(entry({ status: 'open', addTags: ['refund'] }), { mailbox: MAILBOX });
    expect(messageId).toBe('state.act-1@shop.example');
    const headers = headerBlock(raw);
    expect(headers).toContain('From: "Kim Minji via Shiftdesk" <support@shop.example>');
    expect(headers).toContain('To: <support@shop.example>');
    expect(headers).toContain('Subject: [Shiftdesk] mail-0123456789abcdef01234567: status open, tag +refund');
    expect(headers).toContain('Date: Tue, 14 Nov 2023 22:13:20 +0000');
    expect(headers).toContain('Message-ID: <state.act-1@shop.example>');
    expect(headers).toContain('X-Shiftdesk-Case: mail-0123456789abcdef01234567');
    expect(headers).toContain('X-Shiftdesk-Action: act-1');
    expect(headers).toContain('MIME-Version: 1.0');
    expect(headers).toContain('Content-Type: application/json; charset=utf-8');
    expect(headers).toContain('Content-Transfer-Encoding: base64');
    expect(raw).not.toMatch(/[^\r]\n/); // CRLF only
  });

  it('keeps every line within 78 characters, Korean names and notes included', () => {
    const long = entry({ actor: LEE, assignee: LEE, note: '환불 요청 메모입니다. '.repeat(500), addTags: Array.from({ length: 20 }, (_, i) => `태그-${i}-${'x'.repeat(30)}`) });
    const { raw } = encodeStateEntry(long, { mailbox: MAILBOX });
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(headerBlock(raw)).toMatch(/^From: =\?UTF-8\?B\?/m);
  });

  it('refuses entries it would not read back', () => {
    expect(() => encodeStateEntry(entry({ actionId: 'has space' }), { mailbox: MAILBOX })).toThrow();
    expect(() => encodeStateEntry(entry({ note: 'x'.repeat(65_001) }), { mailbox: MAILBOX })).toThrow();
    expect(() => encodeStateEntry(entry(), { mailbox: 'not an address' })).toThrow();
  });

  it('keeps header injection out of the headers', () => {
    const { raw } = encodeStateEntry(entry({ actor: { email: 'a@b', name: 'Eve\r\nBcc: x@evil' }, addTags: ['a\r\nX-Evil: 1'] }), { mailbox: MAILBOX });
    expect(headerBlock(raw)).not.toMatch(/^(Bcc|X-Evil):/im);
  });
});

describe('decodeStateEntry', () => {
  it('reads back what encodeStateEntry wrote, Korean text intact', () => {
    const original = entry({ actor: LEE, status: 'pending', priority: null, assignee: null, addTags: ['환불'], removeTags: ['vip'], note: '고객에게 전화함 ☎️' });
    const { raw } = encodeStateEntry(original, { mailbox: MAILBOX });
    expect(decodeStateEntry(raw)).toEqual({ ok: true, entry: original });
    expect(decodeStateEntry(Buffer.from(raw, 'utf8'))).toEqual({ ok: true, entry: original });
  });

  it('reads LF-only line endings (as some servers return them)', () => {
    const { raw } = encodeStateEntry(entry({ status: 'solved' }), { mailbox: MAILBOX });
    const decoded = decodeStateEntry(raw.replace(/\r\n/g, '\n'));
    expect(decoded.ok && decoded.entry.status).toBe('solved');
  });

  it('rejects an entry whose X-Shiftdesk-Case header disagrees with the body', () => {
    const { raw } = encodeStateEntry(entry({ status: 'open' }), { mailbox: MAILBOX });
    const forged = raw.replace('X-Shiftdesk-Case: mail-0123456789abcdef01234567', 'X-Shiftdesk-Case: mail-ffffffffffffffffffffffff');
    expect(decodeStateEntry(forged)).toEqual({ ok: false, reason: expect.stringContaining('X-Shiftdesk-Case') });
    expect(decodeStateEntry(raw.replace(/X-Shiftdesk-Case: .*\r\n/, ''))).toMatchObject({ ok: false });
    expect(decodeStateEntry(raw.replace('X-Shiftdesk-Action: act-1', 'X-Shiftdesk-Action: act-2'))).toMatchObject({ ok: false });
  });

  function rawWithBody(body: unknown, caseId = 'mail-0123456789abcdef01234567'): string {
    const json = Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
    return `X-Shiftdesk-Case: ${caseId}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${json}\r\n`;
  }

  it('validates the body: values, sizes, version', () => {
    expect(decodeStateEntry(rawWithBody(entry({ status: 'open' })))).toMatchObject({ ok: true });
    expect(decodeStateEntry(rawWithBody({ ...entry(), status: 'deleted' }))).toMatchObject({ ok: false });
    expect(decodeStateEntry(rawWithBody({ ...entry(), priority: 'critical' }))).toMatchObject({ ok: false });
    expect(decodeStateEntry(rawWithBody({ ...entry(), v: 2 }))).toMatchObject({ ok: false });
    expect(decodeStateEntry(rawWithBody({ ...entry(), note: 'x'.repeat(65_001) }))).toMatchObject({ ok: false });
    expect(decodeStateEntry(rawWithBody({ ...entry(), addTags: Array.from({ length: 21 }, (_, i) => `t${i}`) }))).toMatchObject({ ok: false });
    expect(decodeStateEntry(rawWithBody({ ...entry(), addTags: ['x'.repeat(81)] }))).toMatchObject({ ok: false });
    expect(decodeStateEntry(rawWithBody({ ...entry(), at: 'yesterday' }))).toMatchObject({ ok: false });
    expect(decodeStateEntry(rawWithBody({ ...entry(), actor: null }))).toMatchObject({ ok: false });
    // Unknown fields from a newer writer are dropped, not trusted.
    const extra = decodeStateEntry(rawWithBody({ ...entry(), admin: true }));
    expect(extra.ok && 'admin' in extra.entry).toBe(false);
  });

  it('never throws on hostile input', () => {
    const inputs: (string | Buffer)[] = [
      '',
      'garbage',
      '\r\n\r\n',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\n\r\n{not json',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!***',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: text/plain\r\n\r\n{}',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\n\r\n"__proto__"',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\n\r\n{"__proto__":{"v":1}}',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\n\r\n[]',
      'X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\n\r\nnull',
      Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x0d, 0x0a, 0x80]),
      `X-Shiftdesk-Case: mail-1\r\nContent-Type: application/json\r\n\r\n${'['.repeat(100_000)}`,
      `X-Shiftdesk-Case: mail-1\r\n\r\n${'x'.repeat(2 * 1024 * 1024)}`,
    ];
    for (const input of inputs) {
      const decoded = decodeStateEntry(input);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.reason).not.toBe('');
    }
  });
});

describe('foldState', () => {
  it('starts empty', () => {
    expect(foldState([])).toEqual(emptyState());
    expect(emptyState()).toEqual({ status: null, priority: null, assignee: null, tags: [], updatedAt: 0 });
  });

  it('lets the last writer win per field, in log order', () => {
    const state = foldState([
      entry({ actionId: 'a1', at: 10, status: 'open', priority: 'high', assignee: KIM }),
      entry({ actionId: 'a2', at: 30, status: 'pending' }),
      // An earlier clock on another workstation: the log order still decides.
      entry({ actionId: 'a3', at: 20, priority: null, assignee: LEE }),
      entry({ actionId: 'a4', at: 25, note: 'called the customer' }),
    ]);
    expect(state).toEqual({ status: 'pending', priority: null, assignee: LEE, tags: [], updatedAt: 25 });
  });

  it('treats tags as a set with additions and removals', () => {
    const state = foldState([
      entry({ actionId: 'a1', addTags: ['refund', 'vip'] }),
      entry({ actionId: 'a2', addTags: ['refund', 'late'], removeTags: ['vip'] }),
      entry({ actionId: 'a3', removeTags: ['refund', 'never-there'] }),
      entry({ actionId: 'a4', removeTags: ['x'], addTags: ['x'] }),
    ]);
    expect(state.tags).toEqual(['late', 'x']);
  });

  it('continues from a base state without changing it, and unassigns with null', () => {
    const base = foldState([entry({ actionId: 'a1', status: 'open', assignee: KIM, addTags: ['a'] })]);
    const snapshot = structuredClone(base);
    const next = foldState([entry({ actionId: 'a2', at: 99, assignee: null, addTags: ['b'] })], base);
    expect(base).toEqual(snapshot);
    expect(next).toEqual({ status: 'open', priority: null, assignee: null, tags: ['a', 'b'], updatedAt: 99 });
  });

  it('skips a duplicate append of the same action', () => {
    const state = foldState([entry({ actionId: 'a1', status: 'open' }), entry({ actionId: 'a2', status: 'solved' }), entry({ actionId: 'a1', status: 'open' })]);
    expect(state.status).toBe('solved');
  });
});
