import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './web-host';

// The demo helpdesk as its own program (`npm run demo-server`, src-main/demo/cli.ts), for tests
// that take the helpdesk down for real: stop() ends the process, so its port refuses connections;
// restart() brings it back on the same port with the same dataset (seed, size and anchor time).
// A web host started with `demoUrl` (--demo-url) uses it instead of its embedded demo.
//
// The demo keeps its state in memory: a restarted demo serves the generated data again, without
// writes made before the stop. Tests stop it before writing anything, so the app's cache and the
// restarted demo agree (same tickets, same updated_at stamps, same export cursors).

export interface DemoProcessOptions {
  seed: number;
  cases: number;
}

export interface DemoProcess {
  /** e.g. http://127.0.0.1:4321 (the same across restarts) */
  readonly url: string;
  readonly running: boolean;
  /** Ends the process (SIGTERM; SIGKILL after 5 s); resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same dataset. */
  restart(): Promise<void>;
  /** What the demo wrote to stderr so far, over all its runs. */
  stderrText(): string;
}

interface Run {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

export async function startDemoProcess(options: DemoProcessOptions): Promise<DemoProcess> {
  // One anchor time for every run: the same seed then gives exactly the same data.
  const anchorTime = Math.floor(Date.now() / 60_000) * 60_000;
  let stderr = '';
  const launch = async (port: number): Promise<Run> => {
    const args = ['--import', 'tsx', 'src-main/demo/cli.ts', '--port', String(port), '--seed', String(options.seed), '--cases', String(options.cases), '--anchor-time', String(anchorTime), '--rate-limits', 'off',
      // The specs watch the screen react to the demo's changes at once, not the export's one-minute lag.
      '--export-lag-ms', '0'];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-50_000);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo helpdesk did not print DEMO_URL within 60 s\nstderr:\n${stderr}`)), 60_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^DEMO_URL=(\S+)/.exec(line.trim());
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!.replace(/\/+$/, ''));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`demo helpdesk exited (${code ?? signal}) before printing DEMO_URL\nstderr:\n${stderr}`));
      });
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
    return { child, url, exited };
  };

  let run: Run | null = await launch(0);
  const url = run.url;
  const port = Number(new URL(url).port);
  const stop = async (): Promise<void> => {
    const current = run;
    run = null;
    if (!current || current.child.exitCode !== null || current.child.signalCode !== null) return;
    const kill = setTimeout(() => current.child.kill('SIGKILL'), 5_000);
    current.child.kill('SIGTERM');
    await current.exited;
    clearTimeout(kill);
  };
  return {
    url,
    get running() {
      return run !== null;
    },
    stop,
    restart: async () => {
      await stop();
      run = await launch(port);
      if (run.url !== url) throw new Error(`the demo helpdesk came back at ${run.url}, not ${url}`);
    },
    stderrText: () => stderr,
  };
}

/** Resolves once nothing accepts connections at `url` any more (the helpdesk is really down). */
export async function waitUntilRefused(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED') return;
    }
    if (Date.now() > deadline) throw new Error(`${url} still accepts connections after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
