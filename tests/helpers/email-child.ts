// The e-mail reply crash test's child: a whole core on a profile database (the same file every
// run) against the test mail server. On its first run it adds the mailbox, waits until the
// customers' mails are cases and queues one reply per case ("QUEUED <actionId> <caseRemoteId>",
// printed once the queue transaction has committed); every run then prints "READY" and lets the
// outbox send, printing "DRAINED <counts>" and exiting once nothing is left to send. The parent
// SIGKILLs it at random moments after READY and starts it again.
//
// Secrets live in memory (a MemorySecretStore is gone with the process): the mailbox password is
// seeded into the store on every run, under the account's key, before the core starts syncing.
import { ShiftdeskCore } from '../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore, accountSecretKey } from '../../src-main/core/secrets/secret-store';

const [dbPath, imapPort, smtpPort, user, password, count, subjectPrefix] = process.argv.slice(2);
if (!dbPath || !imapPort || !smtpPort || !user || !password || !count || !subjectPrefix) throw new Error('usage: email-child DB IMAP_PORT SMTP_PORT USER PASSWORD COUNT SUBJECT_PREFIX');
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const secrets = new MemorySecretStore();
const core = new ShiftdeskCore({ dbPath, secrets, followIntervalMs: 200 });
const existing = core.db.prepare("SELECT id FROM accounts WHERE kind = 'email'").pluck().get() as number | undefined;
if (existing !== undefined) await secrets.set(accountSecretKey(existing), password);
await core.start();

if (existing === undefined) {
  const account = await core.call('accounts:add', {
    kind: 'email',
    name: 'Support mailbox',
    address: user,
    agentName: 'Maya Rodriguez',
    agentEmail: 'maya@shiftdesk.test',
    imap: { host: '127.0.0.1', port: Number(imapPort), security: 'none', user },
    smtp: { host: '127.0.0.1', port: Number(smtpPort), security: 'none', user },
    password,
  });
  say(`ACCOUNT ${account.id}`);
  const wanted = Number(count);
  const casesOf = () =>
    core.db.prepare('SELECT id, remote_id AS remoteId FROM cases WHERE account_id = ? AND synced = 1 AND subject LIKE ? ORDER BY subject').all(account.id, `${subjectPrefix}%`) as { id: number; remoteId: string }[];
  const deadline = Date.now() + 30_000;
  while (casesOf().length < wanted) {
    if (Date.now() > deadline) throw new Error(`only ${casesOf().length} of ${wanted} cases synced`);
    await sleep(50);
  }
  // Nothing goes out until every reply is queued: the parent's kill timer starts at READY.
  await core.call('network:setOffline', { offline: true });
  for (const [i, c] of casesOf().entries()) {
    const { action, stopped } = await core.call('cases:send', { caseId: c.id, intent: { comment: { body: `Reply ${i}: your refund was issued today.`, public: true }, status: 'pending' } });
    if (!action || stopped) throw new Error(`reply ${i} was not queued`);
    say(`QUEUED ${action.id} ${c.remoteId}`);
  }
  await core.call('network:setOffline', { offline: false });
}

say('READY');
const readyAt = Date.now();
let last = '';
for (;;) {
  const counts = core.outbox.repo.counts();
  const sent = core.db.prepare("SELECT count(*) FROM outbox WHERE state = 'sent'").pluck().get() as number;
  const now = `queued=${counts.queued} sending=${counts.sending} sent=${sent}`;
  if (now !== last) say(`OUTBOX +${Date.now() - readyAt}ms ${(last = now)}`);
  if (counts.queued === 0 && counts.sending === 0) {
    say(`DRAINED ${JSON.stringify(counts)}`);
    break;
  }
  await sleep(20);
}
await core.stop();
process.exit(0);
