import type { Transaction } from 'better-sqlite3';
import type { PullPage } from '../../connectors/connector';
import type { Db } from '../connection';
import { CaseWriter } from './case-writer';
import { CustomerWriter } from './customer-writer';
import { DirectoryWriter } from './directory-writer';
import { PendingChanges } from './pending-changes';
import { RecordIssues } from './record-issues';
import { SlaWriter } from './sla-repo';

export interface AppliedPage {
  cases: number;
  messages: number;
  people: number;
  /** Net change in visible cases (deleted tickets subtract). */
  addedCases: number;
  /** Net change in stored messages. */
  addedMessages: number;
  addedPeople: number;
  /** Records this page left out or stored with defaults. */
  recordIssues: number;
  caseIds: number[];
  customerIds: number[];
}

export interface StoredCursor {
  cursor: string | null;
  complete: boolean;
  /** When it was stored (0 when never). */
  updatedAt: number;
}

/**
 * Everything the sync engine writes for one account. `applyPage` stores a page's records AND the
 * stream's new cursor in one transaction: after a crash the cursor always matches the data, so a
 * page is never skipped and, because every write is an idempotent upsert, never doubled.
 */
export class AccountCache {
  readonly directory: DirectoryWriter;
  readonly customers: CustomerWriter;
  readonly cases: CaseWriter;
  /** SLA clocks of the cases a page touches (docs/sla.md). */
  readonly sla: SlaWriter;
  /** Records sync left out or stored with defaults. */
  readonly recordIssues: RecordIssues;
  private readonly applyTx: Transaction<(stream: string | null, page: PullPage, now: number) => AppliedPage>;

  constructor(
    private readonly db: Db,
    readonly accountId: number,
  ) {
    this.directory = new DirectoryWriter(db, accountId);
    this.customers = new CustomerWriter(db, accountId);
    this.cases = new CaseWriter(db, accountId, this.directory, this.customers, new PendingChanges(db));
    this.sla = new SlaWriter(db);
    this.recordIssues = new RecordIssues(db, accountId);
    this.totals = {
      cases: db.prepare('SELECT count(*) FROM cases WHERE account_id = ? AND synced = 1').pluck().get(accountId) as number,
      messages: db.prepare('SELECT count(*) FROM messages WHERE account_id = ?').pluck().get(accountId) as number,
      people: db.prepare('SELECT count(*) FROM remote_users WHERE account_id = ? AND remote_updated_at > 0').pluck().get(accountId) as number,
    };
    const saveCursor = db.prepare(
      `INSERT INTO sync_cursors (account_id, stream, cursor, complete, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, stream) DO UPDATE SET cursor = excluded.cursor, complete = max(sync_cursors.complete, excluded.complete), updated_at = excluded.updated_at`,
    );
    const saveConnectorState = db.prepare(
      'INSERT INTO connector_state (account_id, key, value) VALUES (?, ?, ?) ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value',
    );
    this.applyTx = db.transaction((stream: string | null, page: PullPage, now: number): AppliedPage => {
      if (page.groups) this.directory.upsertGroups(page.groups);
      if (page.organizations) this.directory.upsertOrganizations(page.organizations);
      const customerIds: number[] = [];
      let addedPeople = 0;
      for (const person of page.people ?? []) {
        if (person.role !== 'customer') {
          this.directory.upsertAgent(person);
          continue;
        }
        const stored = this.customers.upsertPerson(person, this.directory.organizationId(person.organizationRemoteId), now);
        customerIds.push(stored.customerId);
        if (stored.added) addedPeople++;
      }
      const casesStored = page.cases ? this.cases.upsertCases(page.cases, now) : { changed: 0, added: 0 };
      const caseIds = page.cases ? page.cases.map((c) => this.cases.caseIdFor(c.remoteId)) : [];
      const removed = page.deletedCases ? this.cases.removeDeleted(page.deletedCases, now) : { caseIds: [], removedCases: 0, removedMessages: 0 };
      const messages = page.messages ? this.cases.insertMessages(page.messages) : { inserted: 0, caseIds: [] };
      if (page.cases) this.recordIssues.cleared('ticket', page.cases.map((c) => c.remoteId));
      if (page.people) this.recordIssues.cleared('user', page.people.map((p) => p.remoteId));
      if (page.messages) this.recordIssues.cleared('comment', page.messages.map((m) => m.remoteId));
      if (page.recordIssues) this.recordIssues.record(page.recordIssues, stream, now);
      if (page.completeThreads) this.cases.markThreadsComplete(page.completeThreads);
      const statusCaseIds: number[] = [];
      if (page.statusChanges) {
        const changes = page.statusChanges.map((c) => ({ caseId: this.cases.caseIdFor(c.caseRemoteId), at: c.at, status: c.status }));
        this.sla.recordStatusChanges(changes);
        for (const c of changes) statusCaseIds.push(c.caseId);
      }
      this.sla.refresh(new Set([...caseIds, ...messages.caseIds, ...statusCaseIds]));
      for (const entry of page.connectorState ?? []) saveConnectorState.run(this.accountId, entry.key, entry.value);
      if (stream !== null) saveCursor.run(this.accountId, stream, page.cursor, page.caughtUp ? 1 : 0, now);
      return {
        cases: casesStored.changed + removed.caseIds.length,
        messages: messages.inserted,
        people: page.people?.length ?? 0,
        addedCases: casesStored.added - removed.removedCases,
        addedMessages: messages.inserted - removed.removedMessages,
        addedPeople,
        caseIds: [...new Set([...caseIds, ...messages.caseIds, ...statusCaseIds, ...removed.caseIds])],
        customerIds,
        recordIssues: page.recordIssues?.length ?? 0,
      };
    });
  }

  /** Rows in the cache, kept current by applyPage so progress reporting never has to count. */
  readonly totals: { cases: number; messages: number; people: number };
  /** Time spent storing pages, for the ingest benchmark. */
  readonly ingest = { messageRows: 0, messageMs: 0 };

  /** Stores a page; `stream` null for on-demand fetches that move no cursor. */
  applyPage(stream: string | null, page: PullPage, now: number = Date.now()): AppliedPage {
    try {
      const started = performance.now();
      const applied = this.applyTx.immediate(stream, page, now);
      if (page.messages) {
        this.ingest.messageRows += applied.messages;
        this.ingest.messageMs += performance.now() - started;
      }
      this.totals.cases += applied.addedCases;
      this.totals.messages += applied.addedMessages;
      this.totals.people += applied.addedPeople;
      return applied;
    } catch (error) {
      // The transaction rolled back: id caches may name rows that no longer exist.
      this.directory.reset();
      this.customers.reset();
      this.cases.reset();
      this.recordIssues.reset();
      throw error;
    }
  }

  /** Requesters stored since the last call without their record: to be looked up (CustomerWriter.takeUnknown). */
  takeUnknownPeople(): string[] {
    return this.customers.takeUnknown();
  }

  /** The cached version and thread state of these cases (this account's, synced ones only). */
  caseVersions(caseIds: readonly number[]): { caseId: number; remoteId: string; version: string | null; threadComplete: boolean }[] {
    if (caseIds.length === 0) return [];
    const stmt = this.db.prepare(
      `SELECT id AS caseId, remote_id AS remoteId, remote_version AS version, thread_complete AS threadComplete
       FROM cases WHERE account_id = ? AND synced = 1 AND id IN (SELECT value FROM json_each(?))`,
    );
    return (stmt.all(this.accountId, JSON.stringify(caseIds)) as { caseId: number; remoteId: string; version: string | null; threadComplete: number }[]).map((r) => ({
      ...r,
      threadComplete: r.threadComplete === 1,
    }));
  }

  cursor(stream: string): StoredCursor {
    const row = this.db.prepare('SELECT cursor, complete, updated_at AS updatedAt FROM sync_cursors WHERE account_id = ? AND stream = ?').get(this.accountId, stream) as
      | { cursor: string | null; complete: number; updatedAt: number }
      | undefined;
    return { cursor: row?.cursor ?? null, complete: row?.complete === 1, updatedAt: row?.updatedAt ?? 0 };
  }

  /** Restart a one-shot stream (e.g. the open-queue snapshot) from its beginning. */
  resetCursor(stream: string): void {
    this.db.prepare('UPDATE sync_cursors SET cursor = NULL WHERE account_id = ? AND stream = ?').run(this.accountId, stream);
  }
}
