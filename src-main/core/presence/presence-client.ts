// Me on the presence broker: one mqtt.js connection (MQTT 3.1.1, clean session) that publishes
// this agent's status and case presence, keeps them alive with a heartbeat, leaves cleanly, and
// hands every message of the workspace to its owner (PresenceService). It reconnects by itself
// with a capped, jittered backoff, forever; nothing waits for it.
//
// Per connection: a new session id (`sid`) and a Last Will (retained `offline` status with that
// sid, so readers drop the session's case presence at once). After the broker accepts the
// subscription to `shiftdesk/<workspace>/#`, the whole state is published again (retained), and
// again at every heartbeat. While disconnected, state changes are only recorded; case events are
// queued (bounded) and sent on reconnect.
import { randomBytes } from 'node:crypto';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { PresenceActivity, PresenceConnectionStatus, SettableAgentStatus } from '../../../src-shared/domain/presence';

export type { PresenceConnectionStatus };
import type { BackoffPolicy } from '../net/backoff';
import { encodeEvent, encodePresence, encodeStatus, type EventPayloadInput } from './payloads';
import { eventsTopic, isValidCaseKey, presenceTopic, statusTopic, workspaceFilter } from './topics';

/** A case event as its sender states it; time, name and session are added when it is published. */
export type CaseEventInput = EventPayloadInput extends infer E ? (E extends unknown ? Omit<E, 'at' | 'name' | 'sid'> : never) : never;

export interface PresenceClientOptions {
  /** mqtt://, mqtts://, ws:// or wss:// */
  url: string;
  workspace: string;
  /** This agent's id, which is also its broker username. */
  agentId: string;
  /** Shown to the others. */
  name: string;
  /** Read before every connection attempt (the keychain; null: connect without a password). */
  password: () => Promise<string | null>;
  heartbeatMs: number;
  /** MQTT keepalive: the broker fires the Last Will after 1.5× this without a packet. */
  keepaliveSec: number;
  connectTimeoutMs: number;
  backoff: BackoffPolicy;
  /** Every message of the workspace (our own included). `retained`: replayed from the broker's retained store. */
  onMessage: (topic: string, payload: Buffer, retained: boolean) => void;
  onConnection: (status: PresenceConnectionStatus) => void;
  random?: () => number;
  now?: () => number;
}

/** Case events kept while the broker is unreachable; older ones are dropped first. */
export const MAX_QUEUED_EVENTS = 100;

interface MyCase {
  state: PresenceActivity;
  since: number;
}

/** A CONNACK refusal (MQTT 3.1.1 return codes 1–5). */
function isRefusal(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && code >= 1 && code <= 5;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === 4 || code === 5) return `the broker refused the credentials (${error.message})`;
    if (isRefusal(error)) return `the broker refused the connection (${error.message})`;
    return error.message;
  }
  return String(error);
}

export class PresenceClient {
  private status: SettableAgentStatus = 'available';
  private readonly cases = new Map<string, MyCase>();
  /** Entered cases, most recent last: the last one is "my current case". */
  private readonly entered: string[] = [];
  private readonly queuedEvents: { caseKey: string; event: CaseEventInput; at: number }[] = [];
  /** Publishes waiting for their PUBACK: settled when the connection closes, so no caller waits on a dead connection. */
  private readonly pending = new Set<() => void>();
  private client: MqttClient | null = null;
  private connected = false;
  private closed = false;
  private started = false;
  private sid = '';
  private seq = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private connection: PresenceConnectionStatus = { state: 'connecting', error: null, nextRetryAt: null };
  private readonly random: () => number;
  private readonly now: () => number;
  /** Stable across reconnects, so a new connection takes over a half-open old one at once. */
  readonly clientId = `sd-${randomBytes(8).toString('hex')}`;

  constructor(private readonly options: PresenceClientOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    // Fail fast on a bad configuration rather than at the first publish.
    statusTopic(options.workspace, options.agentId);
  }

  /** Starts connecting (and returns at once). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connectNow();
  }

  /** Ends the backoff pause and tries again now (settings or password changed, network back). */
  retryNow(): void {
    if (!this.started || this.closed || this.connected || this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connectNow();
  }

  get connectionStatus(): PresenceConnectionStatus {
    return this.connection;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** The current connection's session id ('' before the first connection). */
  get sessionId(): string {
    return this.sid;
  }

  get myStatus(): SettableAgentStatus {
    return this.status;
  }

  get currentCase(): string | null {
    return this.entered.at(-1) ?? null;
  }

  myCases(): { caseKey: string; activity: PresenceActivity; since: number }[] {
    return [...this.cases].map(([caseKey, c]) => ({ caseKey, activity: c.state, since: c.since }));
  }

  isOnCase(caseKey: string): boolean {
    return this.cases.has(caseKey);
  }

  setStatus(status: SettableAgentStatus): Promise<void> {
    this.status = status;
    return this.publishStatus();
  }

  /** I opened a case: `viewing` unless I am already on it. */
  enterCase(caseKey: string): Promise<void> {
    return this.setActivity(caseKey, this.cases.get(caseKey)?.state ?? 'viewing');
  }

  /** What I do on a case (entering it if needed). The case becomes my current case. */
  async setActivity(caseKey: string, state: PresenceActivity): Promise<void> {
    if (!isValidCaseKey(caseKey)) throw new Error(`invalid case key "${caseKey}"`);
    const held = this.cases.get(caseKey);
    const wasCurrent = this.currentCase === caseKey;
    if (!held || held.state !== state) this.cases.set(caseKey, { state, since: this.now() });
    if (!wasCurrent) {
      if (held) this.entered.splice(this.entered.indexOf(caseKey), 1);
      this.entered.push(caseKey);
    }
    const publishes = held?.state === state ? [] : [this.publishPresence(caseKey)];
    if (!wasCurrent) publishes.push(this.publishStatus());
    await Promise.all(publishes);
  }

  /** I left a case: my entry is cleared on the broker (an empty retained message). */
  async leaveCase(caseKey: string): Promise<void> {
    if (!this.cases.delete(caseKey)) return;
    const wasCurrent = this.currentCase === caseKey;
    this.entered.splice(this.entered.indexOf(caseKey), 1);
    const publishes = [this.publish(presenceTopic(this.options.workspace, caseKey, this.options.agentId), '', true)];
    if (wasCurrent) publishes.push(this.publishStatus());
    await Promise.all(publishes);
  }

  /** Announces a case event (not retained); queued while the broker is unreachable. */
  async publishEvent(caseKey: string, event: CaseEventInput): Promise<void> {
    const at = this.now();
    const topic = eventsTopic(this.options.workspace, caseKey, this.options.agentId);
    const payload = this.eventPayload(event, at, this.sid || 'unsent'); // validates it now rather than at the flush
    if (!this.connected) {
      this.queuedEvents.push({ caseKey, event, at });
      if (this.queuedEvents.length > MAX_QUEUED_EVENTS) this.queuedEvents.shift();
      return;
    }
    await this.publish(topic, payload, false);
  }

  /** Publishes my status again (another session's Last Will or leave overwrote the retained one). */
  republishStatus(): Promise<void> {
    return this.publishStatus();
  }

  /** Clears a retained presence entry of mine that no session of mine refreshes any more. */
  clearLeftover(caseKey: string): Promise<void> {
    if (this.cases.has(caseKey)) return this.publishPresence(caseKey);
    return this.publish(presenceTopic(this.options.workspace, caseKey, this.options.agentId), '', true);
  }

  /**
   * Leaves cleanly: clears my case presence, publishes `offline` and disconnects (a DISCONNECT,
   * so the Last Will does not fire). Waits at most `timeoutMs` for the broker's acknowledgements.
   */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopTimers();
    const client = this.client;
    this.client = null;
    if (!client) return;
    let acknowledged = false;
    if (this.connected && client.connected) {
      const goodbyes = [...this.cases.keys()].map((caseKey) => this.publishVia(client, presenceTopic(this.options.workspace, caseKey, this.options.agentId), '', true));
      goodbyes.push(this.publishVia(client, statusTopic(this.options.workspace, this.options.agentId), this.statusPayload('offline'), true));
      let timer: NodeJS.Timeout | undefined;
      let onClose: (() => void) | undefined;
      acknowledged = await Promise.race([
        Promise.all(goodbyes).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
        // the broker went away meanwhile: nobody is left to say goodbye to
        new Promise<boolean>((resolve) => client.once('close', (onClose = () => resolve(false)))),
      ]);
      clearTimeout(timer);
      if (onClose) client.off('close', onClose);
    }
    this.connected = false;
    // A DISCONNECT after the goodbyes (so no Last Will); otherwise just drop the socket. mqtt.js
    // may never call back when the socket is already gone, hence the bound.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      client.end(!acknowledged || !client.connected, {}, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.settlePending();
  }

  private async connectNow(): Promise<void> {
    this.retryTimer = null;
    if (this.closed) return;
    let password: string | null;
    try {
      password = await this.options.password();
    } catch (error) {
      this.lost(`cannot read the broker password: ${describe(error)}`);
      return;
    }
    if (this.closed) return;
    const sid = randomBytes(9).toString('base64url');
    const { workspace, agentId } = this.options;
    const will = this.statusPayload('offline', sid);
    const mqttOptions: IClientOptions = {
      clientId: this.clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: this.options.keepaliveSec,
      connectTimeout: this.options.connectTimeoutMs,
      reconnectPeriod: 0,
      queueQoSZero: false,
      resubscribe: false,
      username: agentId,
      will: { topic: statusTopic(workspace, agentId), payload: Buffer.from(will), qos: 1, retain: true },
    };
    if (password !== null) mqttOptions.password = password;
    let client: MqttClient;
    try {
      client = connect(this.options.url, mqttOptions);
    } catch (error) {
      this.lost(`cannot connect to ${this.options.url}: ${describe(error)}`);
      return;
    }
    this.client = client;
    let lastError: string | null = null;
    /** The broker answered, and said no (credentials, subscription): said as is. */
    let refused: string | null = null;
    let done = false;
    client.on('error', (error) => {
      lastError = error.message;
      if (isRefusal(error)) refused = describe(error);
    });
    client.on('message', (topic, payload, packet) => {
      if (this.client === client) this.options.onMessage(topic, payload, packet.retain === true);
    });
    client.on('close', () => {
      this.settlePending();
      if (done) return;
      done = true;
      if (this.client === client) {
        this.client = null;
        client.end(true);
        this.lost(refused ?? (this.connected ? `the connection to the broker was lost (${lastError ?? 'closed'})` : `cannot reach the broker at ${this.options.url} (${lastError ?? 'the connection closed before the broker accepted it'})`));
      }
    });
    client.on('connect', () => {
      if (this.client !== client) return;
      this.sid = sid;
      client.subscribe(workspaceFilter(workspace), { qos: 1 }, (error, granted) => {
        if (this.client !== client) return;
        if (error || !granted || granted.some((g) => g.qos === 128)) {
          refused = `the broker refused the subscription to ${workspaceFilter(workspace)}${error ? ` (${error.message})` : ''}`;
          client.end(true);
          return;
        }
        this.connected = true;
        this.attempt = 0;
        this.setConnection({ state: 'connected', error: null, nextRetryAt: null });
        this.publishAll();
        this.flushEvents();
        this.heartbeatTimer = setInterval(() => this.publishAll(), this.options.heartbeatMs);
      });
    });
  }

  /** The connection failed or dropped: wait (capped exponential backoff, jittered ×[½, 1]) and try again. */
  private lost(reason: string): void {
    this.connected = false;
    this.stopTimers();
    if (this.closed) return;
    const { baseMs, capMs } = this.options.backoff;
    const nominal = Math.min(capMs, baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    const delay = Math.round(nominal * (0.5 + 0.5 * this.random()));
    this.setConnection({ state: 'unavailable', error: reason, nextRetryAt: this.now() + delay });
    this.retryTimer = setTimeout(() => void this.connectNow(), delay);
  }

  private stopTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.retryTimer = null;
    this.heartbeatTimer = null;
  }

  private setConnection(status: PresenceConnectionStatus): void {
    const before = this.connection;
    this.connection = status;
    if (before.state !== status.state || before.error !== status.error || before.nextRetryAt !== status.nextRetryAt) this.options.onConnection(status);
  }

  private statusPayload(status: 'available' | 'away' | 'offline', sid: string = this.sid): string {
    return encodeStatus({ status, at: this.now(), name: this.options.name, sid, seq: ++this.seq, case: status === 'offline' ? null : this.currentCase });
  }

  private publishStatus(): Promise<void> {
    if (!this.connected) return Promise.resolve();
    return this.publish(statusTopic(this.options.workspace, this.options.agentId), this.statusPayload(this.status), true);
  }

  private publishPresence(caseKey: string): Promise<void> {
    const mine = this.cases.get(caseKey);
    if (!mine || !this.connected) return Promise.resolve();
    const payload = encodePresence({ state: mine.state, since: mine.since, at: this.now(), name: this.options.name, sid: this.sid, seq: ++this.seq });
    return this.publish(presenceTopic(this.options.workspace, caseKey, this.options.agentId), payload, true);
  }

  /** Status, then every case: at connection and at every heartbeat. */
  private publishAll(): void {
    void this.publishStatus();
    for (const caseKey of this.cases.keys()) void this.publishPresence(caseKey);
  }

  private eventPayload(event: CaseEventInput, at: number, sid: string): string {
    return encodeEvent({ ...event, at, name: this.options.name, sid } as EventPayloadInput);
  }

  private flushEvents(): void {
    for (const { caseKey, event, at } of this.queuedEvents.splice(0)) {
      const payload = this.eventPayload(event, at, this.sid);
      void this.publish(eventsTopic(this.options.workspace, caseKey, this.options.agentId), payload, false);
    }
  }

  /** QoS 1; resolves when the broker acknowledged it, or at once when not connected (the state is published again on connection). */
  private publish(topic: string, payload: string, retain: boolean): Promise<void> {
    const client = this.client;
    if (!client || !this.connected) return Promise.resolve();
    return this.publishVia(client, topic, payload, retain);
  }

  /** Resolves on the broker's PUBACK, or when the connection closes first (the state is published again on the next connection). */
  private publishVia(client: MqttClient, topic: string, payload: string, retain: boolean): Promise<void> {
    return new Promise((resolve) => {
      const settle = () => {
        this.pending.delete(settle);
        resolve();
      };
      this.pending.add(settle);
      client.publish(topic, payload, { qos: 1, retain }, settle);
    });
  }

  private settlePending(): void {
    for (const settle of [...this.pending]) settle();
  }
}
