// The web host prints a URL carrying a per-run token (`?token=`). We keep it for this tab in
// sessionStorage and remove it from the address bar, so it does not end up in bookmarks,
// screenshots or the history list, and a reload still works.

const TOKEN_KEY = 'shiftdesk.webToken';

export function takeAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    safeSessionSet(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return safeSessionGet(TOKEN_KEY);
}

function safeSessionGet(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSessionSet(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // Storage can be disabled; the token then lives only as long as this page.
  }
}
