import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import type { DemoTicket, DemoUser } from '../../src-main/demo/index';
import { CUSTOMER_USER, DEFAULT_USERS, SUPPORT_PASSWORD, SUPPORT_USER, startMailServer, type ListedMessage, type MailServer } from '../helpers/dovecot';
import { makeMail } from '../helpers/mail-corpus';
import { App, selectOptionLoosely } from './helpers/app';
import { startSyncedHost, type HostFixture } from './helpers/fixtures';
import { OutboxUi } from './helpers/outbox';
import { docShot } from './helpers/doc-shot';

// The e-mail channel end to end: a person connects the team's shared support mailbox (a real
// dovecot IMAP server and an SMTP receiver on loopback) beside the demo helpdesk, and sees mail
// cases and helpdesk cases in one inbox; answers a customer by mail; and shares the case's status
// and tags with the team through the mailbox's `Shiftdesk` folder. Its own web host: it adds an account.

const MAILBOX_NAME = 'Support mailbox';
const DEMO_CUSTOMER_PASSWORD = 'demo-customer-pass';
const minutesAgo = (n: number) => Date.now() - n * 60_000;

interface SeededThread {
  subject: string;
  from: { name: string; address: string };
  messageId: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** A photo the customer sends: bytes that must come back identical when the agent downloads it. */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40_000, 0x5a), Buffer.from([0xff, 0xd9])]);

let host: HostFixture;
let server: MailServer;
/** A customer of the demo helpdesk (with an open ticket) who also writes to the support mailbox. */
let demoCustomer: DemoUser;
let demoCustomerTickets: DemoTicket[];
let threads: SeededThread[];
/** The demo customer's thread: the one the test answers. */
let sharedThread: SeededThread;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  host = await startSyncedHost({ cases: 60, seed: 7 });
  // A requester with an open ticket (listed under `All open`) and a plain address.
  const tickets = await host.truth.tickets();
  const open = tickets.filter((t) => t.status === 'new' || t.status === 'open');
  const requesters = await host.truth.users([...new Set(open.map((t) => t.requester_id))]);
  demoCustomer = requesters.find((u) => typeof u.email === 'string' && /^[^\s:@]+@[^\s:@]+$/.test(u.email) && u.role === 'end-user')!;
  expect(demoCustomer, 'a demo requester with an e-mail address').toBeDefined();
  demoCustomerTickets = tickets.filter((t) => t.requester_id === demoCustomer.id);

  // The SMTP receiver delivers only to users it knows: the demo customer gets a mailbox too.
  server = await startMailServer({ users: [...DEFAULT_USERS, { user: demoCustomer.email!, password: DEMO_CUSTOMER_PASSWORD }] });
  const support = { name: 'Shiftdesk Support', address: SUPPORT_USER };
  threads = [
    { subject: 'Refund for order 4411 has not arrived', from: { name: 'Casey Morgan', address: CUSTOMER_USER }, messageId: 'e2e-refund-4411@example.test', text: 'Hello, you promised a refund two weeks ago and it has still not reached my card.' },
    { subject: '배송이 아직 도착하지 않았어요', from: { name: '김민지', address: 'minji.kim@example.test' }, messageId: 'e2e-korean-1@example.test', text: '주문한 상품이 일주일이 지나도 도착하지 않았습니다. 확인 부탁드립니다.' },
    { subject: 'Cannot reset my password', from: { name: 'Priya Shah', address: 'priya.shah@example.test' }, messageId: 'e2e-password-1@example.test', text: 'The reset link in your e-mail says it has expired, every time.' },
    { subject: 'Invoice shows the wrong VAT number', from: { name: demoCustomer.name, address: demoCustomer.email! }, messageId: 'e2e-vat-1@example.test', text: 'Our last invoice carries an old VAT number. Could you send a corrected one?' },
    { subject: 'Damaged packaging on delivery', from: { name: 'Tom Becker', address: 'tom.becker@example.test' }, messageId: 'e2e-damaged-1@example.test', text: 'The box was crushed and one of the mugs is broken. A photo is attached.', attachments: [{ filename: 'crushed-box.jpg', contentType: 'image/jpeg', content: PHOTO }] },
    { subject: 'Do you ship to Iceland?', from: { name: 'Anna Jónsdóttir', address: 'anna.j@example.test' }, messageId: 'e2e-iceland-1@example.test', text: 'I would like to order three items; do you deliver to Reykjavík?' },
  ];
  sharedThread = threads[3]!;
  await server.appendMany(
    SUPPORT_USER,
    'INBOX',
    // Each arrived when it was sent (the server's arrival dates a mail case, not its Date header).
    threads.map((t, i) => {
      const date = minutesAgo(90 - i * 10);
      return { raw: makeMail({ from: t.from, to: support, subject: t.subject, messageId: t.messageId, date, text: t.text, ...(t.attachments ? { attachments: t.attachments } : {}) }), internalDate: new Date(date) };
    }),
  );
  // The team already answered the password thread from the support address (it sits in Sent).
  await server.append(
    SUPPORT_USER,
    'Sent',
    makeMail({
      from: support,
      to: threads[2]!.from,
      subject: `Re: ${threads[2]!.subject}`,
      messageId: 'e2e-password-reply@shiftdesk.test',
      inReplyTo: threads[2]!.messageId,
      references: [threads[2]!.messageId],
      date: minutesAgo(20),
      text: 'Sorry about that: the links last 30 minutes. Could you try again and tell us if it still fails?',
    }),
    { internalDate: new Date(minutesAgo(20)) },
  );
});

test.afterAll(async () => {
  host?.rpc.close();
  await host?.web.stop();
  await server?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: docShot(name), fullPage: false });
const headerOf = (message: ListedMessage, name: string) => message.headers[name.toLowerCase()] ?? '';

const consoleLines: string[] = [];
test.beforeEach(({ page }) => {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') consoleLines.push(`[${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  await testInfo.attach('browser-console', { body: consoleLines.join('\n') || '(none)', contentType: 'text/plain' });
  await testInfo.attach('web-host-stderr', { body: host.web.stderrText().slice(-20_000) || '(none)', contentType: 'text/plain' });
  await testInfo.attach('dovecot-log', { body: server.log().slice(-20_000) || '(none)', contentType: 'text/plain' });
});

test('mail cases and helpdesk cases in one inbox: connect a mailbox, filter, reply, share state', async ({ page }) => {
  test.setTimeout(90_000);
  const app = new App(page, host.web.appUrl);
  const ui = new OutboxUi(app);
  const seededSubjects = new Set(threads.map((t) => t.subject));
  const started = Date.now();
  const timings: string[] = [];
  const mark = (label: string) => timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  try {
    await app.goto();
    const [helpdesk] = await host.rpc.call('accounts:list', {});
    expect(helpdesk?.kind).toBe('zendesk');

    mark('app loaded');
    await test.step('connect the support mailbox in Settings', async () => {
      const dialog = await app.openSettings();
      const kind = dialog.getByRole('radiogroup', { name: 'Account type', exact: true });
      // The radios are a segmented control: a person clicks the option's label.
      const mailboxKind = kind.getByRole('radio', { name: 'Mailbox (IMAP/SMTP)', exact: true });
      await kind.locator('label', { hasText: 'Mailbox (IMAP/SMTP)' }).click();
      await expect(mailboxKind).toBeChecked();
      const form = dialog.getByRole('form', { name: 'Add an account', exact: true });
      await form.getByLabel('Support address', { exact: true }).fill(SUPPORT_USER);
      await form.getByLabel('Your name', { exact: true }).fill('Jordan Lee');
      await form.getByLabel('Your email', { exact: true }).fill('jordan.lee@shiftdesk.test');
      await form.getByLabel('Account name', { exact: true }).fill(MAILBOX_NAME);
      await form.getByLabel('IMAP server', { exact: true }).fill(server.imap.host);
      await form.getByLabel('IMAP security', { exact: true }).selectOption('none');
      await expect(form.getByLabel('IMAP port', { exact: true })).toHaveValue('143');
      await form.getByLabel('IMAP port', { exact: true }).fill(String(server.imap.port));
      await expect(form.getByLabel('IMAP user', { exact: true }), 'follows the support address').toHaveValue(SUPPORT_USER);
      await form.getByLabel('Password', { exact: true }).fill(SUPPORT_PASSWORD);
      await expect(form.getByLabel('SMTP server', { exact: true }), 'follows the IMAP server').toHaveValue(server.imap.host);
      await form.getByLabel('SMTP security', { exact: true }).selectOption('none');
      await form.getByLabel('SMTP port', { exact: true }).fill(String(server.smtp.port));
      await expect(form.getByLabel('SMTP user', { exact: true })).toHaveValue(SUPPORT_USER);

      await form.getByRole('button', { name: 'Test connection', exact: true }).click();
      await expect(form.getByRole('status').filter({ hasText: 'Signed in to' })).toHaveText(`Signed in to ${SUPPORT_USER}: IMAP, SMTP and the folders work.`, { timeout: 15_000 });
      await expect(form.getByRole('alert')).toHaveCount(0);
      mark('connection tested');
      // The servers, the folders and the test's result in view (the identity fields are above them).
      await form.getByRole('group', { name: 'Servers', exact: true }).evaluate((el) => {
        el.scrollIntoView({ block: 'start' });
        // A little air above the legend.
        for (let box = el.parentElement; box; box = box.parentElement) {
          if (box.scrollHeight > box.clientHeight && getComputedStyle(box).overflowY !== 'visible') {
            box.scrollTop -= 16;
            break;
          }
        }
      });
      await expect(form.getByRole('button', { name: 'Add account', exact: true })).toBeInViewport();
      await shot(page, 'email-settings-form.png');

      await form.getByRole('button', { name: 'Add account', exact: true }).click();
      const mailbox = dialog.locator('li[data-account-kind="email"]');
      await expect(mailbox).toHaveCount(1, { timeout: 15_000 });
      await expect(mailbox.getByRole('img', { name: 'Mailbox', exact: true })).toBeVisible();
      await expect(mailbox).toContainText(MAILBOX_NAME);
      await expect(mailbox).toContainText(SUPPORT_USER);
      await expect(mailbox.getByTestId('account-imap')).toHaveText(`IMAP ${server.imap.host}:${server.imap.port}`);
      // It says what the team shares through the mailbox and what stays on this computer.
      await expect(mailbox.getByTestId('account-shared')).toContainText('shared with your team through the “Shiftdesk” folder');
      await expect(mailbox.getByTestId('account-shared')).toContainText('drafts stay on this computer');
      await expect(dialog.locator('li[data-account-kind="zendesk"]').getByRole('img', { name: 'Helpdesk', exact: true })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      mark('mailbox added');
    });

    const accounts = await host.rpc.call('accounts:list', {});
    const mailAccount = accounts.find((a) => a.kind === 'email')!;
    expect(mailAccount).toMatchObject({ name: MAILBOX_NAME });
    // Every rendered row's text: a row of a seeded thread contains its subject.
    const rowTexts = () => app.rows.allTextContents();

    await test.step('the inbox lists mail cases beside helpdesk cases; the Account filter narrows it', async () => {
      await app.switchView('all_open');
      for (const t of threads) await expect(app.rows.filter({ hasText: t.subject }), t.subject).toHaveCount(1, { timeout: 30_000 });
      mark('mail cases listed');
      // The password thread holds the team's answer from Sent: the row previews it.
      await expect(app.rows.filter({ hasText: threads[2]!.subject })).toContainText('Sorry about that');
      // With two accounts, each row names its account.
      await expect(app.rows.filter({ hasText: threads[0]!.subject }).getByTestId('row-account')).toHaveText(MAILBOX_NAME);
      // Helpdesk cases are there too.
      const openTickets = (await host.truth.tickets()).filter((t) => t.status === 'new' || t.status === 'open');
      await expect(app.row(openTickets[0]!.id)).toHaveCount(1);

      const account = app.filters.getByLabel('Account', { exact: true });
      await expect(account).toBeVisible();
      await expect(account.locator('option')).toHaveText(['Any', helpdesk!.name, MAILBOX_NAME]);
      await shot(page, 'email-inbox-mixed.png');

      await account.selectOption(String(mailAccount.id));
      await expect(app.rows).toHaveCount(threads.length);
      for (const text of await rowTexts()) expect([...seededSubjects].some((s) => text.includes(s)), text).toBe(true);
      await expect(app.inboxTotal).toHaveText(String(threads.length));

      await account.selectOption(String(helpdesk!.id));
      await expect(app.rows.filter({ hasText: threads[0]!.subject })).toHaveCount(0);
      for (const text of await rowTexts()) expect([...seededSubjects].some((s) => text.includes(s)), text).toBe(false);
      await expect(app.row(openTickets[0]!.id)).toHaveCount(1);

      await account.selectOption('');
      await expect(app.rows.filter({ hasText: threads[0]!.subject })).toHaveCount(1);
      await selectOptionLoosely(app.filter('Channel'), 'email');
      for (const t of threads) await expect(app.rows.filter({ hasText: t.subject })).toHaveCount(1);
      const emailTickets = openTickets.filter((t) => String(t.via.channel) === 'email');
      if (emailTickets.length > 0) await expect(app.row(emailTickets[0]!.id)).toHaveCount(1);
      for (const t of openTickets.filter((x) => String(x.via.channel) !== 'email').slice(0, 3)) await expect(app.row(t.id)).toHaveCount(0);
      await app.filter('Channel').selectOption('');
      await expect(account).toHaveValue('');
      mark('filters checked');
    });

    let caseRemoteId = '';
    await test.step('open the demo customer’s mail case: thread, fields, customer across both accounts', async () => {
      const row = app.rows.filter({ hasText: sharedThread.subject });
      caseRemoteId = (await row.getAttribute('data-remote-id')) ?? '';
      await row.click();
      await expect(app.caseTitle).toHaveText(sharedThread.subject);
      const customerMessage = app.messages.filter({ hasText: sharedThread.text });
      await expect(customerMessage).toHaveCount(1);
      await expect(customerMessage).toHaveAttribute('data-author-kind', 'customer');
      await expect(app.caseRegion.getByTestId('case-channel')).toContainText(/e-?mail/i);
      await expect(app.caseRegion.locator('.case-meta'), 'the meta line names the mailbox').toContainText(MAILBOX_NAME);
      await expect(app.caseRegion.getByLabel('Case status', { exact: true })).toBeVisible();
      await expect(app.caseRegion.getByLabel('Case group', { exact: true }), 'mailboxes have no groups').toHaveCount(0);

      // One person: the helpdesk's customer, with their helpdesk cases listed beside the mail one.
      await expect(app.customerPane.locator('h2')).toHaveText(demoCustomer.name);
      const previous = app.customerPane.getByRole('list', { name: 'Previous cases', exact: true });
      await expect(previous.getByRole('button').filter({ hasText: demoCustomerTickets[0]!.subject })).toHaveCount(1);
    });

    await test.step('reply by mail: the customer receives it, threaded, from the support address', async () => {
      const reply = `Hello ${demoCustomer.name.split(' ')[0]}, thanks for telling us. A corrected invoice with our current VAT number is on its way.`;
      await ui.reply(reply);
      await expect(ui.pendingMessages).toHaveCount(0, { timeout: 20_000 });
      const sent = app.messages.filter({ hasText: reply });
      await expect(sent).toHaveCount(1);
      await expect(sent).toHaveAttribute('data-author-kind', 'agent');
      mark('reply sent');

      await expect.poll(async () => (await server.list(demoCustomer.email!, 'INBOX')).length, { timeout: 15_000 }).toBe(1);
      const [received] = await server.list(demoCustomer.email!, 'INBOX');
      expect(headerOf(received!, 'In-Reply-To')).toBe(`<${sharedThread.messageId}>`);
      expect(headerOf(received!, 'From')).toContain(SUPPORT_USER);
      expect(headerOf(received!, 'Subject')).toMatch(/^Re: /);
      expect(await server.list(CUSTOMER_USER, 'INBOX'), 'nobody else got it').toHaveLength(0);
      await shot(page, 'email-case.png');
    });

    await test.step('status and tag go to the team through the Shiftdesk folder', async () => {
      await app.caseRegion.getByLabel('Case status', { exact: true }).selectOption('pending');
      await ui.addTag('vat-invoice');
      await expect(app.caseRegion.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 });
      const stateEntries = async () =>
        (await server.list(SUPPORT_USER, 'Shiftdesk'))
          .filter((m) => headerOf(m, 'X-Shiftdesk-Case') !== '')
          .map((m) => {
            const text = m.raw.toString('utf8');
            const body = text.slice(text.search(/\r?\n\r?\n/)).replace(/\s+/g, '');
            return { caseHeader: headerOf(m, 'X-Shiftdesk-Case'), entry: JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as { status?: string; addTags?: string[] } };
          });
      await expect
        .poll(async () => {
          const entries = await stateEntries();
          return entries.some((e) => e.entry.status === 'pending') && entries.some((e) => e.entry.addTags?.includes('vat-invoice') === true);
        }, { timeout: 15_000 })
        .toBe(true);
      const bodies = await stateEntries();
      if (caseRemoteId !== '') expect(bodies.every((b) => b.caseHeader === caseRemoteId), JSON.stringify(bodies)).toBe(true);
      expect(bodies.map((b) => b.entry.status ?? null)).toContain('pending');
      mark('state shared');
    });

    await test.step('a file the customer attached downloads from the mail server, byte for byte', async () => {
      await app.rows.filter({ hasText: threads[4]!.subject }).click();
      const files = app.caseRegion.getByRole('list', { name: 'Attachments' });
      await expect(files).toContainText('crushed-box.jpg');
      await shot(page, 'email-attachment.png');
      const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('button', { name: 'Download crushed-box.jpg' }).click()]);
      expect(download.suggestedFilename()).toBe('crushed-box.jpg');
      const saved = await download.path();
      expect(readFileSync(saved).equals(PHOTO)).toBe(true);
      mark('file downloaded');
    });
  } finally {
    console.log(`[email-e2e] ${timings.join(', ')}`);
  }
});
