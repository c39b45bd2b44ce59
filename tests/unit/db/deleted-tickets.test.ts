import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RemoteCase, RemoteMessage } from '../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../src-main/core/db/connection';
import { AccountCache } from '../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../src-main/core/db/repos/outbox-repo';
import { SearchIndexer } from '../../../src-main/core/db/repos/search-indexer';

const ticket = (id: number, over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId: String(id), channel: 'email', subject: `Ticket ${id}`, status: 'open', priority: null, type: null, requesterRemoteId: '900', assigneeRemoteId: null,
  groupRemoteId: null, organizationRemoteId: null, tags: ['vip'], csat: null, createdAt: 1000, updatedAt: 2000, version: `v${id}`, generatedTs: 100, ...over,
});
const comment = (id: number, caseId: number, over: Partial<RemoteMessage> = {}): RemoteMessage => ({
  remoteId: String(id), caseRemoteId: String(caseId), authorRemoteId: '900', public: true, bodyText: `hello ${id}`, bodyHtml: null, channel: 'email', createdAt: 1500, attachments: [], ...over,
});

describe('deleted tickets and record issues in the cache', () => {
  let db: Db;
  let cache: AccountCache;
  let accountId: number;
  const visible = () => db.prepare('SELECT remote_id FROM cases WHERE synced = 1 ORDER BY remote_id').pluck().all();

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-deleted-')), 'p.db') });
    accountId = new AccountsRepo(db).add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' }).id;
    cache = new AccountCache(db, accountId);
    cache.applyPage('cases', { cases: [ticket(1), ticket(2), ticket(3)], messages: [comment(11, 1), comment(12, 1), comment(21, 2)], cursor: 'c1', caughtUp: false });
    new SearchIndexer(db).step();
  });

  it('takes a deleted ticket out of the inbox with its thread, tags and search rows; counts follow', () => {
    expect(cache.totals).toMatchObject({ cases: 3, messages: 3 });
    const applied = cache.applyPage('cases', { deletedCases: [{ remoteId: '1', generatedTs: 200 }], cursor: 'c2', caughtUp: true });
    expect(visible()).toEqual(['2', '3']);
    expect(applied.caseIds).toHaveLength(1);
    expect(cache.totals).toMatchObject({ cases: 2, messages: 1 });
    const id = db.prepare("SELECT id FROM cases WHERE remote_id = '1'").pluck().get() as number;
    expect(db.prepare('SELECT count(*) FROM messages WHERE case_id = ?').pluck().get(id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM case_tags WHERE case_id = ?').pluck().get(id)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'hello'").pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM cases_fts WHERE cases_fts MATCH 'ticket'").pluck().get()).toBe(2);
  });

  it('drops comments that arrive later for a deleted ticket, and never brings it back with older data', () => {
    cache.applyPage('cases', { deletedCases: [{ remoteId: '1', generatedTs: 200 }, { remoteId: '9', generatedTs: 200 }], cursor: 'c2', caughtUp: true });
    cache.applyPage('messages', { messages: [comment(13, 1), comment(91, 9)], cursor: 'm1', caughtUp: true });
    // A page read again after a crash holds the version from before the deletion.
    cache.applyPage('cases', { cases: [ticket(1, { generatedTs: 150 }), ticket(9, { generatedTs: 150 })], cursor: 'c1', caughtUp: false });
    expect(visible()).toEqual(['2', '3']);
    expect(db.prepare("SELECT count(*) FROM messages WHERE remote_id IN ('13', '91')").pluck().get()).toBe(0);
    // Restored on the helpdesk: a newer version brings it back.
    cache.applyPage('cases', { cases: [ticket(1, { generatedTs: 300 })], cursor: 'c3', caughtUp: true });
    expect(visible()).toEqual(['1', '2', '3']);
  });

  it("fails the unsent actions of a deleted ticket visibly and keeps its draft's case row", () => {
    const caseId = db.prepare("SELECT id FROM cases WHERE remote_id = '2'").pluck().get() as number;
    const outbox = new OutboxRepo(db);
    const row = outbox.enqueue(caseId, { comment: { body: 'On it', public: true } });
    db.prepare("INSERT INTO drafts (case_id, body, mode, updated_at) VALUES (?, 'half a reply', 'reply', 1)").run(caseId);
    cache.applyPage('cases', { deletedCases: [{ remoteId: '2', generatedTs: 200 }], cursor: 'c2', caughtUp: true });
    expect(outbox.get(row.id)).toMatchObject({ state: 'failed', lastError: 'The ticket was deleted on the helpdesk' });
    expect(db.prepare('SELECT body FROM drafts WHERE case_id = ?').pluck().get(caseId)).toBe('half a reply');
    expect(visible()).toEqual(['1', '3']);
  });

  it('lists record issues once per record and problem, and forgets them when the record reads cleanly', () => {
    const issue = { kind: 'ticket' as const, remoteId: '4', issue: 'skipped' as const, detail: 'updated_at: expected an ISO 8601 time' };
    cache.applyPage('cases', { cases: [], recordIssues: [issue], cursor: 'c2', caughtUp: false });
    cache.applyPage('cases', { cases: [], recordIssues: [issue, { kind: 'comment', remoteId: null, issue: 'skipped', detail: 'id: missing' }], cursor: 'c2', caughtUp: false });
    expect(cache.recordIssues.counts()).toEqual({ skipped: 2, mapped: 0 });
    cache.applyPage('cases', { cases: [ticket(4)], cursor: 'c3', caughtUp: true });
    expect(cache.recordIssues.list().map((i) => [i.kind, i.remoteId])).toEqual([['comment', '']]);
  });

  it('lists a value it could not map once, with a record that had it and how often it was seen', () => {
    const via = (remoteId: string) => ({ kind: 'comment' as const, remoteId, issue: 'mapped' as const, detail: 'via: "75"' });
    cache.applyPage('messages', { messages: [], recordIssues: [via('11'), via('12'), via('13'), { kind: 'ticket', remoteId: '4', issue: 'mapped', detail: 'priority: "critical"' }], cursor: 'm1', caughtUp: false });
    cache.applyPage('messages', { messages: [], recordIssues: [via('14')], cursor: 'm2', caughtUp: false });
    expect(cache.recordIssues.counts()).toEqual({ skipped: 0, mapped: 2 });
    const listed = cache.recordIssues.list().map((i) => [i.kind, i.remoteId, i.detail, i.occurrences]);
    expect(listed).toContainEqual(['comment', '11', 'via: "75"', 4]);
    expect(listed).toContainEqual(['ticket', '4', 'priority: "critical"', 1]);
  });

  it('counts two records without an id that fail alike as two, and a page read again as the same', () => {
    const anonymous = (fingerprint: string) => ({ kind: 'comment' as const, remoteId: null, issue: 'skipped' as const, detail: 'id: Invalid input', fingerprint });
    cache.applyPage('messages', { messages: [], recordIssues: [anonymous('aa'), anonymous('bb')], cursor: 'm1', caughtUp: false });
    cache.applyPage('messages', { messages: [], recordIssues: [anonymous('aa'), anonymous('bb')], cursor: 'm1', caughtUp: false });
    expect(cache.recordIssues.counts()).toEqual({ skipped: 2, mapped: 0 });
    expect(cache.recordIssues.list().map((i) => i.remoteId)).toEqual(['', '']);
  });
});
