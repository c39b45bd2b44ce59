import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { DecisionShown, OutboxChoice, OutboxConflict, OutboxDecisionView } from '../../../../src-shared/contract/models';
import type { CasePriority, CaseStatus } from '../../../../src-shared/domain/case-fields';
import { applyIntent, isEmptyIntent, type CaseIntent, type EditableFields } from '../../../../src-shared/domain/case-intent';
import type { Db } from '../connection';
import { PendingChanges } from './pending-changes';

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'conflict';

export interface OutboxRow {
  id: string;
  seq: number;
  accountId: number;
  caseId: number;
  kind: 'reply' | 'note' | 'update';
  intent: CaseIntent;
  /** What the case was when the action was queued (or last decided on): the helpdesk's version… */
  baseVersion: string | null;
  /** …the highest local message id of its thread (local ids only grow)… */
  baseMessageId: number;
  /** …the helpdesk's time of the newest message it had then (null: none)… */
  baseMessageAt: number | null;
  /** …and the helpdesk's editable fields (null: not known). */
  baseFields: EditableFields | null;
  /** Held with a conflict on its case: 'held' (no decision yet) or 'decided'; it re-reads the case before it goes. */
  review: 'held' | 'decided' | null;
  state: OutboxState;
  attempts: number;
  verifyBeforeSend: boolean;
  nextAttemptAt: number;
  lastError: string | null;
  conflict: unknown;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

interface RawRow extends Omit<OutboxRow, 'intent' | 'conflict' | 'verifyBeforeSend' | 'baseFields'> {
  verify: number;
  intentJson: string;
  conflictJson: string | null;
  baseFieldsJson: string | null;
}

/** The case as it is in the cache now, as an action's base. */
export interface CaseBase {
  version: string | null;
  messageId: number;
  messageAt: number | null;
  fields: EditableFields | null;
}

/** A decision to record: what the agent was shown when they made it. */
export interface DecisionRecord {
  shown: DecisionShown;
}

interface RemoteFieldsRow {
  status: string | null;
  priority: string | null;
  assigneeId: number | null;
  groupId: number | null;
  tags: string | null;
}

function fieldsOf(row: RemoteFieldsRow | undefined): EditableFields | null {
  if (!row || row.status === null) return null;
  return { status: row.status as CaseStatus, priority: row.priority as CasePriority | null, assigneeId: row.assigneeId, groupId: row.groupId, tags: row.tags ? row.tags.split(' ') : [] };
}

const COLUMNS = `id, seq, account_id AS accountId, case_id AS caseId, kind, intent_json AS intentJson, base_version AS baseVersion, base_message_id AS baseMessageId, base_message_at AS baseMessageAt,
  base_fields_json AS baseFieldsJson, review, state, attempts, verify_before_send AS verify,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, conflict_json AS conflictJson, created_at AS createdAt, updated_at AS updatedAt, sent_at AS sentAt`;

function toRow(raw: RawRow): OutboxRow {
  const { intentJson, conflictJson, verify, baseFieldsJson, ...rest } = raw;
  return {
    ...rest,
    verifyBeforeSend: verify === 1,
    intent: JSON.parse(intentJson) as CaseIntent,
    conflict: conflictJson ? (JSON.parse(conflictJson) as unknown) : null,
    baseFields: baseFieldsJson ? (JSON.parse(baseFieldsJson) as EditableFields) : null,
  };
}

interface DecisionRaw {
  id: number;
  actionId: string;
  caseId: number;
  choice: OutboxChoice;
  intentJson: string;
  editedIntentJson: string | null;
  shownJson: string;
  decidedAt: number;
}

export class EmptyActionError extends Error {
  constructor() {
    super('Nothing to send: the action changes nothing and has no message');
    this.name = 'EmptyActionError';
  }
}

/**
 * The outbox (DESIGN §6): every write is one row, stored in the same transaction as its optimistic
 * effect (shown fields rebased, a pending message in the thread, the draft cleared), with a
 * client-generated id that is the idempotency key. These transactions run at synchronous=FULL:
 * an action the agent was told is queued survives a power cut.
 */
export class OutboxRepo {
  private readonly pending: PendingChanges;
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Db) {
    this.pending = new PendingChanges(db);
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox (id, seq, account_id, case_id, kind, intent_json, base_version, base_message_id, base_message_at, base_fields_json, state, created_at, updated_at)
         VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM outbox), @accountId, @caseId, @kind, @intent, @baseVersion, @baseMessageId, @baseMessageAt, @baseFields, 'queued', @now, @now)`,
      ),
      caseInfo: db.prepare(
        `SELECT c.account_id AS accountId, c.remote_version AS remoteVersion, c.channel, a.me_remote_id AS meRemoteId
         FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.id = ? AND c.synced = 1`,
      ),
      remoteFields: db.prepare(
        `SELECT remote_status AS status, remote_priority AS priority, remote_assignee_id AS assigneeId, remote_group_id AS groupId, remote_tags AS tags
         FROM cases WHERE id = ?`,
      ),
      caseSummary: db.prepare('SELECT subject, remote_id AS remoteId, remote_status AS status, updated_at AS updatedAt, remote_version AS version FROM cases WHERE id = ?'),
      lastMessageId: db.prepare('SELECT coalesce(max(id), 0) FROM messages WHERE case_id = ?').pluck(),
      // Helpdesk times only: messages written here carry this machine's clock.
      lastMessageAt: db.prepare('SELECT max(created_at) FROM messages WHERE case_id = ? AND local_action_id IS NULL').pluck(),
      laterOnCase: db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE case_id = ? AND seq > ? AND state != 'sent' ORDER BY seq`),
      setBaseFields: db.prepare('UPDATE outbox SET base_fields_json = ? WHERE id = ?'),
      hold: db.prepare(`UPDATE outbox SET review = coalesce(review, 'held') WHERE id = ? AND state = 'queued'`),
      holdAsConflict: db.prepare(`UPDATE outbox SET state = 'conflict', review = coalesce(review, 'held'), conflict_json = ?, last_error = ?, updated_at = ? WHERE id = ? AND state = 'queued'`),
      decided: db.prepare(
        `UPDATE outbox SET state = 'queued', next_attempt_at = 0, last_error = NULL, conflict_json = NULL, review = 'decided',
           base_version = ?, base_message_id = ?, base_message_at = ?, base_fields_json = ?, intent_json = coalesce(?, intent_json), updated_at = ? WHERE id = ?`,
      ),
      passReview: db.prepare('UPDATE outbox SET base_version = ?, review = NULL WHERE id = ?'),
      record: db.prepare(
        `INSERT INTO outbox_decisions (action_id, account_id, case_id, choice, intent_json, edited_intent_json, shown_json, decided_at)
         VALUES (@actionId, @accountId, @caseId, @choice, @intent, @editedIntent, @shown, @now)`,
      ),
      decisionsAll: db.prepare(
        `SELECT id, action_id AS actionId, case_id AS caseId, choice, intent_json AS intentJson, edited_intent_json AS editedIntentJson, shown_json AS shownJson, decided_at AS decidedAt
         FROM outbox_decisions ORDER BY id`,
      ),
      decisionsOfCase: db.prepare(
        `SELECT id, action_id AS actionId, case_id AS caseId, choice, intent_json AS intentJson, edited_intent_json AS editedIntentJson, shown_json AS shownJson, decided_at AS decidedAt
         FROM outbox_decisions WHERE case_id = ? ORDER BY id`,
      ),
      insertLocalMessage: db.prepare(
        `INSERT INTO messages (account_id, remote_id, case_id, author_kind, author_remote_id, channel, public, body_text, created_at, local_action_id)
         VALUES (?, ?, ?, 'agent', ?, ?, ?, ?, ?, ?)`,
      ),
      deleteLocalMessage: db.prepare('DELETE FROM messages WHERE local_action_id = ? AND remote_id LIKE \'local:%\''),
      deleteDraft: db.prepare('DELETE FROM drafts WHERE case_id = ?'),
      get: db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`),
      list: db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE state != 'sent' ORDER BY seq`),
      forCase: db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE case_id = ? AND state != 'sent' ORDER BY seq`),
      // The head of each case's queue, if it is ready to go: FIFO per case, a failed or
      // conflicting action holds back the ones after it.
      ready: db.prepare(
        `SELECT ${COLUMNS} FROM outbox o WHERE o.state = 'queued' AND o.next_attempt_at <= ? AND o.account_id = ?
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.case_id = o.case_id AND e.seq < o.seq AND e.state != 'sent')
         ORDER BY o.seq LIMIT ?`,
      ),
      inFlight: db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE state = 'sending' AND account_id = ? ORDER BY seq`),
      setState: db.prepare('UPDATE outbox SET state = ?, updated_at = ? WHERE id = ?'),
      markSending: db.prepare(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'queued'`),
      markSent: db.prepare(`UPDATE outbox SET state = 'sent', sent_at = ?, updated_at = ?, last_error = NULL, conflict_json = NULL, verify_before_send = 0, remote_result_json = ? WHERE id = ?`),
      retryLater: db.prepare(`UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ?, verify_before_send = max(verify_before_send, ?), updated_at = ? WHERE id = ?`),
      sendSoon: db.prepare(`UPDATE outbox SET next_attempt_at = 0 WHERE id = ? AND state = 'queued' AND next_attempt_at > 0`),
      fail: db.prepare(`UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?`),
      conflict: db.prepare(`UPDATE outbox SET state = 'conflict', conflict_json = ?, last_error = ?, updated_at = ? WHERE id = ?`),
      requeue: db.prepare(`UPDATE outbox SET state = 'queued', next_attempt_at = 0, last_error = NULL, conflict_json = NULL, updated_at = ? WHERE id = ?`),
      delete: db.prepare('DELETE FROM outbox WHERE id = ?'),
      advanceBase: db.prepare(`UPDATE outbox SET base_version = ? WHERE case_id = ? AND seq > ? AND state = 'queued' AND base_version IS ?`),
      caseVersion: db.prepare('SELECT remote_version FROM cases WHERE id = ?').pluck(),
      draftBase: db.prepare('SELECT base_fields_json AS fieldsJson, base_version AS version FROM drafts WHERE case_id = ?'),
      advanceDraftBase: db.prepare('UPDATE drafts SET base_fields_json = ?, base_version = ? WHERE case_id = ?'),
      count: db.prepare(`SELECT state, count(*) AS n FROM outbox WHERE state != 'sent' GROUP BY state`),
    };
  }

  private durably<T>(work: () => T): T {
    this.db.pragma('synchronous = FULL');
    try {
      return this.db.transaction(work).immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  /** Queues an action on a case with its optimistic effect; returns the stored row. */
  enqueue(caseId: number, intent: CaseIntent, options: { actionId?: string; now?: number } = {}): OutboxRow {
    return this.durably(() => this.enqueueInTransaction(caseId, intent, options.actionId ?? randomUUID(), options.now ?? Date.now()));
  }

  /** Queues the same change on several cases at once (bulk edit): one action per case, one transaction. */
  enqueueBulk(caseIds: readonly number[], intent: CaseIntent, now: number = Date.now()): OutboxRow[] {
    return this.durably(() => caseIds.map((caseId) => this.enqueueInTransaction(caseId, intent, randomUUID(), now)));
  }

  /**
   * Queues a different change on each of several cases (a macro applied in bulk: each case gets
   * its own rendered text and resolved fields): one action per case, all in one durable
   * transaction, together with `within` (e.g. counting the macro's use). All or nothing.
   */
  enqueueMany(items: readonly { caseId: number; intent: CaseIntent }[], options: { now?: number; within?: () => void } = {}): OutboxRow[] {
    const now = options.now ?? Date.now();
    return this.durably(() => {
      const rows = items.map(({ caseId, intent }) => this.enqueueInTransaction(caseId, intent, randomUUID(), now));
      options.within?.();
      return rows;
    });
  }

  private enqueueInTransaction(caseId: number, intent: CaseIntent, id: string, now: number): OutboxRow {
    if (isEmptyIntent(intent)) throw new EmptyActionError();
    const info = this.s.caseInfo!.get(caseId) as { accountId: number; remoteVersion: string | null; channel: string; meRemoteId: string | null } | undefined;
    if (!info) throw new Error(`Case ${caseId} is not in the cache`);
    const kind = intent.comment ? (intent.comment.public ? 'reply' : 'note') : 'update';
    // What the agent saw when they acted: the thread so far and the helpdesk's fields.
    const base = this.baseNow(caseId);
    this.s.insert!.run({
      id, accountId: info.accountId, caseId, kind, intent: JSON.stringify(intent), baseVersion: info.remoteVersion,
      baseMessageId: base.messageId, baseMessageAt: base.messageAt, baseFields: base.fields ? JSON.stringify(base.fields) : null, now,
    });
    if (intent.comment) {
      this.s.insertLocalMessage!.run(info.accountId, `local:${id}`, caseId, info.meRemoteId, info.channel, intent.comment.public ? 1 : 0, intent.comment.body, now, id);
      this.s.deleteDraft!.run(caseId); // the composer's text is now this action
    }
    this.pending.rebase(caseId);
    return this.get(id)!;
  }

  /**
   * Whether the cached thread may lag the cached case: the case changed on the helpdesk after the
   * newest message we have (its version can arrive before its comments do).
   */
  threadMayLag(caseId: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT c.updated_at > coalesce((SELECT max(m.created_at) FROM messages m WHERE m.case_id = c.id AND m.remote_id NOT LIKE 'local:%'), 0)
           FROM cases c WHERE c.id = ?`,
        )
        .pluck()
        .get(caseId) === 1
    );
  }

  /** The case as the cache has it now (the helpdesk's version and fields, the thread so far): a base for its actions. */
  baseNow(caseId: number): CaseBase {
    return {
      version: (this.s.caseVersion!.get(caseId) as string | null | undefined) ?? null,
      messageId: this.s.lastMessageId!.get(caseId) as number,
      messageAt: (this.s.lastMessageAt!.get(caseId) as number | null) ?? null,
      fields: fieldsOf(this.s.remoteFields!.get(caseId) as RemoteFieldsRow | undefined),
    };
  }

  /** The case's subject and number, and the helpdesk's status, update time and version as cached. */
  caseSummary(caseId: number): { subject: string; remoteId: string; status: string | null; updatedAt: number; version: string | null } | undefined {
    return this.s.caseSummary!.get(caseId) as { subject: string; remoteId: string; status: string | null; updatedAt: number; version: string | null } | undefined;
  }

  /** The case's actions after `row` that are not sent yet, in order. */
  laterOnCase(row: Pick<OutboxRow, 'caseId' | 'seq'>): OutboxRow[] {
    return (this.s.laterOnCase!.all(row.caseId, row.seq) as RawRow[]).map(toRow);
  }

  get(id: string): OutboxRow | undefined {
    const raw = this.s.get!.get(id) as RawRow | undefined;
    return raw ? toRow(raw) : undefined;
  }

  list(): OutboxRow[] {
    return (this.s.list!.all() as RawRow[]).map(toRow);
  }

  forCase(caseId: number): OutboxRow[] {
    return (this.s.forCase!.all(caseId) as RawRow[]).map(toRow);
  }

  counts(): Record<Exclude<OutboxState, 'sent'>, number> {
    const counts = { queued: 0, sending: 0, failed: 0, conflict: 0 };
    for (const { state, n } of this.s.count!.all() as { state: keyof typeof counts; n: number }[]) counts[state] = n;
    return counts;
  }

  /** Actions ready to send now, at most one per case (the head of its queue). */
  ready(accountId: number, now: number, limit: number): OutboxRow[] {
    return (this.s.ready!.all(now, accountId, limit) as RawRow[]).map(toRow);
  }

  /** Actions that were being sent when the process stopped: their fate must be checked remotely. */
  inFlight(accountId: number): OutboxRow[] {
    return (this.s.inFlight!.all(accountId) as RawRow[]).map(toRow);
  }

  /** Claims an action for sending; false if someone else changed it meanwhile. */
  markSending(id: string, now: number = Date.now()): boolean {
    return this.durably(() => this.s.markSending!.run(now, id).changes === 1);
  }

  /**
   * The helpdesk applied the action. `apply` stores the returned remote state in the same
   * transaction. The case's later actions were queued against the version this one started from;
   * our own write is nothing new to the agent, so they move on to the version it produced.
   */
  markSent(id: string, remoteResult: unknown, apply: () => void, newVersion: string | null = null, now: number = Date.now()): void {
    this.durably(() => {
      const row = this.get(id);
      if (!row) return;
      apply();
      this.s.markSent!.run(now, now, JSON.stringify(remoteResult ?? null), id);
      if (newVersion !== null) this.s.advanceBase!.run(newVersion, row.caseId, row.seq, row.baseVersion);
      // The later actions' bases now include this one: my own change is no news to them either.
      for (const later of this.laterOnCase(row)) {
        if (later.baseFields) this.s.setBaseFields!.run(JSON.stringify(applyIntent(later.baseFields, row.intent)), later.id);
      }
      this.advanceDraftBase(row, newVersion);
      this.pending.rebase(row.caseId);
    });
  }

  /** The agent's draft on the case was written against the fields before this action: they now include it. */
  private advanceDraftBase(row: OutboxRow, newVersion: string | null): void {
    const draft = this.s.draftBase!.get(row.caseId) as { fieldsJson: string | null; version: string | null } | undefined;
    if (!draft) return;
    const fields = draft.fieldsJson ? applyIntent(JSON.parse(draft.fieldsJson) as EditableFields, row.intent) : null;
    const version = newVersion !== null && draft.version === row.baseVersion ? newVersion : draft.version;
    this.s.advanceDraftBase!.run(fields ? JSON.stringify(fields) : null, version, row.caseId);
  }

  /** Back to the queue until `at`; `uncertain` when the helpdesk may have applied it (no answer came). */
  retryLater(id: string, at: number, error: string, uncertain = false, now: number = Date.now()): void {
    this.durably(() => this.s.retryLater!.run(at, error, uncertain ? 1 : 0, now, id));
  }

  /** Queued actions waiting out a backoff may go now (the network they waited for is back). */
  sendSoon(ids: readonly string[]): number {
    return this.durably(() => ids.reduce((n, id) => n + this.s.sendSoon!.run(id).changes, 0));
  }

  fail(id: string, error: string, now: number = Date.now()): void {
    this.durably(() => {
      this.s.fail!.run(error, now, id);
      this.rebaseCaseOf(id); // its clock comes back
    });
  }

  conflict(id: string, details: unknown, error: string, now: number = Date.now()): void {
    this.durably(() => {
      this.s.conflict!.run(JSON.stringify(details), error, now, id);
      this.rebaseCaseOf(id); // its clock comes back until the agent decides
    });
  }

  private rebaseCaseOf(id: string): void {
    const row = this.get(id);
    if (row) this.pending.rebase(row.caseId);
  }

  /**
   * One action stopped (a conflict, or the send-time guard): the case's whole queue stops with it
   * (DESIGN §6). In one durable step the action keeps `details`, and each later queued action on
   * the case is held: `judge` says whether it needs its own decision (its conflict details) or may
   * go by itself once the ones before it are decided (null). Either way it re-reads the case
   * before it goes.
   */
  holdCase(id: string, details: OutboxConflict, error: string, judge: (later: OutboxRow) => OutboxConflict | null, now: number = Date.now()): void {
    this.durably(() => {
      const row = this.get(id);
      if (!row) return;
      this.s.conflict!.run(JSON.stringify(details), error, now, id);
      for (const later of this.laterOnCase(row)) {
        if (later.state !== 'queued') continue;
        const stop = judge(later);
        if (stop) this.s.holdAsConflict!.run(JSON.stringify(stop), error, now, later.id);
        else this.s.hold!.run(later.id);
      }
      this.pending.rebase(row.caseId);
    });
  }

  /**
   * "Apply anyway" (or "Send anyway"): this action only, as it is, against the case as the agent
   * was just shown it (its base moves to now). The case's other held actions keep their own
   * decisions. It re-reads the case before it goes: anything newer it touches stops it again.
   */
  applyAnyway(id: string, record?: DecisionRecord, now: number = Date.now()): boolean {
    return this.durably(() => {
      const decided = this.decideInTransaction(id, 'apply', null, record, now);
      if (decided) this.rebaseCaseOf(id);
      return decided;
    });
  }

  /** "Retry" a failed action as it is. */
  retry(id: string, now: number = Date.now()): void {
    this.durably(() => {
      this.s.requeue!.run(now, id);
      this.rebaseCaseOf(id);
    });
  }

  /** "Edit": replace the intent and queue it again against the case as it is now (a decision like apply). */
  edit(id: string, intent: CaseIntent, record?: DecisionRecord, now: number = Date.now()): boolean {
    if (isEmptyIntent(intent)) throw new EmptyActionError();
    return this.durably(() => {
      const row = this.get(id);
      if (!row || !this.decideInTransaction(id, 'edit', intent, record, now)) return false;
      this.s.deleteLocalMessage!.run(id);
      if (intent.comment) {
        const info = this.s.caseInfo!.get(row.caseId) as { accountId: number; channel: string; meRemoteId: string | null };
        this.s.insertLocalMessage!.run(info.accountId, `local:${id}`, row.caseId, info.meRemoteId, info.channel, intent.comment.public ? 1 : 0, intent.comment.body, row.createdAt, id);
      }
      this.pending.rebase(row.caseId);
      return true;
    });
  }

  private decideInTransaction(id: string, choice: 'apply' | 'edit', intent: CaseIntent | null, record: DecisionRecord | undefined, now: number): boolean {
    const row = this.get(id);
    if (!row || row.state === 'sent' || row.state === 'sending') return false;
    const base = this.baseNow(row.caseId);
    this.s.decided!.run(base.version, base.messageId, base.messageAt, base.fields ? JSON.stringify(base.fields) : null, intent ? JSON.stringify(intent) : null, now, id);
    if (record) this.record(row, choice, intent, record, now);
    return true;
  }

  /**
   * A held action passed its look at the re-read case: it goes against `version`. One that had no
   * decision (it touched nothing anyone else changed) is recorded as released, with what it did not touch.
   */
  passReview(id: string, version: string | null, record?: DecisionRecord, now: number = Date.now()): void {
    this.durably(() => {
      const row = this.get(id);
      if (!row) return;
      if (row.review === 'held' && record) this.record(row, 'released', null, record, now);
      this.s.passReview!.run(version, id);
    });
  }

  private record(row: OutboxRow, choice: OutboxChoice, editedIntent: CaseIntent | null, record: DecisionRecord, now: number): void {
    this.s.record!.run({
      actionId: row.id, accountId: row.accountId, caseId: row.caseId, choice, intent: JSON.stringify(row.intent),
      editedIntent: editedIntent ? JSON.stringify(editedIntent) : null, shown: JSON.stringify(record.shown), now,
    });
  }

  /** The recorded decisions (of one case, or all), oldest first. */
  decisions(caseId?: number): OutboxDecisionView[] {
    const rows = (caseId === undefined ? this.s.decisionsAll!.all() : this.s.decisionsOfCase!.all(caseId)) as DecisionRaw[];
    return rows.map(({ intentJson, editedIntentJson, shownJson, ...rest }) => ({
      ...rest,
      intent: JSON.parse(intentJson) as CaseIntent,
      editedIntent: editedIntentJson ? (JSON.parse(editedIntentJson) as CaseIntent) : null,
      shown: JSON.parse(shownJson) as DecisionShown,
    }));
  }

  /** "Discard": drop the action and undo its optimistic effect. */
  discard(id: string, record?: DecisionRecord, now: number = Date.now()): boolean {
    return this.durably(() => {
      const row = this.get(id);
      if (!row || row.state === 'sent') return false;
      if (record) this.record(row, 'discard', null, record, now);
      this.s.delete!.run(id);
      this.s.deleteLocalMessage!.run(id);
      this.pending.rebase(row.caseId);
      return true;
    });
  }
}
