// Run inside a D-Bus session with an unlocked GNOME Keyring (see keychain.test.ts): a helpdesk
// account and a presence broker password are kept in the keychain through core; the keychain then
// loses both entries and core starts again on the same profile. Reports what core says about the
// account and presence, that a wrong token is refused and keeps nothing, and that the right token
// and password, entered again, go to the keychain (never the database) and sync resumes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer } from '../../src-main/demo/index';
import { presenceSecretKey } from '../../src-main/core/presence/presence-settings';
import { ShiftdeskCore } from '../../src-main/core/rpc/shiftdesk-core';
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store';

const BROKER = { brokerUrl: 'mqtt://127.0.0.1:1', username: DEMO_AGENT_EMAIL };
const BROKER_PASSWORD = 'broker-sécret-✓';

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const demo = await startDemoServer({ seed: 3, cases: 40, presence: false, teammates: false });
const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-keytar-missing-'));
const dbPath = join(dir, 'profile.db');
const secrets = new KeytarSecretStore(`Shiftdesk-test-${process.pid}`);
const seen: Record<string, unknown> = {};
let accountId = 0;
try {
  const first = new ShiftdeskCore({ dbPath, secrets, followIntervalMs: 200 });
  await first.start();
  accountId = (await first.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN })).id;
  await until('the first sync', () => first.syncStatus().some((s) => s.accountId === accountId && s.historyComplete));
  await first.call('presence:settings:set', { ...BROKER, workspace: 'support', password: BROKER_PASSWORD });
  await first.stop();

  // The keychain loses both entries (a new machine, a reset keyring).
  await secrets.delete(`account:${accountId}:token`);
  await secrets.delete(presenceSecretKey(BROKER));

  const core = new ShiftdeskCore({ dbPath, secrets, followIntervalMs: 200 });
  await core.start();
  try {
    seen.missing = (await core.call('accounts:list', {})).find((a) => a.id === accountId)?.missingSecrets;
    const status = (await core.call('sync:status', {})).find((s) => s.accountId === accountId);
    seen.status = status && { state: status.state, problem: status.notices[0]?.problem ?? null, historyComplete: status.historyComplete };
    seen.presence = await core.call('presence:settings:get', {});

    // A wrong token is refused by the helpdesk: nothing is kept, the account still lacks it.
    try {
      await core.call('accounts:setSecrets', { id: accountId, token: 'not-the-token' });
      seen.wrongToken = 'kept';
    } catch (error) {
      seen.wrongToken = (error as { code?: string }).code ?? (error as Error).message;
    }
    seen.keychainAfterWrong = await secrets.get(`account:${accountId}:token`);

    // The right one: checked, kept in the keychain, and the account syncs again.
    const result = await core.call('accounts:setSecrets', { id: accountId, token: DEMO_TOKEN });
    seen.entered = { checked: result.checked, missing: result.account.missingSecrets };
    seen.keychainAfterEntry = (await secrets.get(`account:${accountId}:token`)) === DEMO_TOKEN;
    await until('sync after the token was entered again', () => core.syncStatus().some((s) => s.accountId === accountId && s.state === 'following' && s.notices.length === 0));
    seen.syncsAgain = true;

    seen.presenceEntered = await core.call('presence:settings:set', { ...BROKER, workspace: 'support', password: BROKER_PASSWORD });
    seen.brokerPasswordInKeychain = (await secrets.get(presenceSecretKey(BROKER))) === BROKER_PASSWORD;

    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = [dbPath, `${dbPath}-wal`].flatMap((f) => {
      try {
        return [readFileSync(f)];
      } catch {
        return [];
      }
    });
    seen.secretsInDatabase = files.some((bytes) => bytes.includes(Buffer.from(DEMO_TOKEN)) || bytes.includes(Buffer.from(BROKER_PASSWORD)));
  } finally {
    await core.stop();
  }
} finally {
  await secrets.delete(`account:${accountId}:token`).catch(() => false);
  await secrets.delete(presenceSecretKey(BROKER)).catch(() => false);
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(seen));
process.exit(0);
