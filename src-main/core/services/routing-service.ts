import type { PresenceView } from '../../../src-shared/contract/models';
import type { RoutingReason, RoutingSuggestion, RoutingView } from '../../../src-shared/contract/priority';
import type { Db } from '../db/connection';

// Routing suggestion (issue 7, docs/smart-priority.md § Routing): who should take an unassigned
// case. Agents are ranked by group match, current load and availability, each with its reasons;
// assigning is the ordinary `cases:act` with an assigneeId.
//
// Group membership: the helpdesk directory we sync has agents and groups but not who belongs to
// which group (Zendesk keeps that in group memberships, which we do not sync), so an agent counts as
// a member of the groups of the cases they have been assigned, solved ones included.

export const ROUTING_POINTS = {
  /** The agent works cases of the case's group. */
  groupMatch: 30,
  /** Per open case assigned (open, pending, on hold), at most `loadMax` off. */
  perOpenCase: -3,
  loadMax: -30,
  available: 20,
  away: -10,
  offline: -30,
} as const;

export class RoutingService {
  constructor(
    private readonly db: Db,
    private readonly presence: () => PresenceView,
  ) {}

  suggest(caseId: number, limit = 5): RoutingView | null {
    const row = this.db.prepare('SELECT c.account_id AS accountId, c.group_id AS groupId, g.name AS groupName FROM cases c LEFT JOIN groups g ON g.id = c.group_id WHERE c.id = ?').get(caseId) as
      | { accountId: number; groupId: number | null; groupName: string | null }
      | undefined;
    if (!row) return null;
    const agents = this.db.prepare('SELECT id, name, email FROM agents WHERE account_id = ? AND active = 1 ORDER BY name').all(row.accountId) as { id: number; name: string; email: string | null }[];
    if (agents.length === 0) return { caseId, group: null, suggestions: [], membershipSource: 'case_history' };
    const ids = agents.map((a) => a.id).join(',');
    const load = new Map(
      (this.db.prepare(`SELECT assignee_id AS id, count(*) AS n FROM cases WHERE synced = 1 AND queue IN ('open', 'pending', 'hold') AND assignee_id IN (${ids}) GROUP BY assignee_id`).all() as { id: number; n: number }[]).map((r) => [r.id, r.n]),
    );
    const inGroup =
      row.groupId === null
        ? new Map<number, number>()
        : new Map((this.db.prepare(`SELECT assignee_id AS id, count(*) AS n FROM cases WHERE group_id = ? AND assignee_id IN (${ids}) GROUP BY assignee_id`).all(row.groupId) as { id: number; n: number }[]).map((r) => [r.id, r.n]));
    const view = this.presence();
    const statusOf = (agent: { name: string; email: string | null }) => {
      if (!view.configured) return undefined;
      const email = agent.email?.toLowerCase() ?? null;
      const mine = view.me && ((email !== null && view.me.agentId.toLowerCase() === email) || view.me.name === agent.name) ? view.me.status : undefined;
      if (mine !== undefined) return view.connection.state === 'connected' ? mine : 'offline';
      const other = view.agents.find((a) => (email !== null && a.agentId.toLowerCase() === email) || a.name === agent.name);
      return other?.status ?? 'offline';
    };

    const suggestions: RoutingSuggestion[] = agents.map((agent) => {
      const reasons: RoutingReason[] = [];
      if (row.groupId !== null && (inGroup.get(agent.id) ?? 0) > 0) reasons.push({ kind: 'group_history', detail: row.groupName ?? '', points: ROUTING_POINTS.groupMatch });
      const open = load.get(agent.id) ?? 0;
      reasons.push({ kind: 'load', detail: String(open), points: Math.max(ROUTING_POINTS.loadMax, open * ROUTING_POINTS.perOpenCase) || 0 });
      const status = statusOf(agent);
      if (status === undefined) reasons.push({ kind: 'presence_unknown', detail: null, points: 0 });
      else reasons.push({ kind: status, detail: null, points: ROUTING_POINTS[status] });
      reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
      return {
        agent,
        score: reasons.reduce((sum, r) => sum + r.points, 0),
        reasons,
        openAssigned: open,
        status: status ?? null,
      };
    });
    suggestions.sort((a, b) => b.score - a.score || a.openAssigned - b.openAssigned || a.agent.name.localeCompare(b.agent.name));
    return {
      caseId,
      group: row.groupId === null ? null : { id: row.groupId, name: row.groupName ?? '' },
      suggestions: suggestions.slice(0, limit),
      membershipSource: 'case_history',
    };
  }
}
