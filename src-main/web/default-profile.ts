import { homedir } from 'node:os';
import { join } from 'node:path';

// Where the web host keeps its profile when none is given: the platform's per-user data folder,
// beside (not inside) the Electron app's own profile, so the two never share a database.

export function userDataRoot(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_DATA_HOME || join(home, '.local', 'share');
}

export function defaultWebProfileDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return join(userDataRoot(platform, env, home), 'Shiftdesk', 'web-profile');
}
