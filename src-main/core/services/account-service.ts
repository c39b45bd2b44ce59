import type { AccountProblem, AccountTestFailure, MethodOutputs } from '../../../src-shared/contract/api';
import type { AccountInput, AccountView, EmailAccountInput, ZendeskAccountInput } from '../../../src-shared/contract/models';
import { problemOf } from '../sync/sync-problems';
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

type TestResult = MethodOutputs['accounts:test'];

/** An account that could not be added: `code` says why for the agent (AccountProblem), the message is technical. */
export class AccountRefusedError extends Error {
  constructor(
    readonly code: AccountProblem,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'AccountRefusedError';
  }
}

function failure(problem: AccountProblem, error: string, status: number | null = null): AccountTestFailure {
  return { ok: false, problem, status, error };
}

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
      if (me.role === 'customer') return failure('not-agent', `${input.email} is not an agent on this helpdesk`);
      return { ok: true, agentName: me.name, agentEmail: me.email };
    } catch (error) {
      const { problem, status } = problemOf(error);
      return failure(problem, error instanceof Error ? error.message : String(error), status);
    }
  }

  private async testMail(input: EmailAccountInput): Promise<TestResult> {
    const config = mailConfigOf(emailAccountInputSchema.parse(input));
    const problem = await testMailbox(config, { imapPassword: input.password, smtpPassword: input.smtpPassword ?? input.password });
    // Mail errors are worded for the agent already, in the mail server's words.
    if (problem !== null) return failure('other', problem);
    return { ok: true, agentName: config.agentName, agentEmail: config.agentEmail };
  }

  /** Adds an account after its credentials work; the token or password goes to the keychain. */
  async add(input: AccountInput): Promise<AccountRow> {
    const tested = await this.test(input);
    if (!tested.ok) throw new AccountRefusedError(tested.problem, tested.error, tested.status);
    if (input.kind === 'email') return await this.addMail(input);
    return await this.addHelpdesk(input);
  }

  private async addHelpdesk(input: ZendeskAccountInput): Promise<AccountRow> {
    const baseUrl = normalizeBaseUrl(input.baseUrl);
    const existing = this.repo.list().find((a) => a.kind === input.kind && a.baseUrl === baseUrl && a.email === input.email);
    if (existing) throw new AccountRefusedError('duplicate', `${input.email} on ${baseUrl} is already added`);
    const row = this.repo.add({ kind: input.kind, name: input.name ?? new URL(baseUrl).host, baseUrl, email: input.email });
    await this.storeSecrets(row, [[accountSecretKey(row.id), input.token]]);
    return row;
  }

  private async addMail(input: EmailAccountInput): Promise<AccountRow> {
    const config = mailConfigOf(emailAccountInputSchema.parse(input));
    const baseUrl = mailBaseUrl(config);
    const existing = this.repo.list().find((a) => a.kind === 'email' && a.baseUrl === baseUrl && a.email === config.address);
    if (existing) throw new AccountRefusedError('duplicate', `The mailbox ${config.address} on ${config.imap.host} is already added`);
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
