import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHODS } from '../../../src-shared/contract/api';
import { CALL_CHANNEL, COMMAND_CHANNEL, EVENT_CHANNEL } from '../../../src-main/electron/ipc-channels';
import type { PreloadApi } from '../../../src-main/electron/preload';
import { PRELOAD_BUNDLE, preloadProblems } from '../../../src-main/electron/tools/bundles';
import { contextBridge, ipcRenderer, resetElectronFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

// The preload exposes exactly the typed contract (call, on, methods) and carries calls and events
// over IPC; the bundle that ships is one CommonJS file that needs nothing but 'electron'.

describe('preload', () => {
  let api: PreloadApi;
  const posted: unknown[] = [];

  beforeAll(async () => {
    resetElectronFake();
    vi.stubGlobal('postMessage', (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }));
    await import('../../../src-main/electron/preload');
    api = contextBridge.exposed.get('shiftdesk') as PreloadApi;
  });
  afterAll(() => vi.unstubAllGlobals());

  it('exposes exactly call, on and methods as window.shiftdesk', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...contextBridge.exposed.keys()]).toEqual(['shiftdesk']);
    expect(Object.keys(api).sort()).toEqual(['call', 'methods', 'on']);
    expect(Object.keys(api.methods).sort()).toEqual(Object.keys(METHODS).sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.methods)).toBe(true);
  });

  it('sends calls over the call channel and returns the result', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { mine: 3 } });
    await expect(api.call('inbox:counts', {})).resolves.toEqual({ mine: 3 });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(CALL_CHANNEL, 'inbox:counts', {});

    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { rows: [] } });
    await expect(api.methods['inbox:list']({ view: 'mine' })).resolves.toEqual({ rows: [] });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(CALL_CHANNEL, 'inbox:list', { view: 'mine' });
  });

  it('turns an error reply into a rejected promise with the error’s name', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { name: 'InvalidInputError', message: 'Invalid input for cases:get: id' } });
    const error = await api.call('cases:get', { id: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'InvalidInputError', message: 'Invalid input for cases:get: id' });
  });

  it('delivers core events to subscribers until they unsubscribe', () => {
    const seen: unknown[] = [];
    const off = api.on('onChange', (payload) => seen.push(payload));
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'onChange', { kinds: ['cases'], caseIds: [1], customerIds: [] });
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'onSyncProgress', { accountId: 1 });
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'notAnEvent', { x: 1 });
    expect(seen).toEqual([{ kinds: ['cases'], caseIds: [1], customerIds: [] }]);
    off();
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'onChange', { kinds: ['cases'], caseIds: [2], customerIds: [] });
    expect(seen).toHaveLength(1);
    expect(() => api.on('onNothing' as never, () => undefined)).toThrow(/Unknown Shiftdesk event/);
    expect(() => api.on('onChange', 'not a function' as never)).toThrow(TypeError);
  });

  it('passes known menu commands to the page, and nothing else', () => {
    ipcRenderer.emit(COMMAND_CHANNEL, {}, 'go-mine');
    ipcRenderer.emit(COMMAND_CHANNEL, {}, 'format-disk');
    expect(posted).toEqual([{ message: { type: 'shiftdesk:command', command: 'go-mine' }, targetOrigin: '/' }]);
  });
});

describe('preload bundle', () => {
  it('is one CommonJS file that requires only electron, and works in a sandbox-like context', async () => {
    const result = await build({ ...PRELOAD_BUNDLE, write: false, sourcemap: false, logLevel: 'silent' });
    const code = result.outputFiles[0]!.text;
    expect(preloadProblems(code)).toEqual([]);
    expect(code).not.toMatch(/\bzod\b/);

    const requested: string[] = [];
    const exposed = new Map<string, unknown>();
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: { on: () => undefined, invoke: async () => ({ ok: true, result: 1 }) },
    };
    const sandboxRequire = (name: string) => {
      requested.push(name);
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return fakeElectron;
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, postMessage: () => undefined });
    expect(requested).toEqual(['electron']);
    const api = exposed.get('shiftdesk') as PreloadApi;
    expect(Object.keys(api).sort()).toEqual(['call', 'methods', 'on']);
    expect(Object.keys(api.methods).sort()).toEqual(Object.keys(METHODS).sort());
    await expect(api.methods['sync:status']({})).resolves.toBe(1);
    expect(EVENT_NAMES.map((event) => typeof api.on(event, () => undefined))).toEqual(EVENT_NAMES.map(() => 'function'));
  });

  it('flags a preload that would not load in the sandbox', () => {
    expect(preloadProblems('require("electron"); require("fs");')).toEqual([expect.stringMatching(/requires fs/)]);
    expect(preloadProblems('class ZodError {}')).toEqual([expect.stringMatching(/zod/)]);
  });
});
