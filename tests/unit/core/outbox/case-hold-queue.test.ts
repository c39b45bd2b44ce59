import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { WriteConflictError, type PullPage, type PushAction, type PushResult, type RemoteCase, type RemoteMessage, type RemotePerson, type WritableConnector } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../../src-main/core/db/repos/outbox-repo';
import { OutboxSender } from '../../../../src-main/core/outbox/outbox-sender';
import { SendGuard } from '../../../../src-main/core/outbox/send-guard';
import { RecentCaseEvents } from '../../../../src-main/core/presence/recent-case-events';
import { CaseService } from '../../../../src-main/core/services/case-service';
import { OutboxService } from '../../../../src-main/core/services/outbox-service';
import { newsKey } from '../../../../src-shared/domain/case-hold';
import type { CaseIntent } from '../../../../src-shared/domain/case-intent';

// A conflict is about a case, not one action (DESIGN §6, docs/outbox.md): the hold and decision
// rules of the outbox against a small helpdesk that keeps Zendesk's safe_update promise (a write
// against a stale version is refused) and lets a teammate or a customer act between our sends.

const person = (remoteId: string, name: string, role: 'agent' | 'customer', email: string): RemotePerson => ({
  remoteId, name, role, email, phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1,
});

const ME = '7';
const TEAMMATE = '8';
const CUSTOMER = '9';

/** One ticket, versioned: every change (ours or anyone's) gives it a new version; a stale safe write is refused. */
class TinyHelpdesk implements WritableConnector {
  private next = 500;
  remote: RemoteCase = {
    remoteId: '100', channel: 'email', subject: 'Parcel late', status: 'open', priority: 'normal', type: null, requesterRemoteId: CUSTOMER,
    assigneeRemoteId: null, groupRemoteId: null, organizationRemoteId: null, tags: ['shipping'], csat: null, createdAt: 1_000, updatedAt: 2_000, version: 'v1', generatedTs: 1,
  };
  thread: RemoteMessage[] = [this.message(CUSTOMER, 'Where is my parcel?')];
  pushes: PushAction[] = [];
  reads = 0;

  message(authorRemoteId: string, bodyText: string, isPublic = true): RemoteMessage {
    return { remoteId: String(this.next++), caseRemoteId: '100', authorRemoteId, channel: 'email', public: isPublic, bodyText, bodyHtml: null, attachments: [], createdAt: 5_000 + this.next };
  }

  private bump(): void {
    const n = this.remote.generatedTs + 1;
    this.remote = { ...this.remote, version: `v${n}`, generatedTs: n, updatedAt: 2_000 + n };
  }

  /** Someone else changes the ticket (a teammate, or the customer writing). */
  others(change: Partial<Pick<RemoteCase, 'status' | 'priority' | 'tags'>>, message?: { author: string; body: string }): RemoteMessage | null {
    this.remote = { ...this.remote, ...change };
    const added = message ? this.message(message.author, message.body) : null;
    if (added) this.thread.push(added);
    this.bump();
    return added;
  }

  async push(action: PushAction): Promise<PushResult> {
    this.pushes.push(action);
    if (action.baseVersion !== null && action.baseVersion !== this.remote.version) throw new WriteConflictError('UpdateConflict');
    const tags = [...this.remote.tags, ...(action.addTags ?? []).filter((t) => !this.remote.tags.includes(t))].filter((t) => !(action.removeTags ?? []).includes(t));
    this.remote = { ...this.remote, tags, ...(action.status ? { status: action.status as RemoteCase['status'] } : {}), ...(action.priority !== undefined ? { priority: action.priority as RemoteCase['priority'] } : {}) };
    const comment = action.comment ? this.message(ME, action.comment.body, action.comment.public) : null;
    if (comment) this.thread.push(comment);
    this.bump();
    return { case: this.remote, commentRemoteId: comment?.remoteId ?? null };
  }
  async findPushed(): Promise<PushResult | null> {
    return null;
  }
  async fetchCase(): Promise<RemoteCase | null> {
    this.reads++;
    return this.remote;
  }
  async fetchThread(): Promise<PullPage> {
    return { messages: [...this.thread], completeThreads: ['100'], cursor: null, caughtUp: true };
  }
  /** Action ids that landed, in order. */
  landed(): string[] {
    return this.pushes.filter((p, i) => this.pushes.findIndex((q) => q.actionId === p.actionId && q.baseVersion === p.baseVersion) === i).map((p) => p.actionId);
  }
}

describe('a conflict holds the case\'s whole queue', () => {
  let db: Db;
  let cache: AccountCache;
  let repo: OutboxRepo;
  let service: OutboxService;
  let helpdesk: TinyHelpdesk;
  let sender: OutboxSender;
  let caseId: number;
  const landed: string[] = [];
  const queue = (intent: CaseIntent) => repo.enqueue(caseId, intent);
  const stateOf = () => repo.forCase(caseId).map((r) => [r.id, r.state, r.conflict ? (r.conflict as { reason?: string }).reason : null]);
  /** What the dialog shows for an action: the keys of its news. */
  const shown = (id: string) => service.review(caseId)!.actions.find((a) => a.item.id === id)!.news.map(newsKey);
  /** Sync brings what the helpdesk has now. */
  const sync = () => cache.applyPage('cases', { cases: [helpdesk.remote], messages: [...helpdesk.thread], cursor: null, caughtUp: true });

  beforeEach(() => {
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-hold-')), 'p.db') });
    const accounts = new AccountsRepo(db);
    const account = accounts.add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' });
    accounts.setIdentity(account.id, ME);
    helpdesk = new TinyHelpdesk();
    cache = new AccountCache(db, account.id);
    cache.applyPage(null, {
      people: [person(ME, 'Me', 'agent', 'me@x'), person(TEAMMATE, 'Maya', 'agent', 'maya@x'), person(CUSTOMER, 'Kim', 'customer', 'kim@c')],
      cases: [helpdesk.remote],
      messages: [...helpdesk.thread],
      cursor: null,
      caughtUp: true,
    });
    caseId = cache.cases.caseIdFor('100');
    repo = new OutboxRepo(db);
    service = new OutboxService(db, repo, new SendGuard(db, new CaseService(db, () => undefined, () => []), new RecentCaseEvents()));
    landed.length = 0;
    sender = new OutboxSender({ db, accountId: account.id, connector: helpdesk, cache, outbox: repo, onSent: ({ row }) => landed.push(row.id) });
  });

  it('a refusal holds every later action of the case: those touching what others did need their own decision, the rest wait', async () => {
    const tag = queue({ addTags: ['courier'] });
    const status = queue({ status: 'pending' });
    const reply = queue({ comment: { body: 'It left the depot', public: true } });
    const priority = queue({ priority: 'high' });
    const theirs = helpdesk.others({ status: 'solved' }, { author: TEAMMATE, body: 'Refunded, solving.' });

    await sender.drainOnce();

    expect(landed).toEqual([]);
    expect(helpdesk.pushes.map((p) => p.actionId)).toEqual([tag.id]);
    expect(stateOf()).toEqual([
      [tag.id, 'conflict', 'refused'],
      [status.id, 'conflict', 'held'],
      [reply.id, 'conflict', 'held'],
      [priority.id, 'queued', null],
    ]);
    expect(repo.get(status.id)!.conflict).toMatchObject({ heldBy: tag.id, remoteStatus: 'solved', reread: true });
    // Read again: the fields and the thread (the teammate's reply is in the cache now).
    expect(helpdesk.reads).toBe(1);
    const review = service.review(caseId)!;
    expect(review.actions.map((a) => [a.verdict, a.touches])).toEqual([
      ['decide', []],
      ['decide', ['status']],
      ['decide', ['thread']],
      ['waits', []],
    ]);
    expect(review.actions[2]!.news.flatMap((n) => (n.kind === 'message' ? [n.message.remoteId] : []))).toEqual([theirs!.remoteId]);
  });

  it('"apply anyway" names one action; a waiting one goes once those before it are decided, against the version read again, recorded as released', async () => {
    const tag = queue({ addTags: ['courier'] });
    const status = queue({ status: 'pending' });
    const reply = queue({ comment: { body: 'It left the depot', public: true } });
    const priority = queue({ priority: 'high' });
    helpdesk.others({ status: 'solved' }, { author: TEAMMATE, body: 'Refunded, solving.' });
    await sender.drainOnce();

    expect(service.decide(tag.id, 'apply', { shown: shown(tag.id) })).toEqual({ ok: true });
    await sender.drainOnce();
    expect(landed).toEqual([tag.id]);
    expect(helpdesk.remote).toMatchObject({ status: 'solved', tags: ['shipping', 'courier'] });
    expect(stateOf()).toEqual([
      [status.id, 'conflict', 'held'],
      [reply.id, 'conflict', 'held'],
      [priority.id, 'queued', null],
    ]);

    expect(service.decide(status.id, 'discard', { shown: shown(status.id) })).toEqual({ ok: true });
    await sender.drainOnce();
    // The priority change still waits: the reply before it has no decision yet.
    expect(landed).toEqual([tag.id]);
    expect(service.decide(reply.id, 'apply', { shown: shown(reply.id) })).toEqual({ ok: true });
    await sender.drainOnce();
    expect(landed).toEqual([tag.id, reply.id, priority.id]);
    expect(helpdesk.remote).toMatchObject({ status: 'solved', priority: 'high' });
    expect(helpdesk.thread.map((m) => m.bodyText).slice(-2)).toEqual(['Refunded, solving.', 'It left the depot']);
    // Nothing was refused after the first time: held actions went against the version they read.
    expect(helpdesk.pushes.map((p) => p.actionId)).toEqual([tag.id, tag.id, reply.id, priority.id]);
    expect(repo.decisions(caseId).map((d) => [d.actionId, d.choice, d.shown.touches])).toEqual([
      [tag.id, 'apply', []],
      [status.id, 'discard', ['status']],
      [reply.id, 'apply', ['thread']],
      [priority.id, 'released', []],
    ]);
    expect(repo.decisions(caseId)[3]!.shown.fields).toContainEqual({ field: 'status', from: 'open', to: 'solved' });
  });

  it('refuses a decision on what the agent was not shown, and a decided action stops again when what it touches changes before it goes', async () => {
    const status = queue({ status: 'pending' });
    const reply = queue({ comment: { body: 'On its way', public: true } });
    helpdesk.others({ status: 'hold' });
    await sender.drainOnce();
    expect(stateOf()).toEqual([
      [status.id, 'conflict', 'refused'],
      [reply.id, 'queued', null],
    ]);
    const seen = shown(status.id);
    // The customer writes; the dialog has not shown it yet (the reply now needs a decision too).
    helpdesk.others({ status: 'open' }, { author: CUSTOMER, body: 'Any news?' });
    sync();
    expect(service.decide(status.id, 'apply', { shown: seen })).toEqual({ ok: false, changed: true });
    expect(repo.decisions(caseId)).toEqual([]);
    expect(service.review(caseId)!.actions.map((a) => a.verdict)).toEqual(['decide', 'decide']);

    expect(service.decide(status.id, 'apply', { shown: shown(status.id) })).toEqual({ ok: true });
    // A teammate sets it again before it goes: it reads the case first, and stops.
    helpdesk.others({ status: 'solved' });
    await sender.drainOnce();
    expect(landed).toEqual([]);
    expect(stateOf()).toEqual([
      [status.id, 'conflict', 'guard'],
      [reply.id, 'conflict', 'held'],
    ]);
  });

  it('the send-time guard: a queued reply does not go after a new message from someone else, my own messages are no news', async () => {
    const first = queue({ comment: { body: 'First answer', public: true } });
    await sender.drainOnce();
    expect(landed).toEqual([first.id]);

    // My own message (sent from elsewhere, brought by sync) is no news.
    const mineElsewhere = helpdesk.others({}, { author: ME, body: 'Sent from my phone' });
    const second = queue({ comment: { body: 'Second answer', public: true } });
    sync();
    expect(service.review(caseId)!.actions[0]!.news).toEqual([]);
    helpdesk.others({}, { author: CUSTOMER, body: 'Thanks, one more thing…' });
    sync();
    const tagAfter = queue({ addTags: ['followup'] });
    const pushesBefore = helpdesk.pushes.length;
    await sender.drainOnce();
    // Stopped before any request: the cache already showed the customer's message.
    expect(helpdesk.pushes.length).toBe(pushesBefore);
    expect(stateOf()).toEqual([
      [second.id, 'conflict', 'guard'],
      [tagAfter.id, 'queued', null],
    ]);
    expect(service.review(caseId)!.actions[0]!.news.flatMap((n) => (n.kind === 'message' ? [n.message.bodyText] : []))).toEqual(['Thanks, one more thing…']);
    expect(mineElsewhere).not.toBeNull();
  });

  it('a reply reads the thread first when the case changed after the newest message we have: a comment whose version came before it stops the reply', async () => {
    // A teammate replied; the ticket's new version reached the cache, their comment did not (yet).
    const theirs = helpdesk.others({}, { author: TEAMMATE, body: 'I already called the courier.' })!;
    helpdesk.remote = { ...helpdesk.remote, updatedAt: theirs.createdAt + 1_000 };
    cache.applyPage('cases', { cases: [helpdesk.remote], cursor: null, caughtUp: true });
    const reply = queue({ comment: { body: 'I will call the courier', public: true } });
    await sender.drainOnce();
    expect(helpdesk.pushes).toEqual([]);
    expect(stateOf()).toEqual([[reply.id, 'conflict', 'guard']]);
    expect(service.review(caseId)!.actions[0]!.news.flatMap((n) => (n.kind === 'message' ? [n.message.bodyText] : []))).toEqual(['I already called the courier.']);
  });

  it('an older message that reaches the cache after the action was queued (a thread loaded late) is not news', async () => {
    const reply = queue({ comment: { body: 'On its way', public: true } });
    const older = { ...helpdesk.message(CUSTOMER, 'An old question from last week'), createdAt: 1_500 };
    cache.applyPage('messages', { messages: [older], cursor: null, caughtUp: true });
    expect(service.review(caseId)!.actions[0]!.news).toEqual([]);
    await sender.drainOnce();
    expect(landed).toEqual([reply.id]);
  });

  it('my own earlier action is no news to the later ones (its effect is folded into their base)', async () => {
    queue({ status: 'pending' });
    const again = queue({ status: 'solved', priority: 'low' });
    await sender.drainOnce();
    expect(landed).toHaveLength(2);
    expect(landed[1]).toBe(again.id);
    expect(repo.list()).toEqual([]);
    expect(repo.decisions()).toEqual([]);
  });
});
