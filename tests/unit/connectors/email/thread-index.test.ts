import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParsedMail } from '../../../../src-main/core/connectors/email/mail-types';
import { ThreadIndex, caseIdForRoot, counterpartOf } from '../../../../src-main/core/connectors/email/thread-index';

const SUPPORT = 'support@shop.example';
const EMPTY_SEED = { messages: [], threads: [] };

function mail(fields: Partial<ParsedMail> & { messageId: string }): ParsedMail {
  return {
    syntheticId: false,
    inReplyTo: null,
    references: [],
    subject: 'Where is my order?',
    from: { address: 'kim@customer.example', name: 'Kim' },
    replyTo: null,
    to: [{ address: SUPPORT, name: '' }],
    cc: [],
    date: 1_700_000_000_000,
    claimedDate: null,
    text: '',
    html: null,
    attachments: [],
    shiftdeskAgent: null,
    shiftdeskAction: null,
    truncated: false,
    ...fields,
  };
}

function expectedCaseId(root: string): string {
  return `mail-${createHash('sha256').update(root).digest('hex').slice(0, 24)}`;
}

describe('ThreadIndex.assign', () => {
  it('starts a new case whose id is derived from the root message id', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    const result = index.assign(mail({ messageId: 'root@customer.example' }));
    expect(result).toEqual({ caseRemoteId: expectedCaseId('root@customer.example'), isNew: true, reason: 'new', newIds: ['root@customer.example'] });
    expect(caseIdForRoot('root@customer.example')).toBe(result.caseRemoteId);
  });

  it('derives the root from References[0], then In-Reply-To', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    expect(index.assign(mail({ messageId: 'm3@x', references: ['m1@x', 'm2@x'], inReplyTo: 'm2@x' })).caseRemoteId).toBe(expectedCaseId('m1@x'));
    expect(index.assign(mail({ messageId: 'n2@x', inReplyTo: 'n1@x', from: { address: 'lee@x', name: '' } })).caseRemoteId).toBe(expectedCaseId('n1@x'));
  });

  it('joins by own id, References (newest first) and In-Reply-To, in that order', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    const a = index.assign(mail({ messageId: 'a1@x', subject: 'A' })).caseRemoteId;
    const b = index.assign(mail({ messageId: 'b1@x', subject: 'B' })).caseRemoteId;
    expect(a).not.toBe(b);

    expect(index.assign(mail({ messageId: 'a1@x' }))).toMatchObject({ caseRemoteId: a, isNew: false, reason: 'known', newIds: [] });
    // Both threads referenced: the newest reference decides.
    expect(index.assign(mail({ messageId: 'x1@x', references: ['a1@x', 'b1@x'] }))).toMatchObject({ caseRemoteId: b, reason: 'references' });
    expect(index.assign(mail({ messageId: 'x2@x', references: ['unknown@x'], inReplyTo: 'a1@x' }))).toMatchObject({ caseRemoteId: a, reason: 'in-reply-to' });
  });

  it('lets a later message join through an id it was only referenced by', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    // The customer's reply arrives, referencing our outgoing message that we never synced.
    const first = index.assign(mail({ messageId: 'c2@x', references: ['c0@x', 'ours@shop.example'], inReplyTo: 'ours@shop.example' }));
    expect(first.newIds).toEqual(['c0@x', 'ours@shop.example', 'c2@x']);
    // Then another message that only knows about our outgoing one.
    expect(index.assign(mail({ messageId: 'c3@x', inReplyTo: 'ours@shop.example', subject: 'other' }))).toMatchObject({ caseRemoteId: first.caseRemoteId, reason: 'in-reply-to' });
    // And our outgoing message itself, synced from the sent folder later.
    expect(index.assign(mail({ messageId: 'ours@shop.example', from: { address: SUPPORT, name: '' } }))).toMatchObject({ caseRemoteId: first.caseRemoteId, reason: 'known' });
  });

  it('joins by subject only for a reply from the same counterpart', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    const original = index.assign(mail({ messageId: 's1@x', subject: 'Broken zipper' })).caseRemoteId;

    // A reply whose client dropped References/In-Reply-To.
    expect(index.assign(mail({ messageId: 's2@x', subject: 'RE: broken  ZIPPER', date: 1_700_000_100_000 }))).toMatchObject({ caseRemoteId: original, reason: 'subject' });
    // Not a reply: a new case even with the same subject.
    expect(index.assign(mail({ messageId: 's3@x', subject: 'Broken zipper' }))).toMatchObject({ isNew: true, reason: 'new' });
    // Another customer with the same subject never joins.
    expect(index.assign(mail({ messageId: 's4@x', subject: 'Re: Broken zipper', from: { address: 'park@other.example', name: '' } }))).toMatchObject({ isNew: true });
    // An empty base subject never joins by subject.
    index.assign(mail({ messageId: 'e1@x', subject: '' }));
    expect(index.assign(mail({ messageId: 'e2@x', subject: 'Re:' }))).toMatchObject({ isNew: true });
  });

  it('uses the customer as counterpart of mail sent from a support address', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT, 'Billing@Shop.example']);
    const outgoing = mail({
      messageId: 'out1@shop.example',
      subject: 'Your invoice',
      from: { address: 'billing@shop.example', name: 'Billing' },
      to: [{ address: 'support@shop.example', name: '' }],
      cc: [{ address: 'kim@customer.example', name: 'Kim' }],
    });
    expect(index.counterpartOf(outgoing)).toBe('kim@customer.example');
    expect(counterpartOf(outgoing, [SUPPORT])).toBe('billing@shop.example');
    const caseId = index.assign(outgoing).caseRemoteId;
    expect(index.assign(mail({ messageId: 'in1@x', subject: 'Re: Your invoice' }))).toMatchObject({ caseRemoteId: caseId, reason: 'subject' });
    expect(counterpartOf(mail({ messageId: 'q@x', from: { address: SUPPORT, name: '' }, to: [{ address: SUPPORT, name: '' }] }), [SUPPORT])).toBeNull();
    expect(counterpartOf(mail({ messageId: 'q@x', from: null }), [SUPPORT])).toBeNull();
  });

  it('picks the most recently active thread when several match the subject', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    const older = index.assign(mail({ messageId: 'o1@x', subject: 'Help', date: 1000 })).caseRemoteId;
    const newer = index.assign(mail({ messageId: 'o2@x', subject: 'Help', date: 2000 })).caseRemoteId;
    expect(older).not.toBe(newer);
    expect(index.assign(mail({ messageId: 'o3@x', subject: 'Re: Help', date: 3000 })).caseRemoteId).toBe(newer);
  });

  it('keeps the first mapping of an id: later mail never moves earlier mail', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    const a = index.assign(mail({ messageId: 'a@x', subject: 'A' })).caseRemoteId;
    const b = index.assign(mail({ messageId: 'b@x', subject: 'B' })).caseRemoteId;
    // Joins b (newest reference) but must not move a@x to b.
    index.assign(mail({ messageId: 'c@x', references: ['a@x', 'b@x'] }));
    expect(index.caseOf('a@x')).toBe(a);
    expect(index.caseOf('c@x')).toBe(b);
  });

  it('does not report an existing case as new when its root was not seeded', () => {
    const caseId = expectedCaseId('root@x');
    const index = new ThreadIndex({ messages: [{ messageId: 'child@x', caseRemoteId: caseId }], threads: [{ caseRemoteId: caseId, subject: 'S', counterpart: 'kim@customer.example', lastMessageAt: 5 }] }, [SUPPORT]);
    expect(index.assign(mail({ messageId: 'other@x', references: ['root@x', 'unknown@x'], subject: 'T' }))).toMatchObject({ caseRemoteId: caseId, isNew: false, reason: 'references' });
  });

  it('gives every workstation the same case ids for the same mailbox in UID order', () => {
    const mailbox = [
      mail({ messageId: 'm1@x', subject: 'Order 1' }),
      mail({ messageId: 'm2@x', subject: 'Re: Order 1', references: ['m1@x'], from: { address: SUPPORT, name: '' }, to: [{ address: 'kim@customer.example', name: '' }] }),
      mail({ messageId: 'm3@x', subject: 'Re: Order 1', date: 1_700_000_500_000 }),
      mail({ messageId: 'm4@x', subject: 'Other', from: { address: 'lee@x', name: '' } }),
      mail({ messageId: 'm5@x', references: ['m4@x', 'gone@x'] }),
    ];
    const run = (): string[] => {
      const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
      return mailbox.map((m) => index.assign(m).caseRemoteId);
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(new Set(first).size).toBe(2);

    // A workstation that synced the first three earlier and resumes from its persisted seed.
    const early = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    for (const m of mailbox.slice(0, 3)) early.assign(m);
    const info = early.threadOf(first[0]!)!;
    const resumed = new ThreadIndex(
      { messages: info.messageIds.map((messageId) => ({ messageId, caseRemoteId: info.caseRemoteId })), threads: [{ caseRemoteId: info.caseRemoteId, subject: info.subject, counterpart: info.counterpart, lastMessageAt: info.lastMessageAt }] },
      [SUPPORT],
    );
    expect(mailbox.slice(3).map((m) => resumed.assign(m).caseRemoteId)).toEqual(first.slice(3));
  });
});

describe('ThreadIndex.threadOf', () => {
  it('records subject, counterpart, last message time and the ids in order', () => {
    const index = new ThreadIndex(EMPTY_SEED, [SUPPORT]);
    const caseId = index.assign(mail({ messageId: 't1@x', subject: 'Refund', date: 100 })).caseRemoteId;
    index.assign(mail({ messageId: 't2@shop.example', subject: 'Re: Refund', references: ['t1@x'], date: 200, from: { address: SUPPORT, name: '' }, to: [{ address: 'kim@customer.example', name: '' }] }));
    // An older message synced late does not roll the thread back.
    index.assign(mail({ messageId: 't0@x', subject: 'Re: Something else', references: ['t1@x'], date: 50 }));
    expect(index.threadOf(caseId)).toEqual({
      caseRemoteId: caseId,
      subject: 'Re: Refund',
      counterpart: 'kim@customer.example',
      lastMessageAt: 200,
      messageIds: ['t1@x', 't2@shop.example', 't0@x'],
    });
    expect(index.threadOf('mail-unknown')).toBeNull();
  });
});
