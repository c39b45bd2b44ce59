import type { Frame, Locator, Page } from '@playwright/test';
import { App } from './helpers/app';
import { openingWords } from './helpers/demo-truth';
import { expect, test } from './helpers/fixtures';

// The demo's hostile e-mail (src-main/demo/dataset/hostile-html.ts) tries scripts, event handlers,
// javascript:/data: links, frames and plugins, SVG/MathML/noscript mXSS, a phishing form, a full-page
// overlay, CSS beacons and @import, <base>, <meta refresh>, <link> and a tracking pixel. Every vector
// must be inert: nothing runs, nothing leaves the app's origin, nothing navigates, and remote images
// load only after "Load images from this sender".

interface Probe {
  url: string;
  pwned: unknown;
  alerts: unknown;
  evaluated: boolean;
}

/** What each frame's window says about side effects (frames that cannot run script report evaluated: false). */
async function probeFrames(page: Page): Promise<Probe[]> {
  return Promise.all(
    page.frames().map(async (frame: Frame) => {
      const probe = frame
        .evaluate(() => {
          const w = window as unknown as { __pwned?: unknown; __alerts?: unknown };
          return { pwned: w.__pwned ?? null, alerts: w.__alerts ?? null };
        })
        .then((r) => ({ ...r, evaluated: true }))
        .catch(() => ({ pwned: null, alerts: null, evaluated: false }));
      const timeout = new Promise<Omit<Probe, 'url'>>((resolve) => setTimeout(() => resolve({ pwned: null, alerts: null, evaluated: false }), 3_000));
      return { url: frame.url(), ...(await Promise.race([probe, timeout])) };
    }),
  );
}

function expectNoSideEffects(probes: Probe[], dialogs: string[]): void {
  expect(dialogs, 'no alert/confirm/prompt dialog opened').toEqual([]);
  // The probe itself works: the init script ran in the app's page.
  expect(probes[0], 'main frame probe').toMatchObject({ evaluated: true, pwned: 0, alerts: [] });
  for (const p of probes) {
    expect(p.pwned ?? 0, `__pwned in frame ${p.url}`).toBe(0);
    expect(p.alerts ?? [], `alert() calls in frame ${p.url}`).toEqual([]);
  }
}

/** Clicks an element inside the message frame; if an overlay intercepts it, dispatches the click to it directly. */
async function clickInFrame(target: Locator): Promise<void> {
  try {
    await target.click({ timeout: 2_000 });
  } catch {
    await target.dispatchEvent('click');
  }
}

test('the hostile e-mail is inert', async ({ page, host }) => {
  const appOrigin = host.web.origin;
  const appHost = new URL(appOrigin).host;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const popups: string[] = [];
  const sockets: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('popup', (p) => popups.push(p.url()));
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const mainNavigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) mainNavigations.push(frame.url());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __pwned: number; __alerts: string[]; alert: (m?: unknown) => void };
    w.__pwned = 0;
    w.__alerts = [];
    const original = window.alert.bind(window);
    w.alert = (message?: unknown) => {
      w.__alerts.push(String(message));
      original(String(message));
    };
  });

  const app = new App(page, host.web.appUrl);
  await app.goto();
  const hostile = await host.truth.ticket(host.summary.hostileTicketId);
  await app.openCase(hostile.id, hostile.status);
  await expect(app.caseTitle).toHaveText(hostile.subject);
  const urlBefore = page.url();
  const navigationsBefore = mainNavigations.length;

  // The HTML message is a sandboxed frame without scripts or same-origin.
  const frameElement = app.caseRegion.locator('iframe[title="Message content"]').first();
  await expect(frameElement).toBeVisible();
  const sandbox = await frameElement.getAttribute('sandbox');
  expect(sandbox, 'the frame has a sandbox attribute').not.toBeNull();
  const tokens = sandbox!.split(/\s+/).filter(Boolean);
  expect(tokens, 'sandbox tokens').not.toContain('allow-scripts');
  expect(tokens, 'sandbox tokens').not.toContain('allow-same-origin');
  expect(tokens.filter((t) => t.startsWith('allow-top-navigation')), 'sandbox lets the frame navigate the app').toEqual([]);
  expect(await frameElement.getAttribute('src'), 'content comes from srcdoc, not a URL').toBeNull();

  // The srcdoc is sanitized and carries the CSP.
  const srcdoc = (await frameElement.getAttribute('srcdoc')) ?? '';
  const report = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const all = Array.from(doc.querySelectorAll('*'));
    const csp = Array.from(doc.querySelectorAll('meta[http-equiv]')).filter((m) => m.getAttribute('http-equiv')!.toLowerCase() === 'content-security-policy').map((m) => m.getAttribute('content') ?? '');
    const urlAttrs = all.flatMap((el) =>
      Array.from(el.attributes).filter((a) => ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'background', 'poster'].includes(a.name.toLowerCase())).map((a) => `${el.tagName.toLowerCase()}[${a.name}]=${a.value}`),
    );
    return {
      csp,
      scripts: doc.querySelectorAll('script').length,
      handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)),
      dangerousUrls: urlAttrs.filter((v) => /=\s*(javascript|vbscript|data:text\/html)/i.test(v.replace(/\s/g, '')) || /=\s*javascript&colon;/i.test(v)),
      embeds: Array.from(doc.querySelectorAll('iframe, frame, object, embed, applet, base, link, portal')).map((el) => el.tagName.toLowerCase()),
      refresh: Array.from(doc.querySelectorAll('meta[http-equiv]')).filter((m) => m.getAttribute('http-equiv')!.toLowerCase() === 'refresh').length,
      text: doc.body?.textContent ?? '',
    };
  }, srcdoc);
  expect(report.csp.length, 'exactly one CSP meta in the srcdoc').toBe(1);
  const csp = report.csp[0]!;
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/img-src data:(;|$)/);
  expect(csp).not.toMatch(/script-src/);
  expect(report.scripts, '<script> elements').toBe(0);
  expect(report.handlers, 'on* handler attributes').toEqual([]);
  expect(report.dangerousUrls, 'javascript:/data:text/html URLs').toEqual([]);
  expect(report.embeds, 'iframe/object/embed/base/link elements').toEqual([]);
  expect(report.refresh, '<meta http-equiv=refresh>').toBe(0);
  expect(report.text).toContain('Your system charged me twice');

  // Give meta refresh, images, CSS beacons and @import their chance, then look for any effect.
  const frame = frameElement.contentFrame();
  await expect(frame.getByText('Your system charged me twice')).toBeVisible();
  await page.waitForTimeout(1_500);

  // Links the sanitizer took the address from read as plain text (body colour, no underline, no
  // hand); a link it kept still looks like one. Colours: FRAME_CSS in build-srcdoc.ts.
  for (const name of ['View invoice', 'Download PDF', 'Open receipt']) {
    const stripped = frame.getByText(name, { exact: true });
    await expect(stripped, `"${name}" lost its href`).not.toHaveAttribute('href', /./);
    await expect(stripped, `"${name}" is not styled as a link`).toHaveCSS('color', 'rgb(29, 33, 41)');
    await expect(stripped).toHaveCSS('text-decoration-line', 'none');
    await expect(stripped).not.toHaveCSS('cursor', 'pointer');
  }
  await expect(frame.getByRole('link', { name: 'Verify your account', exact: true })).toHaveCSS('color', 'rgb(31, 95, 191)');

  // Hover and toggle handlers, javascript:/data: links, the phishing form: nothing happens.
  await clickInFrame(frame.getByText('Invoice details'));
  await frame.getByText('Hover for the breakdown').hover({ force: true, timeout: 2_000 }).catch(() => undefined);
  for (const name of ['View invoice', 'Download PDF', 'Open receipt']) {
    const link = frame.getByText(name, { exact: true });
    if ((await link.count()) > 0) await clickInFrame(link.first());
  }
  const confirm = frame.getByRole('button', { name: 'Confirm payment' });
  if ((await confirm.count()) > 0) await clickInFrame(confirm.first());
  await page.waitForTimeout(1_000);

  expect(page.url(), 'the page URL is unchanged').toBe(urlBefore);
  expect(mainNavigations.slice(navigationsBefore), 'the page did not navigate').toEqual([]);
  expect(popups, 'no window was opened').toEqual([]);
  const frameUrls = page.frames().map((f) => f.url());
  for (const url of frameUrls) expect(url, 'every frame stays on the app or its srcdoc').toMatch(new RegExp(`^(about:(srcdoc|blank)|${appOrigin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`));
  expectNoSideEffects(await probeFrames(page), dialogs);

  // No request left the app's origin (tracker.invalid: scripts, pixel, CSS beacon, @import, <link>, form, frames).
  const outside = requests.filter((url) => {
    if (/^(data|blob|about):/.test(url)) return false;
    try {
      return new URL(url).host !== appHost;
    } catch {
      return true;
    }
  });
  expect(outside, 'requests outside the app origin before images are allowed').toEqual([]);
  expect(sockets.every((url) => new URL(url).host === appHost), `websockets: ${sockets.join(', ')}`).toBe(true);

  // The message is readable: the injected `.zd-comment{display:none}` and the full-frame overlay do not hide it.
  const body = frame.getByText('Your system charged me twice');
  await expect(body).toBeVisible();
  const overlay = frame.getByText('Your session expired');
  if ((await overlay.count()) > 0 && (await overlay.first().isVisible())) {
    const [a, b] = [await body.boundingBox(), await overlay.first().boundingBox()];
    const overlaps = !!a && !!b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps, `the "session expired" overlay (${JSON.stringify(b)}) covers the message text (${JSON.stringify(a)})`).toBe(false);
  }
  // The app around the frame is not covered: the case title still receives clicks.
  await app.caseTitle.click({ trial: true, timeout: 3_000 });
  const [frameBox, regionBox] = [await frameElement.boundingBox(), await app.caseRegion.boundingBox()];
  expect(frameBox && regionBox && frameBox.x >= regionBox.x - 1 && frameBox.x + frameBox.width <= regionBox.x + regionBox.width + 1, 'the frame stays inside the case pane').toBe(true);

  // Remote images stay blocked until the agent allows them for this sender.
  expect(requests.some((u) => u.includes('tracker.invalid')), 'no tracking pixel yet').toBe(false);
  await app.caseRegion.getByRole('button', { name: 'Load images from this sender', exact: true }).click();
  await expect
    .poll(async () => (await app.caseRegion.locator('iframe[title="Message content"]').first().getAttribute('srcdoc')) ?? '', { message: 'CSP img-src after allowing images' })
    .toMatch(/img-src data: https: http:/);
  await expect.poll(() => requests.some((u) => u.startsWith('http://tracker.invalid/pixel.gif')), { message: 'the remote image is requested once allowed', timeout: 5_000 }).toBe(true);
  // Still nothing ran, and no script, frame or stylesheet was fetched from the tracker.
  await page.waitForTimeout(500);
  expectNoSideEffects(await probeFrames(page), dialogs);
  const nonImage = requests.filter((u) => /tracker\.invalid\/(steal|payload|frame|embed|phish|login|evil\.css|track\.css)/.test(u));
  expect(nonImage, 'only images load after allowing images').toEqual([]);
  expect(page.url()).toBe(urlBefore);
});

test('a message whose HTML shows nothing shows its text instead of an empty box', async ({ app, host }) => {
  const ticketId = host.summary.emptyHtmlTicketId;
  expect(ticketId, 'the demo has an e-mail whose HTML part is empty').not.toBeNull();
  const ticket = await host.truth.ticket(ticketId!);
  const comments = await host.truth.comments(ticket.id);
  const empty = comments.find((c) => c.html_body.includes('WordSection1'));
  expect(empty, 'the helpdesk serves the comment with its empty HTML and its text').toBeDefined();
  expect(empty!.body.trim().length).toBeGreaterThan(0);

  await app.openCase(ticket.id, ticket.status);
  await expect(app.caseTitle).toHaveText(ticket.subject);
  await expect(app.messages).toHaveCount(comments.length);
  // The thread is oldest first, as the helpdesk lists it.
  const message = app.messages.nth(comments.indexOf(empty!));
  const words = openingWords(empty!.body);
  await expect(message).toContainText(words);
  // Its words show as text, with no frame around nothing.
  await message.scrollIntoViewIfNeeded();
  const text = message.locator('[data-body-source="text"]');
  await expect(text).toBeVisible();
  await expect(text).toContainText(words);
  await expect(message.locator('iframe')).toHaveCount(0);
  await expect(message.locator('[data-body-source="html"]')).toHaveCount(0);
});
