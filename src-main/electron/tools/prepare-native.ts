// Builds better-sqlite3 and keytar for Electron's ABI into dist/native/<electron version>/ (run by
// `npm start` and `npm run package`). Each module's package is copied there without its Node build
// and rebuilt with @electron/rebuild, so the Node-ABI builds in node_modules (tests, the web host)
// stay untouched. Needs Electron's headers (downloaded once from electronjs.org into ~/.electron-gyp,
// or prebuilt binaries from GitHub) and a C++ toolchain; offline it stops with a readable message.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { rebuild } from '@electron/rebuild';
import { addonAbi, missingNativeFiles, NATIVE_MODULES, nativeModulePaths } from '../native-modules';
import { ROOT } from './bundles';

const require = createRequire(import.meta.url);

function packageJson(name: string): { version: string; dir: string } {
  const file = require.resolve(`${name}/package.json`, { paths: [ROOT] });
  return { version: (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version, dir: dirname(file) };
}

/**
 * node-gyp takes `nodedir` from npm's environment (an .npmrc `nodedir=/usr`, say): it would then
 * compile against Node's headers and produce an addon Electron refuses. The Electron build must use
 * Electron's headers, so that setting is dropped here; SHIFTDESK_ELECTRON_HEADERS may name a local
 * copy of Electron's headers for offline builds.
 */
function useElectronHeaders(): void {
  for (const key of Object.keys(process.env)) if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
  if (process.env.SHIFTDESK_ELECTRON_HEADERS) process.env.npm_config_nodedir = process.env.SHIFTDESK_ELECTRON_HEADERS;
}

/** node-gyp's cache of Electron's headers; without it the build must download them. */
function electronHeadersCached(electronVersion: string): boolean {
  const devDir = process.env.npm_config_devdir || join(homedir(), '.electron-gyp');
  return existsSync(join(devDir, electronVersion, 'include', 'node', 'node_version.h')) || Boolean(process.env.npm_config_nodedir);
}

async function main(): Promise<void> {
  const electronVersion = packageJson('electron').version;
  const electronAbi = Number(readFileSync(join(packageJson('electron').dir, 'abi_version'), 'utf8').trim());
  const paths = nativeModulePaths(join(ROOT, 'dist'), electronVersion);
  const stamp = { electron: electronVersion, abi: electronAbi, platform: process.platform, arch: process.arch, modules: Object.fromEntries(NATIVE_MODULES.map((m) => [m, packageJson(m).version])) };
  const stampFile = join(paths.dir, 'prepared.json');

  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === JSON.stringify(stamp) && missingNativeFiles(paths).length === 0 && addonAbi(paths.sqliteBinding) === electronAbi) {
    process.stdout.write(`native modules for Electron ${electronVersion} are ready (${relative(ROOT, paths.dir)})\n`);
    return;
  }

  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(join(paths.dir, 'node_modules'), { recursive: true });
  for (const name of NATIVE_MODULES) {
    const source = packageJson(name).dir;
    const buildDir = join(source, 'build') + sep;
    // Without the Node build: a failed rebuild then leaves nothing that would load and crash.
    cpSync(source, join(paths.dir, 'node_modules', name), { recursive: true, filter: (from) => !(from + sep).startsWith(buildDir) });
  }
  writeFileSync(join(paths.dir, 'package.json'), JSON.stringify({ name: 'shiftdesk-native', private: true, dependencies: stamp.modules }, null, 2));

  process.stdout.write(`building ${NATIVE_MODULES.join(' and ')} for Electron ${electronVersion} (${process.platform}-${process.arch}) in ${relative(ROOT, paths.dir)} …\n`);
  useElectronHeaders();
  try {
    await rebuild({ buildPath: paths.dir, projectRootPath: paths.dir, electronVersion, onlyModules: [...NATIVE_MODULES], force: true, mode: 'sequential' });
  } catch (error) {
    rmSync(paths.dir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      [
        `Could not build ${NATIVE_MODULES.join(' and ')} for Electron ${electronVersion}: ${reason.split('\n')[0]}`,
        electronHeadersCached(electronVersion)
          ? 'Electron\'s headers are present, so the compile itself failed (see node-gyp\'s output above): it needs python3, make and a C++ compiler, and libsecret-1-dev on Linux for keytar.'
          : `This step needs the network once: it downloads prebuilt binaries (GitHub) or Electron's headers (https://www.electronjs.org/headers/v${electronVersion}, cached in ~/.electron-gyp), and they could not be fetched. Connect and run it again, or point SHIFTDESK_ELECTRON_HEADERS at a local copy of those headers.`,
        'The Node builds in node_modules are untouched: tests and `npm run web` still work.',
      ].join('\n'),
    );
  }
  const missing = missingNativeFiles(paths);
  if (missing.length > 0) throw new Error(`the rebuild finished but these files are missing:\n${missing.join('\n')}`);
  const built = addonAbi(paths.sqliteBinding);
  if (built !== electronAbi) {
    rmSync(paths.dir, { recursive: true, force: true });
    throw new Error(`better-sqlite3 was built for ABI ${built}, but Electron ${electronVersion} needs ABI ${electronAbi} (were Node's headers used? check \`nodedir\` in your .npmrc).`);
  }
  writeFileSync(stampFile, JSON.stringify(stamp));
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`prepare-native: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
