/**
 * Where secrets live: API tokens, mailbox and broker passwords. Only the OS keychain implements this
 * in the app; secrets never reach SQLite, logs or settings files (DESIGN §9).
 */
export interface SecretStore {
  /** Where the secrets go: the agent is told (a token kept in memory is gone after this run). */
  readonly kind: 'keychain' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export const SECRET_SERVICE = 'Shiftdesk';

export function accountSecretKey(accountId: number): string {
  return `account:${accountId}:token`;
}

/** A store that forgets on exit: for tests, and for the embedded demo helpdesk's well-known token. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory';
  private readonly secrets = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.secrets.get(key) ?? null;
  }

  async set(key: string, secret: string): Promise<void> {
    this.secrets.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    return this.secrets.delete(key);
  }
}
