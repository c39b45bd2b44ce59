import { contextBridge, ipcRenderer } from 'electron';
import type { EventName, EventPayloads, MethodId, MethodInput, MethodOutputs, ShiftdeskApi } from '../../src-shared/contract/api';
import { EVENT_IDS, isKnownEvent, METHOD_IDS } from './contract-names';
import { CALL_CHANNEL, COMMAND_CHANNEL, EVENT_CHANNEL, type CallReply } from './ipc-channels';
import { COMMAND_MESSAGE_TYPE, isMenuCommand, type CommandMessage } from './menu-commands';

// The sandboxed preload (bundled as one CommonJS file: a sandboxed preload may only require
// 'electron'). It exposes the contract as `window.shiftdesk` and nothing else: `call`, `on`, and
// `methods` with one function per method. Main validates every call again; this file only carries.

type Listener = (payload: EventPayloads[EventName]) => void;
type Methods = { readonly [M in MethodId]: (input: MethodInput<M>) => Promise<MethodOutputs[M]> };
export type PreloadApi = ShiftdeskApi & { readonly methods: Methods };

/** The one DOM call the preload makes (src-main is type-checked without the DOM library). */
const page = globalThis as unknown as { postMessage(message: CommandMessage, targetOrigin: string): void };

const listeners = new Map<EventName, Set<Listener>>(EVENT_IDS.map((event) => [event, new Set<Listener>()]));

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isKnownEvent(name)) return;
  for (const listener of listeners.get(name)!) listener(payload as EventPayloads[EventName]);
});

ipcRenderer.on(COMMAND_CHANNEL, (_event, command: unknown) => {
  if (!isMenuCommand(command)) return;
  // '/': only a page of this window's own origin receives it.
  page.postMessage({ type: COMMAND_MESSAGE_TYPE, command }, '/');
});

async function call<M extends MethodId>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M]> {
  const reply = (await ipcRenderer.invoke(CALL_CHANNEL, method, input)) as CallReply;
  if (reply.ok) return reply.result as MethodOutputs[M];
  const error = new Error(reply.error.message) as Error & { code?: string };
  error.name = reply.error.name;
  if (typeof reply.error.code === 'string') error.code = reply.error.code;
  throw error;
}

function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  if (!isKnownEvent(event)) throw new Error(`Unknown Shiftdesk event: ${String(event)}`);
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const set = listeners.get(event)!;
  set.add(listener as Listener);
  return () => void set.delete(listener as Listener);
}

const methods = Object.freeze(Object.fromEntries(METHOD_IDS.map((method) => [method, (input: unknown) => call(method, input as never)])) as unknown as Methods);

const api: PreloadApi = Object.freeze({ call, on, methods });

contextBridge.exposeInMainWorld('shiftdesk', api);
