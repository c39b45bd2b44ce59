// `npm run build:main`: bundles the Electron shell with esbuild into dist/electron/:
//   main.js         the main process (ESM: package.json is "type": "module", Electron ≥ 28 loads it)
//   core-worker.js  core's worker thread (ESM), started by main through CoreClient
//   preload.cjs     the sandboxed preload: ONE CommonJS file whose only require is 'electron'
//   icon.png        the window and tray icon (resources/ is not packaged)
// Native modules stay external: better-sqlite3 and keytar are loaded from their Electron-ABI
// builds (tools/prepare-native.ts), electron from the runtime.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { MAIN_BUNDLE, OUT_DIR, PRELOAD_BUNDLE, preloadProblems, ROOT, WORKER_BUNDLE } from './bundles';

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  await Promise.all([build(MAIN_BUNDLE), build(WORKER_BUNDLE), build(PRELOAD_BUNDLE)]);
  const problems = preloadProblems(readFileSync(join(OUT_DIR, 'preload.cjs'), 'utf8'));
  if (problems.length > 0) throw new Error(`the preload cannot run sandboxed: ${problems.join('; ')}`);
  copyFileSync(join(ROOT, 'resources', 'icon.png'), join(OUT_DIR, 'icon.png'));
  for (const file of ['main.js', 'core-worker.js', 'preload.cjs', 'icon.png']) {
    const path = join(OUT_DIR, file);
    process.stdout.write(`  ${relative(ROOT, path).padEnd(30)} ${(statSync(path).size / 1024).toFixed(1)} KiB\n`);
  }
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) process.stderr.write('note: dist/renderer is not built yet; run `npm run build:renderer` (npm run build does both).\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`build:main failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
