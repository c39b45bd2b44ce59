import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer } from '../../../src-main/demo/index';
import { AccountsRepo } from '../../../src-main/core/db/repos/accounts-repo';
import { fullyCaughtUp, openProfile, settledAnchor, waitForProgress } from '../../helpers/sync-harness';

// Steps the helpdesk refuses degrade, they do not block (docs/zendesk-conformance.md "Steps that
// degrade"): listing agents or organizations, macros, SLA policies, and the exports themselves
// (admins only) are refused by roles and plans; cases and comments keep syncing and the account
// says what is missing.

const freshDb = () => join(mkdtempSync(join(tmpdir(), 'shiftdesk-degraded-')), 'profile.db');
const ALWAYS = 1_000_000;

describe('sync steps the helpdesk refuses', () => {
  let demo: DemoServer | undefined;
  afterEach(async () => {
    await demo?.close();
    demo = undefined;
  });

  it('a 404 on listing agents and 403s on organizations, macros and SLA policies: every case and comment still syncs, and the account says what is missing', async () => {
    demo = await startDemoServer({ seed: 21, cases: 400, anchorTime: settledAnchor() });
    demo.faults.add({ pathPattern: /^\/api\/v2\/users\.json\?role/, kind: 'status', status: 404, times: ALWAYS });
    demo.faults.add({ pathPattern: '/api/v2/organizations', kind: 'status', status: 403, times: ALWAYS });
    demo.faults.add({ pathPattern: '/api/v2/macros/active', kind: 'status', status: 403, times: ALWAYS });
    demo.faults.add({ pathPattern: '/api/v2/slas/policies', kind: 'status', status: 403, times: ALWAYS });
    const { db, engine, accountId } = openProfile({ dbPath: freshDb(), url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN });
    void engine.start();
    const done = await waitForProgress(engine, (p) => fullyCaughtUp(p) && p.notices.length >= 4);
    // The account works (cases sync): it is not "in error" for a refused directory step.
    expect(new AccountsRepo(db).get(accountId)!.status).toBe('ok');
    expect(done.state).toBe('following');
    await engine.stop();

    const truth = demo.dataset.syncGroundTruth();
    expect(db.prepare('SELECT count(*) FROM cases WHERE synced = 1').pluck().get()).toBe(truth.ticketIds.length);
    expect(db.prepare('SELECT count(*) FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.synced = 1').pluck().get()).toBe(truth.commentIds.length);
    expect(done.notices.map((n) => [n.step, n.problem, n.status]).sort()).toEqual([
      ['agents', 'not-found', 404],
      ['macros', 'forbidden', 403],
      ['organizations', 'forbidden', 403],
      ['sla-policies', 'forbidden', 403],
    ]);
    expect(done.notices.every((n) => n.retryAt !== null && n.retryAt > Date.now())).toBe(true);
    // Agents come with the user export instead: assignees have their names, not placeholders.
    const placeholders = db.prepare("SELECT count(*) FROM agents WHERE name LIKE 'Agent %'").pluck().get();
    expect(placeholders).toBe(0);
    db.close();
  });

  it('exports refused (an agent who is not an admin): my cases and the open queue sync from search, threads come when a case is opened, and new cases arrive by snapshot', async () => {
    demo = await startDemoServer({ seed: 22, cases: 400, anchorTime: settledAnchor() });
    demo.faults.add({ pathPattern: '/api/v2/incremental/', kind: 'status', status: 403, times: ALWAYS });
    const { db, engine, accountId } = openProfile({ dbPath: freshDb(), url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, engine: { snapshotIntervalMs: 200 } });
    void engine.start();
    const progress = await waitForProgress(engine, (p) => p.firstWorkReady && ['people', 'cases', 'messages'].every((s) => p.notices.some((n) => n.step === s)));
    expect(progress.notices.filter((n) => ['people', 'cases', 'messages'].includes(n.step)).every((n) => n.problem === 'forbidden' && n.severity === 'error')).toBe(true);
    expect(new AccountsRepo(db).get(accountId)!.status).not.toBe('error');

    const unsolved = demo.dataset.tickets().filter((t) => !['solved', 'closed'].includes(t.status));
    const visible = () => db.prepare('SELECT remote_id FROM cases WHERE synced = 1').pluck().all() as string[];
    await waitForProgress(engine, () => visible().length === unsolved.length);
    expect(new Set(visible())).toEqual(new Set(unsolved.map((t) => String(t.id))));

    // Opening a case whose thread is not cached fetches it.
    const target = unsolved.find((t) => t.assignee_id !== demo!.dataset.meAgent.id)!;
    const caseId = db.prepare('SELECT id FROM cases WHERE remote_id = ?').pluck().get(String(target.id)) as number;
    await engine.ensureThread(caseId);
    expect(db.prepare('SELECT count(*) FROM messages WHERE case_id = ?').pluck().get(caseId)).toBe(demo.dataset.commentsFor(target.id).length);

    // A new case on the helpdesk comes with the next snapshot.
    const before = demo.dataset.ticketCount;
    while (demo.dataset.ticketCount === before) demo.live.step(1);
    const created = demo.dataset.ticket(demo.dataset.ticketCount)!;
    await waitForProgress(engine, () => visible().includes(String(created.id)));
    await engine.stop();
    db.close();
  });
});
