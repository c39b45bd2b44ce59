import { App } from './helpers/app';
import { OutboxUi } from './helpers/outbox';
import { expect, test } from './helpers/own-host';
import { docShot } from './helpers/doc-shot';

// Issue 5, end to end: two web hosts as two agents on one demo helpdesk and its presence broker.
// A (the demo's own agent, Jordan Lee) runs the embedded demo and broker; B signs in as Maya
// Rodriguez with `--agent`, `--demo-url` and `--presence-url` (as two-hosts-presence.test.ts does).
// Each has its own page. What A does on a case, B sees in its list and in the case, live.

const MAYA = 'maya.rodriguez@support.shiftdesk.example';

test('two agents see each other on a case: viewing, typing, the collision warning, and the send-time guard', async ({ own, context }) => {
  const a = await own.start();
  expect(a.web.presenceUrl, 'the first host prints its presence broker').toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  const b = await own.start({ demoUrl: a.web.demoUrl, extraArgs: ['--agent', MAYA, '--presence-url', a.web.presenceUrl!] });
  const ticket = (await a.truth.tickets()).filter((t) => t.status === 'new' || t.status === 'open').sort((x, y) => y.id - x.id)[0]!;

  const appA = await own.open(a);
  const appB = new App(await context.newPage(), b.web.appUrl);
  await appB.goto();
  const uiA = new OutboxUi(appA);
  const uiB = new OutboxUi(appB);

  // My status is in the status bar, and switches between available and away.
  const myStatus = appB.page.getByTestId('my-presence');
  await expect(myStatus).toHaveAttribute('data-status', 'available');
  await expect(myStatus).toHaveAttribute('data-connection', 'connected');
  const away = myStatus.getByRole('button', { name: 'Away', exact: true });
  await away.click();
  await expect(myStatus).toHaveAttribute('data-status', 'away');
  await expect(away).toHaveAttribute('aria-pressed', 'true');
  await away.click();
  await expect(myStatus).toHaveAttribute('data-status', 'available');

  // B's list shows the case, nobody on it yet.
  await appB.switchView('all_open');
  await appB.textFilter.fill(String(ticket.id));
  const rowB = appB.row(ticket.id);
  await expect(rowB).toBeVisible();
  await expect(rowB.getByTestId('row-presence')).toHaveCount(0);

  // A opens it: B's row says who and what.
  await appA.openCase(ticket.id, ticket.status);
  const marker = rowB.getByTestId('row-presence');
  await expect(marker).toHaveAttribute('title', 'Jordan Lee viewing');
  await expect(marker).toHaveAttribute('aria-label', 'Jordan Lee viewing');

  // B opens it too: A is shown in the case header, and A sees B.
  await rowB.click();
  const jordan = appB.caseRegion.getByTestId('case-presence').getByTestId('presence-agent');
  await expect(jordan).toHaveCount(1);
  await expect(jordan).toHaveAttribute('data-agent-name', 'Jordan Lee');
  await expect(jordan).toHaveAttribute('data-state', 'viewing');
  await expect(jordan).toContainText('Jordan Lee · viewing');
  const maya = appA.caseRegion.getByTestId('presence-agent');
  await expect(maya).toHaveAttribute('data-agent-name', 'Maya Rodriguez');
  await expect(maya).toHaveAttribute('data-state', 'viewing');
  await appB.page.screenshot({ path: docShot('presence-viewing.png') });

  // A types: B sees it in the case and in the list.
  await uiA.message.fill('Hi! I am looking into this for you right now.');
  await expect(jordan).toHaveAttribute('data-state', 'typing');
  await expect(jordan).toContainText('Jordan Lee · typing');
  await expect(marker).toHaveAttribute('title', 'Jordan Lee typing');
  // No warning while B only reads.
  await expect(uiB.composer.getByTestId('collision-warning')).toHaveCount(0);

  // B starts typing too: warned, and A sees B typing.
  await uiB.message.fill('Hello, thanks for');
  const warning = appB.page.getByRole('alert').and(appB.page.getByTestId('collision-warning'));
  await expect(warning).toHaveText('Jordan Lee is also typing a reply');
  await expect(maya).toHaveAttribute('data-state', 'typing');
  await appB.page.screenshot({ path: docShot('presence-typing.png') });

  // B's draft is saved: what the case is now is what B writes against.
  await expect(uiB.composer.getByText('Draft saved', { exact: true })).toBeVisible();

  // A sends. B, still writing, is stopped at send with A's reply shown above the draft.
  const replyA = 'Hi! I am looking into this for you right now.';
  await uiA.message.press('Control+Enter');
  await expect(uiA.message).toHaveValue('');
  const replyB = 'Hello, thanks for writing in. Your refund is on its way.';
  await uiB.message.fill(replyB);
  await uiB.composer.getByRole('button', { name: 'Send', exact: true }).click();
  const guard = uiB.composer.getByTestId('send-guard');
  await expect(guard).toBeVisible();
  await expect(guard.getByRole('heading')).toHaveText('Not sent: 1 new thing on this case');
  const news = guard.getByTestId('send-guard-item');
  await expect(news).toHaveCount(1);
  await expect(news).toContainText('Jordan Lee');
  await expect(news).toContainText(replyA);
  // Nothing was queued, and the draft is intact.
  await expect(uiB.message).toHaveValue(replyB);
  await expect(uiB.pendingMessages).toHaveCount(0);
  await appB.page.screenshot({ path: docShot('presence-send-guard.png') });

  // B sends anyway: both replies land on the helpdesk, A's first.
  await guard.getByRole('button', { name: 'Send anyway', exact: true }).click();
  await expect(guard).toHaveCount(0);
  await expect(uiB.message).toHaveValue('');
  await expect
    .poll(async () => (await a.truth.comments(ticket.id)).slice(-2).map((c) => c.body), { timeout: 15_000 })
    .toEqual([replyA, replyB]);
  // B's thread shows both, in that order, once delivered.
  const threadB = appB.caseRegion.locator('article');
  await expect(threadB.filter({ hasText: replyB })).not.toHaveAttribute('data-pending', 'true', { timeout: 15_000 });
  const texts = await threadB.allInnerTexts();
  expect(texts.findIndex((t) => t.includes(replyA))).toBeLessThan(texts.findIndex((t) => t.includes(replyB)));
  await appB.page.screenshot({ path: docShot('presence-sent-anyway.png') });

  // B closes the case (opens another): A no longer sees B.
  await appB.textFilter.fill('');
  await appB.list.locator(`[role="option"]:not([data-remote-id="${ticket.id}"])`).first().click();
  await expect(appA.caseRegion.getByTestId('presence-agent')).toHaveCount(0);
});
