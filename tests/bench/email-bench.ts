import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { ShiftdeskCore } from '../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { SUPPORT_USER, startMailServer } from '../helpers/dovecot';
import { mailAccountInput } from '../helpers/mail-account';
import { generateMailCorpus, makeMail } from '../helpers/mail-corpus';
import { percentile, report, round } from './stats';

// The e-mail channel against a real dovecot on loopback (issue 8, docs/email.md):
//   floor_seconds       plain imapflow: FETCH every message's source of the inbox and Sent (no parsing,
//                       no storing): what the IMAP server and the wire cost
//   sync_seconds        core: add the mailbox → every message parsed, threaded and stored (cases queryable)
//   ratio               floor_seconds / sync_seconds (1 = as fast as just downloading)
//   idle_p50/p95_ms     an APPEND to the inbox → the message is in core's cache (IDLE push; poll at 1 min)
//   reply_p50_ms        a reply queued → sent (Sent searched, copied, SMTP, flagged) and the outbox empty
//   rss_mb              peak resident memory of this process (core runs in it)
// Nothing here asserts a time.

const log = (message: string) => console.error(`[email-bench] ${message}`);

async function until(read: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function run(args: string[]): Promise<void> {
  const messages = Number(args[0] ?? 10_000);
  const threads = Math.max(10, Math.round(messages / 6.5));
  const server = await startMailServer();
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-email-bench-'));
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const corpus = generateMailCorpus({ threads, messages, seed: 3, supportAddress: SUPPORT_USER });
    await server.appendMany(SUPPORT_USER, 'INBOX', corpus.messages.filter((m) => !m.fromSupport).map((m) => ({ raw: m.raw, internalDate: new Date(m.date) })));
    await server.appendMany(SUPPORT_USER, 'Sent', corpus.messages.filter((m) => m.fromSupport).map((m) => ({ raw: m.raw, internalDate: new Date(m.date) })));
    log(`${messages} messages (${round(corpus.totalBytes / 1e6, 1)} MB) in ${threads} threads appended`);

    // The floor: download everything once with a plain client.
    const floorStart = performance.now();
    const client = new ImapFlow({ ...server.imapOptions(SUPPORT_USER), disableAutoIdle: true });
    await client.connect();
    let bytes = 0;
    for (const folder of ['INBOX', 'Sent']) {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      for await (const m of client.fetch('1:*', { uid: true, source: true }, { uid: true })) bytes += m.source?.length ?? 0;
      lock.release();
    }
    await client.logout();
    const floorSeconds = (performance.now() - floorStart) / 1000;
    log(`floor: ${round(bytes / 1e6, 1)} MB fetched in ${round(floorSeconds)} s`);

    const core = new ShiftdeskCore({ dbPath: join(dir, 'profile.db'), secrets: new MemorySecretStore(), followIntervalMs: 60_000 });
    await core.start();
    const syncStart = performance.now();
    const account = await core.call('accounts:add', mailAccountInput(server));
    const count = core.db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck();
    await until(() => (count.get(account.id) as number) >= messages && core.syncStatus()[0]?.historyComplete === true, 600_000);
    const syncSeconds = (performance.now() - syncStart) / 1000;
    const cases = core.db.prepare('SELECT count(*) FROM cases WHERE account_id = ?').pluck().get(account.id) as number;
    log(`sync: ${messages} messages in ${cases} cases in ${round(syncSeconds)} s`);

    const idle: number[] = [];
    const has = core.db.prepare('SELECT 1 FROM messages WHERE remote_id = ?');
    for (let i = 0; i < 30; i++) {
      const id = `bench-idle-${i}@example.test`;
      const raw = makeMail({ from: { name: 'Bench Customer', address: `bench${i}@example.test` }, to: SUPPORT_USER, subject: `Bench ${i}`, messageId: `<${id}>`, date: Date.now(), text: 'Hello' });
      const start = performance.now();
      await server.append(SUPPORT_USER, 'INBOX', raw);
      await until(() => has.get(id) !== undefined, 30_000);
      idle.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    log(`idle: p50 ${round(percentile(idle, 50))} ms`);

    const replies: number[] = [];
    const caseIds = core.db.prepare("SELECT c.id FROM cases c WHERE c.account_id = ? AND c.remote_id LIKE 'mail-%' ORDER BY c.id LIMIT 10").pluck().all(account.id) as number[];
    for (const caseId of caseIds) {
      const start = performance.now();
      await core.call('cases:act', { caseIds: [caseId], intent: { comment: { body: 'Thanks, we are on it.', public: true } } });
      await until(() => core.outbox.repo.counts().queued + core.outbox.repo.counts().sending === 0, 30_000);
      replies.push(performance.now() - start);
    }
    await core.stop();
    report({
      bench: 'email',
      messages,
      threads,
      cases,
      mb: round(corpus.totalBytes / 1e6, 1),
      floor_seconds: round(floorSeconds),
      sync_seconds: round(syncSeconds),
      ratio: round(floorSeconds / syncSeconds),
      messages_per_s: Math.round(messages / syncSeconds),
      idle_p50_ms: round(percentile(idle, 50)),
      idle_p95_ms: round(percentile(idle, 95)),
      reply_p50_ms: round(percentile(replies, 50)),
      rss_mb: Math.round(peakRss / 1e6),
    });
  } finally {
    clearInterval(rssTimer);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
