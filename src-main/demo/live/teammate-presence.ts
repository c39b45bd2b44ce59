// Simulated teammates on the presence broker: each publishes a retained status and, on the case it
// is on, a retained viewing / typing / sending entry refreshed by a heartbeat, cleared with an empty
// retained message when it leaves. A reply is a real comment in the store (sync brings it) plus a
// `replied` case event. They publish as the broker itself (no connection, so no Last Will): a clean
// stop clears their entries and says `offline`.
//
// Teammates are never an agent a person may sign in as: not the "me" agent, not `exclude`, and not
// anyone connected to the broker; one who connects later takes over, and the simulated one leaves.
import { randomBytes } from 'node:crypto';
import type { PresenceActivity, SettableAgentStatus } from '../../../src-shared/domain/presence';
import type { AgentInfo } from '../dataset/staff';
import type { PresenceBroker } from '../presence-broker';
import { Rng } from '../random/prng';
import type { HelpdeskStore } from '../store/helpdesk-store';
import { LiveActions } from './live-actions';
import {
  CLEARED,
  caseEventTopicOf,
  casePresenceTopicOf,
  DEMO_PRESENCE_WORKSPACE,
  demoCaseKey,
  encodePayload,
  statusTopicOf,
  type CasePresencePayload,
  type RepliedEventPayload,
  type StatusPayload,
} from './presence-wire';
import { TeammateBehaviour, type TeammateBehaviourOptions } from './teammate-behaviour';

export interface TeammatePresenceOptions extends Partial<TeammateBehaviourOptions> {
  /** Default `demo`, the workspace of demo profiles. */
  workspace?: string;
  /** How often every entry is published again; default 20 s (the app drops entries after 60 s). */
  heartbeatMs?: number;
  /** Agent e-mails never simulated (people may sign in as them); the "me" agent always is. */
  exclude?: readonly string[];
  /** How many teammates are on shift for the background activity; default 6. */
  onShift?: number;
}

export interface TeammateActivity {
  email: string;
  name: string;
  ticketId: number;
  caseKey: string;
  state: PresenceActivity;
  /** When this activity began (ms epoch). */
  since: number;
}

export interface TeammateReply {
  email: string;
  ticketId: number;
  caseKey: string;
  public: boolean;
  auditId: number;
  commentId: number | null;
  /** The `replied` event's action id. */
  actionId: string;
}

/** Drives the simulated teammates on demand (tests, the admin routes) and starts / stops them. */
export interface TeammateControl {
  /** The teammates on shift now. */
  readonly emails: readonly string[];
  readonly running: boolean;
  /** A teammate (`email`, else one on the ticket already, else a free one) views the ticket; it leaves its previous case. */
  view(ticketId: number, email?: string): Promise<TeammateActivity>;
  type(ticketId: number, email?: string): Promise<TeammateActivity>;
  /** Sending, then the comment lands in the store, a `replied` event, and viewing again. An internal note on the "me" agent's or a person's ticket, or with `public: false`. */
  reply(ticketId: number, options?: { email?: string; public?: boolean }): Promise<TeammateReply>;
  /** `email` (default: every teammate on it) leaves the ticket. */
  leave(ticketId: number, email?: string): Promise<void>;
  setStatus(email: string, status: SettableAgentStatus): Promise<void>;
  activities(): TeammateActivity[];
  /** Background visits and following people onto their cases. */
  start(): void;
  /** Ends the background activity: every teammate leaves its case and goes offline. */
  stop(): Promise<void>;
}

interface Teammate {
  agent: AgentInfo;
  email: string;
  name: string;
  /** One session per teammate and run, so readers order its messages by `seq`. */
  sid: string;
  seq: number;
  online: boolean;
  status: SettableAgentStatus;
  visit: { ticketId: number; caseKey: string; state: PresenceActivity; since: number } | null;
}

export const DEFAULT_TEAMMATE_HEARTBEAT_MS = 20_000;
const DEFAULT_ON_SHIFT = 6;

export class TeammatePresence implements TeammateControl {
  private readonly workspace: string;
  private readonly heartbeatMs: number;
  private readonly eligible = new Map<string, AgentInfo>();
  private readonly team = new Map<string, Teammate>();
  private readonly shift: string[];
  /** People who connected as an agent we could simulate: never simulated again in this run. */
  private readonly people = new Set<string>();
  private readonly rng: Rng;
  private readonly writer: LiveActions;
  private readonly behaviour: TeammateBehaviour;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly stopWatching: () => void;
  private closed = false;

  constructor(
    private readonly store: HelpdeskStore,
    private readonly broker: PresenceBroker,
    options: TeammatePresenceOptions = {},
  ) {
    this.workspace = options.workspace ?? DEMO_PRESENCE_WORKSPACE;
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_TEAMMATE_HEARTBEAT_MS;
    const excluded = new Set([store.meAgent.email, ...(options.exclude ?? [])].map((e) => e?.toLowerCase()));
    for (const agent of store.base.staff.agents) {
      const email = agent.user.email;
      if (email && agent.user.active && !agent.user.suspended && !excluded.has(email.toLowerCase())) this.eligible.set(email, agent);
    }
    this.rng = Rng.derive(store.seed, 'teammate-presence');
    this.shift = this.rng.shuffle([...this.eligible.keys()]).slice(0, options.onShift ?? DEFAULT_ON_SHIFT);
    this.writer = new LiveActions(store, Rng.derive(store.seed, 'teammate-replies'));
    for (const username of broker.connectedUsernames()) this.people.add(username);
    this.stopWatching = broker.onClientConnected((username) => {
      this.people.add(username);
      if (this.team.has(username)) void this.retire(username);
    });
    this.behaviour = new TeammateBehaviour(this, store, broker, this.workspace, {
      beatMs: options.beatMs ?? 1000,
      followProbability: options.followProbability ?? 0.5,
      visitEveryBeats: options.visitEveryBeats ?? 12,
    });
  }

  get emails(): readonly string[] {
    return this.shift.filter((email) => !this.people.has(email));
  }

  get running(): boolean {
    return this.behaviour.running;
  }

  /** Whether `agentId` is one of ours (its messages are not a person's). */
  isSimulated(agentId: string): boolean {
    return this.team.has(agentId) && !this.people.has(agentId);
  }

  caseKeyOf(ticketId: number): string {
    return demoCaseKey(this.store.baseUrl, ticketId);
  }

  /** The ticket of a case key of this helpdesk, or null. */
  ticketIdOf(caseKey: string): number | null {
    const prefix = this.caseKeyOf(0).slice(0, -'0'.length);
    if (!caseKey.startsWith(prefix)) return null;
    const id = Number(decodeURIComponent(caseKey.slice(prefix.length)));
    return Number.isInteger(id) && this.store.ticket(id) ? id : null;
  }

  /** On shift, not a person, available and on no case: ready for a visit. */
  freeTeammates(): string[] {
    return this.emails.filter((email) => {
      const mate = this.team.get(email);
      return !mate || (mate.status === 'available' && mate.visit === null);
    });
  }

  /** Who is on `ticketId` now. */
  onTicket(ticketId: number): string[] {
    return [...this.team.values()].filter((m) => m.visit?.ticketId === ticketId).map((m) => m.email);
  }

  view(ticketId: number, email?: string): Promise<TeammateActivity> {
    this.behaviour.cancel(email);
    return this.act(ticketId, email, 'viewing');
  }

  type(ticketId: number, email?: string): Promise<TeammateActivity> {
    this.behaviour.cancel(email);
    return this.act(ticketId, email, 'typing');
  }

  async reply(ticketId: number, options: { email?: string; public?: boolean } = {}): Promise<TeammateReply> {
    this.behaviour.cancel(options.email);
    return this.replyNow(ticketId, options);
  }

  async leave(ticketId: number, email?: string): Promise<void> {
    this.behaviour.cancel(email);
    await this.leaveNow(ticketId, email);
  }

  async setStatus(email: string, status: SettableAgentStatus): Promise<void> {
    const mate = this.teammate(email);
    mate.status = status;
    mate.online = true;
    await this.publishStatus(mate);
    this.ensureHeartbeat();
  }

  activities(): TeammateActivity[] {
    return [...this.team.values()].flatMap((m) => (m.visit ? [{ email: m.email, name: m.name, ...m.visit }] : []));
  }

  start(): void {
    if (this.closed || this.behaviour.running) return;
    for (const email of this.emails) {
      const mate = this.teammate(email);
      if (!mate.online) {
        mate.online = true;
        void this.publishStatus(mate).catch(() => undefined);
      }
    }
    this.ensureHeartbeat();
    this.behaviour.start();
  }

  async stop(): Promise<void> {
    this.behaviour.stop();
    await this.behaviour.idle();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await Promise.all([...this.team.values()].map((mate) => this.goOffline(mate)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching();
    await this.stop().catch(() => undefined);
  }

  // --- used by the behaviour (no cancelling of its own scripts) ------------------------------

  /** Enters `ticketId` (leaving any other case) in `state`. */
  async act(ticketId: number, email: string | undefined, state: PresenceActivity): Promise<TeammateActivity> {
    if (!this.store.ticket(ticketId)) throw new Error(`no ticket ${ticketId}`);
    const mate = this.choose(ticketId, email);
    const caseKey = this.caseKeyOf(ticketId);
    const previous = mate.visit;
    const now = Date.now();
    if (previous && previous.caseKey !== caseKey) await this.clear(mate, previous.caseKey);
    const changed = !previous || previous.caseKey !== caseKey || previous.state !== state;
    mate.visit = { ticketId, caseKey, state, since: changed ? now : previous.since };
    if (!mate.online || !previous || previous.caseKey !== caseKey) {
      mate.online = true;
      await this.publishStatus(mate);
    }
    await this.publishPresence(mate);
    this.ensureHeartbeat();
    return { email: mate.email, name: mate.name, ...mate.visit };
  }

  async replyNow(ticketId: number, options: { email?: string; public?: boolean }): Promise<TeammateReply> {
    const ticket = this.store.ticket(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    if (ticket.status === 'closed') throw new Error(`ticket ${ticketId} is closed`);
    const sending = await this.act(ticketId, options.email, 'sending');
    const mate = this.teammate(sending.email);
    // Teammates answer their own customers; on the "me" agent's or a person's ticket they leave a note.
    const assignee = ticket.assignee_id === null ? undefined : this.store.user(ticket.assignee_id)?.email;
    const someoneElses = ticket.assignee_id === this.store.meAgent.id || (assignee !== undefined && assignee !== null && this.people.has(assignee));
    const publicReply = (options.public ?? true) && !someoneElses;
    const change = this.writer.commentAs(ticketId, mate.agent, publicReply);
    const actionId = `demo-audit-${change.auditId}`;
    const event: RepliedEventPayload = { kind: 'replied', public: publicReply, actionId, at: Date.now(), name: mate.name, sid: mate.sid, version: this.store.ticket(ticketId)!.updated_at };
    await this.broker.publish(caseEventTopicOf(this.workspace, sending.caseKey, mate.email), encodePayload(event), { retain: false, qos: 1 });
    await this.act(ticketId, mate.email, 'viewing');
    return { email: mate.email, ticketId, caseKey: sending.caseKey, public: publicReply, auditId: change.auditId, commentId: change.commentId, actionId };
  }

  async leaveNow(ticketId: number, email?: string): Promise<void> {
    const leaving = email === undefined ? this.onTicket(ticketId) : [email];
    for (const address of leaving) {
      const mate = this.team.get(address);
      if (!mate?.visit || mate.visit.ticketId !== ticketId) continue;
      const { caseKey } = mate.visit;
      mate.visit = null;
      await this.clear(mate, caseKey);
      await this.publishStatus(mate);
    }
  }

  // --- publishing ----------------------------------------------------------------------------

  private choose(ticketId: number, email: string | undefined): Teammate {
    if (email !== undefined) return this.teammate(email);
    const already = this.onTicket(ticketId)[0];
    if (already !== undefined) return this.teammate(already);
    const free = this.freeTeammates();
    if (free.length === 0) throw new Error('no teammate is free');
    return this.teammate(this.rng.pick(free));
  }

  private teammate(email: string): Teammate {
    const agent = this.eligible.get(email);
    if (!agent || this.people.has(email)) throw new Error(`${email} is not a simulated teammate`);
    let mate = this.team.get(email);
    if (!mate) {
      mate = { agent, email, name: agent.user.name, sid: `demo-${randomBytes(9).toString('base64url')}`, seq: 0, online: false, status: 'available', visit: null };
      this.team.set(email, mate);
    }
    return mate;
  }

  private publishStatus(mate: Teammate): Promise<void> {
    const payload: StatusPayload = { status: mate.online ? mate.status : 'offline', at: Date.now(), name: mate.name, sid: mate.sid, seq: ++mate.seq, case: mate.visit?.caseKey ?? null };
    return this.broker.publish(statusTopicOf(this.workspace, mate.email), encodePayload(payload), { retain: true, qos: 1 });
  }

  private publishPresence(mate: Teammate): Promise<void> {
    const visit = mate.visit;
    if (!visit) return Promise.resolve();
    const payload: CasePresencePayload = { state: visit.state, since: visit.since, at: Date.now(), name: mate.name, sid: mate.sid, seq: ++mate.seq };
    return this.broker.publish(casePresenceTopicOf(this.workspace, visit.caseKey, mate.email), encodePayload(payload), { retain: true, qos: 1 });
  }

  private clear(mate: Teammate, caseKey: string): Promise<void> {
    return this.broker.publish(casePresenceTopicOf(this.workspace, caseKey, mate.email), CLEARED, { retain: true, qos: 1 });
  }

  private async goOffline(mate: Teammate): Promise<void> {
    if (mate.visit) await this.clear(mate, mate.visit.caseKey).catch(() => undefined);
    mate.visit = null;
    if (!mate.online) return;
    mate.online = false;
    await this.publishStatus(mate).catch(() => undefined);
  }

  /** A person signed in as this teammate: the simulated one leaves, and never comes back this run. */
  private async retire(email: string): Promise<void> {
    this.behaviour.cancel(email);
    const mate = this.team.get(email);
    if (mate) await this.goOffline(mate);
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat || this.closed) return;
    this.heartbeat = setInterval(() => {
      for (const mate of this.team.values()) {
        if (!mate.online || this.people.has(mate.email)) continue;
        void this.publishStatus(mate).catch(() => undefined);
        void this.publishPresence(mate).catch(() => undefined);
      }
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }
}
