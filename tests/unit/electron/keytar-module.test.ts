import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreClient } from '../../../src-main/core/rpc/core-client';
import { KEYTAR_MODULE_ENV as CORE_KEYTAR_MODULE_ENV, KeytarSecretStore } from '../../../src-main/core/secrets/keytar-secret-store';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer } from '../../../src-main/demo/index';
import { KEYTAR_MODULE_ENV } from '../../../src-main/electron/native-modules';

// The Electron shell makes core load its Electron-ABI keytar by setting an environment variable
// before starting the worker (shells may not import core's secrets module). Proven here with a
// keytar path that does not exist: the error names it.

describe('keytar module path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-keytar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the variable core reads', () => {
    expect(KEYTAR_MODULE_ENV).toBe(CORE_KEYTAR_MODULE_ENV);
  });

  it('is honoured by the keychain store', async () => {
    const store = new KeytarSecretStore('Shiftdesk-test', join(dir, 'no-keytar-here'));
    await expect(store.get('x')).rejects.toMatchObject({ name: 'KeychainUnavailableError', message: expect.stringContaining('no-keytar-here') });
  });

  it('reaches the core worker through the environment', async () => {
    const demo = await startDemoServer({ seed: 3, cases: 10 });
    process.env[KEYTAR_MODULE_ENV] = join(dir, 'electron-keytar');
    const core = new CoreClient({ dbPath: join(dir, 'profile.db'), secrets: 'keychain', autoSync: false });
    try {
      await core.ready;
      const adding = core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
      await expect(adding).rejects.toMatchObject({ name: 'KeychainUnavailableError', message: expect.stringContaining('electron-keytar') });
    } finally {
      delete process.env[KEYTAR_MODULE_ENV];
      await core.stop();
      await demo.close();
    }
  });
});
