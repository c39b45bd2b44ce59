// A real mail server on loopback for the e-mail channel tests: Debian's dovecot (IMAP only, maildir,
// plain passwords in a passwd-file, no TLS) in a fresh temp dir, plus an SMTP receiver
// (`smtp-server`) that delivers every accepted message into each recipient's INBOX over IMAP
// before it answers 250, and records what it accepted.
//
// As root, dovecot's login processes run as `dovenull`, its internal processes as `dovecot` and
// the mail processes as the `mail` user (uid 8), who owns the maildirs. As any other user,
// everything runs as that user (no chroot, no uid switching), so developers can run it too.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { freePort } from './mosquitto';

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
export const DOVEADM_BIN = process.env.DOVEADM_BIN ?? '/usr/bin/doveadm';

export const SUPPORT_USER = 'support@shiftdesk.test';
export const SUPPORT_PASSWORD = 'support-pass';
export const CUSTOMER_USER = 'customer@example.test';
export const CUSTOMER_PASSWORD = 'customer-pass';

export interface MailUser {
  user: string;
  password: string;
}

export const DEFAULT_USERS: readonly MailUser[] = [
  { user: SUPPORT_USER, password: SUPPORT_PASSWORD },
  { user: CUSTOMER_USER, password: CUSTOMER_PASSWORD },
];

export interface MailServerOptions {
  /** Mail accounts (the IMAP login is the full address); default: DEFAULT_USERS. */
  users?: MailUser[];
  /** How long dovecot may take to accept its first login; default 15 s. */
  timeoutMs?: number;
}

export interface ReceivedMail {
  /** The SMTP envelope sender (MAIL FROM), '' for the null sender. */
  from: string;
  /** The SMTP envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  raw: Buffer;
}

export interface ListedMessage {
  uid: number;
  messageId: string | null;
  flags: string[];
  /** Header name (lower-case) → value, unfolded; the first occurrence wins. Not MIME-decoded. */
  headers: Record<string, string>;
  raw: Buffer;
}

export interface AppendOptions {
  flags?: string[];
  internalDate?: Date;
}

/** A message to append: its source, or its source and when the server is to say it arrived. */
export type AppendItem = string | Buffer | { raw: string | Buffer; internalDate: Date };

export interface MailServer {
  imap: { host: '127.0.0.1'; port: number };
  smtp: { host: '127.0.0.1'; port: number };
  dir: string;
  users: MailUser[];
  /** Every message the SMTP receiver accepted (and delivered), in order. */
  received: ReceivedMail[];
  /** ImapFlow options for logging in as `user` (add your own, e.g. disableAutoIdle). */
  imapOptions(user: string): { host: string; port: number; secure: false; auth: { user: string; pass: string }; logger: false };
  /** APPEND one message (the folder is created when missing). */
  append(user: string, folder: string, raw: string | Buffer, opts?: AppendOptions): Promise<void>;
  /**
   * APPEND many messages in order over one connection (MULTIAPPEND, LITERAL+); the folder is
   * created when missing. A message given with `internalDate` arrives at that time (INTERNALDATE),
   * else now.
   */
  appendMany(user: string, folder: string, raws: AppendItem[]): Promise<void>;
  /** Every message of the folder in UID order, with its source. */
  list(user: string, folder: string): Promise<ListedMessage[]>;
  /** The folder's current UIDVALIDITY. */
  uidValidity(user: string, folder: string): Promise<number>;
  /** Give the folder a new (higher) UIDVALIDITY, keeping its messages; returns the new value. */
  resetUidValidity(user: string, folder: string): Promise<number>;
  /** Make the next `count` SMTP transactions fail at the end of DATA with `code` (nothing is delivered or recorded). */
  smtpFailNext(count: number, code?: number, message?: string): void;
  /** What dovecot logged so far. */
  log(): string;
  /** Kill dovecot, close the SMTP receiver, remove the temp dir. */
  stop(): Promise<void>;
}

interface Ids {
  uid: number;
  gid: number;
  root: boolean;
  name: string;
  group: string;
}

function idsOf(): Ids {
  const self = userInfo();
  if (process.getuid?.() !== 0) {
    const group = spawnSync('id', ['-gn'], { encoding: 'utf8' }).stdout.trim();
    return { uid: self.uid, gid: self.gid, root: false, name: self.username, group: group === '' ? String(self.gid) : group };
  }
  const uid = spawnSync('id', ['-u', 'mail'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'mail'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error(`no "mail" user to own the maildirs: ${uid.stderr}${gid.stderr}`);
  for (const required of ['dovenull', 'dovecot']) {
    if (spawnSync('id', ['-u', required]).status !== 0) throw new Error(`no "${required}" user (is dovecot-core installed?)`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), root: true, name: 'root', group: 'root' };
}

function homeOf(dir: string, user: string): string {
  const at = user.lastIndexOf('@');
  return at < 0 ? join(dir, 'mail', '_', user) : join(dir, 'mail', user.slice(at + 1), user.slice(0, at));
}

function writeConfig(dir: string, port: number, ids: Ids): string {
  const lines = [
    '# generated by tests/helpers/dovecot.ts',
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    `log_path = ${join(dir, 'dovecot.log')}`,
    `instance_name = shiftdesk-test-${port}`,
    'listen = 127.0.0.1',
    'protocols = imap',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'auth_failure_delay = 0',
    'login_greeting = Shiftdesk test IMAP ready.',
    `first_valid_uid = ${ids.uid}`,
    `first_valid_gid = ${ids.gid}`,
    `mail_uid = ${ids.uid}`,
    `mail_gid = ${ids.gid}`,
    'mail_location = maildir:~/Maildir',
    'mail_fsync = never',
    // inotify makes IDLE prompt already; this is the fallback when inotify is not available.
    'mailbox_idle_check_interval = 1 secs',
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${join(dir, 'users')}`,
    '}',
    'userdb {',
    '  driver = passwd-file',
    `  args = username_format=%u ${join(dir, 'users')}`,
    '}',
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    '  mailbox Sent {',
    '    special_use = \\Sent',
    '    auto = subscribe',
    '  }',
    '  mailbox Drafts {',
    '    special_use = \\Drafts',
    '    auto = subscribe',
    '  }',
    '}',
    'protocol imap {',
    '  mail_max_userip_connections = 500',
    '}',
    'service imap-login {',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
  ];
  // No auth penalty: a test of a wrong password would otherwise slow every later login from
  // 127.0.0.1 by seconds (anvil's penalty doubles per failure).
  const anvil = ['service anvil {', '  unix_listener anvil-auth-penalty {', '    mode = 0', '  }'];
  if (ids.root) {
    lines.push('}', 'default_login_user = dovenull', 'default_internal_user = dovecot', ...anvil, '}');
  } else {
    // Without root there is no chroot and no user switching: every service runs as us.
    lines.push('  chroot =', '}');
    lines.push(`default_login_user = ${ids.name}`, `default_internal_user = ${ids.name}`, `default_internal_group = ${ids.group}`);
    lines.push(...anvil, '  chroot =', '}');
    for (const service of ['imap-urlauth-login', 'aggregator', 'director']) lines.push(`service ${service} {`, '  chroot =', '}');
    lines.push('service auth-worker {', `  user = ${ids.name}`, '}');
  }
  const path = join(dir, 'dovecot.conf');
  writeFileSync(path, lines.join('\n') + '\n', { mode: 0o644 });
  return path;
}

/** Header name (lower-case) → unfolded value, first occurrence wins. */
export function parseHeaders(raw: Buffer | string): Record<string, string> {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const block = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const field of block.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = field.slice(colon + 1).trim();
  }
  return headers;
}

function responseError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function addressOf(address: SMTPServerAddress | false): string {
  return address === false ? '' : address.address;
}

/**
 * The dovecot masters we started: on exit they get SIGTERM (the master takes its children along);
 * each one's watchdog then removes the temp dir once this process is gone.
 */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
}

/**
 * A watchdog for the case where this process dies without running its exit hooks (SIGKILL): it
 * polls our pid and, once we are gone, stops dovecot and removes the temp dir.
 */
function startWatchdog(dovecotPid: number, dir: string): ChildProcess {
  const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -TERM "$2" 2>/dev/null; sleep 2; kill -KILL "$2" 2>/dev/null; rm -rf "$3"';
  const watchdog = spawn('/bin/sh', ['-c', script, 'shiftdesk-dovecot-watchdog', String(process.pid), String(dovecotPid), dir], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.unref();
  return watchdog;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Quote an IMAP astring (ASCII mailbox names, logins, passwords). */
function quoted(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error(`cannot quote ${JSON.stringify(value)}`);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export async function startMailServer(options: MailServerOptions = {}): Promise<MailServer> {
  if (!existsSync(DOVECOT_BIN)) throw new Error(`dovecot is not installed at ${DOVECOT_BIN} (apt-get install dovecot-imapd)`);
  const users = (options.users ?? DEFAULT_USERS).map((u) => ({ ...u }));
  for (const { user, password } of users) {
    if (/[:\s]/.test(user) || /[:\r\n]/.test(password)) throw new Error(`unusable test account ${JSON.stringify(user)}`);
  }
  const passwords = new Map(users.map((u) => [u.user.toLowerCase(), u]));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const ids = idsOf();
  installExitHook();

  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-dovecot-'));
  // The auth process (user `dovecot`) reads the users file and the mail processes (user `mail`)
  // live below this dir: let them in.
  chmodSync(dir, 0o755);
  writeFileSync(
    join(dir, 'users'),
    users.map(({ user, password }) => `${user}:{PLAIN}${password}:${ids.uid}:${ids.gid}::${homeOf(dir, user)}::\n`).join(''),
    { mode: 0o644 },
  );
  mkdirSync(join(dir, 'mail'), { mode: 0o755 });
  for (const { user } of users) {
    const home = homeOf(dir, user);
    mkdirSync(join(home, 'Maildir'), { recursive: true, mode: 0o700 });
    if (ids.root) {
      for (let path = home; path !== join(dir, 'mail'); path = join(path, '..')) chownSync(path, ids.uid, ids.gid);
      chownSync(join(home, 'Maildir'), ids.uid, ids.gid);
    }
  }

  const logPath = join(dir, 'dovecot.log');
  let stderr = '';
  const log = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '') + stderr;
  const tail = () => log().split('\n').slice(-30).join('\n');

  let child: ChildProcess | undefined;
  let watchdog: ChildProcess | undefined;
  let port = 0;
  let config = '';
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    config = writeConfig(dir, port, ids);
    const started = spawn(DOVECOT_BIN, ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    live.add(started);
    const guard = startWatchdog(started.pid!, dir);
    started.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = once(started, 'exit');
    let gone = false;
    void exited.then(() => {
      gone = true;
      live.delete(started);
    });
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (!gone && Date.now() < deadline) {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: users[0]!.user, pass: users[0]!.password }, logger: false, disableAutoIdle: true });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.logout();
        child = started;
        watchdog = guard;
        break;
      } catch (error) {
        lastError = String(error);
        client.close();
        await sleep(50);
      }
    }
    if (child !== undefined) break;
    if (!gone) {
      started.kill('SIGKILL');
      await exited;
    }
    guard.kill('SIGKILL');
    if (attempt < 3 && /Address already in use/i.test(log())) continue;
    const message = `dovecot did not accept a login on 127.0.0.1:${port} (${lastError}); log tail:\n${tail()}`;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(message);
  }
  const dovecot = child;
  const dovecotExited = dovecot.exitCode === null && dovecot.signalCode === null ? once(dovecot, 'exit') : Promise.resolve();
  const dovecotGuard = watchdog!;

  function account(user: string): MailUser {
    const found = passwords.get(user.toLowerCase());
    if (found === undefined) throw new Error(`no test account ${user}`);
    return found;
  }

  function imapOptions(user: string) {
    const { user: login, password } = account(user);
    return { host: '127.0.0.1', port, secure: false as const, auth: { user: login, pass: password }, logger: false as const };
  }

  async function withClient<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({ ...imapOptions(user), disableAutoIdle: true });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
    if (folder.toUpperCase() === 'INBOX') return;
    const found = await client.list();
    if (!found.some((box) => box.path === folder)) await client.mailboxCreate(folder);
  }

  async function append(user: string, folder: string, raw: string | Buffer, opts: AppendOptions = {}): Promise<void> {
    await withClient(user, async (client) => {
      await ensureFolder(client, folder);
      const result = await client.append(folder, raw, opts.flags ?? [], opts.internalDate);
      if (result === false) throw new Error(`APPEND to ${folder} as ${user} failed`);
    });
  }

  /**
   * One connection, one MULTIAPPEND command per batch with non-synchronizing literals (LITERAL+):
   * no round trip per message. Spoken by hand because imapflow sends one APPEND at a time.
   */
  async function appendMany(user: string, folder: string, items: AppendItem[]): Promise<void> {
    if (items.length === 0) return;
    // Create the folder with imapflow (it knows the namespace and UTF-7 rules).
    await withClient(user, (client) => ensureFolder(client, folder));
    const raws = items.map((item) => (typeof item === 'string' || Buffer.isBuffer(item) ? { raw: item, internalDate: undefined } : item));
    if (!/^[\x20-\x7e]+$/.test(folder)) {
      for (const { raw, internalDate } of raws) await append(user, folder, raw, internalDate ? { internalDate } : {});
      return;
    }
    const { user: login, password } = account(user);
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    let buffered = '';
    const waiters: { tag: string; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
    let greeting: (() => void) | undefined;
    const greeted = new Promise<void>((resolve) => (greeting = resolve));
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      for (const waiter of waiters.splice(0)) waiter.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('IMAP connection closed')));
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let nl = buffered.indexOf('\r\n'); nl >= 0; nl = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 2);
        if (line.startsWith('* OK') && greeting !== undefined) {
          greeting();
          greeting = undefined;
          continue;
        }
        const waiter = waiters[0];
        if (waiter !== undefined && line.startsWith(`${waiter.tag} `)) {
          waiters.shift();
          const status = line.slice(waiter.tag.length + 1);
          if (status.startsWith('OK')) waiter.resolve(status);
          else waiter.reject(new Error(`IMAP ${status}`));
        }
      }
    });
    let next = 0;
    const command = (parts: (string | Buffer)[]): Promise<string> => {
      if (failure !== undefined) return Promise.reject(failure);
      const tag = `A${++next}`;
      const done = new Promise<string>((resolve, reject) => waiters.push({ tag, resolve, reject }));
      socket.write(`${tag} `);
      for (const part of parts) socket.write(part);
      socket.write('\r\n');
      return done;
    };
    try {
      await Promise.race([greeted, once(socket, 'close').then(() => Promise.reject(failure ?? new Error('IMAP connection closed')))]);
      await command([`LOGIN ${quoted(login)} ${quoted(password)}`]);
      const batch = 250;
      for (let start = 0; start < raws.length; start += batch) {
        const parts: (string | Buffer)[] = [`APPEND ${quoted(folder)}`];
        for (const { raw, internalDate } of raws.slice(start, start + batch)) {
          const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
          parts.push(`${internalDate ? ` ${imapDateTime(internalDate)}` : ''} {${bytes.length}+}\r\n`, bytes);
        }
        await command(parts);
      }
      await command(['LOGOUT']).catch(() => undefined);
    } finally {
      socket.destroy();
    }
  }

  async function list(user: string, folder: string): Promise<ListedMessage[]> {
    return withClient(user, async (client) => {
      const box = await client.mailboxOpen(folder, { readOnly: true });
      if (box.exists === 0) return [];
      const fetched = await client.fetchAll('1:*', { uid: true, flags: true, source: true });
      return fetched
        .map((message) => {
          const raw = message.source ?? Buffer.alloc(0);
          const headers = parseHeaders(raw);
          return { uid: message.uid, messageId: headers['message-id'] ?? null, flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(), headers, raw };
        })
        .sort((a, b) => a.uid - b.uid);
    });
  }

  async function uidValidity(user: string, folder: string): Promise<number> {
    return withClient(user, async (client) => {
      const status = await client.status(folder, { uidValidity: true });
      if (status === false || status.uidValidity === undefined) throw new Error(`no STATUS for ${folder}`);
      return Number(status.uidValidity);
    });
  }

  async function resetUidValidity(user: string, folder: string): Promise<number> {
    const before = await uidValidity(user, folder);
    // UIDVALIDITY is a 32-bit number; dovecot picks the current time for new mailboxes.
    const wanted = Math.max(before + 1, Math.floor(Date.now() / 1000));
    const result = spawnSync(DOVEADM_BIN, ['-c', config, 'mailbox', 'update', '-u', account(user).user, '--uid-validity', String(wanted), folder], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`doveadm mailbox update failed (${result.status}): ${result.stderr}${result.stdout}`);
    const after = await uidValidity(user, folder);
    if (after === before) throw new Error(`UIDVALIDITY of ${folder} did not change (${before})`);
    return after;
  }

  // --- SMTP ----------------------------------------------------------------------------------
  const received: ReceivedMail[] = [];
  const failures: { code: number; message: string }[] = [];
  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'Shiftdesk test SMTP',
    closeTimeout: 1_000,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      if (passwords.has(address.address.toLowerCase())) callback();
      else callback(responseError(550, `5.1.1 <${address.address}>: no such user here`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failing = failures[0];
        if (failing !== undefined) {
          failures.shift();
          callback(responseError(failing.code, failing.message));
          return;
        }
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        void (async () => {
          for (const recipient of to) await append(recipient, 'INBOX', raw);
        })().then(
          () => {
            received.push({ from: addressOf(session.envelope.mailFrom), to, raw });
            callback();
          },
          (error: unknown) => callback(responseError(451, `4.3.0 delivery failed: ${String(error)}`)),
        );
      });
    },
  });
  smtp.on('error', () => undefined);

  let stopped = false;
  let smtpListening = false;
  async function shutdown(): Promise<void> {
    if (stopped) return;
    stopped = true;
    if (smtpListening) await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (dovecot.exitCode === null && dovecot.signalCode === null) {
      dovecot.kill('SIGTERM');
      const timer = setTimeout(() => dovecot.kill('SIGKILL'), 5_000);
      await dovecotExited;
      clearTimeout(timer);
    }
    live.delete(dovecot);
    if (dovecotGuard.exitCode === null && dovecotGuard.signalCode === null) dovecotGuard.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }

  let smtpPort: number;
  try {
    await new Promise<void>((resolve, reject) => {
      smtp.server.once('error', reject);
      smtp.listen(0, '127.0.0.1', () => resolve());
    });
    smtpListening = true;
    const smtpAddress = smtp.server.address();
    if (smtpAddress === null || typeof smtpAddress === 'string') throw new Error('SMTP receiver has no port');
    smtpPort = smtpAddress.port;
  } catch (error) {
    await shutdown();
    throw error;
  }

  return {
    imap: { host: '127.0.0.1', port },
    smtp: { host: '127.0.0.1', port: smtpPort },
    dir,
    users,
    received,
    imapOptions,
    append,
    appendMany,
    list,
    uidValidity,
    resetUidValidity,
    smtpFailNext(count, code = 451, message = '4.3.0 try again later (test)') {
      for (let i = 0; i < count; i++) failures.push({ code, message });
    },
    log,
    stop: shutdown,
  };
}

const IMAP_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An IMAP date-time (RFC 3501), in UTC: "06-Dec-2026 05:04:03 +0000", quoted. */
function imapDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `"${two(date.getUTCDate())}-${IMAP_MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000"`;
}
