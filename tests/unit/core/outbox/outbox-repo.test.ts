import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { EmptyActionError, OutboxRepo } from '../../../../src-main/core/db/repos/outbox-repo';
import type { RemoteCase } from '../../../../src-main/core/connectors/connector';

const remoteCase = (over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId: '100', channel: 'email', subject: 'Parcel late', status: 'open', priority: 'normal', type: null, requesterRemoteId: '9',
  assigneeRemoteId: null, groupRemoteId: '3', organizationRemoteId: null, tags: ['shipping'], csat: null,
  createdAt: 1_000, updatedAt: 2_000, version: '2026-11-01T10:00:00Z', generatedTs: 2, ...over,
});

describe('outbox repo', () => {
  let db: Db;
  let cache: AccountCache;
  let outbox: OutboxRepo;
  let caseId: number;
  const shown = () => db.prepare('SELECT status, priority, tags, assignee_id AS assigneeId, queue FROM cases WHERE id = ?').get(caseId);

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-outbox-')), 'p.db') });
    const account = new AccountsRepo(db).add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' });
    new AccountsRepo(db).setIdentity(account.id, '7');
    cache = new AccountCache(db, account.id);
    cache.applyPage(null, { people: [{ remoteId: '7', name: 'Me', role: 'agent', email: 'me@x', phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1 }], cases: [remoteCase()], cursor: null, caughtUp: true });
    caseId = cache.cases.caseIdFor('100');
    outbox = new OutboxRepo(db);
  });

  it('queues an action with its optimistic effect in one step', () => {
    const action = outbox.enqueue(caseId, { status: 'solved', addTags: ['done'] });
    expect(action).toMatchObject({ state: 'queued', kind: 'update', baseVersion: '2026-11-01T10:00:00Z', attempts: 0 });
    expect(shown()).toMatchObject({ status: 'solved', queue: 'solved', tags: 'shipping done' });
    expect(db.prepare('SELECT remote_status FROM cases WHERE id = ?').pluck().get(caseId)).toBe('open');
    expect(() => outbox.enqueue(caseId, {})).toThrow(EmptyActionError);
  });

  it('keeps pending changes on top of newer remote data (rebase) and undoes them on discard', () => {
    const action = outbox.enqueue(caseId, { status: 'pending', removeTags: ['shipping'] });
    // A teammate raised the priority and added a tag; sync brings it.
    cache.applyPage('cases', { cases: [remoteCase({ priority: 'high', tags: ['shipping', 'teammate'], generatedTs: 3, updatedAt: 3_000, version: 'v3' })], cursor: 'c', caughtUp: false });
    expect(shown()).toMatchObject({ status: 'pending', priority: 'high', tags: 'teammate' });
    expect(outbox.discard(action.id)).toBe(true);
    expect(shown()).toMatchObject({ status: 'open', priority: 'high', tags: 'shipping teammate' });
    expect(outbox.list()).toEqual([]);
  });

  it('puts a reply in the thread at once and clears the draft', () => {
    db.prepare('INSERT INTO drafts (case_id, body, updated_at) VALUES (?, ?, 0)').run(caseId, 'Hello');
    const action = outbox.enqueue(caseId, { comment: { body: 'Hello, it ships today', public: true }, status: 'pending' });
    expect(action.kind).toBe('reply');
    expect(db.prepare('SELECT body_text, author_kind, author_remote_id, local_action_id FROM messages WHERE case_id = ?').get(caseId)).toEqual({ body_text: 'Hello, it ships today', author_kind: 'agent', author_remote_id: '7', local_action_id: action.id });
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
    outbox.discard(action.id);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
  });

  it('sends FIFO per case: a failed or conflicting action holds back the next one', () => {
    const first = outbox.enqueue(caseId, { status: 'pending' });
    const second = outbox.enqueue(caseId, { priority: 'high' });
    expect(outbox.ready(1, Date.now(), 10).map((a) => a.id)).toEqual([first.id]);
    expect(outbox.markSending(first.id)).toBe(true);
    expect(outbox.markSending(first.id)).toBe(false);
    expect(outbox.ready(1, Date.now(), 10)).toEqual([]);
    expect(outbox.inFlight(1).map((a) => a.id)).toEqual([first.id]);
    outbox.conflict(first.id, { remoteVersion: 'v9' }, 'The case changed on the helpdesk');
    expect(outbox.ready(1, Date.now(), 10)).toEqual([]);
    cache.applyPage('cases', { cases: [remoteCase({ generatedTs: 9, updatedAt: 9_000, version: 'v9' })], cursor: 'c', caughtUp: false });
    outbox.applyAnyway(first.id);
    expect(outbox.get(first.id)).toMatchObject({ state: 'queued', baseVersion: 'v9', conflict: null, review: 'decided' });
    // "apply anyway" is about that action only: the later one keeps what it was queued against
    expect(outbox.get(second.id)!.baseVersion).toBe('2026-11-01T10:00:00Z');
    outbox.markSending(first.id);
    outbox.markSent(first.id, { ok: true }, () => undefined);
    expect(outbox.ready(1, Date.now(), 10).map((a) => a.id)).toEqual([second.id]);
    expect(outbox.counts()).toEqual({ queued: 1, sending: 0, failed: 0, conflict: 0 });
  });

  it('retries later with the same id and keeps failures visible and editable', () => {
    const action = outbox.enqueue(caseId, { comment: { body: 'Note', public: false } });
    outbox.markSending(action.id);
    outbox.retryLater(action.id, Date.now() + 60_000, 'network down');
    expect(outbox.ready(1, Date.now(), 10)).toEqual([]);
    expect(outbox.get(action.id)).toMatchObject({ state: 'queued', lastError: 'network down', attempts: 1 });
    outbox.markSending(action.id);
    outbox.fail(action.id, 'The helpdesk refused the update (422: RecordInvalid)');
    outbox.edit(action.id, { comment: { body: 'Note, fixed', public: false } });
    expect(outbox.get(action.id)).toMatchObject({ state: 'queued', intent: { comment: { body: 'Note, fixed', public: false } }, lastError: null });
    expect(db.prepare('SELECT body_text FROM messages WHERE local_action_id = ?').pluck().get(action.id)).toBe('Note, fixed');
  });

  it('queues a bulk change as one action per case in one transaction', () => {
    cache.applyPage('cases', { cases: [remoteCase({ remoteId: '101' }), remoteCase({ remoteId: '102' })], cursor: 'c', caughtUp: false });
    const ids = [caseId, cache.cases.caseIdFor('101'), cache.cases.caseIdFor('102')];
    const actions = outbox.enqueueBulk(ids, { status: 'solved' });
    expect(actions.map((a) => a.caseId)).toEqual(ids);
    expect(db.prepare(`SELECT count(*) FROM cases WHERE status = 'solved'`).pluck().get()).toBe(3);
    expect(() => outbox.enqueueBulk([caseId, 999_999], { status: 'open' })).toThrow(/not in the cache/);
    expect(outbox.list()).toHaveLength(3); // the failed bulk left nothing behind
  });
});
