// The supervisor panel and the wallboard (issue 7, docs/supervisor.md): every figure computed from
// the cache in SQL, in a handful of indexed queries (migration 0009), so the whole panel stays
// within its budget over 100k cases (`npm run bench -- supervisor`: p95 ≤ 50 ms).
import type { PresenceView } from '../../../src-shared/contract/models';
import type { ChannelFigures, GroupFigures, QueueFigures, SupervisorAccess, SupervisorAgent, SupervisorView, VolumeByHour } from '../../../src-shared/contract/supervisor';
import { CHANNEL_KINDS, type ChannelKind } from '../../../src-shared/domain/channels';
import type { Db } from '../db/connection';

const UNSOLVED_QUEUES = ['open', 'pending', 'hold'] as const;
const HOUR = 3_600_000;

/**
 * Where at-risk / breached counts and today's SLA compliance come from. SLA clocks are another
 * piece of work (src-main/core/services/sla-service.ts); until they exist the panel shows these
 * figures as "not available" (null). `counts` names groups by local id (null: no group).
 */
export interface SupervisorSlaSource {
  counts(now: number): { byGroup: Map<number | null, { atRisk: number; breached: number }>; byChannel: Map<string, { atRisk: number; breached: number }> } | null;
  compliance(since: number, now: number): { met: number; breached: number } | null;
}

export const NO_SLA: SupervisorSlaSource = { counts: () => null, compliance: () => null };

/** Local midnight (core's time zone) of the day `now` falls in. */
export function localMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

interface Acc {
  open: number;
  unassigned: number;
  oldestWaitingSince: number | null;
  repliesToday: number;
  firstReplies: number[];
  csatGood: number;
  csatBad: number;
}

const emptyAcc = (): Acc => ({ open: 0, unassigned: 0, oldestWaitingSince: null, repliesToday: 0, firstReplies: [], csatGood: 0, csatBad: 0 });
const minOrNull = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

export interface SupervisorServiceOptions {
  /** The presence view (CorePresence.view()); absent in tests without presence. */
  presence?: () => PresenceView;
  sla?: SupervisorSlaSource;
  /** The signed-in agents (one per account). */
  myAgentIds: () => number[];
}

export class SupervisorService {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly options: SupervisorServiceOptions,
  ) {
    this.s = {
      // One pass over the unsolved cases (covering index cases_supervisor_unsolved), by group ×
      // channel × assignee: the queues' open / unassigned / oldest waiting and the agents' load.
      // Asked once per queue, so the index delivers the groups in order (no sorting: 2.5× faster).
      unsolved: db.prepare(
        `SELECT c.group_id AS groupId, c.channel, c.assignee_id AS assigneeId, count(*) AS open, min(c.waiting_since) AS oldest
         FROM cases c WHERE c.synced = 1 AND c.queue = ? GROUP BY c.group_id, c.channel, c.assignee_id`,
      ),
      // Public agent messages since midnight, counted per case and author from a covering index
      // (messages_agent_public_created), then placed in their case's group and channel: one case
      // lookup per case replied to, not per message.
      replies: db.prepare(
        `SELECT c.group_id AS groupId, c.channel, r.accountId, r.author, sum(r.n) AS n
         FROM (SELECT m.case_id AS caseId, m.account_id AS accountId, m.author_remote_id AS author, count(*) AS n
               FROM messages m WHERE m.author_kind = 'agent' AND m.public = 1 AND m.created_at >= ?
               GROUP BY m.case_id, m.account_id, m.author_remote_id) r
         CROSS JOIN cases c ON c.id = r.caseId
         WHERE c.synced = 1
         GROUP BY c.group_id, c.channel, r.accountId, r.author`,
      ),
      // Cases created since @from (covering index cases_created): the volume chart's last 24 hours
      // and, for those created today, the first public agent reply (one seek in messages_agent_public_case).
      created: db.prepare(
        `SELECT c.group_id AS groupId, c.channel, c.created_at AS createdAt,
           CASE WHEN c.created_at >= @today THEN
             (SELECT min(m.created_at) FROM messages m WHERE m.case_id = c.id AND m.author_kind = 'agent' AND m.public = 1) END AS firstReply
         FROM cases c WHERE c.synced = 1 AND c.created_at >= @from`,
      ),
      // Ratings on cases updated today (cases_csat_updated). Zendesk's rating has no time of its own in the cache.
      csat: db.prepare(
        `SELECT c.group_id AS groupId, c.channel, sum(c.csat = 'good') AS good, sum(c.csat = 'bad') AS bad
         FROM cases c WHERE c.synced = 1 AND c.csat IS NOT NULL AND c.updated_at >= ? GROUP BY c.group_id, c.channel`,
      ),
      groups: db.prepare('SELECT id, name FROM groups ORDER BY name'),
      agents: db.prepare('SELECT id, account_id AS accountId, remote_id AS remoteId, name, email, role FROM agents WHERE active = 1 ORDER BY name'),
      caseBrief: db.prepare('SELECT id, remote_id AS remoteId, subject FROM cases WHERE id = ?'),
      roleOf: db.prepare('SELECT role FROM agents WHERE id = ?'),
    };
  }

  get(now = Date.now()): SupervisorView {
    const todayStart = localMidnight(now);
    const byGroup = new Map<number | null, Acc>();
    const byChannel = new Map<string, Acc>();
    const totals = emptyAcc();
    const accsOf = (groupId: number | null, channel: string): Acc[] => {
      let g = byGroup.get(groupId);
      if (!g) byGroup.set(groupId, (g = emptyAcc()));
      let c = byChannel.get(channel);
      if (!c) byChannel.set(channel, (c = emptyAcc()));
      return [g, c, totals];
    };

    const openByAssignee = new Map<number, number>();
    for (const row of UNSOLVED_QUEUES.flatMap((queue) => this.s.unsolved.all(queue)) as { groupId: number | null; channel: string; assigneeId: number | null; open: number; oldest: number | null }[]) {
      for (const acc of accsOf(row.groupId, row.channel)) {
        acc.open += row.open;
        if (row.assigneeId === null) acc.unassigned += row.open;
        acc.oldestWaitingSince = minOrNull(acc.oldestWaitingSince, row.oldest);
      }
      if (row.assigneeId !== null) openByAssignee.set(row.assigneeId, (openByAssignee.get(row.assigneeId) ?? 0) + row.open);
    }

    const repliesByAuthor = new Map<string, number>();
    for (const row of this.s.replies.all(todayStart) as { groupId: number | null; channel: string; accountId: number; author: string | null; n: number }[]) {
      for (const acc of accsOf(row.groupId, row.channel)) acc.repliesToday += row.n;
      if (row.author !== null) {
        const key = `${row.accountId}:${row.author}`;
        repliesByAuthor.set(key, (repliesByAuthor.get(key) ?? 0) + row.n);
      }
    }

    // New cases per hour and channel: 24 hour buckets, the last one the current hour.
    const currentHour = Math.floor(now / HOUR) * HOUR;
    const volumeStart = currentHour - 23 * HOUR;
    const volume: VolumeByHour = { hours: Array.from({ length: 24 }, (_, i) => volumeStart + i * HOUR), byChannel: {} };
    const createdRows = this.s.created.all({ today: todayStart, from: Math.min(todayStart, volumeStart) }) as { groupId: number | null; channel: ChannelKind; createdAt: number; firstReply: number | null }[];
    for (const row of createdRows) {
      const bucket = Math.floor((row.createdAt - volumeStart) / HOUR);
      if (bucket >= 0 && bucket < 24) (volume.byChannel[row.channel] ??= new Array<number>(24).fill(0))[bucket]! += 1;
      if (row.firstReply === null) continue;
      const ms = Math.max(0, row.firstReply - row.createdAt);
      for (const acc of accsOf(row.groupId, row.channel)) acc.firstReplies.push(ms);
    }

    for (const row of this.s.csat.all(todayStart) as { groupId: number | null; channel: string; good: number; bad: number }[]) {
      for (const acc of accsOf(row.groupId, row.channel)) {
        acc.csatGood += row.good;
        acc.csatBad += row.bad;
      }
    }

    const sla = this.options.sla ?? NO_SLA;
    const slaCounts = sla.counts(now);
    const slaAvailable = slaCounts !== null;
    const figures = (acc: Acc, risk: { atRisk: number; breached: number } | undefined): QueueFigures => ({
      open: acc.open,
      unassigned: acc.unassigned,
      oldestWaitingSince: acc.oldestWaitingSince,
      atRisk: slaAvailable ? (risk?.atRisk ?? 0) : null,
      breached: slaAvailable ? (risk?.breached ?? 0) : null,
      repliesToday: acc.repliesToday,
      medianFirstReplyMs: median(acc.firstReplies),
      firstRepliesToday: acc.firstReplies.length,
      csatGood: acc.csatGood,
      csatBad: acc.csatBad,
    });
    const sumRisk = (map: Map<unknown, { atRisk: number; breached: number }>) =>
      [...map.values()].reduce((a, b) => ({ atRisk: a.atRisk + b.atRisk, breached: a.breached + b.breached }), { atRisk: 0, breached: 0 });

    // Every group is listed (an empty queue is a figure too); "no group" only when it has cases.
    const groups: GroupFigures[] = (this.s.groups.all() as { id: number; name: string }[]).map((g) => ({
      groupId: g.id,
      name: g.name,
      ...figures(byGroup.get(g.id) ?? emptyAcc(), slaCounts?.byGroup.get(g.id)),
    }));
    const noGroup = byGroup.get(null);
    if (noGroup) groups.push({ groupId: null, name: null, ...figures(noGroup, slaCounts?.byGroup.get(null)) });
    const channels: ChannelFigures[] = CHANNEL_KINDS.filter((k) => byChannel.has(k)).map((channel) => ({ channel, ...figures(byChannel.get(channel)!, slaCounts?.byChannel.get(channel)) }));

    const me = new Set(this.options.myAgentIds());

    const compliance = sla.compliance(todayStart, now);
    return {
      at: now,
      todayStart,
      slaAvailable,
      totals: figures(totals, slaCounts ? sumRisk(slaCounts.byGroup) : undefined),
      groups,
      channels,
      agents: this.agents(openByAssignee, repliesByAuthor, me),
      volume,
      sla: compliance ? { available: true, ...compliance } : { available: false, met: 0, breached: 0 },
      viewer: this.access(),
    };
  }

  /**
   * The signed-in agent's helpdesk role (agents.role, from Zendesk's user `role`): admins are
   * supervisors. With several accounts, admin on any of them is enough.
   */
  access(): SupervisorAccess {
    const roles = this.options.myAgentIds().map((id) => this.s.roleOf.pluck().get(id) as string | undefined).filter((r): r is string => r !== undefined);
    const role = roles.includes('admin') ? 'admin' : (roles[0] ?? null);
    return { role, supervisor: role === 'admin' };
  }

  private agents(open: Map<number, number>, repliesByAuthor: Map<string, number>, me: Set<number>): SupervisorAgent[] {
    const presence = this.options.presence?.();
    // Presence names agents by their broker id: the agent's e-mail (docs/presence.md).
    const statusByEmail = new Map<string, { status: SupervisorAgent['status']; currentCaseId: number | null }>();
    if (presence?.configured) {
      for (const a of presence.agents) statusByEmail.set(a.agentId.toLowerCase(), { status: a.status, currentCaseId: a.currentCaseId });
      if (presence.me) {
        const status = presence.connection.state === 'connected' ? presence.me.status : 'offline';
        statusByEmail.set(presence.me.agentId.toLowerCase(), { status, currentCaseId: presence.me.currentCaseId });
      }
    }
    const rows = this.s.agents.all() as { id: number; accountId: number; remoteId: string; name: string; email: string | null; role: string }[];
    return rows.map((a) => {
      const p = a.email ? statusByEmail.get(a.email.toLowerCase()) : undefined;
      const brief = p?.currentCaseId ? (this.s.caseBrief.get(p.currentCaseId) as { id: number; remoteId: string; subject: string } | undefined) : undefined;
      return {
        id: a.id,
        name: a.name,
        email: a.email,
        role: a.role,
        status: p?.status ?? 'unknown',
        currentCase: brief ?? null,
        openAssigned: open.get(a.id) ?? 0,
        repliesToday: repliesByAuthor.get(`${a.accountId}:${a.remoteId}`) ?? 0,
        me: me.has(a.id),
      };
    });
  }
}
