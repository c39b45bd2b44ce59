import type { CaseSlaClock, CaseSlaView, HelpdeskSlaClock, SlaPolicyInput, SlaPolicyView } from '../../../src-shared/contract/sla';
import { clockState, nextClock } from '../../../src-shared/domain/sla-clock';
import type { HelpdeskSlaVerdict } from '../../../src-shared/domain/sla-verdict';
import type { Db } from '../db/connection';
import { SlaPolicyRepo, SlaWriter, type StoredSla } from '../db/repos/sla-repo';

// SLA in core (docs/sla.md): the clocks a case shows (from its stored due times and the current
// time, so they keep counting offline), policy editing, and the at-risk / breached counts of the
// supervisor panel.

/** The helpdesk's verdict as the case shows it at `now` (a breach it announced for later counts from then). */
export function helpdeskClocksOf(json: string | null | undefined, now: number): HelpdeskSlaClock[] | null {
  if (!json) return null;
  const verdict = JSON.parse(json) as HelpdeskSlaVerdict;
  return verdict.clocks.map((c): HelpdeskSlaClock => {
    if (c.breachedAt !== null && c.breachedAt <= now) return { target: c.target, state: 'breached', at: c.breachedAt, targetMinutes: c.targetMinutes };
    if (c.state === 'fulfilled') return { target: c.target, state: 'met', at: c.fulfilledAt, targetMinutes: c.targetMinutes };
    return { target: c.target, state: c.state, at: null, targetMinutes: c.targetMinutes };
  });
}

/**
 * The clocks of a case as the inbox and the case view show them, from cases.sla_json at `now`,
 * with the helpdesk's verdict (cases.sla_remote_json) when it reported one.
 */
export function slaViewOf(json: string | null | undefined, now: number, remoteJson?: string | null): CaseSlaView | null {
  const helpdesk = helpdeskClocksOf(remoteJson, now);
  if (!json) return helpdesk ? { next: null, clocks: [], helpdesk } : null;
  const stored = JSON.parse(json) as StoredSla;
  const clocks: (CaseSlaClock & { phase: StoredSla['c'][number]['ph'] })[] = stored.c.map((c) => ({
    target: c.t,
    policyId: stored.p,
    dueAt: c.ph === 'paused' || c.ph === 'met' ? null : c.d,
    atRiskAt: c.ph === 'running' ? c.r : null,
    state: clockState({ phase: c.ph, dueAt: c.d, atRiskAt: c.r }, now),
    phase: c.ph,
  }));
  const next = nextClock(clocks);
  const strip = ({ phase: _phase, ...clock }: CaseSlaClock & { phase: unknown }): CaseSlaClock => clock;
  return { next: next ? strip(next) : null, clocks: clocks.map(strip), ...(helpdesk ? { helpdesk } : {}) };
}

/** At-risk and breached counts of one (group, channel) pair of unsolved cases. */
export interface SlaStateCount {
  /** Local group id; null: cases without a group. */
  groupId: number | null;
  channel: string;
  /** Cases with a running clock (ok + at risk + breached). */
  running: number;
  /** Running, not breached, under the at-risk threshold. */
  atRisk: number;
  /** Running and past due. */
  breached: number;
}

export class SlaService {
  readonly policies: SlaPolicyRepo;
  readonly writer: SlaWriter;

  constructor(private readonly db: Db) {
    this.policies = new SlaPolicyRepo(db);
    this.writer = new SlaWriter(db);
  }

  /**
   * Recomputes clocks stored by an earlier version (they lack the target minutes and stop times
   * the comparison with the helpdesk needs, and may have missed our own sent replies). Once, at start.
   */
  refreshStale(): number {
    const ids = this.writer.staleIds();
    return ids.length === 0 ? 0 : this.db.transaction(() => this.writer.refresh(ids))();
  }

  list(): SlaPolicyView[] {
    return this.policies.list();
  }

  /** Saves a policy and recomputes every timed case; null when the id is unknown. */
  save(input: SlaPolicyInput, now: number = Date.now()): SlaPolicyView | null {
    return this.db.transaction(() => {
      const saved = this.policies.save(input, now);
      if (saved) this.writer.refreshAll();
      return saved;
    })();
  }

  delete(id: number, now: number = Date.now()): boolean {
    return this.db.transaction(() => {
      const deleted = this.policies.delete(id, now);
      if (deleted) this.writer.refreshAll();
      return deleted;
    })();
  }

  /** The clocks of one case at `now` (null: no policy applies or unknown case). */
  caseView(caseId: number, now: number = Date.now()): CaseSlaView | null {
    const row = this.db.prepare('SELECT sla_json AS json, sla_remote_json AS remote FROM cases WHERE id = ?').get(caseId) as { json: string | null; remote: string | null } | undefined;
    return slaViewOf(row?.json, now, row?.remote);
  }

  /**
   * At-risk and breached unsolved cases per (group, channel) at `now`, from the stored due times
   * (one pass over the covering index of running clocks). Only pairs with a running clock appear.
   * A case counts by its next clock: breached when `now` is past its due time, at risk when `now`
   * is past the earliest at-risk time of its running clocks.
   */
  stateCounts(now: number = Date.now()): SlaStateCount[] {
    return this.db
      .prepare(
        `SELECT group_id AS groupId, channel, count(*) AS running,
           sum(sla_next_due_at >= @now AND sla_next_at_risk_at <= @now) AS atRisk,
           sum(sla_next_due_at < @now) AS breached
         FROM cases INDEXED BY cases_sla_running
         WHERE sla_next_due_at IS NOT NULL
         GROUP BY group_id, channel ORDER BY group_id, channel`,
      )
      .all({ now }) as SlaStateCount[];
  }
}
