import { CoreClient } from '../core/rpc/core-client';
import type { SecretsMode } from './cli-args';

// Starts the core worker for a profile. Shared by both shells: the Electron shell adds the bundled
// worker's URL and the Electron-ABI SQLite binding, the web host runs core from source.

export interface CoreLaunchOptions {
  dbPath: string;
  /** The bundled core-worker.js (Electron); default: core-client's own neighbour. */
  workerUrl?: URL;
  /** better-sqlite3 built for Electron's ABI; default: the Node build in node_modules. */
  nativeBinding?: string;
}

export async function launchCore(options: CoreLaunchOptions, secrets: SecretsMode, seedSecrets?: Record<string, string>): Promise<CoreClient> {
  const core = new CoreClient(
    {
      dbPath: options.dbPath,
      secrets,
      ...(seedSecrets ? { seedSecrets } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    },
    options.workerUrl ? { workerUrl: options.workerUrl } : {},
  );
  try {
    await core.ready;
  } catch (error) {
    // Not awaited: a worker that failed to open the profile may not answer "stop"; it is terminated after a grace period.
    void core.stop().catch(() => undefined);
    throw error;
  }
  return core;
}

/**
 * Where core's memory store keeps an account's token. It mirrors `accountSecretKey` in
 * src-main/core/secrets/secret-store.ts, which shells may not import (DESIGN §3); the web host's
 * restart test fails if the two ever disagree.
 */
export function accountTokenKey(accountId: number): string {
  return `account:${accountId}:token`;
}

/** True for core's "the system keychain is not available" error, as it arrives over RPC. */
export function isKeychainUnavailable(error: unknown): boolean {
  return error instanceof Error && error.name === 'KeychainUnavailableError';
}
