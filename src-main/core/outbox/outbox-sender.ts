import type { OutboxConflict } from '../../../src-shared/contract/models';
import { WriteConflictError, type PushAction, type PushResult, type RemoteCase, type WritableConnector } from '../connectors/connector';
import type { Db } from '../db/connection';
import type { AccountCache } from '../db/repos/account-cache';
import type { OutboxRepo, OutboxRow } from '../db/repos/outbox-repo';
import { DEFAULT_BACKOFF, fullJitterDelay, pause, type BackoffPolicy } from '../net/backoff';
import { AuthError, PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from '../net/errors';
import type { ChangeSet } from '../sync/sync-types';
import { outboxErrorMessage } from './error-message';
import { QueueReview } from './queue-review';

export interface OutboxSenderOptions {
  db: Db;
  accountId: number;
  connector: WritableConnector;
  cache: AccountCache;
  outbox: OutboxRepo;
  /** Cases sent to in parallel (each case's actions stay in order); the connector keeps to the helpdesk's update limit. */
  concurrency?: number;
  backoff?: BackoffPolicy;
  onChange?: (change: ChangeSet) => void;
  /** The network failed (true) or worked again (false): feeds the app's offline detection. */
  onNetwork?: (down: boolean) => void;
  /** While this says no, nothing is sent (the agent chose "Work offline"). */
  mayConnect?: () => boolean;
  idleMs?: number;
  /**
   * An action landed on the helpdesk (sent now, or found already applied in its audits): e.g. to
   * announce it on the presence broker. Called after the outbox recorded it; errors are ignored.
   */
  onSent?: (sent: { row: OutboxRow; action: PushAction; result: PushResult }) => void;
}

export type SendOutcome = 'sent' | 'already-applied' | 'conflict' | 'failed' | 'retry' | 'skipped';

/**
 * Drains one account's outbox (DESIGN §6): FIFO per case, parallel across cases (bounded), within
 * the connector's rate budget for updates, retrying with full jitter and honouring Retry-After. An action whose request got no
 * answer (timeout, crash) is looked up in the helpdesk's audits by its id before anything is sent
 * again, so nothing lands twice.
 */
export class OutboxSender {
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private consecutiveFailures = 0;
  /** Actions put back for a network failure: they go at once when the network is back (`resume`). */
  private readonly waitingForNetwork = new Set<string>();
  private readonly review: QueueReview;

  constructor(private readonly options: OutboxSenderOptions) {
    this.review = new QueueReview(options.db);
  }

  start(): Promise<void> {
    this.running ??= this.loop().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('outbox sender stopped'));
    this.kick();
    await this.running?.catch(() => undefined);
  }

  /** Something was queued: look at the queue now. */
  kick(): void {
    this.wake?.();
    this.wake = null;
  }

  /** The network is back: actions that were waiting out a network backoff go now, with the rest. */
  resume(): void {
    if (this.waitingForNetwork.size > 0) {
      this.options.outbox.sendSoon([...this.waitingForNetwork]);
      this.waitingForNetwork.clear();
    }
    this.kick();
  }

  private async loop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const sent = this.options.mayConnect?.() === false ? 0 : await this.drainOnce();
      if (signal.aborted) return;
      if (sent === 0) {
        // One wake-up per idle wait, and `pause` drops its listeners when it ends: many kicks in a
        // row (a burst of queued actions) leave no abort listeners behind.
        const woken = new AbortController();
        this.wake = () => woken.abort();
        await pause(this.options.idleMs ?? 1000, signal, woken.signal).catch(() => undefined);
      }
    }
  }

  private recovered = false;

  /**
   * Step: actions that were being sent when the process stopped go back to the queue, marked to be
   * looked up in the helpdesk's audits before they are sent again. Runs once, before the first drain.
   */
  recoverInFlight(): void {
    this.recovered = true;
    const rows = this.options.outbox.inFlight(this.options.accountId);
    for (const row of rows) this.options.outbox.retryLater(row.id, 0, 'Interrupted while sending', true);
    if (rows.length > 0) this.options.onChange?.({ kinds: ['outbox'], caseIds: [...new Set(rows.map((r) => r.caseId))], customerIds: [] });
  }

  /** Step: sends every action that is ready now (one per case, in parallel); returns how many went. */
  async drainOnce(): Promise<number> {
    if (!this.recovered) this.recoverInFlight();
    const concurrency = this.options.concurrency ?? 4;
    let done = 0;
    for (;;) {
      const batch = this.options.outbox.ready(this.options.accountId, Date.now(), concurrency);
      if (batch.length === 0 || this.abort.signal.aborted) return done;
      const outcomes = await Promise.all(batch.map((row) => this.sendOne(row)));
      done += outcomes.filter((o) => o === 'sent' || o === 'already-applied').length;
      if (outcomes.every((o) => o === 'retry' || o === 'skipped')) return done;
    }
  }

  /** Step: sends one action and records what became of it. */
  async sendOne(row: OutboxRow): Promise<SendOutcome> {
    const { outbox } = this.options;
    this.waitingForNetwork.delete(row.id);
    const action = this.toPushAction(row);
    if (!action) {
      outbox.fail(row.id, 'The case is no longer in the cache');
      this.options.onChange?.({ kinds: ['outbox', 'cases'], caseIds: [row.caseId], customerIds: [] });
      return 'failed';
    }
    if (!outbox.markSending(row.id)) return 'skipped';
    // "Sending" is a state the agent sees (outbox panel, the queued message): say so.
    this.options.onChange?.({ kinds: ['outbox'], caseIds: [row.caseId], customerIds: [] });
    try {
      if (row.verifyBeforeSend) {
        const already = await this.options.connector.findPushed(action.caseRemoteId, row.id, this.abort.signal);
        if (already) {
          this.settle(row, already, action);
          return 'already-applied';
        }
      }
      if (!(await this.mayGo(row, action))) return 'conflict';
      const result = await this.options.connector.push(action, this.abort.signal);
      this.settle(row, result, action);
      return 'sent';
    } catch (error) {
      return this.onError(row, action, error);
    }
  }

  /**
   * The send-time guard of a queued action (DESIGN §6, §7; docs/outbox.md): nothing goes blindly
   * over what others did on its case since it was queued. An action that touches such a change
   * (a field they changed, a message after theirs) stops for the agent's decision, and the rest
   * of its case's queue with it. An action held with a conflict on its case reads the case again
   * first (fields and thread); if it touches nothing new it goes, against the version just read.
   */
  private async mayGo(row: OutboxRow, action: PushAction): Promise<boolean> {
    const { outbox } = this.options;
    if (row.review !== null) {
      // A failed read goes to onError like a failed send: the action waits and tries again.
      const remote = await this.reread(row.caseId, action.caseRemoteId);
      const current = outbox.get(row.id) ?? row;
      const news = this.review.news(current);
      const touches = this.review.touches(current, news);
      if (touches.length > 0) {
        this.holdQueue(current, 'guard', `others changed ${touches.join(', ')} since`, remote, true);
        return false;
      }
      const version = remote?.version ?? outbox.baseNow(row.caseId).version;
      outbox.passReview(row.id, version, { shown: this.review.shown(news, touches, version) });
      action.baseVersion = version;
      return true;
    }
    // A reply goes after everything others wrote: when the case changed after the newest message
    // we have, its comments may not have reached us yet, so the thread is read first.
    if (action.comment && outbox.threadMayLag(row.caseId)) {
      const { connector, cache } = this.options;
      cache.applyPage(null, await connector.fetchThread(action.caseRemoteId, this.abort.signal));
    }
    const touches = this.review.touches(row);
    if (touches.length === 0) return true;
    // It stops either way; if the read fails, the cache already shows why.
    const { remote, reread } = await this.rereadIfPossible(row.caseId, action.caseRemoteId);
    this.holdQueue(outbox.get(row.id) ?? row, 'guard', `others changed ${touches.join(', ')} since`, remote, reread);
    return false;
  }

  /** `reread`, when it works: whether it did, and the case as read. */
  private async rereadIfPossible(caseId: number, caseRemoteId: string): Promise<{ remote: RemoteCase | null; reread: boolean }> {
    try {
      return { remote: await this.reread(caseId, caseRemoteId), reread: true };
    } catch {
      return { remote: null, reread: false };
    }
  }

  /**
   * Reads a case again, its fields and then its whole thread (so the thread holds at least what the
   * version read says), into the cache. Returns the case as the helpdesk has it (null: unknown).
   */
  private async reread(caseId: number, caseRemoteId: string): Promise<RemoteCase | null> {
    const { connector, cache } = this.options;
    const remote = await connector.fetchCase(caseRemoteId, this.abort.signal);
    if (remote) cache.applyPage(null, { cases: [remote], cursor: null, caughtUp: true });
    const thread = await connector.fetchThread(caseRemoteId, this.abort.signal);
    cache.applyPage(null, thread);
    this.options.onChange?.({ kinds: ['cases', 'messages'], caseIds: [caseId], customerIds: [] });
    return remote;
  }

  /**
   * One action stopped: it waits for the agent's decision, and the case's later actions are held
   * with it, each judged against what others did since it was queued (`QueueReview.judgeHeld`).
   */
  private holdQueue(row: OutboxRow, reason: 'refused' | 'guard', description: string, remote: RemoteCase | null, reread: boolean, message?: string): void {
    const cached = this.options.outbox.caseSummary(row.caseId);
    const details: OutboxConflict = {
      reason,
      heldBy: null,
      baseVersion: row.baseVersion,
      remoteVersion: remote?.version ?? cached?.version ?? null,
      remoteStatus: remote?.status ?? cached?.status ?? null,
      remoteUpdatedAt: remote?.updatedAt ?? (cached?.updatedAt || null),
      description,
      reread,
    };
    const error = message ?? 'Someone else changed this case after you queued this change: review it before it is sent';
    this.options.outbox.holdCase(row.id, details, error, (later) => this.review.judgeHeld(later, row, details));
    this.networkOk();
    this.options.onChange?.({ kinds: ['outbox', 'cases'], caseIds: [row.caseId], customerIds: [] });
  }

  private settle(row: OutboxRow, result: PushResult, action: PushAction): void {
    const { db, cache, outbox } = this.options;
    outbox.markSent(row.id, result, () => {
      if (result.case) cache.applyPage(null, { cases: [result.case], cursor: null, caughtUp: true });
      if (result.commentRemoteId !== null) {
        // The optimistic message becomes the real one; if sync already brought it, keep that one.
        const synced = db.prepare('SELECT 1 FROM messages WHERE account_id = ? AND remote_id = ?').get(row.accountId, result.commentRemoteId);
        if (synced) db.prepare('DELETE FROM messages WHERE local_action_id = ? AND remote_id LIKE \'local:%\'').run(row.id);
        else db.prepare('UPDATE messages SET remote_id = ? WHERE local_action_id = ? AND remote_id LIKE \'local:%\'').run(result.commentRemoteId, row.id);
      } else if (action.comment) {
        // Sent, but the helpdesk did not name the comment: the message is no longer "queued" (the
        // outbox says sent), and the comment sync brings replaces it (by its audit id, else its text).
        const local = db.prepare('SELECT id FROM messages WHERE local_action_id = ? AND remote_id LIKE \'local:%\'').pluck().get(row.id) as number | undefined;
        // Sync may have brought it already (same text and visibility, after the action was queued).
        const recent = db
          .prepare('SELECT body_text AS body FROM messages WHERE case_id = ? AND local_action_id IS NULL AND author_kind = \'agent\' AND public = ? AND created_at >= ? ORDER BY id DESC LIMIT 20')
          .all(row.caseId, action.comment.public ? 1 : 0, row.createdAt - 60_000) as { body: string }[];
        const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
        if (local !== undefined && recent.some((m) => normalize(m.body) === normalize(action.comment!.body))) {
          db.prepare('DELETE FROM messages WHERE id = ?').run(local);
        } else if (local !== undefined) {
          const auditId = result.auditRemoteId ?? null;
          db.prepare('UPDATE messages SET remote_id = ? WHERE id = ?').run(auditId !== null ? `audit:${auditId}` : `sent:${row.id}`, local);
          cache.cases.awaitComment(row.caseId, local, auditId, action.comment.body, action.comment.public);
        }
      }
    }, result.case?.version ?? null);
    this.networkOk();
    this.options.onChange?.({ kinds: ['cases', 'messages', 'outbox'], caseIds: [row.caseId], customerIds: [] });
    try {
      this.options.onSent?.({ row, action, result });
    } catch {
      // An announcement is a courtesy: the action is sent either way.
    }
  }

  private async onError(row: OutboxRow, action: PushAction, error: unknown): Promise<SendOutcome> {
    const { outbox } = this.options;
    // Stored and shown to the agent: a short sentence, never a raw response body.
    const message = outboxErrorMessage(error);
    const changed = () => this.options.onChange?.({ kinds: ['outbox', 'cases'], caseIds: [row.caseId], customerIds: [] });
    if (this.abort.signal.aborted) {
      outbox.retryLater(row.id, 0, 'Interrupted while sending', true);
      return 'retry';
    }
    if (error instanceof WriteConflictError) {
      // Show what changed: the case as the helpdesk has it now, fields and thread; the action and
      // the case's later ones wait for the agent.
      // The conflict stands either way; if the read fails, the next sync brings the case.
      const { remote, reread } = await this.rereadIfPossible(row.caseId, action.caseRemoteId);
      this.holdQueue(outbox.get(row.id) ?? row, 'refused', error.description, remote, reread, message);
      return 'conflict';
    }
    if (error instanceof RateLimitedError) {
      outbox.retryLater(row.id, Date.now() + error.retryAfterMs, message);
      changed();
      return 'retry';
    }
    if (error instanceof TransientRemoteError || error instanceof PayloadError) {
      // No (usable) answer: the helpdesk may have applied it. Verify before sending again.
      const network = error instanceof TransientRemoteError && error.status === null;
      if (network) {
        this.networkDown();
        this.waitingForNetwork.add(row.id);
      }
      const delay = fullJitterDelay(Math.min(row.attempts, 8), this.options.backoff ?? DEFAULT_BACKOFF);
      outbox.retryLater(row.id, Date.now() + delay, message, true);
      changed();
      return 'retry';
    }
    if (error instanceof AuthError) {
      outbox.retryLater(row.id, Date.now() + 60_000, message);
      changed();
      return 'retry';
    }
    if (error instanceof PermanentRemoteError) {
      outbox.fail(row.id, message);
      this.networkOk();
      changed();
      return 'failed';
    }
    outbox.fail(row.id, message);
    changed();
    return 'failed';
  }

  private networkDown(): void {
    this.consecutiveFailures++;
    this.options.onNetwork?.(true);
  }

  private networkOk(): void {
    if (this.consecutiveFailures > 0) this.options.onNetwork?.(false);
    this.consecutiveFailures = 0;
  }

  /** The action with remote ids resolved. */
  private toPushAction(row: OutboxRow): PushAction | null {
    const db = this.options.db;
    const caseRow = db.prepare('SELECT remote_id AS remoteId FROM cases WHERE id = ? AND synced = 1').get(row.caseId) as { remoteId: string } | undefined;
    if (!caseRow) return null;
    const remoteOf = (table: 'agents' | 'groups', id: number | null | undefined) =>
      id === undefined ? undefined : id === null ? null : ((db.prepare(`SELECT remote_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? null);
    const intent = row.intent;
    return {
      actionId: row.id,
      caseRemoteId: caseRow.remoteId,
      baseVersion: row.baseVersion,
      createdAt: row.createdAt,
      ...(intent.comment ? { comment: intent.comment } : {}),
      ...(intent.status !== undefined ? { status: intent.status } : {}),
      ...(intent.priority !== undefined ? { priority: intent.priority } : {}),
      ...(intent.assigneeId !== undefined ? { assigneeRemoteId: remoteOf('agents', intent.assigneeId) ?? null } : {}),
      ...(intent.groupId !== undefined ? { groupRemoteId: remoteOf('groups', intent.groupId) ?? null } : {}),
      ...(intent.addTags ? { addTags: intent.addTags } : {}),
      ...(intent.removeTags ? { removeTags: intent.removeTags } : {}),
    };
  }
}
