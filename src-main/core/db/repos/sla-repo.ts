import type { Statement } from 'better-sqlite3';
import { CASE_STATUSES, type CasePriority, type CaseStatus } from '../../../../src-shared/domain/case-fields';
import type { ChannelKind } from '../../../../src-shared/domain/channels';
import { caseClocks, DEFAULT_PAUSES, nextClock, type BusinessSchedule, type ComputedClock, type SlaTargetRule } from '../../../../src-shared/domain/sla-clock';
import type { SlaCondition, SlaFilter, SlaPolicyInput, SlaPolicyView } from '../../../../src-shared/contract/sla';
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
  c: { t: ComputedClock['target']; ph: ComputedClock['phase']; d: number | null; r: number | null }[];
}

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

/** What a policy filter can look at. */
export interface SlaMatchFacts {
  accountId: number;
  priority: CasePriority | null;
  channel: ChannelKind;
  status: CaseStatus;
  type: string | null;
  groupRemoteId: string | null;
  organizationRemoteId: string | null;
  tags: readonly string[];
}

function asList(value: SlaCondition['value']): string[] {
  if (Array.isArray(value)) return value.map((v) => v.toLowerCase());
  if (value === null) return [];
  return String(value).toLowerCase().split(/\s+/).filter((v) => v !== '');
}

/** One condition; fields and operators not understood never match (docs/sla.md). */
export function conditionMatches(condition: SlaCondition, facts: SlaMatchFacts): boolean {
  const is = (actual: string | null): boolean | null => {
    const expected = condition.value === null ? null : String(condition.value).toLowerCase();
    if (condition.operator === 'is') return actual === expected;
    if (condition.operator === 'is_not') return actual !== expected;
    return null;
  };
  let result: boolean | null = null;
  switch (condition.field) {
    case 'priority':
      result = is(facts.priority);
      break;
    case 'channel':
    case 'via':
      result = is(facts.channel);
      break;
    case 'status':
      result = is(facts.status);
      break;
    case 'type':
    case 'ticket_type_id':
      result = is(facts.type);
      break;
    case 'group_id':
      result = is(facts.groupRemoteId);
      break;
    case 'organization_id':
      result = is(facts.organizationRemoteId);
      break;
    case 'tags':
    case 'current_tags': {
      const wanted = asList(condition.value);
      const tags = facts.tags.map((t) => t.toLowerCase());
      if (condition.operator === 'includes') result = wanted.some((w) => tags.includes(w));
      else if (condition.operator === 'not_includes') result = !wanted.some((w) => tags.includes(w));
      break;
    }
  }
  return result === true;
}

export function filterMatches(filter: SlaFilter, facts: SlaMatchFacts): boolean {
  return filter.all.every((c) => conditionMatches(c, facts)) && (filter.any.length === 0 || filter.any.some((c) => conditionMatches(c, facts)));
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

/** The first active policy that applies to a case: its own account's (or a local one). */
export function policyFor(db: Db, facts: SlaMatchFacts): SlaPolicyView | null {
  for (const { view } of activePolicies(db)) {
    if (view.accountId !== null && view.accountId !== facts.accountId) continue;
    if (filterMatches(view.filter, facts)) return view;
  }
  return null;
}

interface CaseFactsRow {
  id: number;
  accountId: number;
  synced: number;
  status: string;
  priority: string | null;
  channel: string;
  type: string | null;
  tags: string | null;
  createdAt: number;
  updatedAt: number;
  groupRemoteId: string | null;
  organizationRemoteId: string | null;
  slaJson: string | null;
}

/**
 * Computes and stores the clocks of cases. Works from the helpdesk's view of a case (its remote
 * status and priority, messages that reached the helpdesk): the helpdesk's SLA does not see a
 * change still waiting in the outbox either.
 */
export class SlaWriter {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Db) {
    this.s = {
      facts: db.prepare(
        `SELECT c.id, c.account_id AS accountId, c.synced, coalesce(c.remote_status, c.status) AS status, CASE WHEN c.remote_status IS NULL THEN c.priority ELSE c.remote_priority END AS priority,
           c.channel, c.type, coalesce(c.remote_tags, c.tags) AS tags, c.created_at AS createdAt, c.updated_at AS updatedAt,
           g.remote_id AS groupRemoteId, o.remote_id AS organizationRemoteId, c.sla_json AS slaJson
         FROM cases c LEFT JOIN groups g ON g.id = coalesce(c.remote_group_id, c.group_id) LEFT JOIN organizations o ON o.id = c.organization_id
         WHERE c.id = ?`,
      ),
      replies: db.prepare(
        `SELECT min(created_at) AS firstReply, max(created_at) AS lastReply FROM messages
         WHERE case_id = ? AND author_kind = 'agent' AND public = 1 AND local_action_id IS NULL`,
      ),
      waiting: db
        .prepare(`SELECT min(created_at) FROM messages WHERE case_id = ? AND author_kind = 'customer' AND created_at > ? AND local_action_id IS NULL`)
        .pluck(),
      // WITHOUT ROWID: ties (two statuses at one instant) order by status, which is arbitrary but stable.
      history: db.prepare('SELECT at, status FROM case_status_changes WHERE case_id = ? ORDER BY at, status'),
      lastChange: db.prepare('SELECT status FROM case_status_changes WHERE case_id = ? ORDER BY at DESC LIMIT 1').pluck(),
      insertChange: db.prepare('INSERT OR IGNORE INTO case_status_changes (case_id, at, status) VALUES (?, ?, ?)'),
      write: db.prepare('UPDATE cases SET sla_json = ?, sla_next_due_at = ?, sla_next_at_risk_at = ?, sla_sort = ? WHERE id = ?'),
      unsolvedIds: db.prepare(`SELECT id FROM cases WHERE synced = 1 AND (queue != 'solved' OR sla_json IS NOT NULL)`).pluck(),
    };
  }

  /** Stores status changes (the case entered `status` at `at`); duplicates are ignored. */
  recordStatusChanges(changes: readonly { caseId: number; at: number; status: string }[]): void {
    for (const c of changes) this.s.insertChange!.run(c.caseId, c.at, c.status);
  }

  /** Recomputes the clocks of these cases. Solved cases we never timed are skipped (history backfill). */
  refresh(caseIds: Iterable<number>): number {
    let written = 0;
    for (const id of caseIds) if (this.refreshOne(id)) written++;
    return written;
  }

  /** Recomputes every case that is unsolved or has clocks (after a policy change). */
  refreshAll(): number {
    return this.refresh(this.s.unsolvedIds!.all() as number[]);
  }

  /** Clocks of one case now, without storing them (null: no policy applies). */
  compute(caseId: number): { stored: StoredSla; clocks: ComputedClock[] } | null {
    const row = this.s.facts!.get(caseId) as CaseFactsRow | undefined;
    if (!row || row.synced !== 1) return null;
    return this.computeFor(row);
  }

  private refreshOne(caseId: number): boolean {
    const row = this.s.facts!.get(caseId) as CaseFactsRow | undefined;
    if (!row || row.synced !== 1) return false;
    const solved = row.status === 'solved' || row.status === 'closed';
    if (solved && row.slaJson === null) return false; // history we never timed: not worth a computation per case
    // The current status started when the case last changed, unless the history says otherwise (docs/sla.md).
    const last = this.s.lastChange!.get(caseId) as string | undefined;
    if (last !== row.status) this.s.insertChange!.run(caseId, row.updatedAt, row.status);
    const computed = this.computeFor(row);
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

  private computeFor(row: CaseFactsRow): { stored: StoredSla; clocks: ComputedClock[] } | null {
    const tags = row.tags ? row.tags.split(' ').filter((t) => t !== '') : [];
    const facts: SlaMatchFacts = {
      accountId: row.accountId,
      priority: row.priority as CasePriority | null,
      channel: row.channel as ChannelKind,
      status: row.status as CaseStatus,
      type: row.type,
      groupRemoteId: row.groupRemoteId,
      organizationRemoteId: row.organizationRemoteId,
      tags,
    };
    const policy = policyFor(this.db, facts);
    if (!policy) return null;
    const replies = this.s.replies!.get(row.id) as { firstReply: number | null; lastReply: number | null };
    const waitingSince = (this.s.waiting!.get(row.id, replies.lastReply ?? 0) as number | null) ?? null;
    const history = (this.s.history!.all(row.id) as { at: number; status: CaseStatus }[]).slice();
    const last = history[history.length - 1];
    if (!last || last.status !== facts.status) history.push({ at: Math.max(row.updatedAt, last?.at ?? 0), status: facts.status });
    const clocks = caseClocks(
      { createdAt: row.createdAt, firstAgentReplyAt: replies.firstReply, lastAgentReplyAt: replies.lastReply, waitingSince, status: facts.status, statusHistory: history },
      { priority: facts.priority, channel: facts.channel, rules: policy.targets, schedule: policy.schedule, pauses: { nextReply: DEFAULT_PAUSES.nextReply, resolution: policy.resolutionPauses } },
    );
    return { stored: { p: policy.id, c: clocks.map((c) => ({ t: c.target, ph: c.phase, d: finite(c.dueAt), r: finite(c.atRiskAt) })) }, clocks };
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
