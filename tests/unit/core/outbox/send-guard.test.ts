import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseEventView } from '../../../../src-shared/contract/models';
import type { RemoteCase, RemoteMessage, RemotePerson } from '../../../../src-main/core/connectors/connector';
import { openDatabase, type Db } from '../../../../src-main/core/db/connection';
import { AccountCache } from '../../../../src-main/core/db/repos/account-cache';
import { AccountsRepo } from '../../../../src-main/core/db/repos/accounts-repo';
import { OutboxRepo } from '../../../../src-main/core/db/repos/outbox-repo';
import { SendGuard } from '../../../../src-main/core/outbox/send-guard';
import { RecentCaseEvents } from '../../../../src-main/core/presence/recent-case-events';
import { CaseService } from '../../../../src-main/core/services/case-service';
import { OutboxService } from '../../../../src-main/core/services/outbox-service';

const remoteCase = (over: Partial<RemoteCase> = {}): RemoteCase => ({
  remoteId: '100', channel: 'email', subject: 'Parcel late', status: 'open', priority: 'normal', type: null, requesterRemoteId: '9',
  assigneeRemoteId: null, groupRemoteId: null, organizationRemoteId: null, tags: ['shipping'], csat: null,
  createdAt: 1_000, updatedAt: 2_000, version: 'v2', generatedTs: 2, ...over,
});
const person = (remoteId: string, name: string, role: 'agent' | 'customer', email: string): RemotePerson => ({
  remoteId, name, role, email, phone: null, twitter: null, facebook: null, whatsapp: null, organizationRemoteId: null, locale: null, tier: null, lifetimeValue: null, followers: null, updatedAt: 1,
});
let nextRemote = 500;
const message = (authorRemoteId: string, bodyText: string, over: Partial<RemoteMessage> = {}): RemoteMessage => ({
  remoteId: String(nextRemote++), caseRemoteId: '100', authorRemoteId, channel: 'email', public: true, bodyText, bodyHtml: null, attachments: [], createdAt: 5_000 + nextRemote, ...over,
});
const reply = (body: string) => ({ comment: { body, public: true } });

describe('send-time guard', () => {
  let db: Db;
  let cache: AccountCache;
  let events: RecentCaseEvents;
  let outbox: OutboxService;
  let caseId: number;
  let clock: number;
  const event = (over: Partial<CaseEventView> = {}): CaseEventView => ({ caseId, agentId: 'maya@x', name: 'Maya', kind: 'replied', actionId: 'a1', at: clock, public: true, ...over });
  const sync = (page: Parameters<AccountCache['applyPage']>[1]) => cache.applyPage('cases', page);

  beforeEach(() => {
    clock = 10_000;
    db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'shiftdesk-guard-')), 'p.db') });
    const accounts = new AccountsRepo(db);
    const account = accounts.add({ kind: 'zendesk', name: 'x', baseUrl: 'http://x', email: 'me@x' });
    accounts.setIdentity(account.id, '7');
    cache = new AccountCache(db, account.id);
    cache.applyPage(null, {
      people: [person('7', 'Me', 'agent', 'me@x'), person('8', 'Maya', 'agent', 'Maya@x'), person('9', 'Kim Customer', 'customer', 'kim@c')],
      cases: [remoteCase()],
      messages: [message('9', 'Where is my parcel?')],
      cursor: null,
      caughtUp: true,
    });
    caseId = cache.cases.caseIdFor('100');
    events = new RecentCaseEvents(() => clock);
    const cases = new CaseService(db, () => undefined, () => []);
    outbox = new OutboxService(db, new OutboxRepo(db), new SendGuard(db, cases, events));
  });

  it('sends when nothing arrived since the draft began', () => {
    outbox.saveDraft(caseId, 'Hello', 'reply', clock);
    const result = outbox.send(caseId, reply('Hello Kim'), clock + 1);
    expect(result.stopped).toBeNull();
    expect(result.action).toMatchObject({ kind: 'reply', state: 'queued' });
    expect(outbox.draft(caseId)).toBeNull();
  });

  it('stops for a customer message, a teammate reply and a field change that sync brought, and keeps the draft', () => {
    outbox.saveDraft(caseId, 'Hello', 'reply', clock);
    sync({ cases: [remoteCase({ status: 'pending', assigneeRemoteId: '8', tags: ['shipping', 'vip'], version: 'v3', generatedTs: 3, updatedAt: 3_000 })], messages: [message('9', 'Any news?'), message('8', 'On it', { public: false })], cursor: 'c', caughtUp: true });
    clock += 1000;
    const result = outbox.send(caseId, reply('Hello Kim'), clock);
    expect(result.action).toBeNull();
    expect(result.stopped?.since).toBe(10_000);
    expect(result.stopped?.news.map((n) => (n.kind === 'message' ? `message:${n.message.author?.name}:${n.message.bodyText}` : n.kind === 'field' ? `field:${n.field}:${n.from}->${n.to}` : `event:${n.event.kind}`))).toEqual([
      'message:Kim Customer:Any news?',
      'message:Maya:On it',
      'field:status:open->pending',
      'field:assignee:null->Maya',
      'field:tags:shipping->shipping vip',
    ]);
    // Nothing queued; the message is the draft now, and what was shown is behind it.
    expect(outbox.list()).toEqual([]);
    expect(outbox.draft(caseId)).toMatchObject({ body: 'Hello Kim', mode: 'reply', baseVersion: 'v3' });
    // "Send anyway": the agent has seen it all.
    expect(outbox.send(caseId, reply('Hello Kim'), clock + 1).action).not.toBeNull();
  });

  it('does not count my own messages or my own field changes as news', () => {
    outbox.saveDraft(caseId, 'Draft', 'reply', clock);
    const repo = new OutboxRepo(db);
    const mine = repo.enqueue(caseId, { status: 'pending', addTags: ['mine'] });
    repo.markSending(mine.id);
    // The helpdesk applied my change; sync also brings a note of mine written elsewhere.
    repo.markSent(mine.id, {}, () => cache.applyPage(null, { cases: [remoteCase({ status: 'pending', tags: ['shipping', 'mine'], version: 'v3', generatedTs: 3, updatedAt: 3_000 })], cursor: null, caughtUp: true }), 'v3');
    sync({ messages: [message('7', 'my note', { public: false })], cursor: 'c', caughtUp: true });
    const result = outbox.send(caseId, reply('Draft done'), clock + 5);
    expect(result.stopped).toBeNull();
  });

  it('stops for a teammate event before sync brings it, and not again when the reply itself arrives', () => {
    outbox.saveDraft(caseId, 'Hello', 'reply', clock);
    clock += 500;
    events.add(event({ actionId: 'maya-reply-1' }));
    clock += 500;
    const first = outbox.send(caseId, reply('Hello Kim'), clock);
    expect(first.stopped?.news).toEqual([{ kind: 'event', event: expect.objectContaining({ kind: 'replied', agentId: 'maya@x', name: 'Maya' }) }]);
    // The agent chose "send anyway", after sync brought Maya's reply: it is the one already shown.
    sync({ messages: [message('8', 'Maya here: refund done')], cursor: 'c', caughtUp: true });
    clock += 100;
    expect(outbox.send(caseId, reply('Hello Kim'), clock).action).not.toBeNull();
  });

  it('shows the message instead of the event when both are there, and counts one message per announced reply', () => {
    outbox.saveDraft(caseId, 'Hello', 'reply', clock);
    clock += 10;
    events.add(event({ actionId: 'r1' }));
    events.add(event({ actionId: 'r2' }));
    events.add(event({ kind: 'status_changed', actionId: 'r2', status: 'pending', public: undefined }));
    sync({ cases: [remoteCase({ status: 'pending', version: 'v3', generatedTs: 3, updatedAt: 3_000 })], messages: [message('8', 'first')], cursor: 'c', caughtUp: true });
    const result = outbox.send(caseId, reply('Hello'), clock + 1);
    expect(result.stopped?.news.map((n) => n.kind + (n.kind === 'event' ? `:${n.event.actionId}` : ''))).toEqual(['message', 'field', 'event:r2']);
  });

  it('ignores events from before the draft began', () => {
    events.add(event());
    clock += 10;
    outbox.saveDraft(caseId, 'Hello', 'reply', clock);
    expect(outbox.send(caseId, reply('Hello'), clock + 1).stopped).toBeNull();
  });

  it('keeps the base of a draft across saves; a new draft begins a new base', () => {
    outbox.saveDraft(caseId, 'He', 'reply', clock);
    sync({ messages: [message('9', 'still there?')], cursor: 'c', caughtUp: true });
    outbox.saveDraft(caseId, 'Hello', 'reply', clock + 1);
    expect(outbox.send(caseId, reply('Hello'), clock + 2).stopped?.news).toHaveLength(1);
    outbox.saveDraft(caseId, '', 'reply', clock + 3); // "discard": the draft is gone
    sync({ messages: [message('9', 'hello??')], cursor: 'c', caughtUp: true });
    outbox.saveDraft(caseId, 'New', 'reply', clock + 4);
    expect(outbox.send(caseId, reply('New'), clock + 5).stopped).toBeNull();
  });

  it('sends without a guard when there is no draft (typed and sent before the first save)', () => {
    sync({ messages: [message('9', 'hello??')], cursor: 'c', caughtUp: true });
    expect(outbox.send(caseId, reply('Quick'), clock).action).not.toBeNull();
  });
});
