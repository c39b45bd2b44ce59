import type { DemoOrder, DemoTicket, DemoUser } from '../../src-main/demo/index';
import { luminance } from './helpers/app';
import { articleText, findRichCase } from './helpers/cases';
import { openingWords } from './helpers/demo-truth';
import { expect, test } from './helpers/fixtures';
import { OutboxUi } from './helpers/outbox';

// Opening a case: its thread matches the helpdesk, the customer pane shows who wrote in, a previous
// case opens from there, and internal notes are visibly marked.

test('a case shows its whole thread and the customer pane', async ({ app, host }) => {
  const rich = await findRichCase(host.truth, { exclude: [host.summary.hostileTicketId] });
  const { ticket, comments, requester } = rich;
  await app.openCase(ticket.id, ticket.status);

  await expect(app.caseTitle).toHaveText(ticket.subject);
  await expect(app.messages, `#${ticket.id} has ${comments.length} messages in the helpdesk`).toHaveCount(comments.length);
  const first = app.messages.first();
  await expect(first).toHaveAttribute('data-author-kind', 'customer');
  await expect(first).toHaveAttribute('data-message-id', /\S/);
  const firstText = await articleText(first);
  expect(firstText, 'first message text (oldest first)').toContain(openingWords(comments[0]!.body));
  const lastText = await articleText(app.messages.last());
  expect(lastText, 'last message text').toContain(openingWords(comments.at(-1)!.body));

  // The assignee picker offers active agents only (deleted and suspended ones stay out).
  const agents = await host.truth.agents();
  const inactive = agents.filter((a) => a.active === false || a.suspended === true);
  expect(inactive.length, 'the demo has former agents').toBeGreaterThan(0);
  const offered = await app.caseRegion.getByLabel('Case assignee', { exact: true }).locator('option').allTextContents();
  for (const a of agents) {
    if (inactive.includes(a) && a.id !== ticket.assignee_id) expect(offered, `${a.name} is not offered`).not.toContain(a.name);
    if (!inactive.includes(a)) expect(offered, `${a.name} is offered`).toContain(a.name);
  }

  // Fields
  const fields = app.caseRegion.locator('dl');
  await expect(fields).toBeVisible();
  await expect(fields).toContainText(new RegExp(ticket.status === 'hold' ? 'hold' : ticket.status, 'i'));

  // Customer pane
  const pane = app.customerPane;
  await expect(pane).toBeVisible();
  await expect(pane.locator('h2').first()).toHaveText(requester.name);
  const identities = pane.getByRole('list', { name: 'Identities', exact: true });
  await expect(identities).toContainText(requester.email!.toLowerCase(), { ignoreCase: true });
  await expect(pane.getByTestId('customer-tier')).toContainText(requester.user_fields.tier, { ignoreCase: true });
  await expect(pane.getByTestId('customer-ltv')).toHaveText(/\d/);
  const previous = pane.getByRole('list', { name: 'Previous cases', exact: true });
  await expect(previous).toBeVisible();
  for (const sibling of rich.siblings.slice(0, 5)) {
    await expect(previous.getByRole('button').filter({ hasText: sibling.subject }).first(), `previous case #${sibling.id} "${sibling.subject}"`).toBeVisible();
  }
});

test('a previous case opens from the customer pane', async ({ app, host }) => {
  const rich = await findRichCase(host.truth, { exclude: [host.summary.hostileTicketId] });
  await app.openCase(rich.ticket.id, rich.ticket.status);
  await expect(app.caseTitle).toHaveText(rich.ticket.subject);
  const sibling = rich.siblings.find((s) => s.subject !== rich.ticket.subject) ?? rich.siblings[0]!;
  const previous = app.customerPane.getByRole('list', { name: 'Previous cases', exact: true });
  await previous.getByRole('button').filter({ hasText: sibling.subject }).first().click();
  await expect(app.caseTitle).toHaveText(sibling.subject);
  const siblingComments = await host.truth.comments(sibling.id);
  await expect(app.messages).toHaveCount(siblingComments.length);
  await expect(app.customerPane.locator('h2').first()).toHaveText(rich.requester.name);
});

test('internal notes are visibly marked', async ({ app, host }) => {
  const rich = await findRichCase(host.truth, { exclude: [host.summary.hostileTicketId] });
  await app.openCase(rich.ticket.id, rich.ticket.status);
  const internalCount = rich.comments.filter((c) => !c.public).length;
  const notes = app.caseRegion.locator('article[data-internal="true"]');
  await expect(notes).toHaveCount(internalCount);
  const note = notes.first();
  await expect(note).toContainText('Internal note');
  const publicMessage = app.caseRegion.locator('article:not([data-internal="true"])').first();

  const noteBg = await note.evaluate((el) => getComputedStyle(el).backgroundColor);
  const publicBg = await publicMessage.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(noteBg, 'an internal note has its own background').not.toBe(publicBg);
  const [r, g, b] = (noteBg.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number];
  expect(luminance(noteBg), `note background ${noteBg} is opaque`).not.toBeNull();
  expect(r >= g && g > b && r - b > 15, `note background ${noteBg} is amber (r ≥ g > b)`).toBe(true);
});

test('a Korean customer’s lifetime value and orders are in won', async ({ app, host }) => {
  const ticket = await host.truth.ticket(host.summary.sampleKoreanTicketId);
  const requester = await host.truth.user(ticket.requester_id);
  expect(requester.user_fields.lifetime_value_currency, 'the helpdesk keeps the value in won').toBe('KRW');
  await app.openCase(ticket.id, ticket.status);
  const pane = app.customerPane;
  await expect(pane.locator('h2').first()).toHaveText(requester.name);
  const orders = pane.getByRole('list', { name: 'Recent orders', exact: true });
  await expect(orders).toBeVisible({ timeout: 15_000 });
  await expect(orders).toContainText('₩');
  await expect(orders).not.toContainText('$');
  // The value is the customer's (in won), never dollars.
  await expect(pane.getByTestId('customer-ltv')).toHaveText(/^₩[\d,]+$/);
});

test('offline, recent orders show what is cached, and are looked up once back online', async ({ app, host }) => {
  const ui = new OutboxUi(app);
  const pane = app.customerPane;
  const orders = pane.getByRole('list', { name: 'Recent orders', exact: true });
  const cannot = pane.getByText('Orders cannot be looked up while offline.', { exact: true });
  const asOf = pane.getByText(/^Offline: orders as of \S/);
  const skip = new Set([host.summary.hostileTicketId, host.summary.sampleKoreanTicketId]);
  const tickets = (await host.truth.tickets()).filter((t) => !skip.has(t.id));
  await ui.setWorkOffline(true);
  try {
    // A customer (with an e-mail, so orders can be looked up) whose orders nobody has looked up yet.
    let found = false;
    for (const ticket of tickets.slice(0, 30)) {
      const requester = await host.truth.user(ticket.requester_id);
      if (!requester.email) continue;
      await app.openCase(ticket.id, ticket.status);
      await expect(pane.locator('h2').first()).toHaveText(requester.name);
      await expect(cannot.or(asOf)).toBeVisible();
      if (await cannot.isVisible()) {
        found = true;
        break;
      }
    }
    expect(found, 'a customer without cached orders').toBe(true);
    await expect(pane).not.toContainText('Looking up orders');

    // Back online, the lookup runs by itself.
    await ui.setWorkOffline(false);
    await expect(orders).toBeVisible({ timeout: 15_000 });
    await expect(cannot).toHaveCount(0);
    await expect(asOf).toHaveCount(0);

    // Offline again: the orders stay, marked with when they were looked up.
    await ui.setWorkOffline(true);
    await expect(asOf).toBeVisible();
    await expect(orders).toBeVisible();
  } finally {
    if ((await ui.workOffline.getAttribute('aria-pressed')) === 'true') await ui.setWorkOffline(false);
  }
  await expect(asOf).toHaveCount(0);
  await expect(orders).toBeVisible();
});

/** What the customer is worth by the helpdesk and the CRM: the recorded value, or what the delivered orders come to when more. */
function expectedValue(user: DemoUser, orders: DemoOrder[]): { amount: number; currency: string } | null {
  const currencies = new Set(orders.map((o) => o.currency));
  if (currencies.size !== 1) return null;
  const counted = orders.filter((o) => o.status !== 'cancelled' && o.status !== 'refunded').reduce((sum, o) => sum + o.total, 0);
  return { amount: Math.max(user.user_fields.lifetime_value, counted), currency: [...currencies][0]! };
}

/** Rough dollars, only to pick customers whose value is large enough for smart priority to name it. */
const ROUGH_USD: Record<string, number> = { USD: 1, EUR: 1.09, KRW: 1 / 1350, JPY: 1 / 150 };

test('a customer’s name and value read the same in the row, the case’s reasons and the pane: a Korean customer, and one whose orders outgrew the recorded value', async ({ app, host }) => {
  test.setTimeout(90_000);
  const skip = new Set([host.summary.hostileTicketId, host.summary.emptyHtmlTicketId]);
  const unsolved = (await host.truth.tickets()).filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status) && !skip.has(t.id));
  const requesters = new Map((await host.truth.users([...new Set(unsolved.map((t) => t.requester_id))])).map((u) => [u.id, u]));
  const candidates: { ticket: DemoTicket; user: DemoUser; value: { amount: number; currency: string }; raised: boolean }[] = [];
  for (const ticket of unsolved) {
    const user = requesters.get(ticket.requester_id);
    if (!user?.email || candidates.some((c) => c.user.id === user.id)) continue;
    const value = expectedValue(user, await host.truth.orders(user.email));
    // Large enough for a "Lifetime value" reason (over $500, with a margin for the rough rates).
    if (value && value.amount * (ROUGH_USD[value.currency] ?? 1) >= 1_000) candidates.push({ ticket, user, value, raised: value.amount > user.user_fields.lifetime_value });
  }
  const korean = candidates.find((c) => c.value.currency === 'KRW');
  const raised = candidates.find((c) => c.raised && c !== korean && c.value.currency !== 'KRW');
  expect(korean, 'an unsolved case of a Korean customer worth naming').toBeDefined();
  expect(raised, 'an unsolved case of a customer whose orders outgrew the recorded value').toBeDefined();

  for (const { ticket, user, value } of [korean!, raised!]) {
    // In whole units from 1,000 up (₩ has no minor units anyway).
    const shown = new Intl.NumberFormat('en-US', { style: 'currency', currency: value.currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(value.amount);
    await app.openCase(ticket.id, ticket.status);
    await expect(app.caseTitle).toHaveText(ticket.subject);
    const pane = app.customerPane;
    await expect(pane.getByRole('list', { name: 'Recent orders', exact: true })).toBeVisible({ timeout: 15_000 });
    // The pane, the case's reasons and the row say the same name and the same value, in the same currency.
    await expect(pane.locator('h2').first()).toHaveText(user.name);
    await expect(pane.getByTestId('customer-ltv'), `${user.name}'s value`).toHaveText(shown);
    const reason = app.caseRegion.getByTestId('case-smart').getByTestId('smart-reason').and(app.page.locator('[data-kind="lifetime_value"]'));
    await expect(reason).toHaveText(new RegExp(`^Lifetime value ${shown.replace(/[$.]/g, '\\$&')} \\+\\d+$`));
    const row = app.row(ticket.id);
    await expect(row).toContainText(user.name);
    await expect(row).not.toContainText('Unknown customer');
    await app.filter('Sort').selectOption('smart');
    await expect(row.getByTestId('smart-score')).toHaveAttribute('aria-label', new RegExp(`Lifetime value ${shown.replace(/[$.]/g, '\\$&')} \\+\\d+`));
    await app.filter('Sort').selectOption('newest');
    if (value.currency === 'KRW') {
      await expect(pane.getByTestId('customer-ltv')).toHaveText(/^₩[\d,]+$/);
      await expect(reason).not.toContainText('$');
    }
  }

  // Search names the customer as the pane does.
  const name = raised!.user.name;
  await app.searchbox.fill(name);
  await app.searchbox.press('Enter');
  const results = app.searchResults;
  await expect(results).toBeVisible();
  await expect(results.getByRole('button').filter({ hasText: name }).first()).toBeVisible();
  await expect(results).not.toContainText('Unknown customer');
});
