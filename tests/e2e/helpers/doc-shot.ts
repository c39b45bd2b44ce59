import { join } from 'node:path';
import { REPO_ROOT } from './web-host';

// Where a spec's picture for the docs goes: into docs/screenshots only under `npm run screenshots`
// (which sets SHIFTDESK_SCREENSHOTS=1), else beside the other test output, so `npm test` never
// rewrites a tracked file.

export const SCREENSHOT_DIR = process.env.SHIFTDESK_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : join(REPO_ROOT, 'test-results', 'screenshots');

/** The path for docs/screenshots/`name` (with its extension), or its stand-in under test-results. */
export function docShot(name: string): string {
  return join(SCREENSHOT_DIR, name);
}
