import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { SUPPORT_USER, startMailServer, type MailServer } from '../../helpers/dovecot';
import { mailAccountInput } from '../../helpers/mail-account';
import { makeMail } from '../../helpers/mail-corpus';

// A mail's Date header is the sender's clock: a year ahead, or weeks behind. Shiftdesk dates mail
// by its arrival at the server (IMAP INTERNALDATE): the case's creation, the thread's order and
// the inbox's "Newest" follow it; the claimed date travels with each message as a detail only.

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)?.slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('e-mail dates: arrival at the server, not the sender\'s Date header (dovecot)', () => {
  let server: MailServer;
  let core: ShiftdeskCore;
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-mail-dates-'));
  // INTERNALDATE has whole seconds.
  const base = Math.floor(Date.now() / 1000) * 1000 - 60 * MIN;
  const support = { name: 'Support', address: SUPPORT_USER };
  const mails = {
    // Written on a machine whose clock is a year ahead; it arrived first.
    future: { messageId: 'clock-ahead@example.test', subject: 'Clock a year ahead', claimed: base + 365 * DAY, arrived: base },
    // Sat in an outbox for three weeks; it arrived second.
    past: { messageId: 'sent-weeks-ago@example.test', subject: 'Stuck in my outbox', claimed: base - 21 * DAY, arrived: base + 20 * MIN },
    // An honest clock; it arrived last.
    honest: { messageId: 'honest-clock@example.test', subject: 'Honest clock', claimed: base + 40 * MIN, arrived: base + 40 * MIN },
  };

  beforeAll(async () => {
    server = await startMailServer();
    await server.appendMany(
      SUPPORT_USER,
      'INBOX',
      Object.values(mails).map((m) => ({
        raw: makeMail({ from: { name: 'Dana Whitfield', address: 'dana@example.test' }, to: support, subject: m.subject, messageId: `<${m.messageId}>`, date: m.claimed, text: `${m.subject}: hello.` }),
        internalDate: new Date(m.arrived),
      })),
    );
    // The customer writes again on the first thread: arrived after everything else, its header a month back.
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({
        from: { name: 'Dana Whitfield', address: 'dana@example.test' },
        to: support,
        subject: `Re: ${mails.future.subject}`,
        messageId: '<clock-ahead-followup@example.test>',
        inReplyTo: `<${mails.future.messageId}>`,
        references: [`<${mails.future.messageId}>`],
        date: base - 30 * DAY,
        text: 'Any news?',
      }),
      { internalDate: new Date(base + 50 * MIN) },
    );
  }, 60_000);

  afterAll(async () => {
    await core?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates and orders cases by arrival, orders each thread by arrival, and keeps the claimed date beside it', async () => {
    core = new ShiftdeskCore({ dbPath: join(dir, 'profile.db'), secrets: new MemorySecretStore(), followIntervalMs: 60_000 });
    await core.start();
    const account = await core.call('accounts:add', mailAccountInput(server));
    await until(() => core.db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck().get(account.id) as number, (n) => n >= 4);
    await until(() => core.syncStatus()[0]!, (s) => s.historyComplete);

    const page = await core.call('inbox:list', { view: 'all_open', sort: 'newest', filters: { accountId: [account.id] }, limit: 10 });
    // Newest by arrival: the future header does not pin its case to the top, the old one does not sink.
    expect(page.rows.map((r) => r.subject)).toEqual([mails.honest.subject, mails.past.subject, mails.future.subject]);
    const bySubject = new Map(page.rows.map((r) => [r.subject, r]));
    for (const m of Object.values(mails)) expect(bySubject.get(m.subject)?.createdAt, `${m.subject} created when it arrived`).toBe(m.arrived);

    const future = await core.call('cases:get', { id: bySubject.get(mails.future.subject)!.id });
    expect(future).toMatchObject({ createdAt: mails.future.arrived, lastCustomerMessageAt: base + 50 * MIN });
    // The thread in order of arrival, each message with what its sender's clock claimed.
    expect(future!.thread.map((m) => ({ text: m.bodyText.trim(), createdAt: m.createdAt, senderDate: m.senderDate }))).toEqual([
      { text: `${mails.future.subject}: hello.`, createdAt: mails.future.arrived, senderDate: mails.future.claimed },
      { text: 'Any news?', createdAt: base + 50 * MIN, senderDate: base - 30 * DAY },
    ]);
    const past = await core.call('cases:get', { id: bySubject.get(mails.past.subject)!.id });
    expect(past!.thread.map((m) => [m.createdAt, m.senderDate])).toEqual([[mails.past.arrived, mails.past.claimed]]);
  }, 90_000);
});
