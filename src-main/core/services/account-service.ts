import type { AccountProblem, AccountTestFailure, MethodOutputs } from '../../../src-shared/contract/api';
import type { AccountInput, AccountSecretsInput, AccountView, EmailAccountInput, SecretSlot, ZendeskAccountInput } from '../../../src-shared/contract/models';
import { problemOf } from '../sync/sync-problems';
import { emailAccountInputSchema } from '../../../src-shared/contract/models';
import { testMailbox } from '../connectors/email/mailbox-check';
import { mailBaseUrl, mailConfigOf, readMailConfig, smtpSecretKey, type MailSecrets } from '../connectors/email/mail-config';
import { ZendeskConnector } from '../connectors/zendesk/zendesk-connector';
import type { Db } from '../db/connection';
import { AccountsRepo, type AccountRow } from '../db/repos/accounts-repo';
import { accountSecretKey, type SecretStore } from '../secrets/secret-store';

export function toAccountView(row: AccountRow, missingSecrets: readonly SecretSlot[] = []): AccountView {
  let mail: AccountView['mail'] = null;
  if (row.kind === 'email') {
    try {
      mail = readMailConfig(row.configJson);
    } catch {
      mail = null;
    }
  }
  return { id: row.id, kind: row.kind, name: row.name, baseUrl: row.baseUrl, email: row.email, status: row.status, lastError: row.lastError, lastSyncedAt: row.lastSyncedAt, mail, missingSecrets: [...missingSecrets] };
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

/** Secrets entered for an account that does not take them (a token for a mailbox, say). */
export class SecretsInputError extends Error {
  constructor(detail: string) {
    super(`Invalid input for accounts:setSecrets: ${detail}`);
    this.name = 'InvalidInputError';
  }
}

/** What the keychain lacks of an account's secrets; `error` when the keychain itself could not be read. */
export interface SecretsCheck {
  missing: SecretSlot[];
  error: string | null;
}

/** A token could not be checked for want of a helpdesk, not because it was refused: it is kept, and sync checks it. */
const UNCHECKABLE: ReadonlySet<AccountProblem> = new Set(['unreachable', 'server', 'rate-limited']);

/** The keychain entry of each secret of an account. */
function secretKey(accountId: number, slot: SecretSlot): string {
  return slot === 'smtpPassword' ? smtpSecretKey(accountId) : accountSecretKey(accountId);
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

  /** Accounts that cannot sync for want of a secret: what is missing, and since when (this run). */
  private readonly lacking = new Map<number, SecretsCheck & { since: number }>();

  list(): AccountView[] {
    return this.repo.list().map((row) => this.view(row));
  }

  view(row: AccountRow): AccountView {
    return toAccountView(row, this.lacking.get(row.id)?.missing ?? []);
  }

  /** What an account lacked when its sync last tried to start, or null when it lacks nothing. */
  lackingSecrets(id: number): (SecretsCheck & { since: number }) | null {
    return this.lacking.get(id) ?? null;
  }

  /** Records what the keychain lacks of an account's secrets (nothing: forgets it). */
  noteSecrets(id: number, check: SecretsCheck, now: number = Date.now()): void {
    if (check.missing.length === 0) this.lacking.delete(id);
    else this.lacking.set(id, { ...check, since: this.lacking.get(id)?.since ?? now });
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
    if (input.smtpPassword !== undefined) this.repo.setSeparateSmtpPassword(row.id, true);
    return this.repo.get(row.id)!;
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
    this.lacking.delete(id);
    await this.secrets.delete(accountSecretKey(id));
    await this.secrets.delete(smtpSecretKey(id)).catch(() => undefined);
    return true;
  }

  /** The secrets an account keeps in the keychain: a helpdesk's token; a mailbox's password, and its SMTP one when separate. */
  secretSlots(row: AccountRow): SecretSlot[] {
    if (row.kind !== 'email') return ['token'];
    return row.separateSmtpPassword ? ['password', 'smtpPassword'] : ['password'];
  }

  /**
   * Which of the account's secrets the keychain does not have. A keychain that cannot be read
   * lacks them all. A separate SMTP password found in the keychain of a profile from before this
   * was recorded is recorded now, so its loss is noticed later.
   */
  async checkSecrets(row: AccountRow): Promise<SecretsCheck> {
    try {
      const missing: SecretSlot[] = [];
      for (const slot of this.secretSlots(row)) if ((await this.secrets.get(secretKey(row.id, slot))) === null) missing.push(slot);
      if (row.kind === 'email' && !row.separateSmtpPassword && (await this.secrets.get(smtpSecretKey(row.id))) !== null) this.repo.setSeparateSmtpPassword(row.id, true);
      return { missing, error: null };
    } catch (error) {
      return { missing: this.secretSlots(row), error: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Keeps an account's token or passwords again after checking them with its server: a refusal
   * keeps nothing (AccountRefusedError, with the reason as a code). A helpdesk that cannot be
   * reached now cannot refuse either: the token is kept (`checked: false`) and sync checks it.
   */
  async setSecrets(input: AccountSecretsInput): Promise<{ row: AccountRow; checked: boolean }> {
    const row = this.repo.get(input.id);
    if (!row) throw new SecretsInputError(`no account ${input.id}`);
    if (row.kind === 'email') return await this.setMailSecrets(row, input);
    if (input.token === undefined || input.password !== undefined || input.smtpPassword !== undefined) throw new SecretsInputError('a helpdesk takes an API token (token) only');
    const tested = await this.test({ kind: 'zendesk', baseUrl: row.baseUrl, email: row.email, token: input.token });
    if (!tested.ok && !UNCHECKABLE.has(tested.problem)) throw new AccountRefusedError(tested.problem, tested.error, tested.status);
    await this.secrets.set(accountSecretKey(row.id), input.token);
    return { row, checked: tested.ok };
  }

  private async setMailSecrets(row: AccountRow, input: AccountSecretsInput): Promise<{ row: AccountRow; checked: boolean }> {
    if (input.token !== undefined) throw new SecretsInputError('a mailbox takes a password (password) and maybe an SMTP password (smtpPassword), not a token');
    const config = readMailConfig(row.configJson);
    const imapPassword = input.password ?? (await this.secrets.get(accountSecretKey(row.id)));
    if (imapPassword === null) throw new SecretsInputError('the mailbox password is missing too: enter it (password)');
    const smtpPassword = input.smtpPassword ?? (row.separateSmtpPassword ? await this.secrets.get(smtpSecretKey(row.id)) : imapPassword);
    if (smtpPassword === null) throw new SecretsInputError('the SMTP password is missing too: enter it (smtpPassword)');
    // Mail errors are worded for the agent already, in the mail server's words.
    const problem = await testMailbox(config, { imapPassword, smtpPassword });
    if (problem !== null) throw new AccountRefusedError('other', problem);
    if (input.password !== undefined) await this.secrets.set(accountSecretKey(row.id), input.password);
    if (input.smtpPassword !== undefined) {
      await this.secrets.set(smtpSecretKey(row.id), input.smtpPassword);
      this.repo.setSeparateSmtpPassword(row.id, true);
    }
    return { row: this.repo.get(row.id)!, checked: true };
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
