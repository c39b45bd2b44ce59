import type { Statement } from 'better-sqlite3';
import { slaDisagreements, type HelpdeskSlaVerdict, type SlaDisagreement } from '../../../../src-shared/domain/sla-verdict';
import type { RemoteSlaEvent } from '../../connectors/connector';
import type { Db } from '../connection';
import type { StoredSla, SlaWriter } from './sla-repo';

/** What the last comparison of our clocks with the helpdesk's verdicts found (docs/sla.md). */
export interface SlaCheck {
  /** Cases with both our clocks and the helpdesk's verdict (and no action of ours on its way). */
  cases: number;
  /** Clocks where the two disagree. */
  disagreements: number;
  byKind: Record<SlaDisagreement['kind'], number>;
  /** The helpdesk's record was complete up to this instant; the comparison is as of then. */
  knownUntil: number;
}

/**
 * The helpdesk's SLA events of one account (migration 0012): stored by id, each case's verdict
 * kept on the case, and the comparison of our clocks with those verdicts.
 */
export class SlaEventsRepo {
  private readonly s: Record<string, Statement>;

  constructor(
    private readonly db: Db,
    readonly accountId: number,
    private readonly sla: SlaWriter,
  ) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO sla_events (account_id, remote_id, case_remote_id, metric, instance, type, at, deleted, sla_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, case_remote_id, remote_id) DO UPDATE SET metric = excluded.metric, instance = excluded.instance, type = excluded.type,
           at = excluded.at, deleted = excluded.deleted, sla_json = excluded.sla_json
         WHERE sla_events.metric != excluded.metric OR sla_events.instance != excluded.instance OR sla_events.type != excluded.type
           OR sla_events.at != excluded.at OR sla_events.deleted != excluded.deleted OR sla_events.sla_json IS NOT excluded.sla_json`,
      ),
      caseId: db.prepare('SELECT id FROM cases WHERE account_id = ? AND remote_id = ? AND synced = 1').pluck(),
      compared: db.prepare(
        `SELECT c.sla_json AS ours, c.sla_remote_json AS theirs, c.waiting_since AS waitingSince FROM cases c INDEXED BY cases_sla_remote
         WHERE c.account_id = ? AND c.sla_remote_json IS NOT NULL AND c.sla_json IS NOT NULL AND c.synced = 1
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.state IN ('queued', 'sending', 'failed', 'conflict'))`,
      ),
      count: db.prepare('SELECT count(*) FROM sla_events WHERE account_id = ?').pluck(),
    };
  }

  /**
   * Stores events (a copy read again replaces the one before; the same copy changes nothing: a
   * time-based export repeats its boundary second) and renews the verdict and clocks of the cases
   * whose events changed; returns those cases, and how many events were new or changed.
   */
  store(events: readonly RemoteSlaEvent[]): { caseIds: number[]; changed: number } {
    const touched = new Set<string>();
    let changed = 0;
    for (const e of events) {
      if (this.s.upsert!.run(this.accountId, e.id, e.caseRemoteId, e.metric, e.instance, e.type, e.time, e.deleted ? 1 : 0, e.sla ? JSON.stringify(e.sla) : null).changes === 0) continue;
      changed++;
      touched.add(e.caseRemoteId);
    }
    const caseIds: number[] = [];
    for (const remoteId of touched) {
      const id = this.s.caseId!.get(this.accountId, remoteId) as number | undefined;
      if (id === undefined) continue; // the case comes later; its verdict is read then
      this.sla.refreshVerdict(id);
      caseIds.push(id);
    }
    return { caseIds, changed };
  }

  /** How many events are stored. */
  eventCount(): number {
    return this.s.count!.get(this.accountId) as number;
  }

  /**
   * Compares our clocks with the helpdesk's verdicts as of `knownUntil` (docs/sla.md). Cases with
   * an action of ours not yet landed are left out: our clocks count it already, the helpdesk not yet.
   */
  check(knownUntil: number): SlaCheck {
    const byKind: SlaCheck['byKind'] = { target: 0, breach: 0, fulfilment: 0, missing: 0 };
    let cases = 0;
    let disagreements = 0;
    for (const row of this.s.compared!.iterate(this.accountId) as Iterable<{ ours: string; theirs: string; waitingSince: number | null }>) {
      cases++;
      const stored = JSON.parse(row.ours) as StoredSla;
      const ours = stored.c.map((c) => ({ target: c.t, phase: c.ph, dueAt: c.d, stoppedAt: c.s ?? null, targetMinutes: c.m ?? null }));
      for (const d of slaDisagreements(ours, JSON.parse(row.theirs) as HelpdeskSlaVerdict, knownUntil, row.waitingSince)) {
        disagreements++;
        byKind[d.kind]++;
      }
    }
    return { cases, disagreements, byKind, knownUntil };
  }
}
