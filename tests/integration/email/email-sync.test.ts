import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { SUPPORT_USER, startMailServer, type MailServer } from '../../helpers/dovecot';
import { mailAccountInput } from '../../helpers/mail-account';
import { generateMailCorpus, makeMail, type MailCorpus } from '../../helpers/mail-corpus';

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)?.slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const stripBrackets = (id: string | null) => (id === null ? null : id.replace(/^<|>$/g, ''));

/** The cases as core stored them: each case's set of message keys (Message-ID, or sender+date for mail without one). */
function storedThreads(core: ShiftdeskCore, accountId: number): Map<string, Set<string>> {
  const rows = core.db
    .prepare(`SELECT c.remote_id AS caseId, m.remote_id AS messageId, m.author_remote_id AS author, m.created_at AS createdAt FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.account_id = ? AND m.public = 1`)
    .all(accountId) as { caseId: string; messageId: string; author: string; createdAt: number }[];
  const threads = new Map<string, Set<string>>();
  for (const row of rows) {
    const key = row.messageId.startsWith('synthetic.') ? `${row.author}@${row.createdAt}` : row.messageId;
    const set = threads.get(row.caseId) ?? new Set<string>();
    set.add(key);
    threads.set(row.caseId, set);
  }
  return threads;
}

function expectedThreads(corpus: MailCorpus): Set<string>[] {
  return [...corpus.threads.values()].map((indexes) => new Set(indexes.map((i) => corpus.messages[i]!).map((m) => stripBrackets(m.messageId) ?? `${m.from}@${m.date}`)));
}

const canonical = (threads: Iterable<Set<string>>) => [...threads].map((t) => [...t].sort().join('|')).sort();

describe('e-mail channel: sync from a real IMAP server (dovecot)', () => {
  let server: MailServer;
  let core: ShiftdeskCore;
  let accountId: number;
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-mail-sync-'));
  let corpus: MailCorpus;

  beforeAll(async () => {
    server = await startMailServer();
    corpus = generateMailCorpus({ threads: 300, messages: 2000, seed: 8, supportAddress: SUPPORT_USER });
    // As a real support mailbox holds them: customers' mail in the inbox, the team's replies in Sent,
    // each arrived when it was sent.
    const arrived = (m: (typeof corpus.messages)[number]) => ({ raw: m.raw, internalDate: new Date(m.date) });
    await server.appendMany(SUPPORT_USER, 'INBOX', corpus.messages.filter((m) => !m.fromSupport).map(arrived));
    await server.appendMany(SUPPORT_USER, 'Sent', corpus.messages.filter((m) => m.fromSupport).map(arrived));
  }, 120_000);

  afterAll(async () => {
    await core?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an initial sync of 2,000 messages in 300 threads reproduces the threads exactly', async () => {
    core = new ShiftdeskCore({ dbPath: join(dir, 'profile.db'), secrets: new MemorySecretStore(), followIntervalMs: 60_000 });
    await core.start();
    const progress: { messages: number | null; cases: number | null }[] = [];
    core.on('onSyncProgress', (p) => {
      if (!p.historyComplete) progress.push({ messages: p.messages.total, cases: p.cases.total });
    });
    const started = Date.now();
    const account = await core.call('accounts:add', mailAccountInput(server));
    accountId = account.id;
    expect(account).toMatchObject({ kind: 'email', email: SUPPORT_USER, mail: { imap: { port: server.imap.port }, stateFolder: 'Shiftdesk' } });
    await until(() => core.db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck().get(accountId) as number, (n) => n >= 2000, 120_000);
    await until(() => core.syncStatus()[0]!, (s) => s.historyComplete);
    const seconds = (Date.now() - started) / 1000;
    console.log(`[email] initial sync of ${corpus.messages.length} messages (${(corpus.totalBytes / 1e6).toFixed(1)} MB) in ${corpus.threads.size} threads: ${seconds.toFixed(1)} s`);

    // While it ran, the progress bar knew how much there was: the messages of the inbox and Sent.
    expect(progress.some((p) => p.messages === corpus.messages.length && p.cases !== null && p.cases > 0)).toBe(true);
    const stored = storedThreads(core, accountId);
    expect(stored.size).toBe(corpus.threads.size);
    expect(canonical(stored.values())).toEqual(canonical(expectedThreads(corpus)));
    // The customer is found by address: one customer per address, cases named after the thread's first subject.
    const inbox = await core.call('inbox:list', { view: 'all_open', sort: 'newest', filters: { accountId: [accountId] }, limit: 500 });
    expect(inbox.total).toBeGreaterThan(0);
    expect(inbox.rows.every((r) => r.channel === 'email' && r.subject.length > 0 && !/^(re|aw|sv|fwd):/i.test(r.subject))).toBe(true);
    // Korean subjects and names arrive decoded.
    expect(inbox.rows.some((r) => /[가-힣]/.test(r.subject))).toBe(true);
    // And mail is searchable like the rest (a two-syllable Korean word, as agents type it).
    await until(() => core.syncStatus()[0]!, (s) => s.searchPending === 0);
    const found = await core.call('search:query', { query: '환불', limit: 20 });
    expect(found.cases.length + found.messages.length).toBeGreaterThan(0);
    expect([...found.cases, ...found.messages].every((hit) => hit.channel === 'email')).toBe(true);
  }, 180_000);

  it('a new mail arrives through IDLE within 5 s (the poll is set to a minute)', async () => {
    const sentAt = Date.now();
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({ from: { name: 'Nadia Park', address: 'nadia@example.test' }, to: [{ name: '', address: SUPPORT_USER }], subject: 'Printer on fire', messageId: '<idle-1@example.test>', date: sentAt, text: 'It is smoking.' }),
    );
    const row = await until(
      () => core.db.prepare("SELECT c.id, c.subject, c.status FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.remote_id = 'idle-1@example.test'").get() as { id: number; subject: string; status: string } | undefined,
      (r) => r !== undefined,
      5000,
    );
    console.log(`[email] new mail through IDLE after ${Date.now() - sentAt} ms`);
    expect(row).toMatchObject({ subject: 'Printer on fire', status: 'new' });
  }, 20_000);

  it('holds no IDLE connection while the agent works offline, and catches up when back', async () => {
    // Established TCP connections to the IMAP port (the sync session, and one IDLE watcher per watched folder).
    const connections = () => execFileSync('ss', ['-Htn', 'state', 'established', `( dport = :${server.imap.port} )`], { encoding: 'utf8' }).split('\n').filter((l) => l.trim() !== '').length;
    const online = connections();
    expect(online).toBeGreaterThanOrEqual(3);
    await core.call('network:setOffline', { offline: true });
    await until(connections, (n) => n <= online - 2, 5000);
    await server.append(SUPPORT_USER, 'INBOX', makeMail({ from: 'nadia@example.test', to: SUPPORT_USER, subject: 'Written while you were offline', messageId: '<offline-1@example.test>', date: Date.now(), text: 'Hello?' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(core.db.prepare("SELECT 1 FROM messages WHERE remote_id = 'offline-1@example.test'").get()).toBeUndefined();
    await core.call('network:setOffline', { offline: false });
    await until(() => core.db.prepare("SELECT 1 FROM messages WHERE remote_id = 'offline-1@example.test'").get(), (row) => row !== undefined, 10_000);
    await until(connections, (n) => n >= online, 10_000);
  }, 30_000);

  it('a UIDVALIDITY change resyncs that folder without duplicates', async () => {
    const before = core.db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck().get(accountId) as number;
    const casesBefore = core.db.prepare('SELECT count(*) FROM cases WHERE account_id = ?').pluck().get(accountId) as number;
    const cursorBefore = JSON.parse(core.db.prepare("SELECT cursor FROM sync_cursors WHERE account_id = ? AND stream = 'inbox'").pluck().get(accountId) as string) as { validity: string };
    const validity = await server.resetUidValidity(SUPPORT_USER, 'INBOX');
    expect(String(validity)).not.toBe(cursorBefore.validity);
    // And one more mail, so the resync has news as well.
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({ from: { name: 'Nadia Park', address: 'nadia@example.test' }, to: [{ name: '', address: SUPPORT_USER }], subject: 'Re: Printer on fire', messageId: '<idle-2@example.test>', inReplyTo: '<idle-1@example.test>', references: ['<idle-1@example.test>'], date: Date.now(), text: 'Now it is out.' }),
    );
    await until(
      () => ({ ...(JSON.parse(core.db.prepare("SELECT cursor FROM sync_cursors WHERE account_id = ? AND stream = 'inbox'").pluck().get(accountId) as string) as { validity: string; next: number }), sync: core.syncStatus()[0] }),
      (c) => c.validity === String(validity) && core.db.prepare("SELECT 1 FROM messages WHERE remote_id = 'idle-2@example.test'").get() !== undefined,
      60_000,
    );
    expect(core.db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck().get(accountId)).toBe(before + 1);
    expect(core.db.prepare('SELECT count(*) FROM cases WHERE account_id = ?').pluck().get(accountId)).toBe(casesBefore);
    const thread = core.db.prepare("SELECT count(*) FROM messages m JOIN messages first ON first.case_id = m.case_id WHERE first.remote_id = 'idle-1@example.test'").pluck().get();
    expect(thread).toBe(2);
  }, 90_000);

  it('lists a message\'s files and fetches one from the server when the agent opens it', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 7), Buffer.from('\n%%EOF\n')]);
    await server.append(
      SUPPORT_USER,
      'INBOX',
      makeMail({
        from: { name: 'Kim Minji', address: 'minji@example.test' },
        to: SUPPORT_USER,
        subject: '세금계산서 첨부합니다',
        messageId: '<files-1@example.test>',
        date: Date.now(),
        text: 'Invoice attached.',
        attachments: [{ filename: '세금계산서.pdf', contentType: 'application/pdf', content: pdf }],
      }),
    );
    const message = await until(
      () => core.db.prepare("SELECT id, attachments_json AS json FROM messages WHERE remote_id = 'files-1@example.test'").get() as { id: number; json: string } | undefined,
      (m) => m !== undefined,
      10_000,
    );
    const [file] = JSON.parse(message!.json) as { id: string; fileName: string; size: number; url: string }[];
    expect(file).toMatchObject({ fileName: '세금계산서.pdf', url: expect.stringMatching(/^imap-part:/) });
    const fetched = await core.call('attachments:get', { messageId: message!.id, attachmentId: file!.id });
    expect(fetched).toMatchObject({ fileName: '세금계산서.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(fetched.dataBase64, 'base64').equals(pdf)).toBe(true);
    await expect(core.call('attachments:get', { messageId: message!.id, attachmentId: 'nope' })).rejects.toThrow(/no file nope/);
  }, 30_000);

  it('reads on past malformed mail: junk becomes a message that says what it is, the next mail arrives', async () => {
    const before = core.db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck().get(accountId) as number;
    await server.append(SUPPORT_USER, 'INBOX', Buffer.concat([Buffer.from('Subject: =?utf-8?B?@@@?=\r\nFrom: <<<>>>\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\n\r\n'), Buffer.from([0, 1, 2, 255, 254, 0]), Buffer.from('\r\n--x')]));
    await server.append(SUPPORT_USER, 'INBOX', makeMail({ from: 'nadia@example.test', to: SUPPORT_USER, subject: 'After the junk', messageId: '<after-junk@example.test>', date: Date.now(), text: 'Still there?' }));
    await until(() => core.db.prepare("SELECT 1 FROM messages WHERE remote_id = 'after-junk@example.test'").get(), (row) => row !== undefined, 10_000);
    expect(core.db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck().get(accountId)).toBe(before + 2);
    expect(core.syncStatus()[0]!.error).toBeNull();
  }, 30_000);
});
