import type { Statement } from 'better-sqlite3';
import type { CasePriority, CaseStatus } from '../../../../src-shared/domain/case-fields';
import { derivedColumns, foldIntents, type CaseIntent, type EditableFields } from '../../../../src-shared/domain/case-intent';
import type { Db } from '../connection';
import { SlaWriter } from './sla-repo';

/** Outbox states whose intent still shapes what the agent sees. */
export const PENDING_STATES = ['queued', 'sending', 'failed', 'conflict'] as const;
const PENDING_SQL = PENDING_STATES.map((s) => `'${s}'`).join(', ');

/**
 * The shown fields of a case = its remote fields + the intents of its pending outbox actions, in
 * order. Recomputed ("rebased") whenever either side changes: sync stores newer remote data, an
 * action is queued, edited, discarded, delivered, fails or waits on a conflict. The case's SLA
 * clocks are part of that optimistic effect (docs/sla.md): they are recomputed with it.
 */
export class PendingChanges {
  private readonly s: Record<string, Statement>;
  private readonly sla: SlaWriter;

  constructor(db: Db) {
    this.sla = new SlaWriter(db);
    this.s = {
      hasPending: db.prepare(`SELECT 1 FROM outbox WHERE case_id = ? AND state IN (${PENDING_SQL}) LIMIT 1`).pluck(),
      intents: db.prepare(`SELECT intent_json FROM outbox WHERE case_id = ? AND state IN (${PENDING_SQL}) ORDER BY seq`).pluck(),
      remote: db.prepare(
        `SELECT remote_status AS status, remote_priority AS priority, remote_assignee_id AS assigneeId, remote_group_id AS groupId, remote_tags AS tags, status AS shownStatus
         FROM cases WHERE id = ?`,
      ),
      write: db.prepare(
        `UPDATE cases SET status = @status, queue = @queue, priority = @priority, priority_rank = @priorityRank, assignee_id = @assigneeId,
           group_id = @groupId, tags = @tags,
           waiting_sort = CASE WHEN @queue = 'solved' OR waiting_since IS NULL THEN 9007199254740991 ELSE waiting_since END
         WHERE id = @id`,
      ),
      deleteTags: db.prepare('DELETE FROM case_tags WHERE case_id = ?'),
      insertTag: db.prepare('INSERT OR IGNORE INTO case_tags (tag, case_id) VALUES (?, ?)'),
    };
  }

  hasPending(caseId: number): boolean {
    return this.s.hasPending!.get(caseId) !== undefined;
  }

  /** Recomputes the shown fields of a case. Call inside the transaction that changed either side. */
  rebase(caseId: number): void {
    const row = this.s.remote!.get(caseId) as { status: string | null; priority: string | null; assigneeId: number | null; groupId: number | null; tags: string | null } | undefined;
    if (!row || row.status === null) return; // a placeholder case: nothing remote to rebase onto yet
    const remote: EditableFields = {
      status: row.status as CaseStatus,
      priority: row.priority as CasePriority | null,
      assigneeId: row.assigneeId,
      groupId: row.groupId,
      tags: row.tags ? row.tags.split(' ') : [],
    };
    const intents = (this.s.intents!.all(caseId) as string[]).map((json) => JSON.parse(json) as CaseIntent);
    const shown = foldIntents(remote, intents);
    const derived = derivedColumns(shown);
    this.s.write!.run({ id: caseId, status: shown.status, queue: derived.queue, priority: shown.priority, priorityRank: derived.priorityRank, assigneeId: shown.assigneeId, groupId: shown.groupId, tags: derived.tags });
    this.s.deleteTags!.run(caseId);
    for (const tag of shown.tags) this.s.insertTag!.run(tag.toLowerCase(), caseId);
    this.sla.refresh([caseId]);
  }
}
