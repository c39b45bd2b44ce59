import { createRequire } from 'node:module';
import { SECRET_SERVICE, type SecretStore } from './secret-store';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export class KeychainUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The system keychain is not available (${cause instanceof Error ? cause.message : String(cause)}). On Linux, Shiftdesk needs a Secret Service such as GNOME Keyring.`);
    this.name = 'KeychainUnavailableError';
  }
}

/**
 * Which keytar to load: the Electron shell points this at its Electron-ABI build (it sets the
 * variable before starting the core worker, which inherits it); otherwise node_modules' keytar.
 */
export const KEYTAR_MODULE_ENV = 'SHIFTDESK_KEYTAR_MODULE';

/**
 * Secrets in the OS keychain through keytar (Keychain on macOS, Credential Vault on Windows,
 * Secret Service on Linux). Loaded lazily so a machine without a keychain fails with a clear
 * message at the first use, not at start-up.
 */
export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain';
  private keytar: Keytar | null = null;

  constructor(
    private readonly service: string = SECRET_SERVICE,
    private readonly modulePath: string = process.env[KEYTAR_MODULE_ENV] || 'keytar',
  ) {}

  private load(): Keytar {
    if (!this.keytar) {
      const require = createRequire(import.meta.url);
      this.keytar = require(this.modulePath) as Keytar;
    }
    return this.keytar;
  }

  async get(key: string): Promise<string | null> {
    try {
      return await this.load().getPassword(this.service, key);
    } catch (error) {
      throw new KeychainUnavailableError(error);
    }
  }

  async set(key: string, secret: string): Promise<void> {
    try {
      await this.load().setPassword(this.service, key, secret);
    } catch (error) {
      throw new KeychainUnavailableError(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return await this.load().deletePassword(this.service, key);
    } catch (error) {
      throw new KeychainUnavailableError(error);
    }
  }
}
