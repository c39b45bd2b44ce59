import { describe, expect, it } from 'vitest';
import {
  messageIdDomain,
  normalizeMessageId,
  parseMessageIdList,
  startsWithReplyPrefix,
  stripSubjectPrefixes,
  subjectKey,
  trimReferences,
} from '../../../../src-main/core/connectors/email/thread-rules';

describe('normalizeMessageId', () => {
  it('strips brackets and whitespace and keeps case', () => {
    expect(normalizeMessageId('<AbC.123@Mail.Example.com>')).toBe('AbC.123@Mail.Example.com');
    expect(normalizeMessageId('  <abc@x>  ')).toBe('abc@x');
    expect(normalizeMessageId('abc@x')).toBe('abc@x');
    expect(normalizeMessageId('<abc\r\n @x>')).toBe('abc@x');
  });

  it('takes the bracketed id out of surrounding junk', () => {
    expect(normalizeMessageId('(comment) <id@host> trailing')).toBe('id@host');
  });

  it('returns null for empty or garbage input', () => {
    expect(normalizeMessageId('')).toBeNull();
    expect(normalizeMessageId('   ')).toBeNull();
    expect(normalizeMessageId('<>')).toBeNull();
    expect(normalizeMessageId('< >')).toBeNull();
    expect(normalizeMessageId('<a\u0000b@x>')).toBeNull();
    expect(normalizeMessageId(`<${'a'.repeat(1200)}@x>`)).toBeNull();
  });
});

describe('parseMessageIdList', () => {
  it('reads ids in <> whatever separates them', () => {
    expect(parseMessageIdList('<a@x> <b@x>\r\n\t<c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(parseMessageIdList('<a@x>,<b@x>, <c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(parseMessageIdList('<a@x> (John\'s message of Monday) junk <b@x>')).toEqual(['a@x', 'b@x']);
    expect(parseMessageIdList('Your message of "Mon, 1 Jan" <a@x>')).toEqual(['a@x']);
  });

  it('accepts arrays, bare ids and drops duplicates and garbage', () => {
    expect(parseMessageIdList(['<a@x>', '<b@x> <a@x>'])).toEqual(['a@x', 'b@x']);
    expect(parseMessageIdList('a@x b@x, c@x')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(parseMessageIdList('<> <a@x> < >')).toEqual(['a@x']);
    expect(parseMessageIdList(undefined)).toEqual([]);
    expect(parseMessageIdList('')).toEqual([]);
  });
});

describe('trimReferences', () => {
  it('keeps the root and the newest ids', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}@x`);
    const trimmed = trimReferences(ids, 20);
    expect(trimmed).toHaveLength(20);
    expect(trimmed[0]).toBe('m0@x');
    expect(trimmed.slice(1)).toEqual(ids.slice(11));
    expect(trimReferences(ids.slice(0, 3), 20)).toEqual(ids.slice(0, 3));
  });
});

describe('stripSubjectPrefixes', () => {
  const cases: [string, string][] = [
    ['Re: Refund', 'Refund'],
    ['RE: Refund', 'Refund'],
    ['re: Refund', 'Refund'],
    ['Fwd: Refund', 'Refund'],
    ['FWD: Refund', 'Refund'],
    ['Fw: Refund', 'Refund'],
    ['FW: Refund', 'Refund'],
    ['AW: Rückerstattung', 'Rückerstattung'],
    ['WG: Rückerstattung', 'Rückerstattung'],
    ['SV: Refund', 'Refund'],
    ['VS: Refund', 'Refund'],
    ['VB: Refund', 'Refund'],
    ['Antw: Refund', 'Refund'],
    ['Odp: Refund', 'Refund'],
    ['RIF: Refund', 'Refund'],
    ['TR: Refund', 'Refund'],
    ['Ref: Refund', 'Refund'],
    ['Réf: Remboursement', 'Remboursement'],
    ['RÉF : Remboursement', 'Remboursement'],
    ['答复: 退款', '退款'],
    ['回复：退款', '退款'],
    ['转发: 退款', '退款'],
    ['답장: 환불 요청', '환불 요청'],
    ['회신: 환불 요청', '환불 요청'],
    ['전달: 환불 요청', '환불 요청'],
    ['返信: 返金', '返金'],
    ['転送：返金', '返金'],
    ['Re[2]: Refund', 'Refund'],
    ['Re(3): Refund', 'Refund'],
    ['Re^2: Refund', 'Refund'],
    ['Re : Refund', 'Refund'],
    ['Re：Refund', 'Refund'],
    ['Re: AW: Fwd: Refund', 'Refund'],
    ['RE:RE:re: Refund', 'Refund'],
    ['[EXTERNAL] Re: Refund', 'Refund'],
    ['Re: [EXTERNAL] RE: Refund', 'Refund'],
    ['Re: [Order #1234] Where is it?', '[Order #1234] Where is it?'],
    ['  Re:   Where   is\tit?  ', 'Where is it?'],
  ];
  it.each(cases)('%s → %s', (subject, base) => {
    expect(stripSubjectPrefixes(subject)).toEqual({ base, wasReply: true });
  });

  it('leaves subjects without a prefix alone', () => {
    for (const subject of ['Refund', 'Reminder: invoice', 'Report: Q3', '[Order #1234] Where is it?', '[EXTERNAL] Hello', 'Re Refund', 'Fwd without colon']) {
      expect(stripSubjectPrefixes(subject)).toEqual({ base: subject, wasReply: false });
    }
    expect(stripSubjectPrefixes('')).toEqual({ base: '', wasReply: false });
  });

  it('survives a hostile subject', () => {
    const result = stripSubjectPrefixes(`${'Re: '.repeat(50_000)}x`);
    expect(result.wasReply).toBe(true);
  });
});

describe('startsWithReplyPrefix', () => {
  it('tells reply prefixes from forward prefixes', () => {
    expect(startsWithReplyPrefix('Re: x')).toBe(true);
    expect(startsWithReplyPrefix('AW: x')).toBe(true);
    expect(startsWithReplyPrefix('답장: x')).toBe(true);
    expect(startsWithReplyPrefix('[EXT] Re: x')).toBe(true);
    expect(startsWithReplyPrefix('Fwd: x')).toBe(false);
    expect(startsWithReplyPrefix('x')).toBe(false);
  });
});

describe('subjectKey', () => {
  it('is the lower-cased, NFKC-normalised base', () => {
    expect(subjectKey('Re: Where IS my   order')).toBe('where is my order');
    expect(subjectKey('ＲＥ：Ｗｈｅｒｅ')).toBe('where');
    expect(subjectKey('Fwd: 환불 요청')).toBe(subjectKey('환불 요청'));
    expect(subjectKey('')).toBe('');
    expect(subjectKey('Re:')).toBe('');
  });
});

describe('messageIdDomain', () => {
  it('is the lower-cased ASCII domain of the mailbox', () => {
    expect(messageIdDomain('Support@Example.COM')).toBe('example.com');
    expect(messageIdDomain('help@고객센터.한국')).toMatch(/^xn--/);
    expect(() => messageIdDomain('nodomain@')).toThrow();
  });
});
