// Presence and collision detection (DESIGN §7), without UI: my status and what I do on which case
// go to the broker (PresenceClient); what the others do comes back, is validated (payloads.ts),
// attributed to the agent named by the TOPIC, and kept in a PresenceStore that drops what its
// owner stopped refreshing. Listeners hear about changes (`onChange`), case events from others
// (`onCaseEvent`) and the broker connection (`onConnectionChange`).
//
// Nothing waits for the broker: every method returns at once when it is unreachable (my state is
// published when it comes back), and the connection retries forever with capped backoff.
import type { CaseEventNotice, CasePresence, AgentPresence, PresenceActivity, PresenceConnectionStatus, PresenceSnapshot, MyPresence, SettableAgentStatus } from '../../../src-shared/domain/presence';
import type { BackoffPolicy } from '../net/backoff';
import type { SecretStore } from '../secrets/secret-store';
import { decodeEvent, decodePresence, decodeStatus } from './payloads';
import { PresenceClient, type CaseEventInput } from './presence-client';
import { presenceSecretKey } from './presence-settings';
import { PresenceStore, type IgnoredReason, type PresenceChange } from './presence-store';
import { parseTopic } from './topics';

export interface PresenceServiceOptions {
  brokerUrl: string;
  workspace: string;
  /** My agent id: my broker username. */
  agentId: string;
  /** My name, shown to the others. */
  name: string;
  /** The broker password is read from here (`presenceSecretKey`) before every connection attempt. */
  secrets: SecretStore;
  /** How often my state is published again. Default 20 s. */
  heartbeatMs?: number;
  /** Others' entries not refreshed for this long are dropped. Default 60 s (3 heartbeats). */
  expiryMs?: number;
  /** MQTT keepalive; a vanished machine's Last Will fires after 1.5× this. Default 30 s. */
  keepaliveSec?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Reconnect pauses: doubling from `baseMs` to `capMs`, jittered ×[½, 1]. Default 1 s → 30 s. */
  backoff?: BackoffPolicy;
  now?: () => number;
  random?: () => number;
}

export const PRESENCE_DEFAULTS = {
  heartbeatMs: 20_000,
  expiryMs: 60_000,
  keepaliveSec: 30,
  connectTimeoutMs: 10_000,
  backoff: { baseMs: 1000, capMs: 30_000 },
} as const;

/** What the service received and what it did not use (malformed payloads are ignored and counted). */
export interface PresenceStats {
  messages: number;
  malformed: number;
  /** Messages on topics of the workspace that are not presence topics (or carry invalid ids). */
  unknownTopics: number;
  /** My own messages coming back. */
  echoes: number;
  duplicateEvents: number;
  ignored: Record<IgnoredReason, number>;
  /** The reason of the last malformed payload, for diagnostics. */
  lastMalformed: string | null;
}

export type PresenceChangeListener = (change: PresenceChange) => void;

/** Case events remembered to report each (agent, action, kind) once. */
const SEEN_EVENTS = 2000;

export class PresenceService {
  private readonly store: PresenceStore;
  private readonly client: PresenceClient;
  private readonly now: () => number;
  private readonly expiryMs: number;
  private readonly changeListeners = new Set<PresenceChangeListener>();
  private readonly eventListeners = new Set<(event: CaseEventNotice) => void>();
  private readonly connectionListeners = new Set<(status: PresenceConnectionStatus) => void>();
  private readonly seenEvents = new Set<string>();
  private expiryTimer: NodeJS.Timeout | null = null;
  private expiryAt: number | null = null;
  private closed = false;
  private readonly counters: PresenceStats = { messages: 0, malformed: 0, unknownTopics: 0, echoes: 0, duplicateEvents: 0, ignored: { 'out-of-order': 0, stale: 0, 'dead-session': 0 }, lastMalformed: null };

  constructor(private readonly options: PresenceServiceOptions) {
    this.now = options.now ?? Date.now;
    this.expiryMs = options.expiryMs ?? PRESENCE_DEFAULTS.expiryMs;
    this.store = new PresenceStore({ expiryMs: this.expiryMs, now: this.now });
    const secretKey = presenceSecretKey({ brokerUrl: options.brokerUrl, username: options.agentId });
    this.client = new PresenceClient({
      url: options.brokerUrl,
      workspace: options.workspace,
      agentId: options.agentId,
      name: options.name,
      password: () => options.secrets.get(secretKey),
      heartbeatMs: options.heartbeatMs ?? PRESENCE_DEFAULTS.heartbeatMs,
      keepaliveSec: options.keepaliveSec ?? PRESENCE_DEFAULTS.keepaliveSec,
      connectTimeoutMs: options.connectTimeoutMs ?? PRESENCE_DEFAULTS.connectTimeoutMs,
      backoff: options.backoff ?? PRESENCE_DEFAULTS.backoff,
      onMessage: (topic, payload, retained) => this.receive(topic, payload, retained),
      onConnection: (status) => this.connectionListeners.forEach((listener) => listener(status)),
      ...(options.random ? { random: options.random } : {}),
      now: this.now,
    });
  }

  get agentId(): string {
    return this.options.agentId;
  }

  /** Starts connecting in the background. */
  start(): void {
    this.client.start();
  }

  /** Retries at once instead of after the current backoff pause (e.g. the password was just saved). */
  retryNow(): void {
    this.client.retryNow();
  }

  /** Leaves cleanly (my cases cleared, `offline` published, no Last Will) and forgets the others. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    await this.client.close();
    this.emit(this.store.clear());
  }

  // --- listeners -------------------------------------------------------------------------------

  /** Others' status or case presence changed (heartbeats that change nothing visible are not reported), or my own did. Returns an unsubscribe function. */
  onChange(listener: PresenceChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Another agent announced a case event (each action once). */
  onCaseEvent(listener: (event: CaseEventNotice) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnectionChange(listener: (status: PresenceConnectionStatus) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  // --- me --------------------------------------------------------------------------------------

  /** Resolves when the broker acknowledged it, or at once while it is unreachable. */
  setStatus(status: SettableAgentStatus): Promise<void> {
    const done = this.client.setStatus(status);
    this.emit({ agentIds: [this.agentId], caseKeys: [] });
    return done;
  }

  enterCase(caseKey: string): Promise<void> {
    const done = this.client.enterCase(caseKey);
    this.emit({ agentIds: [this.agentId], caseKeys: [caseKey] });
    return done;
  }

  setActivity(caseKey: string, activity: PresenceActivity): Promise<void> {
    const done = this.client.setActivity(caseKey, activity);
    this.emit({ agentIds: [this.agentId], caseKeys: [caseKey] });
    return done;
  }

  leaveCase(caseKey: string): Promise<void> {
    const done = this.client.leaveCase(caseKey);
    this.emit({ agentIds: [this.agentId], caseKeys: [caseKey] });
    return done;
  }

  /** Tells the others what I just did on a case (queued while the broker is unreachable). */
  publishCaseEvent(caseKey: string, event: CaseEventInput): Promise<void> {
    return this.client.publishEvent(caseKey, event);
  }

  // --- reading ---------------------------------------------------------------------------------

  get connection(): PresenceConnectionStatus {
    return this.client.connectionStatus;
  }

  me(): MyPresence {
    return { agentId: this.agentId, name: this.options.name, status: this.client.myStatus, currentCase: this.client.currentCase, cases: this.client.myCases() };
  }

  /** The other agents on a case, most urgent activity first. */
  forCase(caseKey: string): CasePresence[] {
    return this.store.forCase(caseKey);
  }

  /** `forCase` for many cases (an inbox page); cases nobody else is on are left out. */
  forCases(caseKeys: Iterable<string>): Record<string, CasePresence[]> {
    return this.store.forCases(caseKeys);
  }

  /** Every other agent we know a status of. */
  agents(): AgentPresence[] {
    return this.store.agents();
  }

  agent(agentId: string): AgentPresence | null {
    return this.store.agent(agentId);
  }

  snapshot(): PresenceSnapshot {
    return { connection: this.connection, me: this.me(), agents: this.store.agents(), cases: this.store.forCases(this.store.caseKeys()) };
  }

  stats(): PresenceStats {
    return { ...this.counters, ignored: { ...this.counters.ignored } };
  }

  // --- incoming --------------------------------------------------------------------------------

  private malformed(reason: string): void {
    this.counters.malformed++;
    this.counters.lastMalformed = reason;
  }

  private receive(topic: string, payload: Buffer, retained: boolean): void {
    if (this.closed) return;
    this.counters.messages++;
    const parsed = parseTopic(this.options.workspace, topic);
    if (!parsed) {
      this.counters.unknownTopics++;
      return;
    }
    if (parsed.agentId === this.agentId) {
      this.receiveOwn(parsed.kind, parsed.kind === 'status' ? null : parsed.caseKey, payload, retained);
      return;
    }
    const arrival = { retained };
    switch (parsed.kind) {
      case 'status': {
        const decoded = decodeStatus(payload);
        if (!decoded.ok) return this.malformed(`${topic}: ${decoded.reason}`);
        this.applied(this.store.applyStatus(parsed.agentId, decoded.value, arrival));
        return;
      }
      case 'presence': {
        const decoded = decodePresence(payload);
        if (!decoded.ok) return this.malformed(`${topic}: ${decoded.reason}`);
        this.applied(this.store.applyPresence(parsed.caseKey, parsed.agentId, decoded.value, arrival));
        return;
      }
      case 'event': {
        const decoded = decodeEvent(payload);
        if (!decoded.ok) return this.malformed(`${topic}: ${decoded.reason}`);
        const event = decoded.value;
        const key = `${parsed.agentId}\u0000${event.actionId}\u0000${event.kind}`;
        if (this.seenEvents.has(key)) {
          this.counters.duplicateEvents++;
          return;
        }
        this.seenEvents.add(key);
        if (this.seenEvents.size > SEEN_EVENTS) this.seenEvents.delete(this.seenEvents.values().next().value!);
        const notice: CaseEventNotice = { caseKey: parsed.caseKey, agentId: parsed.agentId, name: event.name, kind: event.kind, actionId: event.actionId, at: event.at };
        if (event.version !== undefined) notice.version = event.version;
        if (event.kind === 'replied') notice.public = event.public;
        if (event.kind === 'status_changed') notice.status = event.status;
        if (event.kind === 'assigned') notice.assigneeRemoteId = event.assigneeRemoteId;
        this.eventListeners.forEach((listener) => listener(notice));
        return;
      }
    }
  }

  /**
   * My own messages come back (MQTT 3.1.1 has no "no local"). Two of them need an answer: an
   * `offline` (or cleared) status of another session of mine (a late Last Will, or another window
   * closing) overwrote my retained status, so I publish it again; and a stale retained case entry
   * of a past session of mine (it crashed) is cleared.
   */
  private receiveOwn(kind: 'status' | 'presence' | 'event', caseKey: string | null, payload: Buffer, retained: boolean): void {
    this.counters.echoes++;
    if (!this.client.isConnected) return;
    const mySession = this.client.sessionId;
    if (kind === 'status') {
      const decoded = decodeStatus(payload);
      if (!decoded.ok) return this.malformed(`own status: ${decoded.reason}`);
      const status = decoded.value;
      if (status === null || (status.sid !== mySession && status.status === 'offline')) void this.client.republishStatus();
    } else if (kind === 'presence' && caseKey !== null && retained) {
      const decoded = decodePresence(payload);
      if (!decoded.ok) return this.malformed(`own presence: ${decoded.reason}`);
      const entry = decoded.value;
      if (entry !== null && entry.sid !== mySession && !this.client.isOnCase(caseKey) && this.now() - entry.at >= this.expiryMs) void this.client.clearLeftover(caseKey);
    }
  }

  private applied(result: { ignored: IgnoredReason | null; change: PresenceChange }): void {
    if (result.ignored) this.counters.ignored[result.ignored]++;
    this.emit(result.change);
    this.scheduleExpiry();
  }

  private emit(change: PresenceChange): void {
    if (change.agentIds.length === 0 && change.caseKeys.length === 0) return;
    this.changeListeners.forEach((listener) => listener(change));
  }

  /** One timer, at the store's next expiry. */
  private scheduleExpiry(): void {
    if (this.closed) return;
    const next = this.store.nextExpiryAt();
    if (next === this.expiryAt && (this.expiryTimer !== null || next === null)) return;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    this.expiryAt = next;
    if (next === null) return;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = null;
        this.expiryAt = null;
        this.emit(this.store.expire());
        this.scheduleExpiry();
      },
      Math.max(0, next - this.now()) + 1,
    );
  }
}
