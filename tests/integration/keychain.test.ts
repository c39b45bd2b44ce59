import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// keytar against a real Secret Service: GNOME Keyring in a private D-Bus session, unlocked with a
// throwaway password. Nothing touches the developer's own keychain.
describe('keychain (keytar on gnome-keyring)', () => {
  it('stores, reads, overwrites and deletes a secret', () => {
    const output = execFileSync(
      'dbus-run-session',
      ['--', 'bash', '-c', 'printf ci-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node --import tsx tests/helpers/keytar-roundtrip.ts'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 },
    );
    const seen = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(seen).toEqual({ before: null, afterSet: 'tok-ün1cøde-✓', afterOverwrite: 'tok-2', deleted: true, afterDelete: null });
  });

  it('keeps a mailbox\'s IMAP and SMTP passwords in the keychain only, and removes them with the account', () => {
    const output = execFileSync(
      'dbus-run-session',
      ['--', 'bash', '-c', 'printf ci-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node --import tsx tests/helpers/keytar-mail-account.ts'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
    );
    const seen = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(seen).toEqual({ synced: true, imapInKeychain: true, smtpInKeychain: true, passwordsInDatabase: false, keychainAfterRemove: [null, null] });
  }, 70_000);
});
