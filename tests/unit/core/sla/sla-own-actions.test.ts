import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PullPage, PushAction, PushResult, RemoteCase, RemoteMessage, RemotePerson, WritableConnector } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../../src-main/core/db/repos/outbox-repo';
import { SlaWriter } from '../../../../src-main/core/db/repos/sla-repo';
import { OutboxSender } from '../../../../src-main/core/outbox/outbox-sender';
import { SlaService } from '../../../../src-main/core/services/sla-service';
import { PermanentRemoteError } from '../../../../src-main/core/net/errors';
import { WriteConflictError } from '../../../../src-main/core/connectors/connector';
import { slaClocksOf } from '../../../../src-shared/domain/sla-rules';

// The clocks follow the agent's own actions (docs/sla.md "Our own actions"): a reply or a status
// change counts from the moment it is queued, keeps counting on every way the message becomes the
// helpdesk's (named comment, placeholder matched later, a copy sync brought first), and stops
// counting when the action fails, waits on a conflict or is discarded.

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 16, 8);

const remoteCase = (over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId: '1', channel: 'email', subject: 'Parcel late', status: 'open', priority: 'high', type: null, requesterRemoteId: '9',
  assigneeRemoteId: '7', groupRemoteId: null, organizationRemoteId: null, tags: [], csat: null,
  createdAt: T0, updatedAt: T0, version: 'v1', generatedTs: 1, ...over,
});
const person = (remoteId: string, role: 'agent' | 'customer'): RemotePerson => ({
  remoteId, name: remoteId, role, email: `${remoteId}@x`, phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1,
});
let nextRemote = 5000;
const message = (authorRemoteId: string, createdAt: number, over: Partial<RemoteMessage> = {}): RemoteMessage => ({
  remoteId: String(nextRemote++), caseRemoteId: '1', authorRemoteId, channel: 'email', public: true, bodyText: 'text', bodyHtml: null, attachments: [], createdAt, ...over,
});

/** A helpdesk that answers each push as the test says. */
class Helpdesk implements WritableConnector {
  answer: (action: PushAction) => PushResult = () => ({ case: null, commentRemoteId: null });
  async push(action: PushAction): Promise<PushResult> {
    return this.answer(action);
  }
  async findPushed(): Promise<PushResult | null> {
    return null;
  }
  async fetchCase(): Promise<RemoteCase | null> {
    return null;
  }
  async fetchThread(): Promise<PullPage> {
    return { messages: [], cursor: null, caughtUp: true };
  }
}

describe('SLA clocks and our own actions', () => {
  let db: Db;
  let cache: AccountCache;
  let outbox: OutboxRepo;
  let helpdesk: Helpdesk;
  let sender: OutboxSender;
  let caseId: number;

  /** The stored clocks as phase per target, and the case's wait. */
  const clocks = () => {
    const row = db.prepare('SELECT sla_json AS json, sla_next_due_at AS due, waiting_since AS waiting FROM cases WHERE id = ?').get(caseId) as { json: string; due: number | null; waiting: number | null };
    const stored = JSON.parse(row.json) as { c: { t: string; ph: string }[] };
    return { phases: Object.fromEntries(stored.c.map((c) => [c.t, c.ph])), due: row.due, waiting: row.waiting };
  };
  const view = (now: number) => new SlaService(db).caseView(caseId, now);

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-sla-own-')), 'p.db') });
    const accounts = new AccountsRepo(db);
    const accountId = accounts.add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: '7@x' }).id;
    accounts.setIdentity(accountId, '7');
    cache = new AccountCache(db, accountId);
    new SlaService(db).save(
      {
        title: 'High',
        filter: { all: [{ field: 'priority', operator: 'is', value: 'high' }], any: [] },
        targets: [
          { target: 'first_reply', priority: 'high', minutes: 60, businessHours: false },
          { target: 'next_reply', priority: 'high', minutes: 240, businessHours: false },
          { target: 'resolution', priority: 'high', minutes: 24 * 60, businessHours: false },
        ],
      },
      T0,
    );
    cache.applyPage(null, { people: [person('7', 'agent'), person('9', 'customer')], cases: [remoteCase()], messages: [message('9', T0)], cursor: null, caughtUp: true });
    caseId = cache.cases.caseIdFor('1');
    outbox = new OutboxRepo(db);
    helpdesk = new Helpdesk();
    sender = new OutboxSender({ db, accountId, connector: helpdesk, cache, outbox });
  });

  it('a queued public reply stops first reply at once and the customer no longer waits; a note does not', () => {
    expect(clocks()).toMatchObject({ phases: { first_reply: 'running', resolution: 'running' }, due: T0 + HOUR, waiting: T0 });
    const note = outbox.enqueue(caseId, { comment: { body: 'Checking the courier', public: false } }, { now: T0 + 10 * MIN });
    expect(clocks().phases.first_reply).toBe('running');
    outbox.discard(note.id);
    outbox.enqueue(caseId, { comment: { body: 'It ships today', public: true } }, { now: T0 + 20 * MIN });
    expect(clocks()).toMatchObject({ phases: { first_reply: 'met', resolution: 'running' }, due: T0 + 24 * HOUR, waiting: null });
    expect(view(T0 + 50 * MIN)?.next).toMatchObject({ target: 'resolution', state: 'ok' });
  });

  it('a failed reply, one waiting on a conflict and a discarded one bring the clock back; retry and apply anyway stop it again', () => {
    const reply = outbox.enqueue(caseId, { comment: { body: 'It ships today', public: true } }, { now: T0 + 20 * MIN });
    expect(clocks().phases.first_reply).toBe('met');
    outbox.markSending(reply.id);
    outbox.fail(reply.id, 'The helpdesk refused');
    expect(clocks()).toMatchObject({ phases: { first_reply: 'running' }, due: T0 + HOUR, waiting: T0 });
    outbox.retry(reply.id);
    expect(clocks().phases.first_reply).toBe('met');
    outbox.markSending(reply.id);
    outbox.conflict(reply.id, { remoteVersion: 'v2' }, 'The case changed');
    expect(clocks().phases.first_reply).toBe('running');
    outbox.applyAnyway(reply.id);
    expect(clocks().phases.first_reply).toBe('met');
    outbox.discard(reply.id);
    expect(clocks()).toMatchObject({ phases: { first_reply: 'running' }, waiting: T0 });
  });

  it('the sender failing or meeting a conflict gives the clock back', async () => {
    const reply = outbox.enqueue(caseId, { comment: { body: 'It ships today', public: true } }, { now: T0 + 20 * MIN });
    helpdesk.answer = () => {
      throw new PermanentRemoteError('refused', 422, 'http://x');
    };
    expect(await sender.sendOne(outbox.get(reply.id)!)).toBe('failed');
    expect(clocks().phases.first_reply).toBe('running');
    outbox.retry(reply.id);
    helpdesk.answer = () => {
      throw new WriteConflictError('UpdateConflict');
    };
    expect(await sender.sendOne(outbox.get(reply.id)!)).toBe('conflict');
    expect(clocks().phases.first_reply).toBe('running');
  });

  it('a reply the helpdesk names stays a reply, and sync brings the helpdesk’s time for it', async () => {
    const reply = outbox.enqueue(caseId, { comment: { body: 'It ships today', public: true } }, { now: T0 + 20 * MIN });
    helpdesk.answer = () => ({ case: remoteCase({ updatedAt: T0 + 25 * MIN, version: 'v2', generatedTs: 2 }), commentRemoteId: '777' });
    expect(await sender.sendOne(outbox.get(reply.id)!)).toBe('sent');
    expect(db.prepare("SELECT local_action_id FROM messages WHERE remote_id = '777'").pluck().get()).toBe(reply.id);
    expect(clocks()).toMatchObject({ phases: { first_reply: 'met' }, waiting: null });
    // Sync brings the comment: it landed at 00:25 on the helpdesk.
    cache.applyPage('messages', { messages: [message('7', T0 + 25 * MIN, { remoteId: '777' })], cursor: null, caughtUp: true });
    expect(db.prepare("SELECT created_at FROM messages WHERE remote_id = '777'").pluck().get()).toBe(T0 + 25 * MIN);
    expect(clocks().phases.first_reply).toBe('met');
    // A restart computes the same (the facts are in the cache).
    const before = db.prepare('SELECT sla_json FROM cases WHERE id = ?').pluck().get(caseId);
    new SlaWriter(db).refreshAll();
    expect(db.prepare('SELECT sla_json FROM cases WHERE id = ?').pluck().get(caseId)).toBe(before);
    // The customer writes again: next reply runs from then, and our next reply stops it.
    cache.applyPage('messages', { messages: [message('9', T0 + 2 * HOUR)], cursor: null, caughtUp: true });
    expect(clocks()).toMatchObject({ phases: { first_reply: 'met', next_reply: 'running' }, due: T0 + 6 * HOUR, waiting: T0 + 2 * HOUR });
    outbox.enqueue(caseId, { comment: { body: 'Tracking number attached', public: true } }, { now: T0 + 3 * HOUR });
    expect(clocks()).toMatchObject({ phases: { first_reply: 'met' }, waiting: null });
    expect(clocks().phases.next_reply).toBeUndefined();
  });

  it('a reply the helpdesk took without naming it stays a reply until sync brings the comment by its audit id', async () => {
    const reply = outbox.enqueue(caseId, { comment: { body: 'It ships today', public: true } }, { now: T0 + 20 * MIN });
    helpdesk.answer = () => ({ case: remoteCase({ updatedAt: T0 + 21 * MIN, version: 'v2', generatedTs: 2 }), commentRemoteId: null, auditRemoteId: '88' });
    expect(await sender.sendOne(outbox.get(reply.id)!)).toBe('sent');
    expect(db.prepare('SELECT remote_id FROM messages WHERE local_action_id = ?').pluck().get(reply.id)).toBe('audit:88');
    expect(clocks().phases.first_reply).toBe('met');
    cache.applyPage('messages', { messages: [message('7', T0 + 21 * MIN, { remoteId: '901', auditRemoteId: '88', bodyText: 'It ships today' })], cursor: null, caughtUp: true });
    expect(db.prepare('SELECT remote_id, local_action_id FROM messages WHERE author_kind = ?').all('agent')).toEqual([{ remote_id: '901', local_action_id: null }]);
    expect(clocks()).toMatchObject({ phases: { first_reply: 'met' }, waiting: null });
  });

  it('a reply sync brought before the helpdesk answered replaces the queued one and counts', async () => {
    const reply = outbox.enqueue(caseId, { comment: { body: 'It ships today', public: true } }, { now: T0 + 20 * MIN });
    cache.applyPage('messages', { messages: [message('7', T0 + 21 * MIN, { remoteId: '777' })], cursor: null, caughtUp: true });
    helpdesk.answer = () => ({ case: remoteCase({ updatedAt: T0 + 21 * MIN, version: 'v2', generatedTs: 2 }), commentRemoteId: '777' });
    expect(await sender.sendOne(outbox.get(reply.id)!)).toBe('sent');
    expect(db.prepare('SELECT count(*) FROM messages WHERE author_kind = ?').pluck().get('agent')).toBe(1);
    expect(clocks()).toMatchObject({ phases: { first_reply: 'met' }, waiting: null });
  });

  it('a queued pending pauses next reply and resolution, a queued solve stops them; discarding brings them back', () => {
    cache.applyPage('messages', { messages: [message('7', T0 + 10 * MIN), message('9', T0 + HOUR)], cursor: null, caughtUp: true });
    expect(clocks().phases).toEqual({ first_reply: 'met', next_reply: 'running', resolution: 'running' });
    const pending = outbox.enqueue(caseId, { status: 'pending' }, { now: T0 + 2 * HOUR });
    expect(clocks()).toMatchObject({ phases: { next_reply: 'paused', resolution: 'paused' }, due: null });
    const solve = outbox.enqueue(caseId, { status: 'solved' }, { now: T0 + 3 * HOUR });
    expect(clocks()).toMatchObject({ phases: { first_reply: 'met', resolution: 'met' }, due: null });
    outbox.discard(solve.id);
    outbox.discard(pending.id);
    expect(clocks()).toMatchObject({ phases: { next_reply: 'running', resolution: 'running' }, due: T0 + 5 * HOUR });
  });

  it('what core stores equals the oracle on the same record', () => {
    outbox.enqueue(caseId, { comment: { body: 'It ships today', public: true }, status: 'pending' }, { now: T0 + 20 * MIN });
    const state = new SlaWriter(db).state(caseId)!;
    const policies = new SlaService(db).list();
    const oracle = slaClocksOf(state.record, state.fields, policies)!;
    expect(state.computed!.clocks).toEqual(oracle.clocks);
    expect(state.record.statusHistory.at(-1)).toEqual({ at: T0 + 20 * MIN, status: 'pending' });
    expect(state.record.thread.filter((m) => m.author === 'agent')).toEqual([{ at: T0 + 20 * MIN, author: 'agent', public: true }]);
  });
});
