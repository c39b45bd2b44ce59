import type { AccountInput, AccountView, EmailAccountInput, ZendeskAccountInput } from '../../../src-shared/contract/models';
import { emailAccountInputSchema } from '../../../src-shared/contract/models';
import { testMailbox } from '../connectors/email/mailbox-check';
import { mailBaseUrl, mailConfigOf, readMailConfig, smtpSecretKey, type MailSecrets } from '../connectors/email/mail-config';
import { ZendeskConnector } from '../connectors/zendesk/zendesk-connector';
import type { Db } from '../db/connection';
import { AccountsRepo, type AccountRow } from '../db/repos/accounts-repo';
import { accountSecretKey, type SecretStore } from '../secrets/secret-store';

export function toAccountView(row: AccountRow): AccountView {
  let mail: AccountView['mail'] = null;
  if (row.kind === 'email') {
    try {
      mail = readMailConfig(row.configJson);
    } catch {
      mail = null;
    }
  }
  return { id: row.id, kind: row.kind, name: row.name, baseUrl: row.baseUrl, email: row.email, status: row.status, lastError: row.lastError, lastSyncedAt: row.lastSyncedAt, mail };
}

export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

type TestResult = { ok: true; agentName: string; agentEmail: string | null } | { ok: false; error: string };

/** Accounts: URL, e-mail and non-secret settings in the database; tokens and passwords only in the keychain. */
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

  /** Checks the credentials against the helpdesk or mail servers without saving anything. */
  async test(input: AccountInput): Promise<TestResult> {
    if (input.kind === 'email') return await this.testMail(input);
    try {
      const connector = new ZendeskConnector({ baseUrl: normalizeBaseUrl(input.baseUrl), email: input.email, token: input.token, http: { maxAttempts: 2 } });
      const me = await connector.whoAmI(AbortSignal.timeout(15_000));
      if (me.role === 'customer') return { ok: false, error: `${input.email} is not an agent on this helpdesk` };
      return { ok: true, agentName: me.name, agentEmail: me.email };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async testMail(input: EmailAccountInput): Promise<TestResult> {
    const config = mailConfigOf(emailAccountInputSchema.parse(input));
    const problem = await testMailbox(config, { imapPassword: input.password, smtpPassword: input.smtpPassword ?? input.password });
    if (problem !== null) return { ok: false, error: problem };
    return { ok: true, agentName: config.agentName, agentEmail: config.agentEmail };
  }

  /** Adds an account after its credentials work; the token or password goes to the keychain. */
  async add(input: AccountInput): Promise<AccountRow> {
    const tested = await this.test(input);
    if (!tested.ok) throw new Error(`Could not add the account: ${tested.error}`);
    if (input.kind === 'email') return await this.addMail(input);
    return await this.addHelpdesk(input);
  }

  private async addHelpdesk(input: ZendeskAccountInput): Promise<AccountRow> {
    const baseUrl = normalizeBaseUrl(input.baseUrl);
    const existing = this.repo.list().find((a) => a.kind === input.kind && a.baseUrl === baseUrl && a.email === input.email);
    if (existing) throw new Error(`${input.email} on ${baseUrl} is already added`);
    const row = this.repo.add({ kind: input.kind, name: input.name ?? new URL(baseUrl).host, baseUrl, email: input.email });
    await this.storeSecrets(row, [[accountSecretKey(row.id), input.token]]);
    return row;
  }

  private async addMail(input: EmailAccountInput): Promise<AccountRow> {
    const config = mailConfigOf(emailAccountInputSchema.parse(input));
    const baseUrl = mailBaseUrl(config);
    const existing = this.repo.list().find((a) => a.kind === 'email' && a.baseUrl === baseUrl && a.email === config.address);
    if (existing) throw new Error(`The mailbox ${config.address} on ${config.imap.host} is already added`);
    const row = this.repo.add({ kind: 'email', name: input.name ?? config.address, baseUrl, email: config.address, config });
    const secrets: [string, string][] = [[accountSecretKey(row.id), input.password]];
    if (input.smtpPassword !== undefined) secrets.push([smtpSecretKey(row.id), input.smtpPassword]);
    await this.storeSecrets(row, secrets);
    return row;
  }

  private async storeSecrets(row: AccountRow, secrets: readonly [string, string][]): Promise<void> {
    try {
      for (const [key, value] of secrets) await this.secrets.set(key, value);
    } catch (error) {
      this.repo.remove(row.id);
      for (const [key] of secrets) await this.secrets.delete(key).catch(() => undefined);
      throw error;
    }
  }

  async remove(id: number): Promise<boolean> {
    if (!this.repo.get(id)) return false;
    this.repo.remove(id);
    await this.secrets.delete(accountSecretKey(id));
    await this.secrets.delete(smtpSecretKey(id)).catch(() => undefined);
    return true;
  }

  token(id: number): Promise<string | null> {
    return this.secrets.get(accountSecretKey(id));
  }

  /** A mailbox's passwords (the SMTP one falls back to the IMAP one); null when the keychain lost them. */
  async mailSecrets(id: number): Promise<MailSecrets | null> {
    const imapPassword = await this.secrets.get(accountSecretKey(id));
    if (imapPassword === null) return null;
    return { imapPassword, smtpPassword: (await this.secrets.get(smtpSecretKey(id))) ?? imapPassword };
  }
}
