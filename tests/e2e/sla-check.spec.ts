import { expect, test } from './helpers/own-host';

// Our SLA clocks against the helpdesk's own verdict (docs/sla.md "The helpdesk's verdict"): while
// they agree the status bar says nothing; once they differ (here: a first-reply target edited on
// this computer only) it says on how many clocks. Its own host: the test edits a policy.

test('the status bar says when our SLA clocks differ from the helpdesk’s own verdict', async ({ own }) => {
  const host = await own.start();
  const app = await own.open(host);
  const status = async () => (await host.rpc.call('sync:status', {}))[0]!;
  await expect.poll(async () => (await status()).slaCheck?.cases ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  expect((await status()).slaCheck!.disagreements).toBe(0);
  const check = app.page.getByTestId('sla-check');
  await expect(app.syncStatus).toContainText(/Synced/);
  await expect(check).toHaveCount(0);

  // High priority's first reply: 60 minutes on the helpdesk, 61 here (a local override).
  const policy = (await host.rpc.call('sla:policies:list', {})).find((p) => p.targets.some((t) => t.target === 'first_reply' && t.priority === 'high' && t.minutes === 60))!;
  await host.rpc.call('sla:policies:save', {
    id: policy.id,
    title: policy.title,
    targets: policy.targets.map((t) => (t.target === 'first_reply' && t.priority === 'high' ? { ...t, minutes: 61 } : t)),
  });
  // The comparison runs when the helpdesk's events bring news: a teammate replies on an open case.
  const open = (await host.rpc.call('inbox:list', { view: 'all_open', filters: {}, sort: 'newest', offset: 0, limit: 100 })).rows;
  const measured = open.filter((r) => r.sla?.helpdesk?.some((h) => h.target === 'first_reply' && h.targetMinutes === 60) && r.sla.clocks.some((c) => c.target === 'first_reply' && c.policyId === policy.id));
  expect(measured.length, 'open high-priority cases the helpdesk measures').toBeGreaterThan(0);
  const res = await fetch(`${host.web.demoUrl}/__demo/tickets/${open[0]!.remoteId}/teammate-update`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ comment: { body: 'Picked this up.', public: true } }),
  });
  expect(res.status).toBe(200);
  await expect.poll(async () => (await status()).slaCheck?.disagreements ?? 0, { timeout: 60_000 }).toBeGreaterThanOrEqual(measured.length);
  const disagreements = (await status()).slaCheck!.disagreements;
  await expect(check).toHaveText(`${disagreements} SLA clock${disagreements === 1 ? '' : 's'} ${disagreements === 1 ? 'differs' : 'differ'} from the helpdesk`);
  await expect(check).toHaveAttribute('title', /compared with the helpdesk’s own verdict on \d+ cases/);
});
