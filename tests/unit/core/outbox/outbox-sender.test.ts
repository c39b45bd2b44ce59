import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PullPage, PushAction, PushResult, RemoteCase, WritableConnector } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo, type OutboxState } from '../../../../src-main/core/db/repos/outbox-repo';
import { helpdeskReason, MAX_ERROR_LENGTH, outboxErrorMessage } from '../../../../src-main/core/outbox/error-message';
import { OutboxSender } from '../../../../src-main/core/outbox/outbox-sender';
import { CaseService } from '../../../../src-main/core/services/case-service';
import { caseEventsFor } from '../../../../src-main/core/presence/core-presence';
import { PayloadError, PermanentRemoteError, RateLimitedError, TransientRemoteError } from '../../../../src-main/core/net/errors';
import type { ChangeSet } from '../../../../src-main/core/sync/sync-types';

// The outbox sender with a scripted connector: which change events the UI gets while an action is
// sent, and what an action's lastError says when the helpdesk refuses it.

const remoteCase = (over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId: '100', channel: 'email', subject: 'Parcel late', status: 'open', priority: 'normal', type: null, requesterRemoteId: '9',
  assigneeRemoteId: null, groupRemoteId: null, organizationRemoteId: null, tags: ['shipping'], csat: null,
  createdAt: 1_000, updatedAt: 2_000, version: '2026-11-01T10:00:00Z', generatedTs: 2, ...over,
});

/** A connector whose push is answered by the test: resolve or reject the pending call. */
class ScriptedConnector implements WritableConnector {
  pushes: { action: PushAction; resolve: (r: PushResult) => void; reject: (e: unknown) => void }[] = [];
  private waiting: (() => void) | null = null;

  push(action: PushAction): Promise<PushResult> {
    return new Promise((resolve, reject) => {
      this.pushes.push({ action, resolve, reject });
      this.waiting?.();
    });
  }
  async findPushed(): Promise<PushResult | null> {
    return null;
  }
  async fetchCase(): Promise<RemoteCase | null> {
    return null;
  }
  async fetchThread(): Promise<PullPage> {
    return { cursor: null, caughtUp: true };
  }
  /** Resolves once `n` pushes have been made. */
  async pushed(n: number): Promise<void> {
    while (this.pushes.length < n) await new Promise<void>((resolve) => (this.waiting = resolve));
  }
}

describe('outbox sender', () => {
  let db: Db;
  let cache: AccountCache;
  let outbox: OutboxRepo;
  let caseId: number;
  let connector: ScriptedConnector;
  let events: { change: ChangeSet; states: OutboxState[] }[];
  let sender: OutboxSender;

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-sender-')), 'p.db') });
    const accounts = new AccountsRepo(db);
    const account = accounts.add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' });
    accounts.setIdentity(account.id, '7');
    cache = new AccountCache(db, account.id);
    cache.applyPage(null, { cases: [remoteCase()], cursor: null, caughtUp: true });
    caseId = cache.cases.caseIdFor('100');
    outbox = new OutboxRepo(db);
    connector = new ScriptedConnector();
    events = [];
    sender = new OutboxSender({
      db,
      accountId: account.id,
      connector,
      cache,
      outbox,
      // Each event with the states the UI would read if it refetched the outbox right then.
      onChange: (change) => events.push({ change, states: outbox.list().map((row) => row.state) }),
    });
  });

  it('tells the UI when an action starts sending, so "Sending" is visible while the helpdesk works', async () => {
    const action = outbox.enqueue(caseId, { comment: { body: 'On its way', public: true } });
    const draining = sender.drainOnce();
    await connector.pushed(1);
    // The request is in flight: the UI has already been told, and reads "sending".
    expect(outbox.get(action.id)!.state).toBe('sending');
    expect(events).toEqual([{ change: { kinds: ['outbox'], caseIds: [caseId], customerIds: [] }, states: ['sending'] }]);
    connector.pushes[0]!.resolve({ case: remoteCase({ version: 'v2', updatedAt: 3_000, generatedTs: 3 }), commentRemoteId: '555' });
    expect(await draining).toBe(1);
    expect(events.map((e) => e.states)).toEqual([['sending'], []]);
    expect(events[1]!.change.kinds).toContain('outbox');
  });

  it('reports an action that landed (onSent), once, after recording it, and not one the helpdesk refused', async () => {
    const sent: { id: string; state: string | undefined; version: string | null; action: PushAction }[] = [];
    const announcing = new OutboxSender({
      db, accountId: 1, connector, cache, outbox,
      onSent: ({ row, action, result }) => sent.push({ id: row.id, state: outbox.get(row.id)?.state, version: result.case?.version ?? null, action }),
    });
    const reply = outbox.enqueue(caseId, { comment: { body: 'On its way', public: true }, status: 'pending' });
    const draining = announcing.drainOnce();
    await connector.pushed(1);
    expect(sent).toEqual([]);
    connector.pushes[0]!.resolve({ case: remoteCase({ version: 'v2', updatedAt: 3_000, generatedTs: 3 }), commentRemoteId: '555' });
    expect(await draining).toBe(1);
    expect(sent).toEqual([{ id: reply.id, state: expect.anything(), version: 'v2', action: expect.objectContaining({ actionId: reply.id, status: 'pending' }) }]);
    expect(sent[0]!.state).not.toBe('sending'); // recorded as sent before anyone is told
    expect(caseEventsFor(sent[0]!.action, 'v2')).toEqual([
      { kind: 'replied', actionId: reply.id, public: true, version: 'v2' },
      { kind: 'status_changed', actionId: reply.id, status: 'pending', version: 'v2' },
    ]);
    expect(caseEventsFor({ actionId: 'x', assigneeRemoteId: null }, null)).toEqual([{ kind: 'assigned', actionId: 'x', assigneeRemoteId: null }]);
    expect(caseEventsFor({ actionId: 'y' }, null)).toEqual([]); // tags or priority only: nothing to announce

    outbox.enqueue(caseId, { addTags: ['x'] });
    const refused = announcing.drainOnce();
    await connector.pushed(2);
    connector.pushes[1]!.reject(new PermanentRemoteError('Unprocessable', 422, { error: 'RecordInvalid' }));
    await refused;
    expect(sent).toHaveLength(1);
  });

  it('tells the UI when an interrupted action goes back to the queue at start', async () => {
    const action = outbox.enqueue(caseId, { priority: 'high' });
    outbox.markSending(action.id); // the process stopped mid-send
    sender.recoverInFlight();
    expect(outbox.get(action.id)).toMatchObject({ state: 'queued', verifyBeforeSend: true });
    expect(events).toEqual([{ change: { kinds: ['outbox'], caseIds: [caseId], customerIds: [] }, states: ['queued'] }]);
  });

  it('keeps a refusal as a short sentence in the helpdesk\'s words, not the response body', async () => {
    const action = outbox.enqueue(caseId, { status: 'solved' });
    const draining = sender.drainOnce();
    await connector.pushed(1);
    const body = { error: 'RecordInvalid', description: 'Record validation errors', details: { status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }] } };
    connector.pushes[0]!.reject(new PermanentRemoteError(`The helpdesk refused the change (422: ${JSON.stringify(body)})`, 422, body));
    await draining;
    const failed = outbox.get(action.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toBe('The helpdesk refused the change (422): Status: closed prevents ticket update');
    expect(failed.lastError).not.toMatch(/[{}]/);
    expect(events.at(-1)!.states).toEqual(['failed']);
  });

  it('sends an action that waited out a network backoff as soon as the network is back, not one the helpdesk asked to wait', async () => {
    cache.applyPage(null, { cases: [remoteCase({ remoteId: '101' })], cursor: null, caughtUp: true });
    const offline = outbox.enqueue(caseId, { priority: 'high' });
    const limited = outbox.enqueue(cache.cases.caseIdFor('101'), { status: 'pending' });
    const draining = sender.drainOnce();
    await connector.pushed(2);
    connector.pushes[0]!.reject(new TransientRemoteError('Cannot reach x: connect ECONNREFUSED', null));
    connector.pushes[1]!.reject(new RateLimitedError(60_000));
    await draining;
    const accountId = offline.accountId;
    // A minute of backoff, whatever the jitter drew.
    db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?').run(Date.now() + 60_000, offline.id);
    expect(outbox.get(offline.id)).toMatchObject({ state: 'queued', verifyBeforeSend: true });
    expect(outbox.ready(accountId, Date.now(), 10)).toEqual([]);
    // The network monitor says the helpdesk answers again.
    sender.resume();
    expect(outbox.ready(accountId, Date.now(), 10).map((row) => row.id)).toEqual([offline.id]);
    expect(outbox.get(limited.id)!.nextAttemptAt).toBeGreaterThan(Date.now() + 50_000);
  });

  describe('a reply the helpdesk took without naming its comment', () => {
    const thread = () => new CaseService(db, () => undefined, (id) => outbox.forCase(id).map((row) => ({ ...row, caseSubject: '', caseRemoteId: '100' }) as never)).get(caseId)!;

    it('is not shown as queued once sent, and the comment sync brings replaces it (matched by its audit)', async () => {
      outbox.enqueue(caseId, { comment: { body: 'Refund sent today', public: true } });
      const draining = sender.drainOnce();
      await connector.pushed(1);
      connector.pushes[0]!.resolve({ case: remoteCase({ version: 'v2', generatedTs: 3 }), commentRemoteId: null, auditRemoteId: '9001' });
      await draining;
      let detail = thread();
      expect(detail.pendingActions).toEqual([]);
      expect(detail.thread.map((m) => [m.bodyText, m.pendingActionId])).toEqual([['Refund sent today', null]]);
      // Sync brings the comment (its audit id names our update); the helpdesk trimmed the text.
      cache.applyPage('messages', { messages: [{ remoteId: '777', caseRemoteId: '100', authorRemoteId: '7', public: true, bodyText: 'Refund sent today ', bodyHtml: null, channel: 'email', createdAt: 5_000, attachments: [], auditRemoteId: '9001' }], cursor: 'm1', caughtUp: true });
      detail = thread();
      expect(detail.thread.map((m) => [m.remoteId, m.bodyText])).toEqual([['777', 'Refund sent today ']]);
    });

    it('without an audit either: matched by its text and visibility, and only once', async () => {
      outbox.enqueue(caseId, { comment: { body: 'Internal: checked the ledger', public: false } });
      const draining = sender.drainOnce();
      await connector.pushed(1);
      connector.pushes[0]!.resolve({ case: null, commentRemoteId: null });
      await draining;
      const comment = (id: string, isPublic: boolean) => ({ remoteId: id, caseRemoteId: '100', authorRemoteId: '7', public: isPublic, bodyText: 'Internal: checked the ledger', bodyHtml: null, channel: 'email' as const, createdAt: 5_000, attachments: [] });
      // A public comment with the same words is someone else's: it does not replace the note.
      cache.applyPage('messages', { messages: [comment('801', true)], cursor: 'm1', caughtUp: false });
      const ids = thread().thread.map((m) => m.remoteId);
      expect(ids).toHaveLength(2);
      expect(ids).toContain('801');
      expect(ids.some((id) => id.startsWith('sent:'))).toBe(true);
      cache.applyPage('messages', { messages: [comment('802', false)], cursor: 'm2', caughtUp: true });
      expect(thread().thread.map((m) => m.remoteId).sort()).toEqual(['801', '802']);
    });
  });
});

describe('outbox error messages', () => {
  const refused = (status: number, body: unknown) => outboxErrorMessage(new PermanentRemoteError(`The helpdesk refused the change (${status}: ${JSON.stringify(body)})`, status, body));

  it('uses the field details, else the description, else the error code', () => {
    expect(refused(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { status: [{ description: 'A' }], assignee_id: [{ description: 'B' }, { description: 'A' }] } })).toBe(
      'The helpdesk refused the change (422): A; B',
    );
    expect(refused(400, { error: 'InvalidValue', description: 'ticket.priority must be a string or null' })).toBe('The helpdesk refused the change (400): ticket.priority must be a string or null');
    expect(refused(404, { error: 'RecordNotFound' })).toBe('The helpdesk refused the change (404): RecordNotFound');
    expect(refused(404, { error: { title: 'Forbidden', message: 'You do not have access to this page.' } })).toBe('The helpdesk refused the change (404): You do not have access to this page.');
    expect(refused(418, {})).toBe('The helpdesk refused the change (418)');
  });

  it('strips markup from a text answer and keeps every message short', () => {
    expect(refused(400, '<html><body><h1>Bad request</h1><p>Nope</p></body></html>')).toBe('The helpdesk refused the change (400): Bad request Nope');
    const long = refused(422, { description: 'x'.repeat(2000) });
    expect(long.length).toBeLessThanOrEqual(MAX_ERROR_LENGTH);
    expect(long.endsWith('…')).toBe(true);
    expect(outboxErrorMessage(new TransientRemoteError('Cannot reach 127.0.0.1:4010: fetch failed', null))).toBe('Could not reach the helpdesk; sent as soon as it can be reached');
    expect(outboxErrorMessage(new TransientRemoteError('127.0.0.1:4010 answered 503', 503))).toBe('The helpdesk had a temporary problem (503); trying again shortly');
    expect(outboxErrorMessage(new RateLimitedError(2_000))).toBe('Rate limited by the helpdesk; retrying in 2 s');
    expect(outboxErrorMessage(new PayloadError('The helpdesk sent malformed JSON from /api/v2/tickets/1.json', 'http://x'))).not.toMatch(/JSON|\/api/);
    expect(outboxErrorMessage('boom\n\n  twice')).toBe('boom twice');
    expect(helpdeskReason(null)).toBeNull();
    expect(helpdeskReason('   ')).toBeNull();
  });
});
