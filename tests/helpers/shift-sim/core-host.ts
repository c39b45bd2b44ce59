// The shift simulation's core process: core exactly as the core worker runs it
// (src-main/core/rpc/core-worker.ts: ShiftdeskCore, its events, the contract's single entry
// `call`), with the process's IPC channel in place of the worker's message port, so the
// simulation drives it as the renderer does and can SIGKILL it. Bundled by core-process.ts with
// the production bundle options; never run from source.
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { toWireError, type CoreWorkerData } from '../../../src-main/core/rpc/wire';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { EVENT_NAMES } from '../../../src-shared/contract/api';

type FromParent = { type: 'call'; id: number; method: string; input: unknown } | { type: 'stop' };

const send = (message: unknown): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const data = JSON.parse(process.env.SHIFT_SIM_CORE ?? '{}') as CoreWorkerData;
  // The keychain of this machine is core's memory: what the person typed in once is seeded again.
  const secrets = new MemorySecretStore();
  for (const [key, value] of Object.entries(data.seedSecrets ?? {})) await secrets.set(key, value);
  const core = new ShiftdeskCore({ dbPath: data.dbPath, secrets, ...(data.followIntervalMs !== undefined ? { followIntervalMs: data.followIntervalMs } : {}) });
  for (const event of EVENT_NAMES) core.on(event, (payload) => send({ type: 'event', event, payload }));
  process.on('message', (message: FromParent) => {
    if (message.type === 'stop') {
      void core.stop().finally(() => process.exit(0));
      return;
    }
    core.call(message.method as never, message.input as never).then(
      (result) => send({ type: 'result', id: message.id, result }),
      (error: unknown) => send({ type: 'error', id: message.id, error: toWireError(error) }),
    );
  });
  await core.start();
  send({ type: 'ready' });
}

// The parent going away ends this process, like a window closing.
process.on('disconnect', () => process.exit(0));
main().catch((error: unknown) => {
  send({ type: 'fatal', error: String(error) });
  process.exit(1);
});
