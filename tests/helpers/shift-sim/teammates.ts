// The agent's simulated teammates: other agents of the helpdesk who work the same cases through
// the helpdesk's own API (PUT /api/v2/tickets/{id} signed in as themselves) and show up on the
// presence broker (a real mosquitto) as Shiftdesk users do: viewing, typing, and a `replied` /
// `status_changed` / `assigned` event after each change.
import { presenceSecretKey } from '../../../src-main/core/presence/presence-settings';
import { PresenceService } from '../../../src-main/core/presence/presence-service';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import type { DemoServer, DemoUser } from '../../../src-main/demo/index';
import type { Rng } from '../../../src-main/demo/random/prng';

export interface TeammateAgent {
  email: string;
  userId: number;
  name: string;
  presence: PresenceService;
}

export type TeammateMove = 'reply' | 'note' | 'solve' | 'pending' | 'reopen' | 'assign' | 'tag' | 'untag' | 'priority' | 'view' | 'type' | 'leave';

export interface TeammateResult {
  move: TeammateMove;
  email: string;
  ticketId: number;
  /** The helpdesk's answer: 200, or why it refused (a closed or deleted ticket). */
  status: number;
}

interface TicketBody {
  ticket: { id: number; status: string; tags: string[]; assignee_id: number | null; priority: string | null; updated_at: string };
}

export class Teammates {
  private seq = 0;

  private constructor(
    private readonly demo: DemoServer,
    readonly agents: TeammateAgent[],
    private readonly caseKey: (ticketId: number) => string,
  ) {}

  /** `count` agents of the helpdesk other than me (and the restricted one), picked by the seed. */
  static pick(demo: DemoServer, count: number, rng: Rng): DemoUser[] {
    const excluded = new Set([demo.dataset.meAgent.id, demo.dataset.restrictedAgent.id]);
    const candidates = demo.dataset.agents().filter((a) => !excluded.has(a.id) && a.active && !a.suspended && a.email !== null);
    return rng.shuffle([...candidates]).slice(0, count);
  }

  /** The picked agents, each connected to the broker with its own credentials. */
  static async join(options: { demo: DemoServer; users: readonly DemoUser[]; brokerUrl: string; workspace: string; passwordOf: (email: string) => string; caseKey: (ticketId: number) => string }): Promise<Teammates> {
    const chosen = options.users;
    const agents: TeammateAgent[] = [];
    for (const user of chosen) {
      const email = user.email!;
      const secrets = new MemorySecretStore();
      await secrets.set(presenceSecretKey({ brokerUrl: options.brokerUrl, username: email }), options.passwordOf(email));
      const presence = new PresenceService({ brokerUrl: options.brokerUrl, workspace: options.workspace, agentId: email, name: user.name, secrets, heartbeatMs: 5000, expiryMs: 15_000, backoff: { baseMs: 100, capMs: 500 } });
      presence.start();
      agents.push({ email, userId: user.id, name: user.name, presence });
    }
    return new Teammates(options.demo, agents, options.caseKey);
  }

  async close(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.presence.close().catch(() => undefined)));
  }

  private async api(email: string, method: 'GET' | 'PUT', ticketId: number, body?: unknown): Promise<{ status: number; json: TicketBody | null }> {
    const response = await fetch(`${this.demo.url}/api/v2/tickets/${ticketId}.json`, {
      method,
      headers: { authorization: this.demo.authHeader(email), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: TicketBody | null = null;
    try {
      json = JSON.parse(text) as TicketBody;
    } catch {
      json = null;
    }
    return { status: response.status, json };
  }

  /** One teammate does one thing on a ticket, as a person at another desk would. */
  async act(agent: TeammateAgent, move: TeammateMove, ticketId: number, rng: Rng): Promise<TeammateResult> {
    const key = this.caseKey(ticketId);
    const done = (status: number): TeammateResult => ({ move, email: agent.email, ticketId, status });
    if (move === 'view' || move === 'type') {
      await agent.presence.setActivity(key, move === 'view' ? 'viewing' : 'typing').catch(() => undefined);
      return done(200);
    }
    if (move === 'leave') {
      await agent.presence.leaveCase(key).catch(() => undefined);
      return done(200);
    }
    const current = await this.api(agent.email, 'GET', ticketId);
    if (current.status !== 200 || !current.json) return done(current.status);
    const ticket = current.json.ticket;
    const n = ++this.seq;
    const update: Record<string, unknown> = {};
    switch (move) {
      case 'reply':
        update.comment = { body: `Teammate reply ${n} from ${agent.name}`, public: true };
        break;
      case 'note':
        update.comment = { body: `Teammate note ${n} from ${agent.name}`, public: false };
        break;
      case 'solve':
        update.status = 'solved';
        if (rng.chance(0.5)) update.comment = { body: `Closing reply ${n} from ${agent.name}`, public: true };
        break;
      case 'pending':
        update.status = 'pending';
        break;
      case 'reopen':
        update.status = 'open';
        break;
      case 'assign':
        update.assignee_id = rng.chance(0.7) ? agent.userId : null;
        break;
      case 'tag':
        update.additional_tags = [`tm-${n}`];
        break;
      case 'untag': {
        if (ticket.tags.length === 0) return done(204);
        update.remove_tags = [rng.pick(ticket.tags)];
        break;
      }
      case 'priority':
        update.priority = rng.pick(['urgent', 'high', 'normal', 'low']);
        break;
    }
    // Half of the teammates' tools use safe updates with the stamp they just read.
    if (rng.chance(0.5)) Object.assign(update, { safe_update: true, updated_stamp: ticket.updated_at });
    await agent.presence.setActivity(key, update.comment ? 'typing' : 'viewing').catch(() => undefined);
    const result = await this.api(agent.email, 'PUT', ticketId, { ticket: update });
    if (result.status === 200 && result.json) {
      const version = result.json.ticket.updated_at;
      const actionId = `teammate-${agent.email}-${n}`;
      const comment = update.comment as { public: boolean } | undefined;
      if (comment) await agent.presence.publishCaseEvent(key, { kind: 'replied', actionId, public: comment.public, version }).catch(() => undefined);
      if (update.status !== undefined && update.status !== ticket.status) {
        await agent.presence.publishCaseEvent(key, { kind: 'status_changed', actionId: `${actionId}-s`, status: update.status as 'solved', version }).catch(() => undefined);
      }
      if (update.assignee_id !== undefined && update.assignee_id !== ticket.assignee_id) {
        const assignee = update.assignee_id === null ? null : String(update.assignee_id as number);
        await agent.presence.publishCaseEvent(key, { kind: 'assigned', actionId: `${actionId}-a`, assigneeRemoteId: assignee, version }).catch(() => undefined);
      }
    }
    return done(result.status);
  }
}
