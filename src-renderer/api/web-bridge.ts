import type { EventName, EventPayloads, MethodId, MethodInput, MethodOutputs, ShiftdeskApi } from '../../src-shared/contract/api';
import type { CallMessage, ReplyMessage } from '../../src-shared/contract/wire';
import { takeAccessToken } from './access-token';
import { BridgeError } from './bridge-error';
import { setConnectionState, useConnectionState } from './connection-state';

// The contract over a WebSocket to the web host (`/rpc?token=…` on the page's own origin), for
// browsers where no Electron preload exposes `window.shiftdesk`. The socket reconnects with
// backoff; calls in flight when it drops fail at once (react-query retries what matters), calls
// made while it is down wait for the next connection, and event listeners live here, not on the
// socket, so subscriptions survive reconnects.

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 10_000;
/** How long a call made while disconnected waits for the connection before it fails. */
const QUEUE_WAIT_MS = 20_000;

interface PendingCall {
  method: MethodId;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

type Listener = (payload: EventPayloads[EventName]) => void;

export function createWebBridge(): ShiftdeskApi {
  return new WebSocketBridge(takeAccessToken());
}

class WebSocketBridge implements ShiftdeskApi {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private attempt = 0;
  private everOpened = false;
  /** Sent and waiting for their reply. */
  private readonly inFlight = new Map<number, PendingCall>();
  /** Made while disconnected; sent when the socket opens. */
  private readonly queued = new Map<number, { message: CallMessage; call: PendingCall }>();
  private readonly listeners = new Map<EventName, Set<Listener>>();

  constructor(private readonly token: string | null) {
    if (token === null) {
      setConnectionState({ status: 'unauthorized', nextAttemptAt: null });
      return;
    }
    setConnectionState({ status: 'connecting', nextAttemptAt: null });
    this.connect();
  }

  call<M extends MethodId>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M]> {
    if (this.token === null) {
      return Promise.reject(new BridgeError('Unauthorized', 'No access token: open the address the Shiftdesk web host printed (it ends in ?token=…).'));
    }
    const id = this.nextId++;
    const message: CallMessage = { type: 'call', id, method, input: input ?? {} };
    return new Promise<MethodOutputs[M]>((resolve, reject) => {
      const call: PendingCall = { method, resolve: resolve as (value: unknown) => void, reject, timer: null };
      if (this.socket?.readyState === WebSocket.OPEN) {
        this.send(id, message, call);
        return;
      }
      call.timer = setTimeout(() => {
        this.queued.delete(id);
        reject(new BridgeError('Disconnected', `Shiftdesk is not reachable, so "${method}" could not be sent. It reconnects automatically.`));
      }, QUEUE_WAIT_MS);
      this.queued.set(id, { message, call });
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  private connect(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(this.token ?? '')}`);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      const reconnected = this.everOpened;
      this.everOpened = true;
      setConnectionState({
        status: 'open',
        nextAttemptAt: null,
        failedAttempts: 0,
        ...(reconnected ? { reconnects: useConnectionState.getState().reconnects + 1 } : {}),
      });
      for (const [id, { message, call }] of this.queued) {
        if (call.timer) clearTimeout(call.timer);
        call.timer = null;
        this.send(id, message, call);
      }
      this.queued.clear();
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failInFlight();
      this.scheduleReconnect();
    };
    // Errors are always followed by `close`, which handles them.
    socket.onerror = () => undefined;
  }

  private send(id: number, message: CallMessage, call: PendingCall): void {
    this.inFlight.set(id, call);
    this.socket!.send(JSON.stringify(message));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ReplyMessage;
    try {
      message = JSON.parse(data) as ReplyMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'result':
      case 'error': {
        const call = this.inFlight.get(message.id);
        if (!call) return;
        this.inFlight.delete(message.id);
        if (message.type === 'result') call.resolve(message.result);
        else call.reject(new BridgeError(message.error.name, message.error.message, message.error.code));
        return;
      }
      case 'event':
        for (const listener of this.listeners.get(message.event) ?? []) {
          try {
            listener(message.payload);
          } catch (error) {
            // One faulty listener must not starve the others of events.
            console.error(error);
          }
        }
        return;
    }
  }

  private failInFlight(): void {
    for (const call of this.inFlight.values()) {
      call.reject(new BridgeError('ConnectionLost', `The connection to Shiftdesk dropped before "${call.method}" was answered.`));
    }
    this.inFlight.clear();
  }

  /** Full-jitter exponential backoff, so many tabs do not reconnect in lockstep after a restart. */
  private scheduleReconnect(): void {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const delay = Math.max(250, Math.random() * ceiling);
    this.attempt++;
    setConnectionState({ status: 'reconnecting', nextAttemptAt: Date.now() + delay, failedAttempts: this.attempt });
    setTimeout(() => this.connect(), delay);
  }
}
