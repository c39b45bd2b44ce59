import { parentPort, workerData } from 'node:worker_threads';
import { EVENT_NAMES } from '../../../src-shared/contract/api';
import { KeytarSecretStore } from '../secrets/keytar-secret-store';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';
import { ShiftdeskCore } from './shiftdesk-core';
import { toWireError, type CoreWorkerData, type FromCore, type ToCore } from './wire';

// The core worker: runs ShiftdeskCore off the shell's main thread (a million-row sync never
// blocks a window) and answers contract calls over the worker's port.

const port = parentPort;
if (!port) throw new Error('core-worker must run in a worker thread');
const data = workerData as CoreWorkerData;
const send = (message: FromCore) => port.postMessage(message);

async function main(): Promise<void> {
  let secrets: SecretStore;
  if (data.secrets === 'memory') {
    const memory = new MemorySecretStore();
    for (const [key, value] of Object.entries(data.seedSecrets ?? {})) await memory.set(key, value);
    secrets = memory;
  } else secrets = new KeytarSecretStore();
  const core = new ShiftdeskCore({
    dbPath: data.dbPath,
    secrets,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    ...(data.followIntervalMs !== undefined ? { followIntervalMs: data.followIntervalMs } : {}),
    ...(data.autoSync !== undefined ? { autoSync: data.autoSync } : {}),
  });
  for (const event of EVENT_NAMES) core.on(event, (payload) => send({ type: 'event', event, payload }));
  port!.on('message', (message: ToCore) => {
    if (message.type === 'stop') {
      void core.stop().finally(() => send({ type: 'stopped' }));
      return;
    }
    core.call(message.method, message.input as never).then(
      (result) => send({ type: 'result', id: message.id, result }),
      (error: unknown) => send({ type: 'error', id: message.id, error: toWireError(error) }),
    );
  });
  await core.start();
  send({ type: 'ready' });
}

main().catch((error: unknown) => send({ type: 'fatal', error: toWireError(error) }));
