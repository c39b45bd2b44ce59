import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
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
  baseVersion: string | null;
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

interface RawRow extends Omit<OutboxRow, 'intent' | 'conflict' | 'verifyBeforeSend'> {
  verify: number;
  intentJson: string;
  conflictJson: string | null;
}

const COLUMNS = `id, seq, account_id AS accountId, case_id AS caseId, kind, intent_json AS intentJson, base_version AS baseVersion, state, attempts, verify_before_send AS verify,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, conflict_json AS conflictJson, created_at AS createdAt, updated_at AS updatedAt, sent_at AS sentAt`;

function toRow(raw: RawRow): OutboxRow {
  const { intentJson, conflictJson, verify, ...rest } = raw;
  return { ...rest, verifyBeforeSend: verify === 1, intent: JSON.parse(intentJson) as CaseIntent, conflict: conflictJson ? (JSON.parse(conflictJson) as unknown) : null };
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
        `INSERT INTO outbox (id, seq, account_id, case_id, kind, intent_json, base_version, state, created_at, updated_at)
         VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM outbox), @accountId, @caseId, @kind, @intent, @baseVersion, 'queued', @now, @now)`,
      ),
      caseInfo: db.prepare(
        `SELECT c.account_id AS accountId, c.remote_version AS remoteVersion, c.channel, a.me_remote_id AS meRemoteId
         FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.id = ? AND c.synced = 1`,
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
      requeue: db.prepare(`UPDATE outbox SET state = 'queued', next_attempt_at = 0, last_error = NULL, conflict_json = NULL, base_version = coalesce(?, base_version), intent_json = coalesce(?, intent_json), updated_at = ? WHERE id = ?`),
      delete: db.prepare('DELETE FROM outbox WHERE id = ?'),
      advanceLater: db.prepare(`UPDATE outbox SET base_version = ? WHERE case_id = ? AND seq > ? AND state = 'queued'`),
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
    this.s.insert!.run({ id, accountId: info.accountId, caseId, kind, intent: JSON.stringify(intent), baseVersion: info.remoteVersion, now });
    if (intent.comment) {
      this.s.insertLocalMessage!.run(info.accountId, `local:${id}`, caseId, info.meRemoteId, info.channel, intent.comment.public ? 1 : 0, intent.comment.body, now, id);
      this.s.deleteDraft!.run(caseId); // the composer's text is now this action
    }
    this.pending.rebase(caseId);
    return this.get(id)!;
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
   * "Apply anyway": send again against the case's current remote version. The case's later queued
   * actions were held back by the same change the agent has now seen, so they move on with it.
   */
  applyAnyway(id: string, now: number = Date.now()): void {
    this.durably(() => {
      const row = this.get(id);
      if (!row) return;
      const version = this.s.caseVersion!.get(row.caseId) as string | null;
      this.s.requeue!.run(version, null, now, id);
      this.s.advanceLater!.run(version, row.caseId, row.seq);
      this.pending.rebase(row.caseId);
    });
  }

  /** "Retry" a failed action as it is. */
  retry(id: string, now: number = Date.now()): void {
    this.durably(() => {
      this.s.requeue!.run(null, null, now, id);
      this.rebaseCaseOf(id);
    });
  }

  /** "Edit": replace the intent and queue it again against the current remote version. */
  edit(id: string, intent: CaseIntent, now: number = Date.now()): void {
    if (isEmptyIntent(intent)) throw new EmptyActionError();
    this.durably(() => {
      const row = this.get(id);
      if (!row) return;
      const version = this.s.caseVersion!.get(row.caseId) as string | null;
      this.s.requeue!.run(version, JSON.stringify(intent), now, id);
      this.s.advanceLater!.run(version, row.caseId, row.seq);
      this.s.deleteLocalMessage!.run(id);
      if (intent.comment) {
        const info = this.s.caseInfo!.get(row.caseId) as { accountId: number; channel: string; meRemoteId: string | null };
        this.s.insertLocalMessage!.run(info.accountId, `local:${id}`, row.caseId, info.meRemoteId, info.channel, intent.comment.public ? 1 : 0, intent.comment.body, row.createdAt, id);
      }
      this.pending.rebase(row.caseId);
    });
  }

  /** "Discard": drop the action and undo its optimistic effect. */
  discard(id: string): boolean {
    return this.durably(() => {
      const row = this.get(id);
      if (!row || row.state === 'sent') return false;
      this.s.delete!.run(id);
      this.s.deleteLocalMessage!.run(id);
      this.pending.rebase(row.caseId);
      return true;
    });
  }
}
