// The outbox crash test's child: queues actions on cached cases and sends them, printing
// "INTENT <id>" before queueing, "QUEUED <id>" once the queue transaction has committed, and
// "DRAINED" when asked to finish. The parent SIGKILLs it at random moments.
import { ZendeskConnector } from '../../src-main/core/connectors/zendesk/zendesk-connector';
import { openDatabase } from '../../src-main/core/db/connection';
import { AccountCache } from '../../src-main/core/db/repos/account-cache';
import { OutboxRepo } from '../../src-main/core/db/repos/outbox-repo';
import { OutboxSender } from '../../src-main/core/outbox/outbox-sender';

const [dbPath, url, email, token, run, mode] = process.argv.slice(2);
if (!dbPath || !url || !email || !token || !run) throw new Error('usage: outbox-child DB URL EMAIL TOKEN RUN [drain]');
const db = openDatabase({ path: dbPath });
const accountId = db.prepare('SELECT id FROM accounts').pluck().get() as number;
const outbox = new OutboxRepo(db);
const connector = new ZendeskConnector({ baseUrl: url, email, token });
const sender = new OutboxSender({ db, accountId, connector, cache: new AccountCache(db, accountId), outbox, backoff: { baseMs: 10, capMs: 50 } });
const cases = db.prepare(`SELECT id FROM cases WHERE synced = 1 AND queue != 'solved' ORDER BY id LIMIT 12`).pluck().all() as number[];
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'drain') {
  while (outbox.list().some((a) => a.state === 'queued' || a.state === 'sending')) {
    await sender.drainOnce();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  say(`DRAINED ${JSON.stringify(outbox.counts())}`);
  process.exit(0);
}

say('READY');
for (let i = 0; ; i++) {
  const id = `run${run}-action${i}`;
  const caseId = cases[(Number(run) * 7 + i) % cases.length]!;
  const kind = i % 3;
  say(`INTENT ${id}`);
  // Every action changes something (a no-op update leaves no audit to check against).
  const intent = kind === 0 ? { comment: { body: `Reply ${id}`, public: true } } : kind === 1 ? { addTags: [`tag-${id}`.toLowerCase()] } : { comment: { body: `Note ${id}`, public: false }, addTags: [`n-${id}`.toLowerCase()] };
  outbox.enqueue(caseId, intent, { actionId: id });
  say(`QUEUED ${id}`);
  if (i % 2 === 1) await sender.drainOnce();
}
