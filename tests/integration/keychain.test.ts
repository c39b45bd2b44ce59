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

  it('a token and a broker password lost from the keychain are asked for again, checked, and kept in the keychain only', () => {
    const output = execFileSync(
      'dbus-run-session',
      ['--', 'bash', '-c', 'printf ci-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node --import tsx tests/helpers/keytar-missing-token.ts'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
    );
    const seen = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(seen).toEqual({
      // After the restart: the account says what it lacks and is in error, not "synced".
      missing: ['token'],
      status: { state: 'error', problem: 'secret-missing', historyComplete: false },
      presence: { brokerUrl: 'mqtt://127.0.0.1:1', username: 'jordan.lee@support.shiftdesk.example', workspace: 'support', hasPassword: false, passwordMissing: true },
      // A token the helpdesk refuses is not kept.
      wrongToken: 'auth',
      keychainAfterWrong: null,
      // The right one is, and sync goes on.
      entered: { checked: true, missing: [] },
      keychainAfterEntry: true,
      syncsAgain: true,
      presenceEntered: { brokerUrl: 'mqtt://127.0.0.1:1', username: 'jordan.lee@support.shiftdesk.example', workspace: 'support', hasPassword: true, passwordMissing: false },
      brokerPasswordInKeychain: true,
      secretsInDatabase: false,
    });
  }, 70_000);

  it('a mailbox whose IMAP and SMTP passwords were lost asks for both, checks them with the mail servers, and syncs again', () => {
    const output = execFileSync(
      'dbus-run-session',
      ['--', 'bash', '-c', 'printf ci-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node --import tsx tests/helpers/keytar-missing-mail-password.ts'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
    );
    const seen = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(seen).toEqual({
      missing: ['password', 'smtpPassword'],
      status: { state: 'error', problem: 'secret-missing' },
      wrongPassword: 'other',
      smtpNotGiven: 'InvalidInputError',
      keychainAfterRefusals: [null, null],
      entered: { checked: true, missing: [] },
      keychainAfterEntry: [true, true],
      syncsAgain: true,
      passwordsInDatabase: false,
    });
  }, 70_000);
});
