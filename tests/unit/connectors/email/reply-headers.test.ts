import { describe, expect, it } from 'vitest';
import { outgoingMessageId, replyHeaders } from '../../../../src-main/core/connectors/email/reply-headers';

describe('replyHeaders', () => {
  it('points In-Reply-To at the parent and appends it to References', () => {
    expect(replyHeaders({ messageId: 'p@x', references: ['r1@x', 'r2@x'], subject: 'Refund' })).toEqual({
      inReplyTo: 'p@x',
      references: ['r1@x', 'r2@x', 'p@x'],
      subject: 'Re: Refund',
    });
  });

  it('deduplicates and keeps the root and the newest ids of a long chain', () => {
    const references = Array.from({ length: 40 }, (_, i) => `m${i}@x`);
    const { references: out } = replyHeaders({ messageId: 'p@x', references: [...references, 'm3@x'], subject: 'x' });
    expect(out).toHaveLength(20);
    expect(out[0]).toBe('m0@x');
    expect(out.at(-1)).toBe('p@x');
    expect(out.slice(1, -1)).toEqual(references.slice(22));
    expect(new Set(out).size).toBe(out.length);
    expect(replyHeaders({ messageId: 'p@x', references: ['p@x'], subject: 'x' }).references).toEqual(['p@x']);
  });

  it('adds Re: unless the subject already starts with a reply prefix', () => {
    const subjectOf = (subject: string): string => replyHeaders({ messageId: 'p@x', references: [], subject }).subject;
    expect(subjectOf('Re: Refund')).toBe('Re: Refund');
    expect(subjectOf('AW: Erstattung')).toBe('AW: Erstattung');
    expect(subjectOf('답장: 환불')).toBe('답장: 환불');
    expect(subjectOf('Fwd: Refund')).toBe('Re: Fwd: Refund');
    expect(subjectOf('Reminder')).toBe('Re: Reminder');
    expect(subjectOf('')).toBe('Re:');
  });
});

describe('outgoingMessageId', () => {
  it('is derived from the action id and the mailbox domain, without <>', () => {
    expect(outgoingMessageId('act-42', 'Support@Shop.Example')).toBe('sd.act-42@shop.example');
    expect(outgoingMessageId('act-42', 'support@shop.example')).toBe(outgoingMessageId('act-42', 'support@shop.example'));
    expect(outgoingMessageId('act-43', 'support@shop.example')).not.toBe(outgoingMessageId('act-42', 'support@shop.example'));
  });

  it('refuses an action id that cannot be part of a Message-ID', () => {
    expect(() => outgoingMessageId('a b', 'support@shop.example')).toThrow();
    expect(() => outgoingMessageId('a>b', 'support@shop.example')).toThrow();
  });
});
