import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import type { DraftView, OutboxItemView } from '../../../src-shared/contract/models';
import type { Db } from '../db/connection';
import type { OutboxRepo, OutboxRow } from '../db/repos/outbox-repo';

/** The outbox and drafts as the agent sees them. */
export class OutboxService {
  constructor(
    private readonly db: Db,
    readonly repo: OutboxRepo,
  ) {}

  act(caseIds: readonly number[], intent: CaseIntent): OutboxItemView[] {
    const rows = caseIds.length === 1 ? [this.repo.enqueue(caseIds[0]!, intent)] : this.repo.enqueueBulk(caseIds, intent);
    return rows.map((row) => this.view(row));
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
    this.db.pragma('synchronous = FULL');
    try {
      this.db
        .transaction(() => {
          if (body.trim() === '') {
            this.db.prepare('DELETE FROM drafts WHERE case_id = ?').run(caseId);
            return;
          }
          this.db
            .prepare(
              `INSERT INTO drafts (case_id, body, mode, base_version, updated_at) VALUES (?, ?, ?, (SELECT remote_version FROM cases WHERE id = ?), ?)
               ON CONFLICT (case_id) DO UPDATE SET body = excluded.body, mode = excluded.mode, updated_at = excluded.updated_at`,
            )
            .run(caseId, body, mode, caseId, now);
        })
        .immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
    return this.draft(caseId);
  }
}
