import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import type { ChangeSet } from '../../../src-main/core/sync/sync-types';
import { fullyCaughtUp, openProfile, settledAnchor, waitForProgress } from '../../helpers/sync-harness';

describe('live traffic through incremental sync', () => {
  let demo: DemoServer;
  afterAll(() => demo?.close());

  it('brings new tickets, replies and teammates\' changes into the cache and announces them', async () => {
    // exportLagMs: 0: the test expects live changes in the cache at once, not a minute later.
    demo = await startDemoServer({ seed: 21, cases: 150, live: { intervalMs: 3_600_000 }, exportLagMs: 0, anchorTime: settledAnchor() });
    const dbPath = join(mkdtempSync(join(tmpdir(), 'shiftdesk-live-')), 'profile.db');
    const changes: ChangeSet[] = [];
    const progress: unknown[] = [];
    const { db, engine } = openProfile({ dbPath, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, followIntervalMs: 100, engine: { onChange: (c) => changes.push(c), onProgress: (p) => progress.push(p) } });
    void engine.start();
    // Caught up: the history, and the helpdesk's SLA events read after it (their first comparison made).
    await waitForProgress(engine, (p) => fullyCaughtUp(p) && p.slaCheck !== undefined);

    // Caught up and nothing happening: the streams keep polling (every 100 ms here), but a quiet
    // poll announces nothing, so the UI does no work for it.
    changes.length = 0;
    const progressEvents = progress.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(changes).toEqual([]);
    expect(progress.length - progressEvents).toBeLessThanOrEqual(1);

    // What the helpdesk shows: tickets not deleted and readable, and their comments.
    const shown = () => {
      const truth = demo.dataset.syncGroundTruth();
      return { cases: truth.ticketIds.length, comments: truth.commentIds.length, ticketIds: truth.ticketIds };
    };
    const visibleComments = db.prepare('SELECT count(*) FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.synced = 1').pluck();
    const before = shown();
    expect(visibleComments.get()).toBe(before.comments);
    changes.length = 0;

    demo.live.step(25);
    const after = shown();
    expect(after.cases).toBeGreaterThan(before.cases);
    expect(after.comments).toBeGreaterThan(before.comments);

    await waitForProgress(
      engine,
      () =>
        db.prepare('SELECT count(*) FROM cases WHERE synced = 1').pluck().get() === after.cases && visibleComments.get() === after.comments,
      20_000,
    );
    // Every ticket matches its live state (status, assignee), not just the new ones.
    const read = db.prepare('SELECT c.status, a.remote_id AS assignee FROM cases c LEFT JOIN agents a ON a.id = c.assignee_id WHERE c.remote_id = ?');
    const live = new Set(after.ticketIds);
    for (const ticket of demo.dataset.tickets().filter((t) => live.has(t.id))) {
      expect(read.get(String(ticket.id))).toEqual({ status: ticket.status, assignee: ticket.assignee_id === null ? null : String(ticket.assignee_id) });
    }
    expect(changes.some((c) => c.kinds.includes('cases') && c.caseIds.length > 0)).toBe(true);
    expect(changes.some((c) => c.kinds.includes('messages'))).toBe(true);
    await engine.stop();
    db.close();
  });
});
