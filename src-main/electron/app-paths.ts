import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nativeModulePaths, type NativeModulePaths } from './native-modules';

// Where the bundled app's files are, relative to dist/electron/main.js (tools/build-main.ts puts
// them there). Native addons cannot be loaded from inside app.asar, so their paths point into
// app.asar.unpacked (electron-builder.yml unpacks them).

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  /** The page's file:// URL: the only sender the IPC bridge accepts. */
  rendererUrl: string;
  workerUrl: URL;
  icon: string;
  native: NativeModulePaths;
}

export function unpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/]|$)/, '$1app.asar.unpacked$2');
}

export function appPaths(mainFileUrl: string, electronVersion: string): AppPaths {
  const electronDir = dirname(fileURLToPath(mainFileUrl));
  const distDir = dirname(electronDir);
  const rendererIndex = join(distDir, 'renderer', 'index.html');
  const native = nativeModulePaths(distDir, electronVersion);
  return {
    preload: join(electronDir, 'preload.cjs'),
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).href,
    workerUrl: pathToFileURL(join(electronDir, 'core-worker.js')),
    icon: join(electronDir, 'icon.png'),
    native: { dir: unpacked(native.dir), sqliteBinding: unpacked(native.sqliteBinding), keytarModule: unpacked(native.keytarModule) },
  };
}
