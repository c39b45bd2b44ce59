// The supervisor panel's window onto SLA clocks (issue 7, docs/sla.md, docs/supervisor.md). SLA
// clocks are their own piece of work (sla-service.ts, migration 0007); this adapter is the only
// place the panel meets them:
// - at risk / breached: `SlaService.stateCounts(now)`, per (group, channel) of unsolved cases;
// - compliance today: the targets that came due between midnight and now, met in time vs breached
//   (missed, or still running past due), read from the stored clocks (cases.sla_json).
// Until an SLA policy exists the figures are "not available" (null), not zeros.
import type { Db } from '../db/connection';
import type { StoredSla } from '../db/repos/sla-repo';
import type { SlaService } from './sla-service';
import { NO_SLA, type SupervisorSlaSource } from './supervisor-service';

export function supervisorSlaSource(db: Db, sla: Pick<SlaService, 'stateCounts'> | null): SupervisorSlaSource {
  if (sla === null || !hasTable(db, 'sla_policies')) return NO_SLA;
  const anyPolicy = db.prepare('SELECT 1 FROM sla_policies WHERE active = 1 LIMIT 1').pluck();
  // Clocks that can have come due today: cases changed today (a target met or missed stops with a
  // change) and running clocks due since midnight (cases_sla_updated, cases_sla_running).
  const recent = db
    .prepare(
      `SELECT sla_json FROM cases WHERE sla_json IS NOT NULL AND synced = 1 AND updated_at >= @since
       UNION
       SELECT sla_json FROM cases WHERE sla_next_due_at >= @since AND sla_next_due_at <= @now AND sla_json IS NOT NULL AND synced = 1`,
    )
    .pluck();
  const available = (): boolean => anyPolicy.get() !== undefined;
  return {
    counts(now) {
      if (!available()) return null;
      const byGroup = new Map<number | null, { atRisk: number; breached: number }>();
      const byChannel = new Map<string, { atRisk: number; breached: number }>();
      for (const row of sla.stateCounts(now)) {
        const g = byGroup.get(row.groupId) ?? { atRisk: 0, breached: 0 };
        byGroup.set(row.groupId, { atRisk: g.atRisk + row.atRisk, breached: g.breached + row.breached });
        const c = byChannel.get(row.channel) ?? { atRisk: 0, breached: 0 };
        byChannel.set(row.channel, { atRisk: c.atRisk + row.atRisk, breached: c.breached + row.breached });
      }
      return { byGroup, byChannel };
    },
    compliance(since, now) {
      if (!available()) return null;
      let met = 0;
      let breached = 0;
      for (const json of recent.all({ since, now }) as string[]) {
        let stored: StoredSla;
        try {
          stored = JSON.parse(json) as StoredSla;
        } catch {
          continue;
        }
        for (const clock of stored.c) {
          if (clock.d === null || clock.d < since || clock.d > now) continue; // not due today (yet)
          if (clock.ph === 'met') met += 1;
          else if (clock.ph === 'missed' || clock.ph === 'running') breached += 1;
        }
      }
      return { met, breached };
    },
  };
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
