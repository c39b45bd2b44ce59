import type { Statement } from 'better-sqlite3';
import { CASE_STATUSES, type CasePriority, type CaseStatus } from '../../../../src-shared/domain/case-fields';
import { foldIntents, type CaseIntent, type EditableFields } from '../../../../src-shared/domain/case-intent';
import type { ChannelKind } from '../../../../src-shared/domain/channels';
import { DEFAULT_PAUSES, nextClock, type BusinessSchedule, type ComputedClock, type SlaTargetRule } from '../../../../src-shared/domain/sla-clock';
import { policyFor as policyForRules, slaClocksOf, slaFactsOf, type SlaCaseRecord, type SlaMatchFacts, type SlaThreadEntry } from '../../../../src-shared/domain/sla-rules';
import { helpdeskVerdict, type HelpdeskSlaVerdict, type SlaMetricEvent } from '../../../../src-shared/domain/sla-verdict';
import type { SlaFilter, SlaPolicyInput, SlaPolicyView } from '../../../../src-shared/contract/sla';
import type { RemoteSlaPolicy } from '../../connectors/connector';
import type { Db } from '../connection';

// SLA storage (docs/sla.md): policies, the status history of cases, and each case's computed
// clocks. Due times depend only on the facts of a case (and the policies), never on "now", so they
// are computed when sync (or a policy edit) changes those facts and stored on the case; the state
// (ok / at risk / breached) is derived from them and the current time when read.

/** sla_sort of a case whose clocks are all paused, and of a case with no running clock. */
export const SLA_SORT_PAUSED = Number.MAX_SAFE_INTEGER - 1;
export const SLA_SORT_NONE = Number.MAX_SAFE_INTEGER;

/**
 * Business hours when the helpdesk defines none: Monday to Friday 09:00–17:00 in this machine's
 * time zone. Stored with each synced policy; a local override can change it.
 */
export function defaultSchedule(timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'): BusinessSchedule {
  return { timeZone, intervals: [1, 2, 3, 4, 5].map((day) => ({ startMinute: day * 1440 + 540, endMinute: day * 1440 + 1020 })) };
}

/** The stored clocks of a case (cases.sla_json): short keys, one per clock. */
export interface StoredSla {
  /** policy id */
  p: number;
  /** target, phase, due, at risk; since 0012 also when a met or missed clock stopped and the target in minutes. */
  c: { t: ComputedClock['target']; ph: ComputedClock['phase']; d: number | null; r: number | null; s?: number | null; m?: number }[];
}

export type { SlaMatchFacts } from '../../../../src-shared/domain/sla-rules';
export { conditionMatches, filterMatches } from '../../../../src-shared/domain/sla-rules';

interface PolicyRow {
  id: number;
  account_id: number | null;
  remote_id: string | null;
  title: string;
  description: string;
  position: number;
  filter_json: string;
  targets_json: string;
  schedule_json: string | null;
  pauses_json: string;
  active: number;
  local_override: number;
  updated_at: number;
}

export function toPolicyView(row: PolicyRow): SlaPolicyView {
  return {
    id: row.id,
    accountId: row.account_id,
    remoteId: row.remote_id,
    source: row.account_id === null ? 'local' : row.local_override === 1 ? 'override' : 'helpdesk',
    title: row.title,
    description: row.description,
    position: row.position,
    filter: JSON.parse(row.filter_json) as SlaFilter,
    targets: JSON.parse(row.targets_json) as SlaTargetRule[],
    schedule: row.schedule_json === null ? null : (JSON.parse(row.schedule_json) as BusinessSchedule),
    resolutionPauses: (JSON.parse(row.pauses_json) as string[]).filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s)),
    active: row.active === 1,
    updatedAt: row.updated_at,
  };
}

interface LoadedPolicy {
  view: SlaPolicyView;
}

const policyCache = new WeakMap<Db, LoadedPolicy[]>();

/** The active policies in the order they are tried (position, then id), cached per database. */
export function activePolicies(db: Db): LoadedPolicy[] {
  let loaded = policyCache.get(db);
  if (!loaded) {
    const rows = db.prepare('SELECT * FROM sla_policies WHERE active = 1 ORDER BY position, id').all() as PolicyRow[];
    loaded = rows.map((row) => ({ view: toPolicyView(row) }));
    policyCache.set(db, loaded);
  }
  return loaded;
}

/** Forget the cached policies (after any policy change). */
export function invalidatePolicies(db: Db): void {
  policyCache.delete(db);
}

/** The policy that applies to a case (docs/sla.md; the rules: src-shared/domain/sla-rules.ts). */
export function policyFor(db: Db, facts: SlaMatchFacts, appliedRemoteId: string | null = null): SlaPolicyView | null {
  return policyForRules(activePolicies(db).map((p) => p.view), facts, appliedRemoteId);
}

/** Outbox states whose action is on its way to the helpdesk: its effect counts for the clocks at once. */
const ON_ITS_WAY = "('queued', 'sending')";

interface CaseFactsRow {
  id: number;
  accountId: number;
  remoteId: string;
  synced: number;
  status: string;
  priority: string | null;
  channel: string;
  type: string | null;
  tags: string | null;
  groupId: number | null;
  createdAt: number;
  updatedAt: number;
  groupRemoteId: string | null;
  organizationRemoteId: string | null;
  slaJson: string | null;
  slaRemoteJson: string | null;
}

/** The SLA state of one case: its record as the clocks see it, and what the rules made of it. */
export interface CaseSlaState {
  record: SlaCaseRecord;
  fields: SlaMatchFacts;
  verdict: HelpdeskSlaVerdict | null;
  computed: { stored: StoredSla; clocks: ComputedClock[] } | null;
}

/**
 * Computes and stores the clocks of cases (docs/sla.md). A case's record is what the helpdesk has
 * (its remote fields, status history and the messages that reached it) with the agent's actions on
 * their way folded in: a queued public reply counts as a reply when it was queued, a queued status
 * or priority change as made then. An action that failed or waits on a conflict does not count
 * (its clock comes back). Sent replies count like any synced message, under whichever id they hold
 * now (the comment's, an `audit:`/`sent:` placeholder until sync brings the comment, or the synced
 * copy). The customer's wait (`waiting_since`) and the last reply come from the same facts.
 */
export class SlaWriter {
  private readonly s: Record<string, Statement>;
  /** Time spent recomputing clocks (the SLA bench reads it). */
  readonly stats = { cases: 0, ms: 0 };

  constructor(private readonly db: Db) {
    this.s = {
      facts: db.prepare(
        `SELECT c.id, c.account_id AS accountId, c.remote_id AS remoteId, c.synced, coalesce(c.remote_status, c.status) AS status,
           CASE WHEN c.remote_status IS NULL THEN c.priority ELSE c.remote_priority END AS priority,
           c.channel, c.type, CASE WHEN c.remote_status IS NULL THEN c.tags ELSE c.remote_tags END AS tags,
           CASE WHEN c.remote_status IS NULL THEN c.group_id ELSE c.remote_group_id END AS groupId,
           c.created_at AS createdAt, c.updated_at AS updatedAt, g.remote_id AS groupRemoteId, o.remote_id AS organizationRemoteId,
           c.sla_json AS slaJson, c.sla_remote_json AS slaRemoteJson
         FROM cases c LEFT JOIN groups g ON g.id = CASE WHEN c.remote_status IS NULL THEN c.group_id ELSE c.remote_group_id END
           LEFT JOIN organizations o ON o.id = c.organization_id
         WHERE c.id = ?`,
      ),
      onItsWay: db.prepare(`SELECT intent_json AS intent, created_at AS at FROM outbox WHERE case_id = ? AND state IN ${ON_ITS_WAY} ORDER BY seq`),
      groupRemoteId: db.prepare('SELECT remote_id FROM groups WHERE id = ?').pluck(),
      // Replies and customer messages that reached the helpdesk, and our replies on their way.
      thread: db.prepare(
        `SELECT m.created_at AS at, m.author_kind AS author, m.public FROM messages m
         WHERE m.case_id = ? AND (m.author_kind = 'customer' OR (m.author_kind = 'agent' AND m.public = 1))
           AND (m.remote_id NOT LIKE 'local:%' OR EXISTS (SELECT 1 FROM outbox o WHERE o.id = m.local_action_id AND o.state IN ('queued', 'sending', 'sent')))`,
      ),
      // WITHOUT ROWID: ties (two statuses at one instant) order by status, which is arbitrary but stable.
      history: db.prepare('SELECT at, status FROM case_status_changes WHERE case_id = ? ORDER BY at, status'),
      lastChange: db.prepare('SELECT status FROM case_status_changes WHERE case_id = ? ORDER BY at DESC LIMIT 1').pluck(),
      insertChange: db.prepare('INSERT OR IGNORE INTO case_status_changes (case_id, at, status) VALUES (?, ?, ?)'),
      write: db.prepare('UPDATE cases SET sla_json = ?, sla_next_due_at = ?, sla_next_at_risk_at = ?, sla_sort = ? WHERE id = ?'),
      summary: db.prepare(
        `UPDATE cases SET last_agent_reply_at = @last, waiting_since = @waiting,
           waiting_sort = CASE WHEN queue = 'solved' OR @waiting IS NULL THEN 9007199254740991 ELSE @waiting END
         WHERE id = @id`,
      ),
      events: db.prepare('SELECT remote_id AS id, metric, instance, type, at AS time, deleted, sla_json AS sla FROM sla_events WHERE account_id = ? AND case_remote_id = ?'),
      writeVerdict: db.prepare('UPDATE cases SET sla_remote_json = ? WHERE id = ?'),
      unsolvedIds: db.prepare(`SELECT id FROM cases WHERE synced = 1 AND (queue != 'solved' OR sla_json IS NOT NULL)`).pluck(),
    };
  }

  /** Stores status changes (the case entered `status` at `at`); duplicates are ignored. */
  recordStatusChanges(changes: readonly { caseId: number; at: number; status: string }[]): void {
    for (const c of changes) this.s.insertChange!.run(c.caseId, c.at, c.status);
  }

  /** Recomputes the clocks of these cases. Solved cases we never timed are skipped (history backfill). */
  refresh(caseIds: Iterable<number>): number {
    const started = performance.now();
    let written = 0;
    let seen = 0;
    for (const id of caseIds) {
      seen++;
      if (this.refreshOne(id)) written++;
    }
    this.stats.cases += seen;
    this.stats.ms += performance.now() - started;
    return written;
  }

  /** Cases whose stored clocks an earlier version wrote (without target minutes, `"m":`). */
  staleIds(): number[] {
    return this.db.prepare(`SELECT id FROM cases WHERE synced = 1 AND sla_json IS NOT NULL AND instr(sla_json, '"m":') = 0`).pluck().all() as number[];
  }

  /** Recomputes every case that is unsolved or has clocks (after a policy change). */
  refreshAll(): number {
    return this.refresh(this.s.unsolvedIds!.all() as number[]);
  }

  /**
   * The helpdesk's verdict on a case from its stored SLA events, kept on the case; then its
   * clocks again (they follow the policy the helpdesk applied).
   */
  refreshVerdict(caseId: number): void {
    const row = this.s.facts!.get(caseId) as CaseFactsRow | undefined;
    if (!row) return;
    const verdict = this.verdictFromEvents(row.accountId, row.remoteId);
    this.s.writeVerdict!.run(verdict ? JSON.stringify(verdict) : null, caseId);
    this.refreshOne(caseId);
  }

  /** The record, verdict and clocks of one case now, without storing anything (null: unknown or not synced). */
  state(caseId: number): CaseSlaState | null {
    const row = this.s.facts!.get(caseId) as CaseFactsRow | undefined;
    if (!row || row.synced !== 1) return null;
    const { record, fields } = this.recordOf(row);
    const verdict = row.slaRemoteJson ? (JSON.parse(row.slaRemoteJson) as HelpdeskSlaVerdict) : null;
    return { record, fields, verdict, computed: this.computeFor(record, fields, verdict) };
  }

  private verdictFromEvents(accountId: number, remoteId: string): HelpdeskSlaVerdict | null {
    const rows = this.s.events!.all(accountId, remoteId) as { id: string; metric: string; instance: number; type: string; time: number; deleted: number; sla: string | null }[];
    if (rows.length === 0) return null;
    return helpdeskVerdict(rows.map((r) => ({ id: r.id, metric: r.metric, instance: r.instance, type: r.type, time: r.time, deleted: r.deleted === 1, ...(r.sla ? { sla: JSON.parse(r.sla) as NonNullable<SlaMetricEvent['sla']> } : {}) })));
  }

  private refreshOne(caseId: number): boolean {
    const row = this.s.facts!.get(caseId) as CaseFactsRow | undefined;
    if (!row || row.synced !== 1) return false;
    const onItsWay = this.s.onItsWay!.all(caseId) as { intent: string; at: number }[];
    const status = onItsWay.reduce<string>((current, a) => (JSON.parse(a.intent) as CaseIntent).status ?? current, row.status);
    const solved = status === 'solved' || status === 'closed';
    if (solved && row.slaJson === null) return false; // history we never timed: not worth a computation per case
    // The current status started when the case last changed, unless the history says otherwise (docs/sla.md).
    const last = this.s.lastChange!.get(caseId) as string | undefined;
    if (last !== row.status) this.s.insertChange!.run(caseId, row.updatedAt, row.status);
    const { record, fields } = this.recordOf(row, onItsWay);
    const facts = slaFactsOf(record);
    if (!solved) this.s.summary!.run({ id: caseId, last: facts.lastAgentReplyAt, waiting: facts.waitingSince });
    let verdict: HelpdeskSlaVerdict | null = null;
    if (row.slaRemoteJson !== null) verdict = JSON.parse(row.slaRemoteJson) as HelpdeskSlaVerdict;
    else {
      // Its events may have come before the case did.
      verdict = this.verdictFromEvents(row.accountId, row.remoteId);
      if (verdict) this.s.writeVerdict!.run(JSON.stringify(verdict), caseId);
    }
    const computed = this.computeFor(record, fields, verdict);
    if (!computed) {
      if (row.slaJson === null) return false;
      this.s.write!.run(null, null, null, SLA_SORT_NONE, caseId);
      return true;
    }
    const running = computed.clocks.filter((c) => c.phase === 'running' && c.dueAt !== null);
    const next = nextClock(computed.clocks);
    const dueAt = !solved && next?.phase === 'running' ? next.dueAt : null;
    const atRiskAt = dueAt === null ? null : Math.min(...running.map((c) => c.atRiskAt ?? c.dueAt!));
    const sort = solved ? SLA_SORT_NONE : dueAt !== null ? dueAt : next?.phase === 'paused' ? SLA_SORT_PAUSED : SLA_SORT_NONE;
    const json = computed.clocks.length === 0 ? null : JSON.stringify(computed.stored);
    this.s.write!.run(json, dueAt, atRiskAt, sort, caseId);
    return true;
  }

  /** The record of a case: the helpdesk's, with the agent's actions on their way folded in. */
  private recordOf(row: CaseFactsRow, onItsWay?: { intent: string; at: number }[]): { record: SlaCaseRecord; fields: SlaMatchFacts } {
    const actions = (onItsWay ?? (this.s.onItsWay!.all(row.id) as { intent: string; at: number }[])).map((a) => ({ intent: JSON.parse(a.intent) as CaseIntent, at: a.at }));
    const history = (this.s.history!.all(row.id) as { at: number; status: CaseStatus }[]).slice();
    const lastRecorded = history[history.length - 1];
    if (!lastRecorded || lastRecorded.status !== row.status) history.push({ at: Math.max(row.updatedAt, lastRecorded?.at ?? 0), status: row.status as CaseStatus });
    const remote: EditableFields = {
      status: row.status as CaseStatus,
      priority: row.priority as CasePriority | null,
      assigneeId: null,
      groupId: row.groupId,
      tags: row.tags ? row.tags.split(' ').filter((t) => t !== '') : [],
    };
    const shown = foldIntents(remote, actions.map((a) => a.intent));
    for (const { intent, at } of actions) {
      if (intent.status === undefined) continue;
      const previous = history[history.length - 1];
      if (previous?.status === intent.status) continue;
      history.push({ at: Math.max(at, previous?.at ?? 0), status: intent.status });
    }
    const groupRemoteId = shown.groupId === remote.groupId ? row.groupRemoteId : shown.groupId === null ? null : ((this.s.groupRemoteId!.get(shown.groupId) as string | undefined) ?? null);
    const fields: SlaMatchFacts = {
      accountId: row.accountId,
      priority: shown.priority,
      channel: row.channel as ChannelKind,
      status: shown.status,
      type: row.type,
      groupRemoteId,
      organizationRemoteId: row.organizationRemoteId,
      tags: shown.tags,
    };
    const thread = (this.s.thread!.all(row.id) as { at: number; author: string; public: number }[]).map(
      (m): SlaThreadEntry => ({ at: m.at, author: m.author === 'agent' ? 'agent' : m.author === 'customer' ? 'customer' : 'system', public: m.public === 1 }),
    );
    return { record: { createdAt: row.createdAt, status: shown.status, statusHistory: history, thread }, fields };
  }

  private computeFor(record: SlaCaseRecord, fields: SlaMatchFacts, verdict: HelpdeskSlaVerdict | null): { stored: StoredSla; clocks: ComputedClock[] } | null {
    const result = slaClocksOf(record, fields, activePolicies(this.db).map((p) => p.view), verdict?.policyRemoteId ?? null);
    if (!result) return null;
    const { policy, clocks } = result;
    return { stored: { p: policy.id, c: clocks.map((c) => ({ t: c.target, ph: c.phase, d: finite(c.dueAt), r: finite(c.atRiskAt), s: c.stoppedAt, m: c.targetMinutes })) }, clocks };
  }
}

function finite(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

/** Policies: list, local edits, and the replacement of an account's synced ones. */
export class SlaPolicyRepo {
  constructor(private readonly db: Db) {}

  list(): SlaPolicyView[] {
    return (this.db.prepare('SELECT * FROM sla_policies ORDER BY position, id').all() as PolicyRow[]).map(toPolicyView);
  }

  get(id: number): SlaPolicyView | null {
    const row = this.db.prepare('SELECT * FROM sla_policies WHERE id = ?').get(id) as PolicyRow | undefined;
    return row ? toPolicyView(row) : null;
  }

  /** A new local policy, or changes to one; a synced policy becomes a local override. Null: no such id. */
  save(input: SlaPolicyInput, now: number): SlaPolicyView | null {
    const existing = input.id === undefined ? null : this.get(input.id);
    if (input.id !== undefined && !existing) return null;
    const values = {
      title: input.title.trim(),
      description: input.description ?? existing?.description ?? '',
      position: input.position ?? existing?.position ?? this.nextPosition(),
      filter: JSON.stringify({ all: input.filter?.all ?? existing?.filter.all ?? [], any: input.filter?.any ?? existing?.filter.any ?? [] }),
      targets: JSON.stringify(input.targets.map((t) => ({ target: t.target, priority: t.priority, ...(t.channel ? { channel: t.channel } : {}), minutes: t.minutes, businessHours: t.businessHours }))),
      // Business-hours targets without a schedule get the default one (editable afterwards).
      schedule:
        input.schedule === undefined
          ? existing?.schedule
            ? JSON.stringify(existing.schedule)
            : input.targets.some((t) => t.businessHours)
              ? JSON.stringify(defaultSchedule())
              : null
          : input.schedule === null
            ? null
            : JSON.stringify(input.schedule),
      pauses: JSON.stringify(input.resolutionPauses ?? existing?.resolutionPauses ?? DEFAULT_PAUSES.resolution),
      active: (input.active ?? existing?.active ?? true) ? 1 : 0,
      now,
    };
    let id: number;
    if (existing) {
      this.db
        .prepare(
          `UPDATE sla_policies SET title = @title, description = @description, position = @position, filter_json = @filter, targets_json = @targets,
             schedule_json = @schedule, pauses_json = @pauses, active = @active, local_override = CASE WHEN account_id IS NULL THEN 0 ELSE 1 END, updated_at = @now
           WHERE id = @id`,
        )
        .run({ ...values, id: existing.id });
      id = existing.id;
    } else {
      id = Number(
        this.db
          .prepare(
            `INSERT INTO sla_policies (title, description, position, filter_json, targets_json, schedule_json, pauses_json, active, updated_at)
             VALUES (@title, @description, @position, @filter, @targets, @schedule, @pauses, @active, @now)`,
          )
          .run(values).lastInsertRowid,
      );
    }
    invalidatePolicies(this.db);
    return this.get(id);
  }

  /** Deletes a local policy; a synced one is switched off as a local override (sync would bring it back). */
  delete(id: number, now: number): boolean {
    const existing = this.get(id);
    if (!existing) return false;
    if (existing.accountId === null) this.db.prepare('DELETE FROM sla_policies WHERE id = ?').run(id);
    else this.db.prepare('UPDATE sla_policies SET active = 0, local_override = 1, updated_at = ? WHERE id = ?').run(now, id);
    invalidatePolicies(this.db);
    return true;
  }

  /**
   * Replaces an account's synced policies with the helpdesk's (one transaction by the caller):
   * new and changed ones are stored, vanished ones removed; local overrides stay as edited (and
   * go when the helpdesk drops the policy). `schedule`: the account's business hours.
   */
  replaceSynced(accountId: number, policies: readonly RemoteSlaPolicy[], schedule: BusinessSchedule | null, now: number): { upserted: number; removed: number } {
    const existing = new Map(
      (this.db.prepare('SELECT * FROM sla_policies WHERE account_id = ?').all(accountId) as PolicyRow[]).map((row) => [row.remote_id!, row]),
    );
    const upsert = this.db.prepare(
      `INSERT INTO sla_policies (account_id, remote_id, title, description, position, filter_json, targets_json, schedule_json, pauses_json, active, updated_at)
       VALUES (@accountId, @remoteId, @title, @description, @position, @filter, @targets, @schedule, @pauses, 1, @now)
       ON CONFLICT (account_id, remote_id) DO UPDATE SET title = excluded.title, description = excluded.description, position = excluded.position,
         filter_json = excluded.filter_json, targets_json = excluded.targets_json, schedule_json = excluded.schedule_json, pauses_json = excluded.pauses_json,
         active = 1, updated_at = excluded.updated_at
       WHERE sla_policies.local_override = 0`,
    );
    let upserted = 0;
    const seen = new Set<string>();
    for (const p of policies) {
      seen.add(p.remoteId);
      const values = {
        accountId,
        remoteId: p.remoteId,
        title: p.title,
        description: p.description,
        position: p.position,
        filter: JSON.stringify(p.filter),
        targets: JSON.stringify(p.targets),
        schedule: schedule === null ? null : JSON.stringify(schedule),
        pauses: JSON.stringify(p.resolutionPauses),
        now,
      };
      const before = existing.get(p.remoteId);
      if (
        before &&
        (before.local_override === 1 ||
          (before.title === values.title && before.description === values.description && before.position === values.position && before.filter_json === values.filter &&
            before.targets_json === values.targets && before.schedule_json === values.schedule && before.pauses_json === values.pauses && before.active === 1))
      ) {
        continue;
      }
      upsert.run(values);
      upserted++;
    }
    let removed = 0;
    for (const [remoteId, row] of existing) {
      if (seen.has(remoteId)) continue;
      this.db.prepare('DELETE FROM sla_policies WHERE id = ?').run(row.id);
      removed++;
    }
    if (upserted > 0 || removed > 0) invalidatePolicies(this.db);
    return { upserted, removed };
  }

  private nextPosition(): number {
    return ((this.db.prepare('SELECT max(position) FROM sla_policies').pluck().get() as number | null) ?? -1) + 1;
  }
}
