import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHODS, type EventName, type EventPayloads, type MethodId, type ShiftdeskApi } from '../../../src-shared/contract/api';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply } from '../../../src-main/electron/ipc-channels';
import { registerIpcBridge } from '../../../src-main/electron/ipc-bridge';
import { DEFAULT_SMART_WEIGHTS } from '../../../src-shared/domain/smart-priority';
import { BrowserWindow, FakeFrame, FakeWebContents, ipcMain, resetElectronFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

// The IPC bridge: every contract method reaches core, and only from the main window's top frame
// showing our page, with input that parses.

const RENDERER_URL = 'file:///app/dist/renderer/index.html';

/** A valid input per method; a new method makes tsc ask for one here. */
const VALID_INPUT: { [M in MethodId]: unknown } = {
  'accounts:list': {},
  'accounts:add': { kind: 'zendesk', baseUrl: 'https://acme.zendesk.example', email: 'a@acme.example', token: 't' },
  'accounts:remove': { id: 1 },
  'accounts:test': { kind: 'zendesk', baseUrl: 'https://acme.zendesk.example', email: 'a@acme.example', token: 't' },
  'accounts:setSecrets': { id: 1, token: 't' },
  'inbox:list': { view: 'mine' },
  'inbox:counts': {},
  'cases:get': { id: 7 },
  'customers:get': { id: 8 },
  'search:query': { query: 'refund' },
  'sync:status': {},
  'sync:retry': { accountId: 1 },
  'sync:recordIssues': { accountId: 1 },
  'directory:get': {},
  'cases:act': { caseIds: [1, 2], intent: { status: 'solved', addTags: ['done'] } },
  'cases:send': { caseId: 1, intent: { comment: { body: 'Hello', public: true } } },
  'outbox:list': {},
  'outbox:retry': { id: 'a1' },
  'outbox:discard': { id: 'a1' },
  'outbox:applyAnyway': { id: 'a1' },
  'outbox:edit': { id: 'a1', intent: { comment: { body: 'Hi', public: true } } },
  'outbox:review': { caseId: 1 },
  'outbox:decisions': {},
  'drafts:get': { caseId: 1 },
  'drafts:save': { caseId: 1, body: 'Draft', mode: 'reply' },
  'network:status': {},
  'network:setOffline': { offline: true },
  'app:info': {},
  'presence:get': { caseIds: [1, 2] },
  'presence:setStatus': { status: 'away' },
  'presence:setActivity': { caseId: 1, activity: 'typing' },
  'presence:leave': { caseId: 1 },
  'presence:settings:get': {},
  'presence:settings:set': { brokerUrl: 'mqtt://127.0.0.1:1883', username: 'ana@acme.example', workspace: 'support', password: 'secret' },
  'macros:list': {},
  'macros:save': { title: 'Refund', body: 'Hi {{customer.first_name | "there"}}, your refund is on its way.', bodyPublic: true, actions: { status: 'solved', assignee: { kind: 'me' }, addTags: ['refund'] } },
  'macros:delete': { id: 3 },
  'macros:suggest': { caseId: 1 },
  'macros:context': { caseId: 1 },
  'macros:used': { id: 3 },
  'macros:applyBulk': { macroId: 3, caseIds: [1, 2] },
  'attachments:get': { messageId: 4, attachmentId: '1.2' },
  'sla:policies:list': {},
  'sla:policies:save': { title: 'Chat', targets: [{ target: 'first_reply', priority: 'high', channel: 'chat', minutes: 5, businessHours: false }] },
  'sla:policies:delete': { id: 4 },
  // --- issue 7: SLA ---
  'priority:settings:get': {},
  'priority:settings:set': { weights: { ...DEFAULT_SMART_WEIGHTS, tier_vip: 40 } },
  'priority:preview': { weights: { ...DEFAULT_SMART_WEIGHTS, trigger_refund: 50 }, limit: 10 },
  'routing:suggest': { caseId: 1 },
  // --- issue 7: smart priority and routing ---
  'supervisor:get': {},
  'supervisor:access': {},
  // --- issue 7: supervisor ---
};

class FakeCore implements ShiftdeskApi {
  readonly events = new EventEmitter();
  readonly call = vi.fn(async (method: string, input: unknown): Promise<never> => ({ answered: method, input }) as never);
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const forward = (payload: EventPayloads[E]) => listener(payload);
    this.events.on(event, forward);
    return () => this.events.off(event, forward);
  }
}

describe('IPC bridge', () => {
  let core: FakeCore;
  let window: BrowserWindow;
  let dispose: () => void;

  const trusted = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
  const invoke = (event: unknown, method: unknown, input?: unknown) => ipcMain.handlers.get(CALL_CHANNEL)!(event, method, input) as Promise<CallReply>;

  beforeEach(() => {
    resetElectronFake();
    core = new FakeCore();
    window = new BrowserWindow();
    window.webContents.mainFrame.url = `${RENDERER_URL}#/inbox`;
    dispose = registerIpcBridge({ core, getWindow: () => window as never, rendererUrl: RENDERER_URL });
  });
  afterEach(() => dispose());

  it('bridges every contract method to core, with the parsed input', async () => {
    expect(Object.keys(VALID_INPUT).sort()).toEqual(Object.keys(METHODS).sort());
    for (const method of Object.keys(METHODS) as MethodId[]) {
      core.call.mockClear();
      const reply = await invoke(trusted(), method, VALID_INPUT[method]);
      expect(reply, method).toEqual({ ok: true, result: { answered: method, input: METHODS[method].parse(VALID_INPUT[method]) } });
      expect(core.call).toHaveBeenCalledTimes(1);
      expect(core.call).toHaveBeenCalledWith(method, METHODS[method].parse(VALID_INPUT[method]));
    }
  });

  it('treats a missing input as {} (methods without parameters)', async () => {
    expect(await invoke(trusted(), 'inbox:counts', undefined)).toMatchObject({ ok: true });
    expect(core.call).toHaveBeenCalledWith('inbox:counts', {});
  });

  it('refuses unknown methods and input that does not parse, without calling core', async () => {
    const refusals: [unknown, unknown][] = [
      ['no:such', {}],
      ['__proto__', {}],
      ['constructor', {}],
      [42, {}],
      ['cases:get', { id: 'x' }],
      ['cases:get', { id: -1 }],
      ['cases:get', { id: 1, extra: true }],
      ['inbox:list', { view: 'nope' }],
      ['accounts:add', { kind: 'zendesk', baseUrl: 'file:///etc/passwd', email: 'a@b.example', token: 't' }],
      ['search:query', { query: 'x'.repeat(501) }],
      ['inbox:counts', 'not an object'],
    ];
    for (const [method, input] of refusals) {
      const reply = await invoke(trusted(), method, input);
      expect(reply, `${String(method)} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { name: 'InvalidInputError' } });
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('refuses calls from anything but the main window’s top frame on our page', async () => {
    const other = new FakeWebContents(RENDERER_URL);
    const senders = {
      'no frame': { sender: window.webContents, senderFrame: null },
      'a subframe': { sender: window.webContents, senderFrame: new FakeFrame('about:srcdoc', window.webContents.mainFrame) },
      'a subframe with our URL': { sender: window.webContents, senderFrame: new FakeFrame(RENDERER_URL, window.webContents.mainFrame) },
      'another frame object with our URL': { sender: window.webContents, senderFrame: new FakeFrame(RENDERER_URL) },
      'another web contents': { sender: other, senderFrame: other.mainFrame },
    };
    for (const [what, event] of Object.entries(senders)) {
      expect(await invoke(event, 'inbox:counts', {}), what).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError' } });
    }
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'file:///app/dist/renderer/other.html', 'about:blank']) {
      window.webContents.mainFrame.url = url;
      expect(await invoke(trusted(), 'inbox:counts', {}), url).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError' } });
    }
    window.webContents.mainFrame.url = RENDERER_URL;
    window.destroyed = true;
    expect(await invoke(trusted(), 'inbox:counts', {})).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError' } });
    expect(core.call).not.toHaveBeenCalled();
  });

  it('hands core errors back with their name', async () => {
    core.call.mockRejectedValueOnce(Object.assign(new Error('The helpdesk refused the credentials'), { name: 'AuthError' }));
    expect(await invoke(trusted(), 'accounts:list', {})).toEqual({ ok: false, error: { name: 'AuthError', message: 'The helpdesk refused the credentials' } });
  });

  it('sends core events to the window, and stops when disposed', () => {
    const change = { kinds: ['cases'], caseIds: [1], customerIds: [] };
    core.events.emit('onChange', change);
    core.events.emit('onSyncProgress', { accountId: 1 });
    expect(window.webContents.send.mock.calls).toEqual([
      [EVENT_CHANNEL, 'onChange', change],
      [EVENT_CHANNEL, 'onSyncProgress', { accountId: 1 }],
    ]);
    window.destroyed = true;
    core.events.emit('onChange', change);
    expect(window.webContents.send).toHaveBeenCalledTimes(2);

    dispose();
    dispose = () => undefined;
    expect(ipcMain.handlers.has(CALL_CHANNEL)).toBe(false);
    expect(core.events.listenerCount('onChange')).toBe(0);
    expect(core.events.listenerCount('onSyncProgress')).toBe(0);
  });
});
