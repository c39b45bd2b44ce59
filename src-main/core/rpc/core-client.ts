import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { EventName, EventPayloads, MethodId, MethodInput, MethodOutputs, ShiftdeskApi } from '../../../src-shared/contract/api';
import type { CoreWorkerData, FromCore, ToCore } from './wire';

export class CoreCallError extends Error {
  constructor(
    name: string,
    message: string,
    /** Core's code for what went wrong (see WireError). */
    readonly code?: string,
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * The shell's handle on the core worker: the contract as async calls plus events. Shells (Electron
 * main, web host) import core only through this.
 */
export class CoreClient implements ShiftdeskApi {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly events = new EventEmitter();
  private nextId = 1;
  readonly ready: Promise<void>;

  constructor(data: CoreWorkerData, options: { workerUrl?: URL } = {}) {
    const workerUrl = options.workerUrl ?? new URL(import.meta.url.endsWith('.ts') ? './core-worker.ts' : './core-worker.js', import.meta.url);
    this.worker = workerUrl.pathname.endsWith('.ts')
      ? // Running from source (tests, `tsx`): Node 20 workers do not inherit the TypeScript loader, so register it first.
        new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`, { eval: true, workerData: data })
      : new Worker(workerUrl, { workerData: data });
    this.events.setMaxListeners(0);
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: FromCore) => {
        switch (message.type) {
          case 'ready':
            return resolve();
          case 'fatal':
            return reject(new CoreCallError(message.error.name, message.error.message, message.error.code));
          case 'result':
            this.pending.get(message.id)?.resolve(message.result);
            this.pending.delete(message.id);
            return;
          case 'error':
            this.pending.get(message.id)?.reject(new CoreCallError(message.error.name, message.error.message, message.error.code));
            this.pending.delete(message.id);
            return;
          case 'event':
            this.events.emit(message.event, message.payload);
            return;
          case 'stopped':
            this.events.emit('stopped');
            return;
        }
      });
      this.worker.on('error', reject);
    });
  }

  call<M extends MethodId>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ type: 'call', id, method, input });
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.events.once('stopped', () => resolve()));
    this.post({ type: 'stop' });
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
    await this.worker.terminate();
  }

  private post(message: ToCore): void {
    this.worker.postMessage(message);
  }
}
