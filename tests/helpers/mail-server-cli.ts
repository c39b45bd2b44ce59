// npm run mail-server -- [--messages 300] [--live-seconds 20]
// A real dovecot IMAP server and an SMTP receiver on loopback, with a seeded support mailbox, to
// try the e-mail channel by hand: start it, then `npm run web` and add the mailbox in Settings with
// the values printed here. Needs Debian's dovecot-imapd (`.ci/run` installs it). Ctrl+C stops it.
import { CUSTOMER_USER, SUPPORT_PASSWORD, SUPPORT_USER, startMailServer } from './dovecot';
import { generateMailCorpus, makeMail } from './mail-corpus';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const messages = arg('messages', 300);
const liveSeconds = arg('live-seconds', 0);

const server = await startMailServer();
const corpus = generateMailCorpus({ threads: Math.max(5, Math.round(messages / 6)), messages, seed: 11, supportAddress: SUPPORT_USER, startAt: Date.now() - 7 * 24 * 3600_000 });
await server.appendMany(SUPPORT_USER, 'INBOX', corpus.messages.filter((m) => !m.fromSupport).map((m) => ({ raw: m.raw, internalDate: new Date(m.date) })));
await server.appendMany(SUPPORT_USER, 'Sent', corpus.messages.filter((m) => m.fromSupport).map((m) => ({ raw: m.raw, internalDate: new Date(m.date) })));
console.log(`IMAP=127.0.0.1:${server.imap.port}`);
console.log(`SMTP=127.0.0.1:${server.smtp.port}`);
console.log(`Settings → Add account → Mailbox: support address and IMAP/SMTP user ${SUPPORT_USER}, password ${SUPPORT_PASSWORD}, security None, ports above.`);
console.log(`Replies to ${CUSTOMER_USER} land in that user's INBOX; ${corpus.messages.length} messages in ${corpus.threads.size} threads are waiting.`);

let n = 0;
const timer =
  liveSeconds > 0
    ? setInterval(() => {
        n++;
        void server.append(SUPPORT_USER, 'INBOX', makeMail({ from: { name: 'Live Customer', address: CUSTOMER_USER }, to: SUPPORT_USER, subject: `Live question ${n}`, messageId: `<live-${Date.now()}@example.test>`, date: Date.now(), text: `A new question (${n}).` }));
      }, liveSeconds * 1000)
    : null;

const stop = async () => {
  if (timer) clearInterval(timer);
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
