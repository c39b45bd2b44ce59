import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';

/**
 * The cases in front of the agent, for the attention refresh (docs/zendesk-conformance.md
 * "Freshness"): cases with a draft or an unsent outbox action, then the agent's own open cases,
 * most recently changed first. The open case comes from presence and goes first.
 */
export class AttentionReader {
  private readonly stmt: Statement;

  constructor(db: Db) {
    this.stmt = db
      .prepare(
        `SELECT id FROM (
           SELECT d.case_id AS id, 0 AS rank, 0 AS updated FROM drafts d
           UNION ALL SELECT o.case_id, 0, 0 FROM outbox o WHERE o.state != 'sent'
           UNION ALL SELECT c.id, 1, c.updated_at FROM cases c
             JOIN accounts a ON a.id = c.account_id JOIN agents ag ON ag.id = c.assignee_id AND ag.remote_id = a.me_remote_id
             WHERE c.synced = 1 AND c.queue != 'solved'
         ) GROUP BY id ORDER BY min(rank), max(updated) DESC LIMIT ?`,
      )
      .pluck();
  }

  /** At most `limit` case ids: `open` first, then drafts and queued actions, then my open cases. */
  caseIds(open: readonly number[], limit = 100): number[] {
    const rest = (this.stmt.all(limit) as number[]).filter((id) => !open.includes(id));
    return [...new Set([...open, ...rest])].slice(0, limit);
  }
}
