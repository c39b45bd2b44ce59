import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { OutboxRepo } from '../../../src-main/core/db/repos/outbox-repo';
import { OutboxSender } from '../../../src-main/core/outbox/outbox-sender';
import { actionIdsInAudits } from '../../helpers/demo-audits';
import { fullyCaughtUp, openProfile, waitForProgress } from '../../helpers/sync-harness';

async function syncedProfile(demo: DemoServer) {
  const profile = openProfile({ dbPath: join(mkdtempSync(join(tmpdir(), 'shiftdesk-outbox-')), 'p.db'), url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
  void profile.engine.start();
  await waitForProgress(profile.engine, fullyCaughtUp);
  const outbox = new OutboxRepo(profile.db);
  const sender = new OutboxSender({ db: profile.db, accountId: profile.accountId, connector: profile.connector, cache: profile.engine.cache, outbox, backoff: { baseMs: 20, capMs: 100 } });
  const openCases = profile.db.prepare(`SELECT id, remote_id AS remoteId FROM cases WHERE queue = 'open' AND synced = 1 ORDER BY id LIMIT 10`).all() as { id: number; remoteId: string }[];
  return { ...profile, outbox, sender, openCases };
}

describe('outbox sender against the demo helpdesk', () => {
  let demo: DemoServer | undefined;
  afterEach(async () => {
    await demo?.close();
    demo = undefined;
  });

  it('delivers replies, notes, field and tag changes exactly once, in order per case', async () => {
    demo = await startDemoServer({ seed: 31, cases: 200 });
    const { db, engine, outbox, sender, openCases } = await syncedProfile(demo);
    const [a, b] = openCases;
    const first = outbox.enqueue(a!.id, { comment: { body: 'We are on it.', public: true }, status: 'pending' });
    const second = outbox.enqueue(a!.id, { addTags: ['shiftdesk-test'], priority: 'high' });
    const third = outbox.enqueue(b!.id, { comment: { body: 'Internal: check the warehouse', public: false } });
    const delivered = await sender.drainOnce();
    expect(delivered).toBe(3);
    expect(outbox.list()).toEqual([]);
    expect(await actionIdsInAudits(demo, a!.remoteId)).toEqual([first.id, second.id]);
    expect(await actionIdsInAudits(demo, b!.remoteId)).toEqual([third.id]);
    const ticket = demo.dataset.ticket(Number(a!.remoteId))!;
    expect(ticket).toMatchObject({ status: 'pending', priority: 'high' });
    expect(ticket.tags).toContain('shiftdesk-test');
    const comments = demo.dataset.commentsFor(Number(a!.remoteId));
    expect(comments.at(-1)).toMatchObject({ body: 'We are on it.', public: true, author_id: demo.dataset.meAgent.id });
    // The optimistic reply became the real comment: sync does not bring a second copy.
    await waitForProgress(engine, () => db.prepare('SELECT count(*) FROM messages WHERE case_id = ?').pluck().get(a!.id) === comments.length);
    expect(db.prepare(`SELECT count(*) FROM messages WHERE case_id = ? AND remote_id LIKE 'local:%'`).pluck().get(a!.id)).toBe(0);
    await engine.stop();
  });

  it('turns a stale version into a conflict, and "apply anyway" sends it against the new one', async () => {
    demo = await startDemoServer({ seed: 32, cases: 200 });
    const { engine, outbox, sender, openCases } = await syncedProfile(demo);
    const target = openCases[0]!;
    const action = outbox.enqueue(target.id, { status: 'solved' });
    demo.live.teammateUpdate(Number(target.remoteId), { comment: 'Teammate: customer called again' });
    await sender.drainOnce();
    const conflicted = outbox.get(action.id)!;
    expect(conflicted.state).toBe('conflict');
    expect(conflicted.lastError).toMatch(/changed on the helpdesk/);
    expect(demo.dataset.ticket(Number(target.remoteId))!.status).not.toBe('solved');
    expect(demo.stats().updateConflicts).toBe(1);
    outbox.applyAnyway(action.id);
    await sender.drainOnce();
    expect(outbox.get(action.id)!.state).toBe('sent');
    expect(demo.dataset.ticket(Number(target.remoteId))!.status).toBe('solved');
    expect(await actionIdsInAudits(demo, target.remoteId)).toEqual([action.id]);
    await engine.stop();
  });

  it('keeps a refused change as failed with the helpdesk\'s message', async () => {
    demo = await startDemoServer({ seed: 33, cases: 200 });
    const { engine, outbox, sender, openCases } = await syncedProfile(demo);
    demo.faults.add({ pathPattern: `/api/v2/tickets/${openCases[0]!.remoteId}`, method: 'PUT', kind: 'status', status: 422, times: 1 });
    const action = outbox.enqueue(openCases[0]!.id, { priority: 'urgent' });
    await sender.drainOnce();
    expect(outbox.get(action.id)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/refused the change \(422/) });
    outbox.retry(action.id);
    await sender.drainOnce();
    expect(outbox.get(action.id)!.state).toBe('sent');
    await engine.stop();
  });

  it('honours 429 Retry-After and, when an answer is lost, finds the action in the audits instead of sending twice', async () => {
    demo = await startDemoServer({ seed: 34, cases: 200 });
    const { engine, outbox, sender, openCases } = await syncedProfile(demo);
    const [a, b] = openCases;
    demo.faults.add({ pathPattern: `/api/v2/tickets/${a!.remoteId}`, method: 'PUT', kind: 'status', status: 429, retryAfter: 1, times: 1 });
    demo.faults.add({ pathPattern: `/api/v2/tickets/${b!.remoteId}`, method: 'PUT', kind: 'truncated-json', times: 1 });
    const limited = outbox.enqueue(a!.id, { addTags: ['limited'] });
    const lost = outbox.enqueue(b!.id, { comment: { body: 'Answer lost on the way back', public: true } });
    await sender.drainOnce();
    expect(outbox.get(limited.id)).toMatchObject({ state: 'queued' });
    expect(outbox.get(limited.id)!.nextAttemptAt).toBeGreaterThan(Date.now() + 500);
    expect(outbox.get(lost.id)).toMatchObject({ state: 'queued', verifyBeforeSend: true });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await sender.drainOnce();
    expect(outbox.list()).toEqual([]);
    expect(await actionIdsInAudits(demo, a!.remoteId)).toEqual([limited.id]);
    expect(await actionIdsInAudits(demo, b!.remoteId)).toEqual([lost.id]);
    await engine.stop();
  });
});
