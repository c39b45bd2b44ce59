// Run inside a D-Bus session with an unlocked GNOME Keyring (see keychain.test.ts): a mailbox with
// its own SMTP password is added through core; the keychain then loses both passwords and core
// starts again on the same profile. Reports what core says is missing, that a wrong password is
// refused by the mail server and keeps nothing, that both are asked for, and that once entered
// again they are in the keychain only and new mail syncs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShiftdeskCore } from '../../src-main/core/rpc/shiftdesk-core';
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store';
import { SUPPORT_PASSWORD, SUPPORT_USER, startMailServer } from './dovecot';
import { mailAccountInput } from './mail-account';
import { makeMail } from './mail-corpus';

const SMTP_PASSWORD = 'smtp-only-sécret-✓';

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'kept';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).name;
  }
}

const server = await startMailServer();
const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-keytar-missing-mail-'));
const dbPath = join(dir, 'profile.db');
const secrets = new KeytarSecretStore(`Shiftdesk-test-${process.pid}`);
const seen: Record<string, unknown> = {};
let accountId = 0;
const messageCount = (core: ShiftdeskCore, remoteId: string) => core.db.prepare('SELECT count(*) FROM messages WHERE remote_id = ?').pluck().get(remoteId) as number;
try {
  await server.append(SUPPORT_USER, 'INBOX', makeMail({ from: 'lena@example.test', to: SUPPORT_USER, subject: 'Before', messageId: '<before@example.test>', date: Date.now(), text: 'hello' }));
  const first = new ShiftdeskCore({ dbPath, secrets, followIntervalMs: 200 });
  await first.start();
  accountId = (await first.call('accounts:add', mailAccountInput(server, { smtpPassword: SMTP_PASSWORD }))).id;
  await until('the first sync', () => messageCount(first, 'before@example.test') === 1);
  await first.stop();

  await secrets.delete(`account:${accountId}:token`);
  await secrets.delete(`account:${accountId}:smtp-password`);

  const core = new ShiftdeskCore({ dbPath, secrets, followIntervalMs: 200 });
  await core.start();
  try {
    seen.missing = (await core.call('accounts:list', {})).find((a) => a.id === accountId)?.missingSecrets;
    const status = (await core.call('sync:status', {})).find((s) => s.accountId === accountId);
    seen.status = status && { state: status.state, problem: status.notices[0]?.problem ?? null };

    // The mail server refuses a wrong password: nothing is kept.
    seen.wrongPassword = await codeOf(core.call('accounts:setSecrets', { id: accountId, password: 'wrong', smtpPassword: SMTP_PASSWORD }));
    // The SMTP password is lost too: it is asked for, not replaced by the IMAP one behind the agent's back.
    seen.smtpNotGiven = await codeOf(core.call('accounts:setSecrets', { id: accountId, password: SUPPORT_PASSWORD }));
    seen.keychainAfterRefusals = [await secrets.get(`account:${accountId}:token`), await secrets.get(`account:${accountId}:smtp-password`)];

    const result = await core.call('accounts:setSecrets', { id: accountId, password: SUPPORT_PASSWORD, smtpPassword: SMTP_PASSWORD });
    seen.entered = { checked: result.checked, missing: result.account.missingSecrets };
    seen.keychainAfterEntry = [(await secrets.get(`account:${accountId}:token`)) === SUPPORT_PASSWORD, (await secrets.get(`account:${accountId}:smtp-password`)) === SMTP_PASSWORD];
    await server.append(SUPPORT_USER, 'INBOX', makeMail({ from: 'lena@example.test', to: SUPPORT_USER, subject: 'After', messageId: '<after@example.test>', date: Date.now(), text: 'still there?' }));
    await until('new mail after the passwords were entered again', () => messageCount(core, 'after@example.test') === 1);
    seen.syncsAgain = true;

    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = [dbPath, `${dbPath}-wal`].flatMap((f) => {
      try {
        return [readFileSync(f)];
      } catch {
        return [];
      }
    });
    seen.passwordsInDatabase = files.some((bytes) => bytes.includes(Buffer.from(SUPPORT_PASSWORD)) || bytes.includes(Buffer.from(SMTP_PASSWORD)));
  } finally {
    await core.stop();
  }
} finally {
  await secrets.delete(`account:${accountId}:token`).catch(() => false);
  await secrets.delete(`account:${accountId}:smtp-password`).catch(() => false);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(seen));
process.exit(0);
