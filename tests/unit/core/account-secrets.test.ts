import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/connection';
import { ShiftdeskCore } from '../../../src-main/core/rpc/shiftdesk-core';
import { MemorySecretStore, type SecretStore } from '../../../src-main/core/secrets/secret-store';
import { AccountService } from '../../../src-main/core/services/account-service';

// Which secrets an account needs, what the keychain lacks of them, and how core shows an account
// that cannot sync for want of one (no network here: nothing is ever checked against a server).

const MAIL_CONFIG = {
  address: 'support@x.test',
  agentName: 'Maya',
  agentEmail: 'maya@x.test',
  imap: { host: 'mail.x.test', port: 993, security: 'tls', user: 'support@x.test' },
  smtp: { host: 'mail.x.test', port: 465, security: 'tls', user: 'support@x.test' },
  inboxFolder: 'INBOX',
  sentFolder: 'Sent',
  stateFolder: 'Shiftdesk',
};

/** A keychain that cannot be read at all. */
class LockedKeychain implements SecretStore {
  readonly kind = 'keychain';
  get(): Promise<string | null> {
    return Promise.reject(new Error('The system keychain is not available'));
  }
  set(): Promise<void> {
    return Promise.reject(new Error('The system keychain is not available'));
  }
  delete(): Promise<boolean> {
    return Promise.reject(new Error('The system keychain is not available'));
  }
}

describe('account secrets', () => {
  let dir: string;
  let db: Db;
  let secrets: MemorySecretStore;
  let accounts: AccountService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shiftdesk-secrets-'));
    db = openDatabase({ path: join(dir, 'p.db') });
    secrets = new MemorySecretStore();
    accounts = new AccountService(db, secrets);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a helpdesk needs its token; a mailbox its password, and its SMTP password once one is known to be separate', async () => {
    const helpdesk = accounts.repo.add({ kind: 'zendesk', name: 'Acme', baseUrl: 'https://acme.example', email: 'a@acme.example' });
    const mailbox = accounts.repo.add({ kind: 'email', name: 'Support', baseUrl: 'imap://mail.x.test:993/support', email: 'support@x.test', config: MAIL_CONFIG });
    expect(await accounts.checkSecrets(helpdesk)).toEqual({ missing: ['token'], error: null });
    expect(await accounts.checkSecrets(mailbox)).toEqual({ missing: ['password'], error: null });

    await secrets.set(`account:${helpdesk.id}:token`, 't');
    await secrets.set(`account:${mailbox.id}:token`, 'p');
    expect(await accounts.checkSecrets(helpdesk)).toEqual({ missing: [], error: null });
    expect(await accounts.checkSecrets(mailbox)).toEqual({ missing: [], error: null });

    // A profile from before the flag: a separate SMTP password found in the keychain is recorded,
    // so its loss is noticed later instead of quietly falling back to the IMAP password.
    await secrets.set(`account:${mailbox.id}:smtp-password`, 's');
    await accounts.checkSecrets(accounts.repo.get(mailbox.id)!);
    expect(accounts.repo.get(mailbox.id)!.separateSmtpPassword).toBe(true);
    await secrets.delete(`account:${mailbox.id}:smtp-password`);
    expect(await accounts.checkSecrets(accounts.repo.get(mailbox.id)!)).toEqual({ missing: ['smtpPassword'], error: null });
  });

  it('a keychain that cannot be read lacks every secret, and says why', async () => {
    const locked = new AccountService(db, new LockedKeychain());
    const helpdesk = locked.repo.add({ kind: 'zendesk', name: 'Acme', baseUrl: 'https://acme.example', email: 'a@acme.example' });
    expect(await locked.checkSecrets(helpdesk)).toEqual({ missing: ['token'], error: 'The system keychain is not available' });
  });

  it('refuses secrets an account does not take, before asking any server', async () => {
    const helpdesk = accounts.repo.add({ kind: 'zendesk', name: 'Acme', baseUrl: 'https://acme.example', email: 'a@acme.example' });
    const mailbox = accounts.repo.add({ kind: 'email', name: 'Support', baseUrl: 'imap://mail.x.test:993/support', email: 'support@x.test', config: MAIL_CONFIG });
    await expect(accounts.setSecrets({ id: helpdesk.id, password: 'p' })).rejects.toThrow(/a helpdesk takes an API token/);
    await expect(accounts.setSecrets({ id: mailbox.id, token: 't' })).rejects.toThrow(/a mailbox takes a password/);
    // The IMAP password is lost too: an SMTP password alone cannot be checked.
    await expect(accounts.setSecrets({ id: mailbox.id, smtpPassword: 's' })).rejects.toThrow(/mailbox password is missing too/);
    await expect(accounts.setSecrets({ id: 999, token: 't' })).rejects.toThrow(/no account 999/);
    expect(await secrets.get(`account:${helpdesk.id}:token`)).toBeNull();
  });

  it('core lists an account without its token as in error, saying what is missing, beside the others', async () => {
    const helpdesk = accounts.repo.add({ kind: 'zendesk', name: 'Acme', baseUrl: 'https://acme.example', email: 'a@acme.example' });
    db.close();
    const core = new ShiftdeskCore({ dbPath: join(dir, 'p.db'), secrets });
    await core.start();
    try {
      expect((await core.call('accounts:list', {})).map((a) => ({ id: a.id, status: a.status, missingSecrets: a.missingSecrets }))).toEqual([{ id: helpdesk.id, status: 'error', missingSecrets: ['token'] }]);
      const [status] = await core.call('sync:status', {});
      expect(status).toMatchObject({ accountId: helpdesk.id, state: 'error', historyComplete: false, notices: [{ step: 'identity', problem: 'secret-missing', severity: 'error', retryAt: null }] });
      expect(status!.notices[0]!.detail).toMatch(/No API token in the secret store \(kept in memory/);
      // Removing the account forgets it.
      await core.call('accounts:remove', { id: helpdesk.id });
      expect(await core.call('sync:status', {})).toEqual([]);
    } finally {
      await core.stop();
      db = openDatabase({ path: join(dir, 'p.db') });
    }
  });
});
