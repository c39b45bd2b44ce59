import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// Starts the web host (`src-main/web/cli.ts`) as a child process on a fresh profile, the way a
// user runs `npm run web`, and parses the two URLs it prints.

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface WebHostOptions {
  cases: number;
  seed?: number;
  /** Average ms between the demo's own live changes; tests step the demo instead, so default one hour. */
  liveIntervalMs?: number;
  /** Extra command-line arguments (e.g. demo rate-limit options). */
  extraArgs?: string[];
  /** How long to wait for the SHIFTDESK_URL line. */
  startTimeoutMs?: number;
  /** Where the host's stderr goes: collected (default) or inherited. */
  stderr?: 'collect' | 'inherit';
  /** Use this profile folder and keep it afterwards (default: a fresh temporary one, removed on stop). */
  profileDir?: string;
  /**
   * Use the demo helpdesk already running at this URL (`--demo-url`, see demo-process.ts) instead of
   * embedding one: the test can then stop it for real. `cases`, `seed` and `liveIntervalMs` do not apply.
   */
  demoUrl?: string;
}

export interface WebHost {
  /** The printed SHIFTDESK_URL, token included. */
  readonly appUrl: string;
  /** The app's origin, e.g. http://127.0.0.1:1234 */
  readonly origin: string;
  /** The embedded demo helpdesk, e.g. http://127.0.0.1:4321 */
  readonly demoUrl: string;
  /** The presence broker the host uses (`PRESENCE_URL=mqtt://…`, printed with the demo's URL), or null. */
  readonly presenceUrl: string | null;
  readonly profileDir: string;
  readonly child: ChildProcess;
  /** What the host wrote to stderr so far (for failure messages). */
  stderrText(): string;
  stop(): Promise<void>;
}

export function assertRendererBuilt(): void {
  if (!existsSync(join(REPO_ROOT, 'dist/renderer/index.html'))) {
    throw new Error('dist/renderer/index.html is missing: build the renderer first (`npx vite build`; `npm test` does it before `playwright test`).');
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  assertRendererBuilt();
  const keepProfile = options.profileDir !== undefined;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'shiftdesk-e2e-'));
  const demoArgs = options.demoUrl
    ? ['--demo-url', options.demoUrl]
    : [
        '--demo-cases', String(options.cases), '--demo-seed', String(options.seed ?? 7), '--demo-live-interval-ms', String(options.liveIntervalMs ?? 3_600_000),
        // The specs watch the screen react to the demo's changes at once, not the export's one-minute lag.
        '--demo-export-lag-ms', '0',
      ];
  const args = ['--import', 'tsx', 'src-main/web/cli.ts', '--port', '0', '--profile', profileDir, '--secrets', 'memory', ...demoArgs, ...(options.extraArgs ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', options.stderr === 'inherit' ? 'inherit' : 'pipe'],
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'test' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const stdoutLines: string[] = [];
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  // Printed in the same write as DEMO_URL, so it is known by the time the URLs are resolved.
  let presenceUrl: string | null = null;
  const urls = await new Promise<{ appUrl: string; demoUrl: string }>((resolvePromise, reject) => {
    let appUrl: string | null = null;
    let demoUrl: string | null = null;
    const timer = setTimeout(
      () => reject(new Error(`web host did not print SHIFTDESK_URL and DEMO_URL within ${options.startTimeoutMs ?? 120_000} ms.\nstdout:\n${stdoutLines.join('\n')}\nstderr:\n${stderr}`)),
      options.startTimeoutMs ?? 120_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      stdoutLines.push(line);
      const app = /^SHIFTDESK_URL=(\S+)/.exec(line.trim());
      const demo = /^DEMO_URL=(\S+)/.exec(line.trim());
      const presence = /^PRESENCE_URL=(\S+)/.exec(line.trim());
      if (presence) presenceUrl = presence[1]!;
      if (app) appUrl = app[1]!;
      if (demo) demoUrl = demo[1]!;
      if (appUrl && demoUrl) {
        clearTimeout(timer);
        resolvePromise({ appUrl, demoUrl });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web host exited (${code ?? signal}) before printing its URLs.\nstdout:\n${stdoutLines.join('\n')}\nstderr:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    if (!exited) child.kill('SIGKILL');
    if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    throw error;
  });

  return {
    appUrl: urls.appUrl,
    origin: new URL(urls.appUrl).origin,
    demoUrl: urls.demoUrl.replace(/\/+$/, ''),
    get presenceUrl() {
      return presenceUrl;
    },
    profileDir,
    child,
    stderrText: () => stderr,
    stop: async () => {
      if (!exited) {
        await new Promise<void>((resolveStop) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolveStop();
          });
          child.kill('SIGTERM');
        });
      }
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
