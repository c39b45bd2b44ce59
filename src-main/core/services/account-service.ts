import type { AccountInput, AccountView } from '../../../src-shared/contract/models';
import { ZendeskConnector } from '../connectors/zendesk/zendesk-connector';
import type { Db } from '../db/connection';
import { AccountsRepo, type AccountRow } from '../db/repos/accounts-repo';
import { accountSecretKey, type SecretStore } from '../secrets/secret-store';

export function toAccountView(row: AccountRow): AccountView {
  return { id: row.id, kind: row.kind, name: row.name, baseUrl: row.baseUrl, email: row.email, status: row.status, lastError: row.lastError, lastSyncedAt: row.lastSyncedAt };
}

export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** Accounts: URL and e-mail in the database, the token only in the keychain. */
export class AccountService {
  readonly repo: AccountsRepo;

  constructor(
    db: Db,
    private readonly secrets: SecretStore,
  ) {
    this.repo = new AccountsRepo(db);
  }

  list(): AccountView[] {
    return this.repo.list().map(toAccountView);
  }

  /** Checks the credentials against the helpdesk without saving anything. */
  async test(input: AccountInput): Promise<{ ok: true; agentName: string; agentEmail: string | null } | { ok: false; error: string }> {
    try {
      const connector = new ZendeskConnector({ baseUrl: normalizeBaseUrl(input.baseUrl), email: input.email, token: input.token, http: { maxAttempts: 2 } });
      const me = await connector.whoAmI(AbortSignal.timeout(15_000));
      if (me.role === 'customer') return { ok: false, error: `${input.email} is not an agent on this helpdesk` };
      return { ok: true, agentName: me.name, agentEmail: me.email };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Adds an account after its credentials work; the token goes to the keychain. */
  async add(input: AccountInput): Promise<AccountRow> {
    const tested = await this.test(input);
    if (!tested.ok) throw new Error(`Could not add the account: ${tested.error}`);
    const baseUrl = normalizeBaseUrl(input.baseUrl);
    const existing = this.repo.list().find((a) => a.kind === input.kind && a.baseUrl === baseUrl && a.email === input.email);
    if (existing) throw new Error(`${input.email} on ${baseUrl} is already added`);
    const row = this.repo.add({ kind: input.kind, name: input.name ?? new URL(baseUrl).host, baseUrl, email: input.email });
    try {
      await this.secrets.set(accountSecretKey(row.id), input.token);
    } catch (error) {
      this.repo.remove(row.id);
      throw error;
    }
    return row;
  }

  async remove(id: number): Promise<boolean> {
    if (!this.repo.get(id)) return false;
    this.repo.remove(id);
    await this.secrets.delete(accountSecretKey(id));
    return true;
  }

  token(id: number): Promise<string | null> {
    return this.secrets.get(accountSecretKey(id));
  }
}
