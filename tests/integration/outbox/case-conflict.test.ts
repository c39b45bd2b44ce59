import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type CustomerCommentResult, type DemoServer, type TeammateUpdateResult } from '../../../src-main/demo/index';
import { CoreClient } from '../../../src-main/core/rpc/core-client';
import type { CaseQueueReview, OutboxItemView, QueuedActionReview } from '../../../src-shared/contract/models';
import { newsKey } from '../../../src-shared/domain/case-hold';
import type { CaseIntent } from '../../../src-shared/domain/case-intent';
import { actionIdsInAudits } from '../../helpers/demo-audits';

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Issue 15, item 2, through the contract as the renderer drives it, against the demo helpdesk:
// offline, the agent queues several actions on one case while others change it; back online the
// first refusal holds the case's whole queue, each action is judged against what others did since
// it was queued (fields and thread, read again), and nothing of theirs is overwritten without a
// decision that is recorded with what the agent was shown.
describe('a conflict holds the case\'s whole queue', () => {
  let demo: DemoServer | undefined;
  let core: CoreClient | undefined;

  afterEach(async () => {
    await core?.stop();
    await demo?.close();
    core = undefined;
    demo = undefined;
  });

  async function start(seed: number): Promise<{ demo: DemoServer; core: CoreClient }> {
    demo = await startDemoServer({ seed, cases: 200 });
    const dir = mkdtempSync(join(tmpdir(), 'shiftdesk-case-conflict-'));
    core = new CoreClient({ dbPath: join(dir, 'profile.db'), secrets: 'memory', seedSecrets: { 'account:1:token': DEMO_TOKEN }, followIntervalMs: 200 });
    await core.ready;
    await core.call('accounts:add', { kind: 'zendesk', baseUrl: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    await until('the first sync', () => core!.call('sync:status', {}), (s) => s[0]?.historyComplete === true, 60_000);
    return { demo, core };
  }

  const admin = async <T>(server: DemoServer, path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const act = async (client: CoreClient, caseId: number, intent: CaseIntent): Promise<OutboxItemView> => (await client.call('cases:act', { caseIds: [caseId], intent })).actions[0]!;
  const shownFor = (action: QueuedActionReview) => action.news.map(newsKey);

  it('offline tag, status, reply and priority; a teammate solves and replies; back online each waits for its own decision, none overwrites them unseen', async () => {
    const { demo, core } = await start(61);
    const c = (await core.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 1 })).rows[0]!;
    const ticketId = Number(c.remoteId);

    // My own reply, sent before going offline: never news to me.
    const mine = await act(core, c.id, { comment: { body: 'Before going offline: I am checking with the courier.', public: true } });
    await until('my first reply to land', () => core.call('outbox:list', {}), (l) => l.length === 0);

    await core.call('network:setOffline', { offline: true });
    const tag = await act(core, c.id, { addTags: ['courier-check'] });
    const status = await act(core, c.id, { status: 'pending' });
    const replyText = 'Offline reply: the parcel left the depot this morning.';
    const reply = await act(core, c.id, { comment: { body: replyText, public: true } });
    const priorityValue = c.priority === 'high' ? 'urgent' : 'high';
    const priority = await act(core, c.id, { priority: priorityValue });

    // Meanwhile a teammate solves the case with a closing reply, through the demo's API.
    const teammateText = 'Teammate: refund issued, closing this. Thanks for your patience!';
    const teammate = await admin<TeammateUpdateResult>(demo, `/__demo/tickets/${ticketId}/teammate-update`, { status: 'solved', comment: { body: teammateText, public: true } });
    const before = demo.stats();

    await core.call('network:setOffline', { offline: false });
    const stopped = await until(
      'the queue to stop',
      () => core.call('outbox:list', {}),
      (l) => l.filter((i) => i.state === 'conflict').length === 3,
    );
    expect(stopped.map((i) => [i.id, i.state])).toEqual([
      [tag.id, 'conflict'],
      [status.id, 'conflict'],
      [reply.id, 'conflict'],
      [priority.id, 'queued'],
    ]);
    expect(stopped.map((i) => i.conflict?.reason ?? null)).toEqual(['refused', 'held', 'held', null]);
    // Ages are queue times: what the agent did when, not when the queue stopped.
    expect(stopped.map((i) => i.createdAt)).toEqual([tag.createdAt, status.createdAt, reply.createdAt, priority.createdAt]);
    // Only the tag was tried; the teammate's work stands.
    expect(demo.stats().updateConflicts - before.updateConflicts).toBe(1);
    expect(demo.stats().updatesApplied - before.updatesApplied).toBe(0);
    expect(demo.dataset.ticket(ticketId)!.status).toBe('solved');
    expect(await actionIdsInAudits(demo, ticketId)).toEqual([mine.id]);

    // The dialog's reading: the whole queue against what arrived (fields and thread, read again).
    const review = (await core.call('outbox:review', { caseId: c.id })) as CaseQueueReview;
    expect(review.reread).toBe(true);
    expect(review.remote.status).toBe('solved');
    expect(review.actions.map((a) => [a.item.id, a.verdict, a.touches])).toEqual([
      [tag.id, 'decide', []],
      [status.id, 'decide', ['status']],
      [reply.id, 'decide', ['thread']],
      [priority.id, 'waits', []],
    ]);
    const replyNews = review.actions[2]!.news;
    const newsMessages = replyNews.flatMap((n) => (n.kind === 'message' ? [n.message] : []));
    expect(newsMessages.map((m) => m.remoteId)).toEqual([String(teammate.commentId)]);
    expect(newsMessages.map((m) => m.bodyText).join(' ')).not.toContain('Before going offline');
    expect(replyNews.filter((n) => n.kind === 'field')).toContainEqual({ kind: 'field', field: 'status', from: c.status, to: 'solved' });

    // 1. Apply anyway on the tag: that action only.
    expect(await core.call('outbox:applyAnyway', { id: tag.id, shown: shownFor(review.actions[0]!) })).toEqual({ ok: true });
    await until('the tag to land', () => core.call('outbox:list', {}), (l) => !l.some((i) => i.id === tag.id));
    expect(demo.dataset.ticket(ticketId)!.tags).toContain('courier-check');
    expect(demo.dataset.ticket(ticketId)!.status).toBe('solved');
    const afterTag = await core.call('outbox:list', {});
    expect(afterTag.map((i) => [i.id, i.state])).toEqual([
      [status.id, 'conflict'],
      [reply.id, 'conflict'],
      [priority.id, 'queued'],
    ]);
    expect(await actionIdsInAudits(demo, ticketId)).toEqual([mine.id, tag.id]);

    // A decision on what the agent was not shown does nothing: look again.
    expect(await core.call('outbox:applyAnyway', { id: status.id, shown: [] })).toEqual({ ok: false, changed: true });
    expect((await core.call('outbox:list', {})).find((i) => i.id === status.id)?.state).toBe('conflict');

    // 2. Discard the status change; 3. edit the reply after reading the teammate's.
    const again = (await core.call('outbox:review', { caseId: c.id }))!;
    const statusReview = again.actions.find((a) => a.item.id === status.id)!;
    const replyReview = again.actions.find((a) => a.item.id === reply.id)!;
    expect(await core.call('outbox:discard', { id: status.id, shown: shownFor(statusReview) })).toEqual({ ok: true });
    // The priority change still waits behind the undecided reply.
    expect((await core.call('outbox:list', {})).map((i) => [i.id, i.state])).toEqual([
      [reply.id, 'conflict'],
      [priority.id, 'queued'],
    ]);
    const edited = 'Thanks for your patience: my colleague has refunded you, nothing more to do on your side.';
    expect(await core.call('outbox:edit', { id: reply.id, intent: { comment: { body: edited, public: true } }, shown: shownFor(replyReview) })).toEqual({ ok: true });
    await until('the queue to drain', () => core.call('outbox:list', {}), (l) => l.length === 0);

    // The helpdesk: the teammate's Solved stands, my edited reply comes after theirs, in order.
    const ticket = demo.dataset.ticket(ticketId)!;
    expect(ticket.status).toBe('solved');
    expect(ticket.priority).toBe(priorityValue);
    expect(await actionIdsInAudits(demo, ticketId)).toEqual([mine.id, tag.id, reply.id, priority.id]);
    const comments = demo.dataset.commentsFor(ticketId).map((m) => m.body);
    expect(comments.slice(-2)).toEqual([teammateText, edited]);
    expect(comments).not.toContain(replyText);

    // Every decision, with what was shown.
    const decisions = await core.call('outbox:decisions', { caseId: c.id });
    expect(decisions.map((d) => [d.actionId, d.choice])).toEqual([
      [tag.id, 'apply'],
      [status.id, 'discard'],
      [reply.id, 'edit'],
      [priority.id, 'released'],
    ]);
    const byAction = new Map(decisions.map((d) => [d.actionId, d]));
    expect(byAction.get(tag.id)!.shown.fields).toContainEqual({ field: 'status', from: c.status, to: 'solved' });
    expect(byAction.get(status.id)!.shown.touches).toEqual(['status']);
    expect(byAction.get(reply.id)!.shown.messages.map((m) => m.remoteId)).toEqual([String(teammate.commentId)]);
    expect(byAction.get(reply.id)!.editedIntent).toEqual({ comment: { body: edited, public: true } });
    expect(byAction.get(priority.id)!.shown.touches).toEqual([]);
  });

  it('a reply queued against a thread that has since had customer and teammate comments is not sent: the re-read thread shows them all', async () => {
    const { demo, core } = await start(62);
    const c = (await core.call('inbox:list', { view: 'all_open', sort: 'newest', limit: 1 })).rows[0]!;
    const ticketId = Number(c.remoteId);
    await core.call('network:setOffline', { offline: true });
    const replyText = 'Offline reply: we have booked a new delivery for tomorrow.';
    const reply = await act(core, c.id, { comment: { body: replyText, public: true } });

    const first = await admin<CustomerCommentResult>(demo, `/__demo/tickets/${ticketId}/customer-comment`, { body: 'Hello? Still waiting for my parcel.' });
    const second = await admin<CustomerCommentResult>(demo, `/__demo/tickets/${ticketId}/customer-comment`, { body: 'Never mind, a neighbour had it. Thanks!' });
    const teammate = await admin<TeammateUpdateResult>(demo, `/__demo/tickets/${ticketId}/teammate-update`, { comment: { body: 'Teammate: glad it turned up, nothing else needed.', public: true } });
    await core.call('network:setOffline', { offline: false });

    const [stopped] = await until('the reply to stop', () => core.call('outbox:list', {}), (l) => l[0]?.state === 'conflict');
    expect(stopped!.id).toBe(reply.id);
    expect(await actionIdsInAudits(demo, ticketId)).toEqual([]);
    const review = (await core.call('outbox:review', { caseId: c.id }))!;
    expect(review.reread).toBe(true);
    const [only] = review.actions;
    expect(only!.touches).toEqual(['thread']);
    expect(only!.news.flatMap((n) => (n.kind === 'message' ? [n.message.remoteId] : []))).toEqual([first.commentId, second.commentId, teammate.commentId].map(String));

    // Send anyway, having seen them: it lands once, after all three.
    expect(await core.call('outbox:applyAnyway', { id: reply.id, shown: only!.news.map(newsKey) })).toEqual({ ok: true });
    await until('the reply to land', () => core.call('outbox:list', {}), (l) => l.length === 0);
    expect(await actionIdsInAudits(demo, ticketId)).toEqual([reply.id]);
    expect(demo.dataset.commentsFor(ticketId).map((m) => m.body).at(-1)).toBe(replyText);
    const [decision] = await core.call('outbox:decisions', { caseId: c.id });
    expect(decision).toMatchObject({ actionId: reply.id, choice: 'apply' });
    expect(decision!.shown.messages.map((m) => m.authorKind)).toEqual(['customer', 'customer', 'agent']);
  });
});
