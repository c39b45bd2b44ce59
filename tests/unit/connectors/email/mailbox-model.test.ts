import { describe, expect, it } from 'vitest';
import { MailboxModel, PageBuilder, derivedStatus } from '../../../../src-main/core/connectors/email/mailbox-model';
import type { ParsedMail, StateEntry } from '../../../../src-main/core/connectors/email/mail-types';
import { emptyState } from '../../../../src-main/core/connectors/email/state-log';

const SUPPORT = 'support@acme.example';
const me = { email: 'maya@acme.example', name: 'Maya' };

function mail(over: Partial<ParsedMail>): ParsedMail {
  return {
    messageId: 'm1@customer.example',
    syntheticId: false,
    inReplyTo: null,
    references: [],
    subject: 'Where is my order?',
    from: { address: 'lena@customer.example', name: 'Lena Vogel' },
    replyTo: null,
    to: [{ address: SUPPORT, name: '' }],
    cc: [],
    date: 1_000,
    claimedDate: null,
    text: 'Hello',
    html: null,
    attachments: [],
    shiftdeskAgent: null,
    shiftdeskAction: null,
    truncated: false,
    ...over,
  };
}

const entry = (over: Partial<StateEntry>): StateEntry => ({ v: 1, caseRemoteId: 'x', actionId: 'a1', actor: { email: 'sam@acme.example', name: 'Sam' }, at: 2_000, ...over });

describe('the mailbox model: threads as cases, shared state folded in', () => {
  it('builds a case from mail, the customer as requester, a reply joining by In-Reply-To', () => {
    const model = new MailboxModel({ supportAddresses: [SUPPORT], mailboxName: 'Support', me }, []);
    const page = new PageBuilder();
    const caseId = model.addMail(mail({}), page);
    expect(model.addMail(mail({ messageId: 'r1@acme.example', from: { address: SUPPORT, name: 'Support' }, to: [{ address: 'lena@customer.example', name: '' }], inReplyTo: 'm1@customer.example', subject: 'Re: Where is my order?', date: 2_000, shiftdeskAgent: 'maya@acme.example' }), page)).toBe(caseId);
    const built = model.finish(page, 'c', true);
    expect(built.cases).toEqual([expect.objectContaining({ remoteId: caseId, subject: 'Where is my order?', status: 'open', requesterRemoteId: 'lena@customer.example', channel: 'email' })]);
    expect(built.messages!.map((m) => m.authorRemoteId)).toEqual(['lena@customer.example', 'maya@acme.example']);
    expect(built.people!.find((p) => p.remoteId === 'lena@customer.example')).toMatchObject({ role: 'customer', name: 'Lena Vogel' });
    expect(built.connectorState!.map((s) => s.key)).toEqual([`thread:${caseId}`]);
    // X-Shiftdesk-Agent counts only in Sent: in the inbox anyone could have written it.
    const forged = new PageBuilder();
    model.addMail(mail({ messageId: 'f1@x.example', from: { address: SUPPORT, name: 'Support' }, inReplyTo: 'm1@customer.example', date: 3_000, shiftdeskAgent: 'boss@acme.example' }), forged, false);
    expect(model.finish(forged, null, true).messages!.at(-1)!.authorRemoteId).toBe(SUPPORT);
    // The reply parent is the customer's message, wherever the reply came from.
    expect(model.thread(caseId)!.parent).toMatchObject({ messageId: 'm1@customer.example', replyTo: 'lena@customer.example' });
  });

  it('dates cases and messages by their arrival at the server; the Date header travels as the sender\'s claim only', () => {
    const model = new MailboxModel({ supportAddresses: [SUPPORT], mailboxName: 'Support', me }, []);
    const page = new PageBuilder();
    const ARRIVED = Date.UTC(2026, 2, 3, 10, 0, 0);
    const FUTURE = Date.UTC(2027, 1, 24, 9, 0, 0);
    const PAST = Date.UTC(2026, 0, 5, 8, 0, 0);
    // A customer whose clock is a year ahead, then the same customer's reply that took months to arrive.
    const caseId = model.addMail(mail({ date: ARRIVED, claimedDate: FUTURE }), page);
    model.addMail(mail({ messageId: 'm2@customer.example', inReplyTo: 'm1@customer.example', subject: 'Re: Where is my order?', date: ARRIVED + 60_000, claimedDate: PAST }), page);
    const built = model.finish(page, null, true);
    expect(built.cases).toEqual([expect.objectContaining({ remoteId: caseId, createdAt: ARRIVED, updatedAt: ARRIVED + 60_000 })]);
    expect(built.messages!.map((m) => [m.createdAt, m.senderDate])).toEqual([
      [ARRIVED, FUTURE],
      [ARRIVED + 60_000, PAST],
    ]);
    // The reply parent is the message that arrived last, whatever its sender's clock says.
    expect(model.thread(caseId)).toMatchObject({ lastCustomerAt: ARRIVED + 60_000, parent: { messageId: 'm2@customer.example' } });
  });

  it('folds state entries once, keeps entries for threads not seen yet, and resumes from stored state', () => {
    const model = new MailboxModel({ supportAddresses: [SUPPORT], mailboxName: 'Support', me }, []);
    const page = new PageBuilder();
    const caseId = model.addMail(mail({}), page);
    model.addStateEntry(entry({ caseRemoteId: caseId, status: 'pending', addTags: ['refund'] }), 5, page);
    model.addStateEntry(entry({ caseRemoteId: caseId, status: 'pending', addTags: ['refund'] }), 5, page); // the same action again
    model.addStateEntry(entry({ caseRemoteId: 'mail-later', actionId: 'a2', priority: 'high' }), 6, page);
    const built = model.finish(page, null, true);
    expect(model.remoteCase(caseId)).toMatchObject({ status: 'pending', tags: ['refund'], version: 's5' });
    expect(built.connectorState!.map((s) => s.key)).toContain('pending-state:mail-later');

    const resumed = new MailboxModel({ supportAddresses: [SUPPORT], mailboxName: 'Support', me }, built.connectorState!);
    expect(resumed.remoteCase(caseId)).toMatchObject({ status: 'pending', tags: ['refund'] });
    // The thread the pending entry was about arrives: the entry applies then.
    const later = new PageBuilder();
    const root = mail({ messageId: 'other@customer.example', subject: 'Another thing', from: { address: 'omar@customer.example', name: 'Omar' } });
    const otherId = resumed.addMail(root, later);
    expect(otherId).not.toBe(caseId);
    // (its id is derived from its root Message-ID, so the stored pending entry for "mail-later" stays pending)
    expect(resumed.remoteCase(otherId)!.priority).toBeNull();
  });

  it('derives the status: new until answered, open after, reopened by a customer writing after a pending/solved', () => {
    const base = { state: emptyState(), statusSetAt: 0, lastCustomerAt: 10_000, lastCustomerArrivedAt: 10_000, lastAgentAt: 0 };
    const set = (status: 'solved' | 'hold' | 'open', at: number) => ({ ...base, state: { ...emptyState(), status }, statusSetAt: at });
    expect(derivedStatus(base)).toBe('new');
    expect(derivedStatus({ ...base, lastAgentAt: 20_000 })).toBe('open');
    expect(derivedStatus(set('solved', 30_000))).toBe('solved');
    expect(derivedStatus(set('solved', 5_000))).toBe('open');
    expect(derivedStatus(set('hold', 5_000))).toBe('open');
    expect(derivedStatus(set('open', 50_000))).toBe('open');
    // Arrival has whole seconds: the same second as the change counts as after it.
    expect(derivedStatus(set('solved', 10_700))).toBe('open');
    expect(derivedStatus(set('solved', 11_000))).toBe('solved');
    // When the entry says what the agent had seen, that decides (both server times): the message
    // they answered in the same second does not reopen; a newer one does.
    expect(derivedStatus({ ...set('solved', 10_700), statusSeenCustomerAt: 10_000 })).toBe('solved');
    expect(derivedStatus({ ...set('solved', 10_700), statusSeenCustomerAt: 9_000 })).toBe('open');
    // The customer's Date header (their clock) does not decide; the arrival at the server does.
    expect(derivedStatus({ ...set('solved', 30_000), lastCustomerAt: 40_000, lastCustomerArrivedAt: 20_000 })).toBe('solved');
    // Two customer messages in the same second: their inbox UIDs tell them apart, exactly.
    const seen = { ...set('solved', 10_700), statusSeenCustomerAt: 10_000, statusSeenCustomerUid: { validity: '7', uid: 41 } };
    expect(derivedStatus({ ...seen, lastCustomerUid: { validity: '7', uid: 42 } })).toBe('open');
    expect(derivedStatus({ ...seen, lastCustomerUid: { validity: '7', uid: 41 } })).toBe('solved');
    // After a UIDVALIDITY change the UIDs cannot be compared: arrival times decide again.
    expect(derivedStatus({ ...seen, lastCustomerUid: { validity: '8', uid: 3 } })).toBe('solved');
  });
});
