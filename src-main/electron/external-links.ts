import { shell } from 'electron';

// Links leave the app only as http(s) URLs to a real host, opened in the user's browser. Anything
// else (file:, javascript:, custom schemes that launch programs, credentials in the URL) is refused.

const MAX_URL_LENGTH = 2048;

export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/** Opens a safe URL in the default browser; returns false (and opens nothing) for any other. */
export async function openExternalSafely(raw: unknown): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) return false;
  await shell.openExternal(new URL(raw).href);
  return true;
}
