import type { Statement } from 'better-sqlite3';
import { priorityRank, queueOfStatus } from '../../../../src-shared/domain/case-fields';
import { toIndexText } from '../../../../src-shared/domain/search-text';
import type { RemoteCase, RemoteMessage } from '../../connectors/connector';
import type { Db } from '../connection';
import type { CustomerWriter } from './customer-writer';
import type { DirectoryWriter } from './directory-writer';
import type { PendingChanges } from './pending-changes';

/**
 * Cases and their messages for one account. Older case data never overwrites newer (the remote's
 * generated timestamp decides); messages are immutable and de-duplicated by remote id; the
 * thread summary of unsolved cases (last customer message, waiting since) is kept in step.
 */
export class CaseWriter {
  private readonly caseIds = new Map<string, number>();
  private readonly s: Record<string, Statement>;

  constructor(
    db: Db,
    readonly accountId: number,
    private readonly directory: DirectoryWriter,
    private readonly customers: CustomerWriter,
    private readonly pending: PendingChanges,
  ) {
    this.s = {
      upsertCase: db.prepare(
        `INSERT INTO cases (account_id, remote_id, synced, channel, subject, status, queue, priority, priority_rank, type, assignee_id, group_id,
           customer_id, organization_id, tags, csat, remote_version, remote_generated_ts, created_at, updated_at,
           remote_status, remote_priority, remote_assignee_id, remote_group_id, remote_tags)
         VALUES (@accountId, @remoteId, 1, @channel, @subject, @status, @queue, @priority, @priorityRank, @type, @assigneeId, @groupId,
           @customerId, @organizationId, @tags, @csat, @version, @generatedTs, @createdAt, @updatedAt,
           @status, @priority, @assigneeId, @groupId, @tags)
         ON CONFLICT (account_id, remote_id) DO UPDATE SET synced = 1, channel = excluded.channel, subject = excluded.subject,
           status = excluded.status, queue = excluded.queue, priority = excluded.priority, priority_rank = excluded.priority_rank,
           type = excluded.type, assignee_id = excluded.assignee_id, group_id = excluded.group_id, customer_id = excluded.customer_id,
           organization_id = excluded.organization_id, tags = excluded.tags, csat = excluded.csat, remote_version = excluded.remote_version,
           remote_generated_ts = excluded.remote_generated_ts, created_at = excluded.created_at, updated_at = excluded.updated_at,
           remote_status = excluded.status, remote_priority = excluded.priority, remote_assignee_id = excluded.assignee_id,
           remote_group_id = excluded.group_id, remote_tags = excluded.tags
         WHERE cases.synced = 0 OR excluded.remote_generated_ts > cases.remote_generated_ts
            OR (excluded.remote_generated_ts = cases.remote_generated_ts AND excluded.updated_at >= cases.updated_at)
         RETURNING id`,
      ),
      caseId: db.prepare('SELECT id FROM cases WHERE account_id = ? AND remote_id = ?').pluck(),
      caseState: db.prepare('SELECT id, synced FROM cases WHERE account_id = ? AND remote_id = ?'),
      insertStub: db.prepare('INSERT INTO cases (account_id, remote_id, synced) VALUES (?, ?, 0) ON CONFLICT (account_id, remote_id) DO NOTHING'),
      deleteTags: db.prepare('DELETE FROM case_tags WHERE case_id = ?'),
      insertTag: db.prepare('INSERT OR IGNORE INTO case_tags (tag, case_id) VALUES (?, ?)'),
      deleteCaseFts: db.prepare('DELETE FROM cases_fts WHERE rowid = ?'),
      insertCaseFts: db.prepare('INSERT INTO cases_fts (rowid, subject) VALUES (?, ?)'),
      insertMessage: db.prepare(
        `INSERT INTO messages (account_id, remote_id, case_id, author_kind, author_remote_id, channel, public, body_text, body_html, attachments_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, remote_id) DO NOTHING`,
      ),
      // The thread summary drives "oldest waiting", priority sorting and (later) SLA clocks, which
      // matter for unsolved cases only. Keeping it for solved history too would rewrite a random
      // case row per message during a backfill (4x slower ingest), so it is maintained for
      // unsolved cases, and recomputed whole whenever a case is (re)stored as unsolved.
      refreshSummary: db.prepare(
        `UPDATE cases SET
           message_count = (SELECT count(*) FROM messages m WHERE m.case_id = cases.id),
           last_message_at = (SELECT max(m.created_at) FROM messages m WHERE m.case_id = cases.id),
           last_customer_message_at = (SELECT max(m.created_at) FROM messages m WHERE m.case_id = cases.id AND m.author_kind = 'customer'),
           last_agent_reply_at = (SELECT max(m.created_at) FROM messages m WHERE m.case_id = cases.id AND m.author_kind = 'agent' AND m.public = 1),
           -- the customer has waited since their first message after the last public agent reply
           waiting_since = (SELECT min(m.created_at) FROM messages m WHERE m.case_id = cases.id AND m.author_kind = 'customer'
             AND m.created_at > coalesce((SELECT max(r.created_at) FROM messages r WHERE r.case_id = cases.id AND r.author_kind = 'agent' AND r.public = 1), 0))
         WHERE id = ? AND synced = 1 AND queue != 'solved'`,
      ),
      refreshWaitingSort: db.prepare(
        `UPDATE cases SET waiting_sort = CASE WHEN queue = 'solved' OR waiting_since IS NULL THEN 9007199254740991 ELSE waiting_since END WHERE id = ?`,
      ),
      markThreadComplete: db.prepare('UPDATE cases SET thread_complete = 1 WHERE id = ?'),
    };
  }

  reset(): void {
    this.caseIds.clear();
  }

  /** Stores cases, skipping data older than ours; returns how many changed and how many are new. */
  upsertCases(cases: readonly RemoteCase[], now: number): { changed: number; added: number } {
    let changed = 0;
    let added = 0;
    for (const c of cases) {
      const before = this.s.caseState!.get(this.accountId, c.remoteId) as { id: number; synced: number } | undefined;
      const id = this.s.upsertCase!.pluck().get({
        accountId: this.accountId,
        remoteId: c.remoteId,
        channel: c.channel,
        subject: c.subject,
        status: c.status,
        queue: queueOfStatus(c.status),
        priority: c.priority,
        priorityRank: priorityRank(c.priority),
        type: c.type,
        assigneeId: this.directory.agentId(c.assigneeRemoteId),
        groupId: this.directory.groupId(c.groupRemoteId),
        customerId: this.customers.customerIdFor(c.requesterRemoteId, now),
        organizationId: this.directory.organizationId(c.organizationRemoteId),
        tags: c.tags.join(' '),
        csat: c.csat,
        version: c.version,
        generatedTs: c.generatedTs,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      }) as number | undefined;
      if (id === undefined) continue; // we already hold newer data for this case
      this.caseIds.set(c.remoteId, id);
      const wasSynced = before?.synced === 1;
      if (wasSynced) this.s.deleteTags!.run(id);
      else added++;
      for (const tag of c.tags) this.s.insertTag!.run(tag.toLowerCase(), id);
      if (wasSynced) this.s.deleteCaseFts!.run(id);
      this.s.insertCaseFts!.run(id, toIndexText(c.subject));
      if (queueOfStatus(c.status) !== 'solved') this.s.refreshSummary!.run(id);
      this.s.refreshWaitingSort!.run(id);
      // The agent's pending actions stay on top of whatever the helpdesk says now.
      if (wasSynced && this.pending.hasPending(id)) this.pending.rebase(id);
      changed++;
    }
    return { changed, added };
  }

  caseIdFor(remoteId: string): number {
    const cached = this.caseIds.get(remoteId);
    if (cached !== undefined) return cached;
    let id = this.s.caseId!.get(this.accountId, remoteId) as number | undefined;
    if (id === undefined) {
      this.s.insertStub!.run(this.accountId, remoteId);
      id = this.s.caseId!.get(this.accountId, remoteId) as number;
    }
    this.caseIds.set(remoteId, id);
    return id;
  }

  /** Inserts new messages; returns the ids of the cases whose thread changed. */
  insertMessages(messages: readonly RemoteMessage[]): { inserted: number; caseIds: number[] } {
    const touched = new Set<number>();
    let inserted = 0;
    for (const m of messages) {
      const caseId = this.caseIdFor(m.caseRemoteId);
      const authorKind = m.authorRemoteId === null ? 'system' : this.directory.isAgent(m.authorRemoteId) ? 'agent' : 'customer';
      const info = this.s.insertMessage!.run(
        this.accountId,
        m.remoteId,
        caseId,
        authorKind,
        m.authorRemoteId,
        m.channel,
        m.public ? 1 : 0,
        m.bodyText,
        m.bodyHtml,
        m.attachments.length > 0 ? JSON.stringify(m.attachments) : null,
        m.createdAt,
      );
      if (info.changes === 0) continue;
      inserted++;
      touched.add(caseId);
    }
    for (const id of touched) {
      if (this.s.refreshSummary!.run(id).changes > 0) this.s.refreshWaitingSort!.run(id);
    }
    return { inserted, caseIds: [...touched] };
  }

  markThreadsComplete(remoteIds: readonly string[]): void {
    for (const remoteId of remoteIds) this.s.markThreadComplete!.run(this.caseIdFor(remoteId));
  }
}
