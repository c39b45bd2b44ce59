import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import type { OutboxItemView } from '../../../src-shared/contract/models';
import { mailAccountInput } from '../../helpers/mail-account';
import { CUSTOMER_USER, SUPPORT_USER, startMailServer, type ListedMessage, type MailServer } from '../../helpers/dovecot';
import { makeMail } from '../../helpers/mail-corpus';

// Replies end to end against real servers: dovecot for both mailboxes, an SMTP receiver that
// delivers into the customer's INBOX. The agent answers through the contract, as the UI does.

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)?.slice(0, 600)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Message ids of a header (In-Reply-To, References), without <>. */
const idsOf = (value: string | undefined) => (value ?? '').match(/<[^>]+>/g)?.map((id) => id.slice(1, -1)) ?? [];
const withId = (messages: ListedMessage[], messageId: string) => messages.filter((m) => m.messageId === `<${messageId}>`);

const CUSTOMER = { name: 'Dana Whitfield', address: CUSTOMER_USER };
const SUPPORT = { name: 'Support', address: SUPPORT_USER };
const SUBJECT = 'Where is my order #4411?';

describe('e-mail channel: replies through real IMAP and SMTP servers', () => {
  let server: MailServer;
  let core: ShiftdeskCore;
  let caseId: number;
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-mail-reply-'));
  /** Our reply of the first test: its Message-ID (without <>) and References. */
  let reply: { messageId: string; references: string[] };

  const outboxIdle = () => until(() => core.call('outbox:list', {}), (list) => list.every((a) => a.state !== 'queued' && a.state !== 'sending'), 30_000);
  const outboxRow = (id: string) => core.outbox.repo.get(id);
  const thread = async () => (await core.call('cases:get', { id: caseId }))!;

  beforeAll(async () => {
    server = await startMailServer();
    const start = Date.now() - 3 * 3600_000;
    // A thread that already has a history: the customer wrote, the team answered (in Sent), the
    // customer answered that (the second inbox message, with References). Each arrived when it was sent.
    const at = (date: number) => ({ internalDate: new Date(date) });
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({ from: CUSTOMER, to: SUPPORT, subject: SUBJECT, messageId: '<order-1@example.test>', date: start, text: 'I ordered a week ago and nothing has arrived.' }),
      at(start),
    );
    await server.append(
      SUPPORT_USER,
      'Sent',
      makeMail({
        from: SUPPORT,
        to: CUSTOMER,
        subject: `Re: ${SUBJECT}`,
        messageId: '<answer-1@shiftdesk.test>',
        inReplyTo: '<order-1@example.test>',
        references: ['<order-1@example.test>'],
        date: start + 3600_000,
        text: 'Sorry about that, we are looking into it.',
      }),
      { flags: ['\\Seen'], ...at(start + 3600_000) },
    );
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({
        from: CUSTOMER,
        to: SUPPORT,
        subject: `Re: ${SUBJECT}`,
        messageId: '<order-2@example.test>',
        inReplyTo: '<answer-1@shiftdesk.test>',
        references: ['<order-1@example.test>', '<answer-1@shiftdesk.test>'],
        date: start + 2 * 3600_000,
        text: 'Any news? It is a birthday present.',
      }),
      at(start + 2 * 3600_000),
    );
    // Two more cases, for refused replies: the same customer on another subject, and an address
    // the SMTP server does not know.
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({ from: CUSTOMER, to: SUPPORT, subject: 'Please unsubscribe me', messageId: '<unsub-1@example.test>', date: start, text: 'Remove me from the newsletter.' }),
      at(start),
    );
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({ from: { name: 'Nobody', address: 'nobody@example.test' }, to: SUPPORT, subject: 'Question', messageId: '<nobody-1@example.test>', date: start, text: 'Do you ship abroad?' }),
      at(start),
    );

    core = new ShiftdeskCore({ dbPath: join(dir, 'profile.db'), secrets: new MemorySecretStore(), followIntervalMs: 300 });
    await core.start();
    await core.call('accounts:add', mailAccountInput(server));
    caseId = await until(
      () => core.db.prepare("SELECT case_id FROM messages WHERE remote_id = 'order-2@example.test'").pluck().get() as number | undefined,
      (id) => id !== undefined,
    ).then((id) => id!);
    await until(() => core.syncStatus()[0]!, (s) => s.historyComplete);
  }, 60_000);

  afterAll(async () => {
    await core?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the synced case is the whole thread', async () => {
    const detail = await thread();
    expect(detail.thread.map((m) => m.remoteId)).toEqual(['order-1@example.test', 'answer-1@shiftdesk.test', 'order-2@example.test']);
    expect(detail).toMatchObject({ subject: SUBJECT, channel: 'email', status: 'open' });
    expect(await server.list(CUSTOMER_USER, 'INBOX')).toHaveLength(0);
  });

  it('a reply reaches the customer once, threaded, and its copy in Sent is marked sent', async () => {
    const body = 'Good news: your parcel left our warehouse this morning.\nTracking: ZX-4411-99.';
    const started = Date.now();
    // As the composer does it: the draft, then send.
    await core.call('drafts:save', { caseId, body, mode: 'reply' });
    const sent = await core.call('cases:send', { caseId, intent: { comment: { body, public: true }, status: 'pending' } });
    expect(sent.stopped).toBeNull();
    const action = sent.action!;
    expect(action).toMatchObject({ kind: 'reply', state: 'queued' });
    // Optimistic: the reply shows at once, marked pending.
    expect((await thread()).thread.at(-1)).toMatchObject({ bodyText: body, pendingActionId: action.id, authorKind: 'agent' });

    await until(() => core.call('outbox:list', {}), (list) => list.length === 0);
    console.log(`[email] reply sent (SMTP + Sent + state entry) ${Date.now() - started} ms after cases:send`);
    expect(outboxRow(action.id)?.state).toBe('sent');

    const messageId = `sd.${action.id}@shiftdesk.test`;
    const inbox = await server.list(CUSTOMER_USER, 'INBOX');
    expect(inbox).toHaveLength(1);
    const received = inbox[0]!;
    expect(received.messageId).toBe(`<${messageId}>`);
    expect(received.messageId).toMatch(/^<sd\.[^@\s]+@shiftdesk\.test>$/);
    expect(received.headers.from).toContain(`<${SUPPORT_USER}>`);
    expect(received.headers.to).toContain(CUSTOMER_USER);
    expect(idsOf(received.headers['in-reply-to'])).toEqual(['order-2@example.test']);
    expect(idsOf(received.headers.references)).toEqual(['order-1@example.test', 'answer-1@shiftdesk.test', 'order-2@example.test']);
    const parsed = await simpleParser(received.raw);
    expect(parsed.subject).toBe(`Re: ${SUBJECT}`);
    expect(parsed.text?.trim()).toBe(body);
    expect(parsed.from?.value[0]?.address).toBe(SUPPORT_USER);
    expect(server.received.filter((r) => r.to.includes(CUSTOMER_USER))).toHaveLength(1);
    expect(server.received[0]!.from).toBe(SUPPORT_USER);
    reply = { messageId, references: idsOf(received.headers.references) };

    const copies = withId(await server.list(SUPPORT_USER, 'Sent'), messageId);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.flags).toContain('$SdSent');
    expect(copies[0]!.flags).not.toContain('$SdSending');
    // The same bytes went out and stayed in Sent.
    expect(copies[0]!.raw.equals(received.raw)).toBe(true);

    // The case shows the reply once: the optimistic message became the synced one. Wait a few
    // polls so the Sent folder's copy has been read too.
    await sleep(1000);
    await until(
      () => core.db.prepare("SELECT cursor FROM sync_cursors WHERE stream = 'sent'").pluck().get() as string,
      (cursor) => (JSON.parse(cursor) as { next: number }).next > 2,
    );
    const detail = await thread();
    expect(detail.thread.filter((m) => m.bodyText.trim() === body)).toHaveLength(1);
    expect(detail.thread.filter((m) => m.remoteId === messageId)).toHaveLength(1);
    expect(detail.thread.at(-1)).toMatchObject({ remoteId: messageId, public: true, pendingActionId: null, authorKind: 'agent' });
    expect(core.db.prepare("SELECT count(*) FROM messages WHERE remote_id LIKE 'local:%'").pluck().get()).toBe(0);
    expect(detail).toMatchObject({ status: 'pending', pending: false });
    expect(await core.call('drafts:get', { caseId })).toBeNull();
    // The status went to the team's state log.
    const state = await server.list(SUPPORT_USER, 'Shiftdesk');
    expect(state.filter((m) => m.headers['x-shiftdesk-action'] === action.id)).toHaveLength(1);
  });

  it("the customer's answer to the reply joins the same case and reopens it", async () => {
    // A customer answers a while later (the Date header has whole seconds).
    await sleep(1100);
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({
        from: CUSTOMER,
        to: SUPPORT,
        subject: `Re: Re: ${SUBJECT}`,
        messageId: '<order-3@example.test>',
        inReplyTo: `<${reply.messageId}>`,
        references: [...reply.references, reply.messageId],
        date: Date.now(),
        text: 'It arrived, but the box is damaged.',
      }),
    );
    const row = await until(
      () => core.db.prepare("SELECT m.case_id AS caseId, c.status FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.remote_id = 'order-3@example.test'").get() as { caseId: number; status: string } | undefined,
      (r) => r !== undefined && r.status === 'open',
      10_000,
    );
    expect(row!.caseId).toBe(caseId);
    const detail = await thread();
    expect(detail.status).toBe('open');
    expect(detail.thread.map((m) => m.remoteId)).toEqual(['order-1@example.test', 'answer-1@shiftdesk.test', 'order-2@example.test', reply.messageId, 'order-3@example.test']);
    expect(core.db.prepare("SELECT count(*) FROM cases WHERE subject LIKE '%order #4411%'").pluck().get()).toBe(1);
  });

  it('an internal note sends no mail and is written to the state folder', async () => {
    const customerBefore = (await server.list(CUSTOMER_USER, 'INBOX')).length;
    const receivedBefore = server.received.length;
    const sentBefore = (await server.list(SUPPORT_USER, 'Sent')).length;
    const note = 'Internal: carrier claim opened, ref CL-77.';
    const { actions } = await core.call('cases:act', { caseIds: [caseId], intent: { comment: { body: note, public: false } } });
    const action = actions[0]!;
    expect(action.kind).toBe('note');
    await until(() => core.call('outbox:list', {}), (list) => list.length === 0);
    expect(outboxRow(action.id)?.state).toBe('sent');

    expect(await server.list(CUSTOMER_USER, 'INBOX')).toHaveLength(customerBefore);
    expect(server.received).toHaveLength(receivedBefore);
    expect(await server.list(SUPPORT_USER, 'Sent')).toHaveLength(sentBefore);
    const entries = (await server.list(SUPPORT_USER, 'Shiftdesk')).filter((m) => m.headers['x-shiftdesk-action'] === action.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.headers['x-shiftdesk-case']).toBe((await thread()).remoteId);
    const entry = JSON.parse(Buffer.from(entries[0]!.raw.toString('utf8').split(/\r?\n\r?\n/)[1]!.replace(/\s+/g, ''), 'base64').toString('utf8')) as { note?: string; actionId: string };
    expect(entry).toMatchObject({ note, actionId: action.id });

    const notes = (await thread()).thread.filter((m) => m.bodyText === note);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ remoteId: `note.${action.id}`, public: false, pendingActionId: null });
  });

  it('SMTP 451 once: the reply is retried and lands exactly once', async () => {
    const body = 'We have sent a replacement today.';
    const receivedBefore = server.received.length;
    server.smtpFailNext(1, 451, '4.7.1 greylisted, try again later');
    const started = Date.now();
    const { action } = await core.call('cases:send', { caseId, intent: { comment: { body, public: true } } });
    // The first attempt is deferred: the action waits in the queue with the reason.
    // (The retry waits out a jittered backoff and the sender's idle pause: at least a second.)
    const waiting = await until(
      () => outboxRow(action!.id),
      (row) => row !== undefined && row.state === 'queued' && row.attempts === 1 && row.lastError !== null,
      15_000,
    );
    expect(waiting!.lastError).toMatch(/451/);
    expect(withId(await server.list(SUPPORT_USER, 'Sent'), `sd.${action!.id}@shiftdesk.test`)[0]?.flags).toContain('$SdSending');
    await until(() => core.call('outbox:list', {}), (list) => list.length === 0, 30_000);
    const row = outboxRow(action!.id)!;
    console.log(`[email] reply after one 451: landed after ${row.attempts} attempts, ${Date.now() - started} ms`);
    expect(row.state).toBe('sent');
    expect(row.attempts).toBe(2);

    const messageId = `sd.${action!.id}@shiftdesk.test`;
    expect(withId(await server.list(CUSTOMER_USER, 'INBOX'), messageId)).toHaveLength(1);
    expect(server.received.slice(receivedBefore)).toHaveLength(1);
    const copies = withId(await server.list(SUPPORT_USER, 'Sent'), messageId);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.flags).toContain('$SdSent');
    expect(copies[0]!.flags).not.toContain('$SdSending');
    await sleep(700);
    expect((await thread()).thread.filter((m) => m.bodyText.trim() === body)).toHaveLength(1);
  });

  /** Sends a reply that the SMTP server refuses; returns the failed action. */
  async function refusedReply(messageRemoteId: string, refuse: () => void): Promise<OutboxItemView> {
    const other = core.db.prepare('SELECT case_id FROM messages WHERE remote_id = ?').pluck().get(messageRemoteId) as number;
    expect(other).not.toBe(caseId);
    const receivedBefore = server.received.length;
    const customerBefore = (await server.list(CUSTOMER_USER, 'INBOX')).length;
    const sentBefore = (await server.list(SUPPORT_USER, 'Sent')).length;
    refuse();
    const { action } = await core.call('cases:send', { caseId: other, intent: { comment: { body: 'You have been removed from our list.', public: true }, status: 'solved' } });
    const failed = await until(
      () => core.call('outbox:list', {}),
      (list) => list.some((a) => a.id === action!.id && a.state !== 'queued' && a.state !== 'sending'),
      15_000,
    );
    const item = failed.find((a) => a.id === action!.id)!;
    console.log(`[email] reply refused: outbox says "${item.lastError}"`);
    expect(item.state).toBe('failed');
    expect(item.attempts).toBe(1);
    expect(item.lastError).toMatch(/550/);

    const messageId = `sd.${action!.id}@shiftdesk.test`;
    const sentFolder = await server.list(SUPPORT_USER, 'Sent');
    expect(withId(sentFolder, messageId)).toHaveLength(0);
    expect(sentFolder).toHaveLength(sentBefore);
    expect(server.received).toHaveLength(receivedBefore);
    expect(await server.list(CUSTOMER_USER, 'INBOX')).toHaveLength(customerBefore);
    // The status change is not written either: the action failed as a whole.
    expect((await server.list(SUPPORT_USER, 'Shiftdesk')).filter((m) => m.headers['x-shiftdesk-action'] === action!.id)).toHaveLength(0);
    // Not asserted here: that the case never shows the refused reply as sent. It can, when a poll
    // of Sent falls between the APPEND of the "$SdSending" copy and its removal after the 550
    // (the sync reads Sent without looking at that keyword): a known gap, not this test's subject.
    return item;
  }

  it('SMTP 550 at the end of DATA: the action fails with the reason and Sent keeps no copy of it', async () => {
    const item = await refusedReply('unsub-1@example.test', () => server.smtpFailNext(1, 550, '5.7.1 message refused by policy'));
    // The agent is told why, in the server's words.
    expect(item.lastError).toMatch(/message refused by policy/);
  });

  it('SMTP 550 for the recipient: the action fails with the reason and Sent keeps no copy of it', async () => {
    const item = await refusedReply('nobody-1@example.test', () => undefined);
    expect(item.lastError).toMatch(/no such user/);
    // The outbox is not blocked by the failures: a later reply on the first case still goes.
    const { action } = await core.call('cases:send', { caseId, intent: { comment: { body: 'One more thing: the invoice is attached.', public: true } } });
    await outboxIdle();
    expect(outboxRow(action!.id)?.state).toBe('sent');
    expect(withId(await server.list(CUSTOMER_USER, 'INBOX'), `sd.${action!.id}@shiftdesk.test`)).toHaveLength(1);
  });
});
