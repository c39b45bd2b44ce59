// A real mosquitto on loopback for the presence tests (DESIGN §11): a temp dir with a password file
// (written as `user:password` lines, hashed with `mosquitto_passwd -U`), the shipped ACL
// (resources/mosquitto/acl) and a configuration derived from the shipped example
// (resources/mosquitto/mosquitto.conf: its listener, file paths and persistence rewritten).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';
export const MOSQUITTO_PASSWD_BIN = process.env.MOSQUITTO_PASSWD_BIN ?? '/usr/bin/mosquitto_passwd';

const EXAMPLE_DIR = join(process.cwd(), 'resources', 'mosquitto');

export interface MosquittoOptions {
  /** user name → password */
  users: Record<string, string>;
  /** A fixed port (to bring a broker up where clients already wait); default: a free one. */
  port?: number;
}

export interface Mosquitto {
  url: string;
  port: number;
  dir: string;
  /** What mosquitto logged (stderr). */
  log(): string;
  /** SIGTERM, wait for the exit, remove the temp dir. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Does something accept TCP connections on this loopback port? */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function writeConfig(dir: string, port: number): string {
  const example = readFileSync(join(EXAMPLE_DIR, 'mosquitto.conf'), 'utf8');
  const lines = example.split('\n').map((line) => {
    if (/^listener\s/.test(line)) return `listener ${port} 127.0.0.1`;
    if (/^password_file\s/.test(line)) return `password_file ${join(dir, 'passwd')}`;
    if (/^acl_file\s/.test(line)) return `acl_file ${join(dir, 'acl')}`;
    if (/^persistence\s/.test(line)) return 'persistence false';
    if (/^persistence_location\s/.test(line)) return `persistence_location ${dir}/`;
    return line;
  });
  for (const required of ['listener ', 'password_file ', 'acl_file ', 'allow_anonymous false']) {
    if (!lines.some((line) => line.startsWith(required))) throw new Error(`resources/mosquitto/mosquitto.conf has no "${required.trim()}" line`);
  }
  // As root, mosquitto would switch to the `mosquitto` user, which cannot read a private temp dir.
  if (process.getuid?.() === 0) lines.push('user root');
  lines.push('log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice');
  const path = join(dir, 'mosquitto.conf');
  writeFileSync(path, lines.join('\n'));
  return path;
}

export async function startMosquitto(options: MosquittoOptions, timeoutMs = 10_000): Promise<Mosquitto> {
  if (!existsSync(MOSQUITTO_BIN)) throw new Error(`mosquitto is not installed at ${MOSQUITTO_BIN} (apt-get install mosquitto)`);
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-mosquitto-'));
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, Object.entries(options.users).map(([user, password]) => `${user}:${password}\n`).join(''), { mode: 0o600 });
  const hashed = spawnSync(MOSQUITTO_PASSWD_BIN, ['-U', passwd], { encoding: 'utf8' });
  if (hashed.status !== 0) throw new Error(`mosquitto_passwd -U failed: ${hashed.stderr}`);
  copyFileSync(join(EXAMPLE_DIR, 'acl'), join(dir, 'acl'));

  const fixedPort = options.port;
  for (let attempt = 0; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const config = writeConfig(dir, port);
    const child: ChildProcess = spawn(MOSQUITTO_BIN, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const exited = once(child, 'exit');
    let gone = false;
    void exited.then(() => (gone = true));
    const deadline = Date.now() + timeoutMs;
    while (!gone && Date.now() < deadline && !(await canConnect(port))) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!gone && Date.now() < deadline) {
      return {
        url: `mqtt://127.0.0.1:${port}`,
        port,
        dir,
        log: () => log,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            await exited;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (!gone) {
      child.kill('SIGKILL');
      await exited;
    }
    // Someone took the free port between our probe and mosquitto's bind: try another one.
    if (fixedPort === undefined && attempt < 3 && /Address already in use/i.test(log)) continue;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mosquitto did not start on port ${port}: ${log}`);
  }
}
