// Core as a child process for the shift simulation (core-host.ts: what the core worker runs, over
// the process's IPC channel), driven through the contract as the renderer drives it and killed
// with SIGKILL as a crash would. It is bundled once per test process with the production bundle
// options of the core worker (src-main/electron/tools/bundles.ts), so core runs as the packaged
// app runs it, and a restart costs a process start, not a TypeScript compile.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { ROOT, WORKER_BUNDLE } from '../../../src-main/electron/tools/bundles';
import type { EventName, EventPayloads, MethodId, MethodInput, MethodOutputs } from '../../../src-shared/contract/api';
import type { CoreWorkerData } from '../../../src-main/core/rpc/wire';

let built: Promise<string> | null = null;

/**
 * Builds core-host.js into a temporary folder of its own (removed when this process exits). The
 * native modules stay external, imported by their absolute paths in this checkout, so the bundle
 * needs no node_modules beside it and nothing is written into the repository.
 */
export function buildCoreBundles(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-core-host-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const require = createRequire(join(ROOT, 'package.json'));
    const nativeByPath: Plugin = {
      name: 'native-modules-by-path',
      setup(b) {
        b.onResolve({ filter: /^(better-sqlite3|keytar)$/ }, (args) => ({ path: pathToFileURL(require.resolve(args.path)).href, external: true }));
      },
    };
    await build({ ...WORKER_BUNDLE, sourcemap: false, logLevel: 'error', entryPoints: [join(ROOT, 'tests/helpers/shift-sim/core-host.ts')], outfile: join(dir, 'core-host.js'), plugins: [nativeByPath] });
    return dir;
  })();
  return built;
}

export class CallLostError extends Error {
  constructor(method: string) {
    super(`${method}: core went away before answering`);
    this.name = 'CallLostError';
  }
}

export class CoreCallFailed extends Error {
  constructor(
    name: string,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = name;
  }
}

type FromHost =
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: { name: string; message: string; code?: string } }
  | { type: 'event'; event: EventName; payload: unknown };

/** One run of core: start, call, listen, stop or kill. A new instance per (re)start. */
export class CoreProcess {
  private readonly pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private nextId = 1;
  private stderr = '';
  readonly exited: Promise<unknown>;
  alive = true;

  private constructor(private readonly child: ChildProcess) {
    this.exited = once(child, 'exit').then(() => {
      this.alive = false;
      for (const [id, call] of this.pending) {
        this.pending.delete(id);
        call.reject(new CallLostError(call.method));
      }
    });
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-20_000)));
    // IPC errors of a dying process are answered per call (CallLostError); none may go unhandled.
    child.on('error', () => undefined);
    child.on('message', (message: FromHost) => {
      if (message.type === 'result' || message.type === 'error') {
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.type === 'result') call.resolve(message.result);
        else call.reject(new CoreCallFailed(message.error.name, message.error.message, message.error.code));
      } else if (message.type === 'event') {
        for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
      }
    });
  }

  static async start(data: CoreWorkerData, timeoutMs = 30_000): Promise<CoreProcess> {
    const dir = await buildCoreBundles();
    const child = spawn(process.execPath, [join(dir, 'core-host.js')], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, SHIFT_SIM_CORE: JSON.stringify(data) },
    });
    const core = new CoreProcess(child);
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`core did not start within ${timeoutMs} ms: ${core.stderr}`)), timeoutMs);
      child.on('message', (message: FromHost) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (message.type === 'fatal') {
          clearTimeout(timer);
          reject(new Error(`core failed to start: ${message.error}`));
        }
      });
      void core.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`core exited while starting: ${core.stderr}`));
      });
    });
    try {
      await ready;
    } catch (error) {
      await core.kill();
      throw error;
    }
    return core;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  log(): string {
    return this.stderr;
  }

  /** A contract call; rejects with CallLostError when core dies first, or after `timeoutMs`. */
  call<M extends MethodId>(method: M, input: MethodInput<M>, timeoutMs = 30_000): Promise<MethodOutputs[M]> {
    if (!this.alive) return Promise.reject(new CallLostError(method));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as MethodOutputs[M]);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      // A core that is dying refuses the message (or fails it later): the call is lost, like one
      // a crash swallowed after it was sent.
      const lost = () => {
        const call = this.pending.get(id);
        if (!call) return;
        this.pending.delete(id);
        clearTimeout(timer);
        call.reject(new CallLostError(method));
      };
      try {
        this.child.send({ type: 'call', id, method, input }, (error) => {
          if (error) lost();
        });
      } catch {
        lost();
      }
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  /** kill -9: no goodbye, no flush. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (core closes its database); SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    try {
      this.child.send({ type: 'stop' });
    } catch {
      this.child.kill('SIGKILL');
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
