import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_USER, startMailServer, SUPPORT_USER, type MailServer } from '../../helpers/dovecot';
import { canConnect } from '../../helpers/mosquitto';
import { generateMailCorpus, makeMail } from '../../helpers/mail-corpus';

// The real mail-server harness for the e-mail channel: dovecot (IMAP) in a temp dir and an SMTP
// receiver that delivers into it. These tests prove what the e-mail tests rely on.

let server: MailServer;
const clients: ImapFlow[] = [];

async function connect(user: string, extra: Partial<ConstructorParameters<typeof ImapFlow>[0]> = {}): Promise<ImapFlow> {
  const client = new ImapFlow({ ...server.imapOptions(user), ...extra });
  client.on('error', () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

function transport() {
  return nodemailer.createTransport({ host: server.smtp.host, port: server.smtp.port, secure: false, ignoreTLS: true });
}

beforeAll(async () => {
  const started = Date.now();
  server = await startMailServer();
  console.log(`mail server up in ${Date.now() - started} ms (imap ${server.imap.port}, smtp ${server.smtp.port})`);
});

afterAll(async () => {
  for (const client of clients) await client.logout().catch(() => client.close());
  await server?.stop();
});

describe('the dovecot mail-server harness', () => {
  it('logs in and advertises CONDSTORE, QRESYNC and IDLE, with Sent and Drafts', async () => {
    const client = await connect(SUPPORT_USER);
    expect(client.authenticated).toBeTruthy();
    for (const capability of ['CONDSTORE', 'QRESYNC', 'IDLE', 'UIDPLUS', 'MOVE', 'SPECIAL-USE']) expect(client.capabilities.has(capability)).toBe(true);
    const boxes = await client.list();
    expect(boxes.map((box) => [box.path, box.specialUse ?? null])).toEqual(
      expect.arrayContaining([
        ['INBOX', '\\Inbox'],
        ['Sent', '\\Sent'],
        ['Drafts', '\\Drafts'],
      ]),
    );
    await expect(connect(SUPPORT_USER, { auth: { user: SUPPORT_USER, pass: 'wrong' } })).rejects.toThrow();
    if (process.getuid?.() === 0) {
      // As root the mail belongs to the `mail` user, not to root.
      const maildir = join(server.dir, 'mail', 'shiftdesk.test', 'support', 'Maildir');
      expect(statSync(maildir).uid).not.toBe(0);
    }
  });

  it('delivers SMTP mail into the recipient INBOX with its headers intact', async () => {
    const info = await transport().sendMail({
      from: { name: '김민준', address: CUSTOMER_USER },
      to: SUPPORT_USER,
      subject: '주문 환불 요청 #4711',
      messageId: '<smtp-delivery-1@example.test>',
      inReplyTo: '<earlier-1@shiftdesk.test>',
      references: ['<root-1@example.test>', '<earlier-1@shiftdesk.test>'],
      text: '안녕하세요, 환불 부탁드립니다.',
      html: '<p>안녕하세요, <b>환불</b> 부탁드립니다.</p>',
    });
    expect(info.accepted).toEqual([SUPPORT_USER]);

    const received = server.received.at(-1)!;
    expect(received.from).toBe(CUSTOMER_USER);
    expect(received.to).toEqual([SUPPORT_USER]);

    const inbox = await server.list(SUPPORT_USER, 'INBOX');
    const delivered = inbox.find((message) => message.messageId === '<smtp-delivery-1@example.test>');
    expect(delivered).toBeDefined();
    expect(delivered!.raw.equals(received.raw)).toBe(true);
    expect(delivered!.headers['in-reply-to']).toBe('<earlier-1@shiftdesk.test>');
    expect(delivered!.headers['references']).toBe('<root-1@example.test> <earlier-1@shiftdesk.test>');
    const parsed = await simpleParser(delivered!.raw);
    expect(parsed.subject).toBe('주문 환불 요청 #4711');
    expect(parsed.from?.value[0]?.name).toBe('김민준');
    expect(parsed.text?.trim()).toBe('안녕하세요, 환불 부탁드립니다.');
    expect(parsed.html).toContain('<b>환불</b>');
  });

  it('rejects unknown recipients with 550 and can fail the next transactions on purpose', async () => {
    const before = server.received.length;
    const unknown = transport().sendMail({ from: CUSTOMER_USER, to: 'nobody@shiftdesk.test', subject: 'x', text: 'x' });
    await expect(unknown).rejects.toMatchObject({ responseCode: 550 });

    server.smtpFailNext(1, 451);
    const message = { from: CUSTOMER_USER, to: SUPPORT_USER, subject: 'retry me', text: 'x', messageId: '<retry-1@example.test>' };
    await expect(transport().sendMail(message)).rejects.toMatchObject({ responseCode: 451 });
    expect(server.received.length).toBe(before);
    await transport().sendMail(message);
    expect(server.received.length).toBe(before + 1);
    const inbox = await server.list(SUPPORT_USER, 'INBOX');
    expect(inbox.filter((m) => m.messageId === '<retry-1@example.test>')).toHaveLength(1);
  });

  it('wakes an IDLE-ing client promptly when mail arrives', async () => {
    const client = await connect(CUSTOMER_USER, { disableAutoIdle: true });
    await client.mailboxOpen('INBOX');
    const exists = new Promise<number>((resolve) => client.on('exists', () => resolve(Date.now())));
    void client.idle();
    await new Promise((resolve) => setTimeout(resolve, 200)); // let IDLE start
    const started = Date.now();
    await server.append(CUSTOMER_USER, 'INBOX', makeMail({ from: SUPPORT_USER, to: CUSTOMER_USER, subject: 'ping', messageId: 'idle-1@shiftdesk.test', date: started, text: 'ping' }));
    const appended = Date.now();
    const seen = await Promise.race([exists, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no EXISTS within 5 s')), 5_000))]);
    console.log(`IDLE saw the append ${seen - appended} ms after the APPEND completed (${seen - started} ms after it started)`);
    expect(seen - started).toBeLessThan(5_000);
  });

  it('gives a folder a new UIDVALIDITY and keeps its messages', async () => {
    const folder = 'Reset';
    for (let i = 0; i < 3; i++) {
      await server.append(SUPPORT_USER, folder, makeMail({ from: CUSTOMER_USER, to: SUPPORT_USER, subject: `m${i}`, messageId: `reset-${i}@example.test`, date: Date.UTC(2025, 0, 1, 10, i), text: `${i}` }), {
        flags: i === 0 ? ['\\Seen'] : [],
        internalDate: new Date(Date.UTC(2025, 0, 1, 10, i)),
      });
    }
    const client = await connect(SUPPORT_USER, { disableAutoIdle: true });
    const before = await client.mailboxOpen(folder);
    expect(before.exists).toBe(3);
    await client.mailboxClose();

    const reported = await server.resetUidValidity(SUPPORT_USER, folder);
    const after = await client.mailboxOpen(folder);
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(Number(after.uidValidity)).toBe(reported);
    expect(after.exists).toBe(3);
    const listed = await server.list(SUPPORT_USER, folder);
    expect(listed.map((m) => m.messageId)).toEqual(['<reset-0@example.test>', '<reset-1@example.test>', '<reset-2@example.test>']);
    expect(listed[0]!.flags).toContain('\\Seen');
  });

  it('appends a 2,000-message corpus quickly, in order', async () => {
    const corpus = generateMailCorpus({ threads: 600, messages: 2000, supportAddress: SUPPORT_USER, seed: 1 });
    expect(corpus.messages).toHaveLength(2000);
    expect(corpus.totalBytes).toBeLessThan(5 * 1024 * 1024);
    const started = Date.now();
    await server.appendMany(SUPPORT_USER, 'Corpus', corpus.messages.map((m) => m.raw));
    const appendMs = Date.now() - started;
    console.log(`appendMany(2000, ${(corpus.totalBytes / 1024 / 1024).toFixed(1)} MB) took ${appendMs} ms`);
    expect(appendMs).toBeLessThan(10_000);
    const listed = await server.list(SUPPORT_USER, 'Corpus');
    expect(listed).toHaveLength(2000);
    expect(listed.map((m) => m.messageId)).toEqual(corpus.messages.map((m) => m.messageId));
    expect(listed.every((m, i) => m.raw.toString('utf8') === corpus.messages[i]!.raw)).toBe(true);
  });

  it('starts with custom users, and stop() frees the ports and removes the temp dir', async () => {
    const other = await startMailServer({ users: [{ user: 'agent@other.test', password: 'agent-pass' }] });
    const client = new ImapFlow({ ...other.imapOptions('agent@other.test') });
    client.on('error', () => undefined);
    await client.connect();
    await client.logout();
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(await canConnect(other.imap.port)).toBe(false);
    expect(await canConnect(other.smtp.port)).toBe(false);
  });
});
