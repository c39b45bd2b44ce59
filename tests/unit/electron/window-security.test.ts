import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSafeExternalUrl, openExternalSafely } from '../../../src-main/electron/external-links';
import { guardWebContents, isInertFrameUrl } from '../../../src-main/electron/navigation-guard';
import { ELECTRON_CSP, hardenSession } from '../../../src-main/electron/session-hardening';
import { createMainWindow, mainWindowOptions, secureWebPreferences } from '../../../src-main/electron/window';
import { BrowserWindow, FakeWebContents, resetElectronFake, shell } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

// DESIGN §9 for the Electron window: isolated, sandboxed, no Node; no navigation, no popups, no
// webviews; links out only as http(s) through the browser; no permissions; a strict CSP.

beforeEach(() => resetElectronFake());

describe('window options', () => {
  it('are the secure ones', () => {
    expect(secureWebPreferences('/app/dist/electron/preload.cjs')).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    });
  });

  it('use the remembered bounds, and show the window only once painted', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', state: { x: 10, y: 20, width: 1200, height: 800, maximized: false }, backgroundColor: '#fff' });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, show: false, webPreferences: secureWebPreferences('/p.cjs') });
    const unplaced = mainWindowOptions({ preloadPath: '/p.cjs', state: { width: 1200, height: 800, maximized: false }, backgroundColor: '#fff' });
    expect(unplaced).not.toHaveProperty('x');
    expect(unplaced).not.toHaveProperty('y');
  });

  it('creates the window on the renderer file with those options', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs', rendererIndex: '/app/dist/renderer/index.html', state: { width: 1200, height: 800, maximized: true }, backgroundColor: '#fff' }) as unknown as BrowserWindow;
    expect(window.options).toMatchObject({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    expect(window.loadFile).toHaveBeenCalledWith('/app/dist/renderer/index.html');
  });
});

describe('navigation guard', () => {
  let contents: FakeWebContents;
  const opened: string[] = [];
  const event = (details: Record<string, unknown> = {}) => ({ ...details, preventDefault: vi.fn() });

  beforeEach(() => {
    opened.length = 0;
    contents = new FakeWebContents('file:///app/dist/renderer/index.html');
    guardWebContents(contents as never, async (url) => {
      opened.push(url);
      return true;
    });
  });

  it('denies every navigation of the window', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'file:///app/dist/renderer/index.html', 'javascript:alert(1)']) {
      const navigate = event({ url });
      contents.emit('will-navigate', navigate);
      expect(navigate.preventDefault, url).toHaveBeenCalled();
      const frameNavigate = event({ url, isMainFrame: true });
      contents.emit('will-frame-navigate', frameNavigate);
      expect(frameNavigate.preventDefault, url).toHaveBeenCalled();
    }
  });

  it('lets message frames hold only their own documents', () => {
    for (const url of ['about:srcdoc', 'about:blank', 'data:text/html,<p>hi</p>']) {
      const inert = event({ url, isMainFrame: false });
      contents.emit('will-frame-navigate', inert);
      expect(inert.preventDefault, url).not.toHaveBeenCalled();
    }
    for (const url of ['https://tracker.invalid/frame', 'http://127.0.0.1:4010/', 'file:///etc/passwd']) {
      const away = event({ url, isMainFrame: false });
      contents.emit('will-frame-navigate', away);
      expect(away.preventDefault, url).toHaveBeenCalled();
    }
    expect(isInertFrameUrl('about:srcdoc')).toBe(true);
    expect(isInertFrameUrl('https://x.example')).toBe(false);
  });

  it('denies window.open, handing http(s) links to the browser', async () => {
    expect(contents.windowOpenHandler!({ url: 'https://docs.example/help' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://docs.example/help', 'file:///etc/passwd']); // the opener itself validates (below)
  });

  it('refuses <webview> and main-frame redirects', () => {
    const attach = event();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    const redirect = event({ url: 'https://elsewhere.example', isMainFrame: true });
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('uses the validating opener by default', async () => {
    const guarded = new FakeWebContents('file:///app/dist/renderer/index.html');
    guardWebContents(guarded as never);
    guarded.windowOpenHandler!({ url: 'smb://server/share' });
    guarded.windowOpenHandler!({ url: 'https://example.com/ok' });
    await new Promise((r) => setTimeout(r, 0));
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/ok']]);
  });
});

describe('external links', () => {
  it('are only http(s) URLs to a host, without credentials', () => {
    for (const ok of ['https://example.com', 'http://example.com/a?b=c#d', 'https://例え.jp/パス', 'https://127.0.0.1:4010/agent/tickets/1']) expect(isSafeExternalUrl(ok), ok).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://server/share',
      'ms-settings:',
      'vscode://file/x',
      'mailto:a@b.example',
      'https://user:pass@example.com/',
      'https://user@example.com/',
      'https://',
      'http:',
      'not a url',
      '',
      `https://example.com/${'a'.repeat(2100)}`,
      42,
      null,
    ]) {
      expect(isSafeExternalUrl(bad), String(bad)).toBe(false);
    }
  });

  it('open in the browser only when safe', async () => {
    expect(await openExternalSafely('javascript:alert(1)')).toBe(false);
    expect(await openExternalSafely('file:///etc/passwd')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(await openExternalSafely('https://example.com/a b')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/a%20b');
  });
});

describe('session hardening', () => {
  type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void;
  type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string; isMainFrame?: boolean }) => void;
  type CheckHandler = (...args: unknown[]) => boolean;
  interface FakeSession {
    request: RequestHandler | null;
    check: CheckHandler | null;
    device: CheckHandler | null;
    headers: HeadersListener | null;
  }
  const session: FakeSession = { request: null, check: null, device: null, headers: null };
  const electronSession = {
    setPermissionRequestHandler: (handler: RequestHandler) => void (session.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (session.check = handler),
    setDevicePermissionHandler: (handler: CheckHandler) => void (session.device = handler),
    webRequest: { onHeadersReceived: (listener: HeadersListener) => void (session.headers = listener) },
  };

  afterEach(() => {
    session.request = session.check = session.device = session.headers = null;
  });

  it("grants notifications to the app's own page only, nothing else", () => {
    const app = 'file:///opt/shiftdesk/dist/renderer/index.html';
    hardenSession(electronSession as never, app);
    const ask = (permission: string, requestingUrl: string, isMainFrame = true) => {
      const callback = vi.fn();
      session.request!({}, permission, callback, { requestingUrl, isMainFrame });
      const checked = session.check!({}, permission, 'file://', { requestingUrl, isMainFrame });
      expect(callback.mock.calls[0]?.[0], `${permission} ${requestingUrl}`).toBe(checked);
      return checked;
    };
    expect(ask('notifications', `${app}?token=x#/case/1`)).toBe(true);
    expect(ask('notifications', app, false), 'a frame inside the page (a customer e-mail)').toBe(false);
    expect(ask('notifications', 'file:///tmp/evil.html')).toBe(false);
    expect(ask('notifications', 'https://example.com/')).toBe(false);
    expect(ask('media', app)).toBe(false);
    expect(ask('geolocation', app)).toBe(false);
  });

  it('grants no permission, and adds the CSP to every response', () => {
    hardenSession(electronSession as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.request!({}, permission, callback, { requestingUrl: 'file:///app/index.html', isMainFrame: true });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.check!({}, permission, 'file://', { requestingUrl: 'file:///app/index.html', isMainFrame: true }), permission).toBe(false);
    }
    expect(session.device!({})).toBe(false);
    const callback = vi.fn();
    session.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [ELECTRON_CSP] } });
    expect(ELECTRON_CSP).toContain("script-src 'self';");
    expect(ELECTRON_CSP).toContain("connect-src 'self';");
    expect(ELECTRON_CSP).toContain("object-src 'none'");
  });
});
