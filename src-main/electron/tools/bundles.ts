import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

// What tools/build-main.ts bundles, and how. Kept apart so tests can build the preload exactly as
// it ships.

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const OUT_DIR = join(ROOT, 'dist', 'electron');
const NODE_EXTERNALS = ['electron', 'better-sqlite3', 'keytar'];

// Bundled CommonJS dependencies may call require(); an ESM bundle has none unless given one.
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

function nodeBundle(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [join(ROOT, entry)],
    outfile: join(OUT_DIR, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: NODE_EXTERNALS,
    banner: { js: REQUIRE_SHIM },
    sourcemap: 'linked',
    logLevel: 'warning',
  };
}

export const MAIN_BUNDLE = nodeBundle('src-main/electron/main.ts', 'main.js');
export const WORKER_BUNDLE = nodeBundle('src-main/core/rpc/core-worker.ts', 'core-worker.js');

export const PRELOAD_BUNDLE: BuildOptions = {
  entryPoints: [join(ROOT, 'src-main/electron/preload.ts')],
  outfile: join(OUT_DIR, 'preload.cjs'),
  bundle: true,
  // 'browser': importing a Node built-in fails the build instead of failing in the sandbox.
  platform: 'browser',
  format: 'cjs',
  target: 'chrome120',
  external: ['electron'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

/** Problems that would stop a sandboxed preload from loading; empty when there are none. */
export function preloadProblems(code: string): string[] {
  const problems: string[] = [];
  const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const foreign = [...new Set(required.filter((name) => name !== 'electron'))];
  if (foreign.length > 0) problems.push(`it requires ${foreign.join(', ')}; a sandboxed preload may only require 'electron'`);
  if (/\bZodError\b|\bzod\b/.test(code.replace(/\/\/# sourceMappingURL=.*$/m, ''))) problems.push('it bundles zod; it must carry names only (contract-names.ts)');
  return problems;
}
