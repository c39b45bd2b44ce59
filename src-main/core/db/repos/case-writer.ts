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
           remote_status, remote_priority, remote_assignee_id, remote_group_id, remote_tags, remote_unmapped)
         VALUES (@accountId, @remoteId, 1, @channel, @subject, @status, @queue, @priority, @priorityRank, @type, @assigneeId, @groupId,
           @customerId, @organizationId, @tags, @csat, @version, @generatedTs, @createdAt, @updatedAt,
           @status, @priority, @assigneeId, @groupId, @tags, @unmapped)
         ON CONFLICT (account_id, remote_id) DO UPDATE SET synced = 1, channel = excluded.channel, subject = excluded.subject,
           status = excluded.status, queue = excluded.queue, priority = excluded.priority, priority_rank = excluded.priority_rank,
           type = excluded.type, assignee_id = excluded.assignee_id, group_id = excluded.group_id, customer_id = excluded.customer_id,
           organization_id = excluded.organization_id, tags = excluded.tags, csat = excluded.csat, remote_version = excluded.remote_version,
           remote_generated_ts = excluded.remote_generated_ts, created_at = excluded.created_at, updated_at = excluded.updated_at,
           remote_status = excluded.status, remote_priority = excluded.priority, remote_assignee_id = excluded.assignee_id,
           remote_group_id = excluded.group_id, remote_tags = excluded.tags, remote_unmapped = excluded.remote_unmapped
         WHERE cases.synced = 0 OR excluded.remote_generated_ts > cases.remote_generated_ts
            OR (excluded.remote_generated_ts = cases.remote_generated_ts AND excluded.updated_at >= cases.updated_at)
         RETURNING id`,
      ),
      caseId: db.prepare('SELECT id FROM cases WHERE account_id = ? AND remote_id = ?').pluck(),
      caseState: db.prepare('SELECT id, synced, remote_generated_ts AS generatedTs FROM cases WHERE account_id = ? AND remote_id = ?'),
      insertStub: db.prepare('INSERT INTO cases (account_id, remote_id, synced) VALUES (?, ?, 0) ON CONFLICT (account_id, remote_id) DO NOTHING'),
      deleteTags: db.prepare('DELETE FROM case_tags WHERE case_id = ?'),
      insertTag: db.prepare('INSERT OR IGNORE INTO case_tags (tag, case_id) VALUES (?, ?)'),
      deleteCaseFts: db.prepare('DELETE FROM cases_fts WHERE rowid = ?'),
      insertCaseFts: db.prepare('INSERT INTO cases_fts (rowid, subject) VALUES (?, ?)'),
      insertMessage: db.prepare(
        // A message is stored once. One exception: mail cached before its arrival time was kept
        // (no sender date yet) takes its arrival and its sender's date when the mailbox is read again.
        `INSERT INTO messages (account_id, remote_id, case_id, author_kind, author_remote_id, channel, channel_raw, public, body_text, body_html, attachments_json, created_at, sender_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, remote_id) DO UPDATE SET created_at = excluded.created_at, sender_date = excluded.sender_date
         WHERE messages.sender_date IS NULL AND excluded.sender_date IS NOT NULL`,
      ),
      // A ticket deleted on the helpdesk becomes a hidden row (synced = 2): its thread, tags and
      // search rows go; the row stays so a late comment event finds it and is dropped, and so an
      // outbox action or a draft that names it still can (the unsent actions fail, visibly).
      tombstoneStub: db.prepare('INSERT INTO cases (account_id, remote_id, synced, remote_generated_ts) VALUES (?, ?, 2, ?) ON CONFLICT (account_id, remote_id) DO NOTHING'),
      deleteThreadFts: db.prepare('DELETE FROM messages_fts WHERE rowid IN (SELECT id FROM messages WHERE case_id = ?)'),
      deleteThread: db.prepare("DELETE FROM messages WHERE case_id = ? AND (local_action_id IS NULL OR remote_id NOT LIKE 'local:%')"),
      deleteStatusChanges: db.prepare('DELETE FROM case_status_changes WHERE case_id = ?'),
      failUnsent: db.prepare(
        "UPDATE outbox SET state = 'failed', last_error = 'The ticket was deleted on the helpdesk', updated_at = ? WHERE case_id = ? AND state IN ('queued', 'conflict')",
      ),
      // Older data (a page read again) never brings it back; a restore on the helpdesk is newer.
      hide: db.prepare('UPDATE cases SET synced = 2, thread_complete = 0, message_count = 0, remote_generated_ts = max(remote_generated_ts, ?) WHERE id = ?'),
      tombstones: db.prepare('SELECT id FROM cases WHERE account_id = ? AND synced = 2').pluck(),
      // Our own replies the helpdesk took without naming the comment: matched when sync brings it.
      awaiting: db.prepare(
        `SELECT id AS messageId, case_id AS caseId, remote_id AS remoteId, body_text AS body, public FROM messages
         WHERE account_id = ? AND local_action_id IS NOT NULL AND (remote_id LIKE 'audit:%' OR remote_id LIKE 'sent:%')`,
      ),
      deleteMessage: db.prepare('DELETE FROM messages WHERE id = ?'),
      deleteMessageFts: db.prepare('DELETE FROM messages_fts WHERE rowid = ?'),
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
    this.hidden = null;
    this.awaiting = null;
  }

  /** Sent replies waiting for their comment, per case (read once, kept in step). */
  private awaiting: Map<number, AwaitingComment[]> | null = null;

  private awaitingComments(): Map<number, AwaitingComment[]> {
    if (this.awaiting) return this.awaiting;
    this.awaiting = new Map();
    for (const row of this.s.awaiting!.all(this.accountId) as { messageId: number; caseId: number; remoteId: string; body: string; public: number }[]) {
      const entry: AwaitingComment = { messageId: row.messageId, auditId: row.remoteId.startsWith('audit:') ? row.remoteId.slice('audit:'.length) : null, body: normalizeBody(row.body), public: row.public === 1 };
      this.awaiting.set(row.caseId, [...(this.awaiting.get(row.caseId) ?? []), entry]);
    }
    return this.awaiting;
  }

  /**
   * A reply of ours the helpdesk took without naming its comment (`audit:<id>` or `sent:<action>`
   * as the message's remote id): the comment that sync brings replaces it, found by its audit id,
   * else by its text and visibility.
   */
  awaitComment(caseId: number, messageId: number, auditId: string | null, body: string, isPublic: boolean): void {
    const map = this.awaitingComments();
    map.set(caseId, [...(map.get(caseId) ?? []).filter((a) => a.messageId !== messageId), { messageId, auditId, body: normalizeBody(body), public: isPublic }]);
  }

  private matchAwaiting(caseId: number, m: RemoteMessage): void {
    const list = this.awaiting?.get(caseId);
    if (!list || list.length === 0) return;
    const index = list.findIndex((a) => (a.auditId !== null && a.auditId === m.auditRemoteId) || (a.auditId === null && a.public === m.public && a.body === normalizeBody(m.bodyText)));
    if (index === -1) return;
    const [found] = list.splice(index, 1);
    this.s.deleteMessageFts!.run(found!.messageId);
    this.s.deleteMessage!.run(found!.messageId);
  }

  /** Ids of this account's hidden (deleted on the helpdesk) cases, read once. */
  private hidden: Set<number> | null = null;

  private hiddenCases(): Set<number> {
    this.hidden ??= new Set(this.s.tombstones!.all(this.accountId) as number[]);
    return this.hidden;
  }

  /**
   * Tickets deleted on the helpdesk leave the inbox: each becomes a hidden row (see tombstoneStub).
   * Returns the cases that were visible (their messages gone from the counts).
   */
  removeDeleted(deleted: readonly { remoteId: string; generatedTs: number }[], now: number): { caseIds: number[]; removedCases: number; removedMessages: number } {
    const caseIds: number[] = [];
    let removedCases = 0;
    let removedMessages = 0;
    for (const { remoteId, generatedTs } of deleted) {
      const before = this.s.caseState!.get(this.accountId, remoteId) as { id: number; synced: number; generatedTs: number | null } | undefined;
      if (!before) {
        this.s.tombstoneStub!.run(this.accountId, remoteId, generatedTs);
        const id = this.s.caseId!.get(this.accountId, remoteId) as number;
        this.caseIds.set(remoteId, id);
        this.hiddenCases().add(id);
        continue;
      }
      // Already hidden, or we hold a newer version (restored on the helpdesk after this deletion).
      if (before.synced === 2 || (before.synced === 1 && (before.generatedTs ?? 0) > generatedTs)) continue;
      const id = before.id;
      this.s.deleteThreadFts!.run(id);
      removedMessages += this.s.deleteThread!.run(id).changes;
      this.s.deleteTags!.run(id);
      this.s.deleteCaseFts!.run(id);
      this.s.deleteStatusChanges!.run(id);
      this.s.failUnsent!.run(now, id);
      this.s.hide!.run(generatedTs, id);
      this.hiddenCases().add(id);
      if (before.synced === 1) removedCases++;
      caseIds.push(id);
    }
    return { caseIds, removedCases, removedMessages };
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
        unmapped: c.unmapped ? JSON.stringify(c.unmapped) : null,
      }) as number | undefined;
      if (id === undefined) continue; // we already hold newer data for this case
      this.caseIds.set(c.remoteId, id);
      // A deleted ticket restored on the helpdesk comes back (its thread is fetched when opened).
      if (before?.synced === 2) this.hidden?.delete(id);
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
    const hidden = this.hiddenCases();
    const awaiting = this.awaitingComments();
    for (const m of messages) {
      const caseId = this.caseIdFor(m.caseRemoteId);
      // The comment of a ticket deleted since: nothing to show it in.
      if (hidden.size > 0 && hidden.has(caseId)) continue;
      if (awaiting.size > 0) this.matchAwaiting(caseId, m);
      const authorKind = m.authorRemoteId === null ? 'system' : this.directory.isAgent(m.authorRemoteId) ? 'agent' : 'customer';
      const info = this.s.insertMessage!.run(
        this.accountId,
        m.remoteId,
        caseId,
        authorKind,
        m.authorRemoteId,
        m.channel,
        m.channelRaw ?? null,
        m.public ? 1 : 0,
        m.bodyText,
        m.bodyHtml,
        m.attachments.length > 0 ? JSON.stringify(m.attachments) : null,
        m.createdAt,
        m.senderDate ?? null,
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

interface AwaitingComment {
  messageId: number;
  auditId: string | null;
  body: string;
  public: boolean;
}

function normalizeBody(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
