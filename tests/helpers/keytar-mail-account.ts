// Run inside a D-Bus session with an unlocked GNOME Keyring (see keychain.test.ts): adds a mailbox
// account through core with the app's KeytarSecretStore, syncs it, and reports where the
// passwords are (the keychain) and are not (the database file), then removes the account.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShiftdeskCore } from '../../src-main/core/rpc/shiftdesk-core';
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store';
import { SUPPORT_USER, startMailServer } from './dovecot';
import { mailAccountInput } from './mail-account';
import { makeMail } from './mail-corpus';

const SMTP_PASSWORD = 'smtp-only-sécret-✓';
const server = await startMailServer();
const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-keytar-mail-'));
const secrets = new KeytarSecretStore(`Shiftdesk-test-${process.pid}`);
const seen: Record<string, unknown> = {};
try {
  await server.append(SUPPORT_USER, 'INBOX', makeMail({ from: 'lena@example.test', to: SUPPORT_USER, subject: 'Keychain check', messageId: '<keychain-1@example.test>', date: Date.now(), text: 'hello' }));
  const dbPath = join(dir, 'profile.db');
  const core = new ShiftdeskCore({ dbPath, secrets, followIntervalMs: 200 });
  await core.start();
  const input = mailAccountInput(server, { smtpPassword: SMTP_PASSWORD });
  const account = await core.call('accounts:add', input);
  const deadline = Date.now() + 20_000;
  while (core.db.prepare("SELECT count(*) FROM messages WHERE remote_id = 'keychain-1@example.test'").pluck().get() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  seen.synced = core.db.prepare("SELECT count(*) FROM messages WHERE remote_id = 'keychain-1@example.test'").pluck().get() === 1;
  seen.imapInKeychain = (await secrets.get(`account:${account.id}:token`)) === input.password;
  seen.smtpInKeychain = (await secrets.get(`account:${account.id}:smtp-password`)) === SMTP_PASSWORD;
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const files = [dbPath, `${dbPath}-wal`].flatMap((f) => {
    try {
      return [readFileSync(f)];
    } catch {
      return [];
    }
  });
  seen.passwordsInDatabase = files.some((bytes) => bytes.includes(Buffer.from(input.password)) || bytes.includes(Buffer.from(SMTP_PASSWORD)));
  await core.call('accounts:remove', { id: account.id });
  seen.keychainAfterRemove = [await secrets.get(`account:${account.id}:token`), await secrets.get(`account:${account.id}:smtp-password`)];
  await core.stop();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(seen));
process.exit(0);
