import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { holdVerdict, unshown } from '../../../src-shared/domain/case-hold';
import type { CaseQueueReview, DraftView, OutboxConflict, OutboxDecisionResult, OutboxDecisionView, OutboxItemView, SendStop } from '../../../src-shared/contract/models';
import type { Db } from '../db/connection';
import type { OutboxRepo, OutboxRow } from '../db/repos/outbox-repo';
import { QueueReview } from '../outbox/queue-review';
import type { DraftBase, SendGuard } from '../outbox/send-guard';

/** Case events remembered as shown on a draft, at most (the oldest go first). */
const MAX_ACKNOWLEDGED = 50;

/** The outbox and drafts as the agent sees them. */
export class OutboxService {
  private readonly queueReview: QueueReview;

  constructor(
    private readonly db: Db,
    readonly repo: OutboxRepo,
    private readonly guard: SendGuard,
  ) {
    this.queueReview = new QueueReview(db);
  }

  /**
   * The composer's send, guarded (DESIGN §7, docs/send-guard.md): if anything arrived on the case
   * since the draft began, nothing is queued; the message stays the draft, whose base moves on to
   * now (the agent is being shown what arrived), and `stopped` says what it was. Otherwise the
   * message is queued like any action (which deletes the draft).
   */
  send(caseId: number, intent: CaseIntent, now: number = Date.now()): { action: OutboxItemView | null; stopped: SendStop | null } {
    const base = this.guard.baseOf(caseId);
    const news = base ? this.guard.news(caseId, base) : null;
    if (base && news && news.items.length > 0 && intent.comment) {
      const next = this.guard.baseNow(caseId, now);
      // The events shown now hide what they announced when it arrives; those already matched are done.
      const stillAwaited = base.acknowledged.filter((ack) => !news.matched.includes(ack));
      const shown = news.unseenEvents.map(({ agentId, kind, actionId, status }) => ({ agentId, kind, actionId, ...(status ? { status } : {}) }));
      next.acknowledged = [...stillAwaited, ...shown].slice(-MAX_ACKNOWLEDGED);
      this.durably(() => {
        this.db
          .prepare('UPDATE drafts SET body = ?, mode = ?, updated_at = ? WHERE case_id = ?')
          .run(intent.comment!.body, intent.comment!.public ? 'reply' : 'note', now, caseId);
        this.writeBase(caseId, next);
      });
      return { action: null, stopped: { caseId, news: news.items, since: base.at } };
    }
    return { action: this.view(this.repo.enqueue(caseId, intent, { now })), stopped: null };
  }

  private writeBase(caseId: number, base: DraftBase): void {
    this.db
      .prepare('UPDATE drafts SET base_version = ?, base_message_id = ?, base_fields_json = ?, base_at = ?, acknowledged_json = ? WHERE case_id = ?')
      .run(base.version, base.messageId, base.fields ? JSON.stringify(base.fields) : null, base.at, base.acknowledged.length > 0 ? JSON.stringify(base.acknowledged) : null, caseId);
  }

  private durably(work: () => void): void {
    this.db.pragma('synchronous = FULL');
    try {
      this.db.transaction(work).immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  act(caseIds: readonly number[], intent: CaseIntent): OutboxItemView[] {
    const rows = caseIds.length === 1 ? [this.repo.enqueue(caseIds[0]!, intent)] : this.repo.enqueueBulk(caseIds, intent);
    return rows.map((row) => this.view(row));
  }

  /** A different change per case, one durable transaction (`OutboxRepo.enqueueMany`). */
  actMany(items: readonly { caseId: number; intent: CaseIntent }[], options: { now?: number; within?: () => void } = {}): OutboxItemView[] {
    return this.repo.enqueueMany(items, options).map((row) => this.view(row));
  }

  list(): OutboxItemView[] {
    return this.repo.list().map((row) => this.view(row));
  }

  forCase(caseId: number): OutboxItemView[] {
    return this.repo.forCase(caseId).map((row) => this.view(row));
  }

  accountOf(id: string): number | null {
    return this.repo.get(id)?.accountId ?? null;
  }

  /**
   * A case's whole queue against what others did since each action was queued (the conflict
   * dialog, docs/outbox.md): per action its news, what of it the action would overwrite or answer
   * after, and whether it needs the agent's own decision. Null when nothing of the case is queued.
   */
  review(caseId: number): CaseQueueReview | null {
    const rows = this.repo.forCase(caseId);
    if (rows.length === 0) return null;
    const c = this.repo.caseSummary(caseId);
    const stopped = rows.find((r) => r.state === 'conflict');
    const reread = stopped ? ((stopped.conflict as OutboxConflict | null)?.reread ?? null) : null;
    return {
      caseId,
      caseSubject: c?.subject ?? '',
      caseRemoteId: c?.remoteId ?? '',
      remote: { status: c?.status ?? null, updatedAt: c?.updatedAt || null, version: c?.version ?? null },
      reread,
      actions: rows.map((row) => {
        const news = this.queueReview.news(row);
        const touches = this.queueReview.touches(row, news);
        return { item: this.view(row), verdict: holdVerdict(row.state === 'sent' ? 'queued' : row.state, touches), news, touches };
      }),
    };
  }

  /**
   * The agent's decision on one action (apply anyway, edit, discard), recorded with what they were
   * shown. `shown`: the keys of what the dialog showed for it; if the action's news holds anything
   * else (it arrived after the dialog was drawn), nothing is done and `changed` says so. Without
   * `shown` (the outbox panel's discard, scripts), what the action's news is now is recorded.
   */
  decide(id: string, choice: 'apply' | 'edit' | 'discard', options: { intent?: CaseIntent; shown?: readonly string[] } = {}): OutboxDecisionResult {
    const row = this.repo.get(id);
    if (!row) return { ok: false };
    const news = this.queueReview.news(row);
    if (options.shown && choice !== 'discard' && unshown(news, options.shown).length > 0) return { ok: false, changed: true };
    const record = { shown: this.queueReview.shown(news, this.queueReview.touches(row, news), this.repo.baseNow(row.caseId).version) };
    if (choice === 'discard') return { ok: this.repo.discard(id, record) };
    if (choice === 'edit') return { ok: this.repo.edit(id, options.intent!, record) };
    return { ok: this.repo.applyAnyway(id, record) };
  }

  decisions(caseId?: number): OutboxDecisionView[] {
    return this.repo.decisions(caseId);
  }

  private view(row: OutboxRow): OutboxItemView {
    const c = this.db.prepare('SELECT subject, remote_id AS remoteId FROM cases WHERE id = ?').get(row.caseId) as { subject: string; remoteId: string } | undefined;
    return {
      id: row.id,
      caseId: row.caseId,
      caseSubject: c?.subject ?? '',
      caseRemoteId: c?.remoteId ?? '',
      kind: row.kind,
      intent: row.intent,
      state: row.state === 'sent' ? 'queued' : row.state,
      attempts: row.attempts,
      lastError: row.lastError,
      conflict: (row.conflict as OutboxItemView['conflict']) ?? null,
      hold: row.review,
      createdAt: row.createdAt,
      nextAttemptAt: row.nextAttemptAt,
    };
  }

  draft(caseId: number): DraftView | null {
    const row = this.db.prepare('SELECT case_id AS caseId, body, mode, base_version AS baseVersion, updated_at AS updatedAt FROM drafts WHERE case_id = ?').get(caseId) as DraftView | undefined;
    return row ?? null;
  }

  /**
   * Saves a draft as the agent types (the renderer debounces). Durable like the outbox: a draft
   * must survive a crash. The base version is the one the agent first drafted against, so the
   * send-time guard can show what arrived since. An empty body deletes the draft.
   */
  saveDraft(caseId: number, body: string, mode: 'reply' | 'note', now: number = Date.now()): DraftView | null {
    this.durably(() => {
      if (body.trim() === '') {
        this.db.prepare('DELETE FROM drafts WHERE case_id = ?').run(caseId);
        return;
      }
      const updated = this.db.prepare('UPDATE drafts SET body = ?, mode = ?, updated_at = ? WHERE case_id = ?').run(body, mode, now, caseId);
      if (updated.changes > 0) return;
      // A new draft: what the case is now is what the agent writes against.
      this.db.prepare('INSERT INTO drafts (case_id, body, mode, updated_at) VALUES (?, ?, ?, ?)').run(caseId, body, mode, now);
      this.writeBase(caseId, this.guard.baseNow(caseId, now));
    });
    return this.draft(caseId);
  }
}
