import type { WebContents } from 'electron';
import { openExternalSafely } from './external-links';

// Every web page Electron creates stays where it is: no navigation of the window, no popups (links
// that ask for a new window open in the browser instead, if they are http(s)), no <webview>.
// Message iframes may only hold their own srcdoc/blank/data documents.

/** Subframe documents the renderer creates itself (sandboxed message frames). */
export function isInertFrameUrl(url: string): boolean {
  return url === 'about:srcdoc' || url === 'about:blank' || url.startsWith('data:');
}

export function guardWebContents(contents: WebContents, openExternal: (url: string) => Promise<boolean> = openExternalSafely): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || !isInertFrameUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url).catch(() => false);
    return { action: 'deny' };
  });
}
