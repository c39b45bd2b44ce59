import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Where the Electron-ABI builds of the native modules live: dist/native/<electron version>/, a
// private node_modules that tools/prepare-native.ts fills. The Node-ABI builds in the project's
// node_modules (tests, the web host) are never touched.

export const NATIVE_MODULES = ['better-sqlite3', 'keytar'] as const;

/**
 * Read by core's KeytarSecretStore (KEYTAR_MODULE_ENV in src-main/core/secrets/keytar-secret-store.ts,
 * which shells may not import): the keytar core's worker loads. The worker inherits it.
 */
export const KEYTAR_MODULE_ENV = 'SHIFTDESK_KEYTAR_MODULE';

export interface NativeModulePaths {
  dir: string;
  /** better-sqlite3's addon, for its `nativeBinding` option. */
  sqliteBinding: string;
  /** The keytar package folder (require() loads its main file, which loads its addon). */
  keytarModule: string;
}

export function nativeModulePaths(distDir: string, electronVersion: string): NativeModulePaths {
  const dir = join(distDir, 'native', electronVersion);
  return {
    dir,
    sqliteBinding: join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    keytarModule: join(dir, 'node_modules', 'keytar'),
  };
}

/** The files a working native folder must have; empty when all are there. */
export function missingNativeFiles(paths: NativeModulePaths): string[] {
  return [paths.sqliteBinding, join(paths.keytarModule, 'build', 'Release', 'keytar.node')].filter((file) => !existsSync(file));
}

/**
 * The Node ABI (NODE_MODULE_VERSION) a non-N-API addon was built for, read from the
 * `node_register_module_v<ABI>` symbol it exports; null when there is none (N-API addons such as
 * keytar's work on every ABI).
 */
export function addonAbi(file: string): number | null {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}
