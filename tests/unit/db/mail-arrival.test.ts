import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RemoteCase, RemoteMessage } from '../../../src-main/core/connectors/connector';
import { openDatabase } from '../../../src-main/core/db/connection';
import { AccountCache } from '../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../src-main/core/db/repos/accounts-repo';

// Mail cached before arrival times were kept has its Date header as `created_at` and no sender
// date; read again (migration 0014 has each mailbox read again), it takes its arrival and its
// sender's date, once. Any other message is stored once and never changes.

const thread = (over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId: 'mail-1', channel: 'email', subject: 'Where is my order?', status: 'new', priority: null, type: null, requesterRemoteId: 'lena@customer.example', assigneeRemoteId: null,
  groupRemoteId: null, organizationRemoteId: null, tags: [], csat: null, createdAt: 1000, updatedAt: 1000, version: 's0', generatedTs: 1, ...over,
});
const mail = (over: Partial<RemoteMessage> = {}): RemoteMessage => ({
  remoteId: 'm1@customer.example', caseRemoteId: 'mail-1', authorRemoteId: 'lena@customer.example', public: true, bodyText: 'Hello', bodyHtml: null, channel: 'email', createdAt: 1000, attachments: [], ...over,
});

describe('mail read again takes its arrival time once', () => {
  it('updates a message cached without a sender date, and nothing else', () => {
    const db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-arrival-')), 'p.db') });
    const accountId = new AccountsRepo(db).add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' }).id;
    const cache = new AccountCache(db, accountId);
    const FUTURE_HEADER = Date.UTC(2027, 1, 24);
    const ARRIVED = Date.UTC(2026, 2, 3);
    const stored = () => db.prepare("SELECT created_at AS createdAt, sender_date AS senderDate FROM messages WHERE remote_id = 'm1@customer.example'").get();
    // As an earlier version stored it: the Date header as its time, no sender date.
    cache.applyPage('inbox', { cases: [thread()], messages: [mail({ createdAt: FUTURE_HEADER })], cursor: null, caughtUp: true });
    expect(stored()).toEqual({ createdAt: FUTURE_HEADER, senderDate: null });

    cache.applyPage('inbox', { cases: [thread({ generatedTs: 2 })], messages: [mail({ createdAt: ARRIVED, senderDate: FUTURE_HEADER })], cursor: null, caughtUp: true });
    expect(stored()).toEqual({ createdAt: ARRIVED, senderDate: FUTURE_HEADER });
    // The waiting time follows the arrival.
    expect(db.prepare("SELECT last_customer_message_at FROM cases WHERE remote_id = 'mail-1'").pluck().get()).toBe(ARRIVED);

    // Once it has a sender date, the message is what it is: the copy in another folder changes nothing.
    cache.applyPage('sent', { messages: [mail({ createdAt: ARRIVED + 5000, senderDate: FUTURE_HEADER - 1 })], cursor: null, caughtUp: true });
    expect(stored()).toEqual({ createdAt: ARRIVED, senderDate: FUTURE_HEADER });
    // A message without a sender date (a helpdesk comment) is stored once, whatever comes again.
    cache.applyPage('messages', { messages: [mail({ remoteId: '77', createdAt: 10 })], cursor: null, caughtUp: true });
    cache.applyPage('messages', { messages: [mail({ remoteId: '77', createdAt: 20 })], cursor: null, caughtUp: true });
    expect(db.prepare("SELECT created_at, sender_date FROM messages WHERE remote_id = '77'").get()).toEqual({ created_at: 10, sender_date: null });
  });
});
