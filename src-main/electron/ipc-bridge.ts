import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, isMethodId, METHODS, type ShiftdeskApi } from '../../src-shared/contract/api';
import { toWireError } from '../core/rpc/wire';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply } from './ipc-channels';

// Carries the contract between the window's preload and core: every call is checked (sender,
// method, input) before it reaches core, and core's events go to the window. Nothing else.

export interface IpcBridgeOptions {
  core: ShiftdeskApi;
  /** The main window, or null while there is none. */
  getWindow: () => BrowserWindow | null;
  /** The renderer page's file:// URL: the only page that may call. */
  rendererUrl: string;
}

function withoutQueryOrHash(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '';
  }
}

/** True when the call comes from the main window's top frame showing our renderer page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, window: BrowserWindow | null, rendererUrl: string): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender !== window.webContents) return false;
  if (frame.parent !== null || frame !== window.webContents.mainFrame) return false;
  return withoutQueryOrHash(frame.url) === withoutQueryOrHash(rendererUrl);
}

const refuse = (name: string, message: string): CallReply => ({ ok: false, error: { name, message } });

/** Registers the bridge; returns a function that removes it. */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallReply> => {
    if (!isTrustedSender(event, options.getWindow(), options.rendererUrl)) return refuse('ForbiddenSenderError', 'Only the Shiftdesk window may call core.');
    if (!isMethodId(method)) return refuse('InvalidInputError', `Unknown method: ${String(method)}`);
    const parsed = METHODS[method].safeParse(input ?? {});
    if (!parsed.success) {
      return refuse('InvalidInputError', `Invalid input for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    }
    try {
      return { ok: true, result: await options.core.call(method, parsed.data as never) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  });

  const unsubscribe = EVENT_NAMES.map((name) =>
    options.core.on(name, (payload) => {
      const window = options.getWindow();
      if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
    }),
  );

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    for (const stop of unsubscribe) stop();
  };
}
