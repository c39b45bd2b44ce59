// Who is where: the other agents' statuses and case presence as received from the broker, with the
// ordering and expiry rules of docs/presence.md. Pure (no timers, no I/O) and driven by an injected
// clock, so every rule is unit-tested; PresenceService feeds it and schedules `expire()` at
// `nextExpiryAt()`.
//
// Rules:
// - Freshness is measured on OUR clock, so clock skew between agents does not matter: an update
//   received live is fresh as of its arrival; a retained update replayed by the broker when we
//   subscribe is as old as its `at` says (never newer than its arrival). An entry not refreshed
//   within `expiryMs` is dropped (a status turns `offline`).
// - Order: within one session (`sid`) a higher `seq` wins; across sessions the later `at` wins (the
//   same agent's clock); older updates are ignored. Exception: the end of a session (its
//   `offline`, typically the Last Will, whose `seq` was fixed when it connected) always applies.
// - A session that went offline is dead: its case presence is dropped at once and anything it
//   still has retained on the broker is ignored.
// - An empty payload removes the entry whatever its session.
import { activityRank, type AgentPresence, type CasePresence } from '../../../src-shared/domain/presence';
import type { PresencePayload, StatusPayload } from './payloads';

export interface PresenceStoreOptions {
  /** An entry not refreshed for this long is gone (a status reads `offline`). */
  expiryMs: number;
  now: () => number;
}

/** How an update reached us. */
export interface Arrival {
  /** Replayed from the broker's retained store when we subscribed (MQTT retain flag set), rather than published while we listened. */
  retained: boolean;
}

/** What an update changed, for change events. */
export interface PresenceChange {
  agentIds: string[];
  caseKeys: string[];
}

export type IgnoredReason = 'out-of-order' | 'stale' | 'dead-session';

export interface ApplyResult {
  /** Why the update was not taken, or null when it was. */
  ignored: IgnoredReason | null;
  change: PresenceChange;
}

interface HeldStatus {
  payload: StatusPayload;
  /** Our clock's time the entry counts as fresh from. */
  anchor: number;
  /** Not refreshed in time: reads as offline. */
  expired: boolean;
}

interface HeldPresence {
  payload: PresencePayload;
  anchor: number;
}

interface AgentRecord {
  status: HeldStatus | null;
  /** Sessions that ended (most recent last). */
  deadSessions: string[];
  /** Cases this agent has an entry on. */
  cases: Set<string>;
}

const MAX_DEAD_SESSIONS = 16;

function isNewer(incoming: { sid: string; seq: number; at: number }, held: { sid: string; seq: number; at: number }): boolean {
  return incoming.sid === held.sid ? incoming.seq > held.seq : incoming.at >= held.at;
}

function statusKey(view: AgentPresence | null): string {
  return view === null ? '' : JSON.stringify([view.status, view.name, view.currentCase]);
}

function noChange(): PresenceChange {
  return { agentIds: [], caseKeys: [] };
}

export class PresenceStore {
  private readonly agentsById = new Map<string, AgentRecord>();
  private readonly cases = new Map<string, Map<string, HeldPresence>>();

  constructor(private readonly options: PresenceStoreOptions) {}

  private get expiryMs(): number {
    return this.options.expiryMs;
  }

  private anchorOf(at: number, arrival: Arrival, now: number): number {
    return arrival.retained ? Math.min(at, now) : now;
  }

  private record(agentId: string): AgentRecord {
    let record = this.agentsById.get(agentId);
    if (!record) {
      record = { status: null, deadSessions: [], cases: new Set() };
      this.agentsById.set(agentId, record);
    }
    return record;
  }

  /** Applies `agents/<agentId>/status` (null: an empty payload). */
  applyStatus(agentId: string, payload: StatusPayload | null, arrival: Arrival): ApplyResult {
    const now = this.options.now();
    const before = statusKey(this.agent(agentId));
    const change = noChange();
    let ignored: IgnoredReason | null = null;
    if (payload === null) {
      const record = this.agentsById.get(agentId);
      if (record) record.status = null;
    } else {
      const record = this.record(agentId);
      const held = record.status;
      const offline = payload.status === 'offline';
      if (offline) change.caseKeys.push(...this.endSession(agentId, payload.sid));
      const endOfHeldSession = offline && held !== null && held.payload.sid === payload.sid;
      if (held !== null && !endOfHeldSession && !isNewer(payload, held.payload)) {
        ignored = 'out-of-order';
      } else {
        const anchor = this.anchorOf(payload.at, arrival, now);
        const expired = !offline && now - anchor >= this.expiryMs;
        if (expired) ignored = 'stale';
        record.status = { payload, anchor, expired };
      }
    }
    if (statusKey(this.agent(agentId)) !== before) change.agentIds.push(agentId);
    this.forgetIfEmpty(agentId);
    return { ignored, change };
  }

  /** Applies `cases/<caseKey>/presence/<agentId>` (null: an empty payload, the agent left). */
  applyPresence(caseKey: string, agentId: string, payload: PresencePayload | null, arrival: Arrival): ApplyResult {
    const now = this.options.now();
    const entries = this.cases.get(caseKey);
    const held = entries?.get(agentId);
    if (payload === null) {
      if (!held) return { ignored: null, change: noChange() };
      this.removePresence(caseKey, agentId);
      this.forgetIfEmpty(agentId);
      return { ignored: null, change: { agentIds: [], caseKeys: [caseKey] } };
    }
    if (this.agentsById.get(agentId)?.deadSessions.includes(payload.sid)) return { ignored: 'dead-session', change: noChange() };
    const anchor = this.anchorOf(payload.at, arrival, now);
    if (now - anchor >= this.expiryMs) return { ignored: 'stale', change: noChange() };
    if (held && !isNewer(payload, held.payload)) return { ignored: 'out-of-order', change: noChange() };
    const visible = !held || !this.isFresh(held.anchor, now) || held.payload.state !== payload.state || held.payload.name !== payload.name || held.payload.since !== payload.since;
    let map = entries;
    if (!map) {
      map = new Map();
      this.cases.set(caseKey, map);
    }
    map.set(agentId, { payload, anchor });
    this.record(agentId).cases.add(caseKey);
    return { ignored: null, change: { agentIds: [], caseKeys: visible ? [caseKey] : [] } };
  }

  /** Drops what was not refreshed in time. Call it at `nextExpiryAt()` (calling it more often is harmless). */
  expire(): PresenceChange {
    const now = this.options.now();
    const change = noChange();
    for (const [caseKey, entries] of this.cases) {
      for (const [agentId, held] of entries) {
        if (this.isFresh(held.anchor, now)) continue;
        this.removePresence(caseKey, agentId);
        if (!change.caseKeys.includes(caseKey)) change.caseKeys.push(caseKey);
      }
    }
    for (const [agentId, record] of this.agentsById) {
      const status = record.status;
      if (status && !status.expired && status.payload.status !== 'offline' && !this.isFresh(status.anchor, now)) {
        status.expired = true;
        change.agentIds.push(agentId);
      }
    }
    for (const agentId of [...this.agentsById.keys()]) this.forgetIfEmpty(agentId);
    return change;
  }

  /** When the next entry goes stale (our clock), or null when nothing can. */
  nextExpiryAt(): number | null {
    let next: number | null = null;
    const consider = (anchor: number) => {
      const at = anchor + this.expiryMs;
      if (next === null || at < next) next = at;
    };
    for (const entries of this.cases.values()) for (const held of entries.values()) consider(held.anchor);
    for (const record of this.agentsById.values()) {
      const status = record.status;
      if (status && !status.expired && status.payload.status !== 'offline') consider(status.anchor);
    }
    return next;
  }

  /** Who is on a case: the most urgent activity first (sending, typing, viewing), then who came first. */
  forCase(caseKey: string): CasePresence[] {
    const now = this.options.now();
    const entries = this.cases.get(caseKey);
    if (!entries) return [];
    const list: CasePresence[] = [];
    for (const [agentId, held] of entries) {
      if (!this.isFresh(held.anchor, now)) continue;
      list.push({ caseKey, agentId, name: held.payload.name, activity: held.payload.state, since: held.payload.since, at: held.payload.at });
    }
    return list.sort((a, b) => activityRank(b.activity) - activityRank(a.activity) || a.since - b.since || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  }

  /** `forCase` for several cases; cases nobody is on are left out. */
  forCases(caseKeys: Iterable<string>): Record<string, CasePresence[]> {
    const out: Record<string, CasePresence[]> = {};
    for (const caseKey of caseKeys) {
      const list = this.forCase(caseKey);
      if (list.length > 0) out[caseKey] = list;
    }
    return out;
  }

  /** Every case someone is on. */
  caseKeys(): string[] {
    return [...this.cases.keys()].filter((key) => this.forCase(key).length > 0);
  }

  /** An agent's status as we know it, or null when we have never heard of it. */
  agent(agentId: string): AgentPresence | null {
    const status = this.agentsById.get(agentId)?.status;
    if (!status) return null;
    const offline = status.expired || status.payload.status === 'offline' || !this.isFresh(status.anchor, this.options.now());
    return { agentId, name: status.payload.name, status: offline ? 'offline' : status.payload.status, currentCase: offline ? null : status.payload.case, at: status.payload.at };
  }

  /** Every agent we know a status of, by name. */
  agents(): AgentPresence[] {
    const list: AgentPresence[] = [];
    for (const agentId of this.agentsById.keys()) {
      const view = this.agent(agentId);
      if (view) list.push(view);
    }
    return list.sort((a, b) => a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  }

  /** Forgets everything (the service closed). */
  clear(): PresenceChange {
    const change = { agentIds: [...this.agentsById.keys()].filter((id) => this.agent(id) !== null), caseKeys: this.caseKeys() };
    this.agentsById.clear();
    this.cases.clear();
    return change;
  }

  private isFresh(anchor: number, now: number): boolean {
    return now - anchor < this.expiryMs;
  }

  /** Marks a session dead and drops its case presence; returns the cases that changed. */
  private endSession(agentId: string, sid: string): string[] {
    const record = this.record(agentId);
    if (!record.deadSessions.includes(sid)) {
      record.deadSessions.push(sid);
      if (record.deadSessions.length > MAX_DEAD_SESSIONS) record.deadSessions.shift();
    }
    const changed: string[] = [];
    for (const caseKey of [...record.cases]) {
      const held = this.cases.get(caseKey)?.get(agentId);
      if (held && held.payload.sid === sid) {
        this.removePresence(caseKey, agentId);
        changed.push(caseKey);
      }
    }
    return changed;
  }

  private removePresence(caseKey: string, agentId: string): void {
    const entries = this.cases.get(caseKey);
    entries?.delete(agentId);
    if (entries && entries.size === 0) this.cases.delete(caseKey);
    this.agentsById.get(agentId)?.cases.delete(caseKey);
  }

  /** Drops an agent record that holds nothing worth remembering. */
  private forgetIfEmpty(agentId: string): void {
    const record = this.agentsById.get(agentId);
    if (record && record.status === null && record.cases.size === 0 && record.deadSessions.length === 0) this.agentsById.delete(agentId);
  }
}
