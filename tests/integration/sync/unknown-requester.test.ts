import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT_EMAIL, DEMO_TOKEN, startDemoServer, type DemoServer, type LiveChange } from '../../../src-main/demo/index';
import { fullyCaughtUp, openProfile, settledAnchor, waitForProgress } from '../../helpers/sync-harness';

// A new customer's first ticket can come through the ticket export before the users export gets
// to the customer (the exports poll on their own, within one rate budget). The case must not read
// "Unknown customer" until then: sync looks the requester up at once (users/show_many).

describe('a requester named before their record arrives', () => {
  let demo: DemoServer;
  afterAll(() => demo?.close());

  it('is looked up at once, so the case has the customer’s name and identity', async () => {
    demo = await startDemoServer({ seed: 31, cases: 120, live: { intervalMs: 3_600_000 }, exportLagMs: 0, anchorTime: settledAnchor() });
    const dbPath = join(mkdtempSync(join(tmpdir(), 'shiftdesk-requester-')), 'profile.db');
    const { db, engine } = openProfile({ dbPath, url: demo.url, email: DEMO_AGENT_EMAIL, token: DEMO_TOKEN, followIntervalMs: 100 });
    void engine.start();
    await waitForProgress(engine, fullyCaughtUp);

    // From now on the users export does not answer: only a lookup can bring a new customer.
    demo.faults.add({ route: 'incremental/users/cursor', kind: 'status', status: 503, retryAfter: 1, times: 'always' });
    let created: LiveChange | undefined;
    for (let i = 0; i < 300 && !created; i++) created = demo.live.step(1).find((c) => c.kind === 'new-ticket' && c.newUserId !== null);
    expect(created, 'a live ticket from a brand-new customer').toBeDefined();
    const user = demo.dataset.user(created!.newUserId!)!;

    const customerOf = db.prepare(
      `SELECT cu.name, (SELECT value FROM customer_identities i WHERE i.customer_id = cu.id AND i.kind = 'email') AS email
       FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.remote_id = ? AND c.synced = 1`,
    );
    const deadline = Date.now() + 20_000;
    let row: { name: string; email: string | null } | undefined;
    while (Date.now() < deadline) {
      row = customerOf.get(String(created!.ticketId)) as typeof row;
      if (row?.name) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(row).toEqual({ name: user.name, email: user.email!.toLowerCase() });
    // The users export still refuses: the name came from the lookup.
    expect(demo.faults.list().some((f) => f.route === 'incremental/users/cursor')).toBe(true);
    await engine.stop();
    db.close();
  }, 90_000);
});
