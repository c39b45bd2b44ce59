import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection';
import { CUSTOMER_USER, SUPPORT_PASSWORD, SUPPORT_USER, startMailServer, type ListedMessage, type MailServer } from '../../helpers/dovecot';
import { makeMail, seededRandom } from '../../helpers/mail-corpus';

// Kill the app while it sends e-mail replies: every reply ends up in Sent exactly once, marked
// sent, and reaches the customer. Delivery is at least once: a kill between the SMTP server's 250
// and the "$SdSent" flag sends the same bytes again, with the same Message-ID (docs/email.md).

const REPLIES = 12;
const MAX_KILLS = Number(process.env.EMAIL_KILLS ?? 15);
const SUBJECT_PREFIX = 'Refund request';

interface ChildRun {
  queued: { actionId: string; caseRemoteId: string }[];
  /** The child's last "OUTBOX +<ms> ..." line: how far it got. */
  progress: string;
  drained: boolean;
  killed: boolean;
  output: string;
  ms: number;
}

function runChild(dbPath: string, server: MailServer, killAfterMs: number | null): Promise<ChildRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', 'tests/helpers/email-child.ts', dbPath, String(server.imap.port), String(server.smtp.port), SUPPORT_USER, SUPPORT_PASSWORD, String(REPLIES), SUBJECT_PREFIX];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      const before = output;
      output += chunk.toString();
      if (killAfterMs !== null && !before.includes('READY') && output.includes('READY')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const lines = output.split('\n');
      const queued = lines.filter((l) => l.startsWith('QUEUED ')).map((l) => {
        const [, actionId, caseRemoteId] = l.split(' ');
        return { actionId: actionId!, caseRemoteId: caseRemoteId! };
      });
      const progress = lines.filter((l) => l.startsWith('OUTBOX ')).at(-1)?.slice(7) ?? 'nothing yet';
      const run = { queued, progress, drained: lines.some((l) => l.startsWith('DRAINED ')), killed: signal === 'SIGKILL', output, ms: Date.now() - started };
      if (signal === 'SIGKILL' || code === 0) resolve(run);
      else reject(new Error(`email child failed (${code ?? signal}): ${err}\n${output}`));
    });
  });
}

const byMessageId = (messages: ListedMessage[]) => {
  const map = new Map<string, ListedMessage[]>();
  for (const m of messages) if (m.messageId) map.set(m.messageId, [...(map.get(m.messageId) ?? []), m]);
  return map;
};

describe('e-mail replies survive the app being killed', () => {
  let server: MailServer;
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-mail-crash-'));
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`every reply is in Sent exactly once and reaches the customer, across up to ${MAX_KILLS} SIGKILLs`, async () => {
    const testStarted = Date.now();
    server = await startMailServer();
    const base = Date.now() - 3600_000;
    await server.appendMany(
      SUPPORT_USER,
      'INBOX',
      Array.from({ length: REPLIES }, (_, i) =>
        makeMail({ from: { name: 'Dana Whitfield', address: CUSTOMER_USER }, to: SUPPORT_USER, subject: `${SUBJECT_PREFIX} ${i}`, messageId: `<refund-${i}@example.test>`, date: base + i * 60_000, text: `Please refund order ${i}.` }),
      ),
    );
    const dbPath = join(dir, 'profile.db');
    const random = seededRandom(2024);
    const queued: ChildRun['queued'] = [];
    const runs: string[] = [];
    let drained = false;
    let kills = 0;
    let midSend = 0;
    let receivedBefore = 0;
    let sentBefore = 0;
    for (let run = 0; run <= MAX_KILLS && !drained; run++) {
      const last = run === MAX_KILLS;
      // A restarted core starts sending some 300-700 ms after READY (IMAP login, the sync's first
      // reads share the connection): kills land in that window and in the sends that follow.
      const delay = last ? null : 200 + Math.floor(random() * 400);
      const result = await runChild(dbPath, server, delay);
      queued.push(...result.queued);
      drained = result.drained;
      if (result.killed) kills++;

      // Between runs: what the kill interrupted, and the invariant that holds at every moment.
      const sent = byMessageId(await server.list(SUPPORT_USER, 'Sent'));
      for (const [id, copies] of sent) expect(copies.length, `copies of ${id} in Sent after run ${run}`).toBe(1);
      const ours = [...sent.values()].flat();
      const db = openDatabase({ path: dbPath });
      const counts = db.prepare("SELECT state, count(*) AS n FROM outbox GROUP BY state").all() as { state: string; n: number }[];
      db.close();
      const sentNow = ours.filter((m) => m.flags.includes('$SdSent')).length;
      // The kill landed while replies were going out: mail was delivered or Sent changed in this run, and it was not done.
      if (result.killed && (server.received.length > receivedBefore || ours.length + sentNow > sentBefore)) midSend++;
      receivedBefore = server.received.length;
      sentBefore = ours.length + sentNow;
      runs.push(
        `run ${run}: ${result.killed ? `killed ${delay} ms after READY` : 'exited'} (${result.ms} ms), last seen ${result.progress};` +
          ` outbox ${counts.map((c) => `${c.state}=${c.n}`).join(' ')}; Sent sending=${ours.filter((m) => m.flags.includes('$SdSending')).length} sent=${sentNow}; customer got ${server.received.length}`,
      );
    }
    console.log(`[email-crash]\n${runs.join('\n')}`);
    expect(drained).toBe(true);
    expect(queued).toHaveLength(REPLIES);
    expect(kills).toBeGreaterThan(0);
    expect(midSend, 'kills that landed while replies were going out').toBeGreaterThan(0);

    // Sent: exactly one copy of every reply, marked sent.
    const sent = byMessageId(await server.list(SUPPORT_USER, 'Sent'));
    const inbox = byMessageId(await server.list(CUSTOMER_USER, 'INBOX'));
    const state = await server.list(SUPPORT_USER, 'Shiftdesk');
    let duplicates = 0;
    for (const { actionId } of queued) {
      const messageId = `<sd.${actionId}@shiftdesk.test>`;
      const copies = sent.get(messageId) ?? [];
      expect(copies, `copies of ${messageId} in Sent`).toHaveLength(1);
      expect(copies[0]!.flags).toContain('$SdSent');
      expect(copies[0]!.flags).not.toContain('$SdSending');
      // The customer: at least once; a second delivery is the same message (same id, same bytes).
      const delivered = inbox.get(messageId) ?? [];
      expect(delivered.length, `deliveries of ${messageId}`).toBeGreaterThanOrEqual(1);
      for (const copy of delivered) expect(copy.raw.equals(copies[0]!.raw), `delivery of ${messageId} is the Sent copy`).toBe(true);
      duplicates += delivered.length - 1;
      // The status change went to the state log once.
      expect(state.filter((m) => m.headers['x-shiftdesk-action'] === actionId)).toHaveLength(1);
    }
    // Nothing was delivered that was not one of our replies.
    expect([...inbox.keys()].sort()).toEqual(queued.map((q) => `<sd.${q.actionId}@shiftdesk.test>`).sort());
    expect(server.received.length).toBe(REPLIES + duplicates);

    const db = openDatabase({ path: dbPath });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) FROM outbox WHERE state != 'sent'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM messages WHERE remote_id LIKE 'local:%'").pluck().get()).toBe(0);
    for (const { actionId, caseRemoteId } of queued) {
      const rows = db.prepare('SELECT c.remote_id AS caseRemoteId FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.remote_id = ?').all(`sd.${actionId}@shiftdesk.test`) as { caseRemoteId: string }[];
      expect(rows).toEqual([{ caseRemoteId }]);
    }
    db.close();
    console.log(`[email-crash] ${REPLIES} replies, ${kills} kills (${midSend} while sending) in ${runs.length} runs, ${(Date.now() - testStarted) / 1000} s: customer got ${server.received.length} mails, ${duplicates} duplicate(s) (same Message-ID, same bytes)`);
  }, 120_000);
});
