import type { Locator } from '@playwright/test';
import { channelKindOf } from './helpers/demo-truth';
import { expect, test } from './helpers/fixtures';

// Global search: a two-character Korean word, highlighted; operators that narrow to matching cases.

interface ResultItem {
  text: string;
  remoteId: string | null;
  caseId: string | null;
}

/** The items (li, or clickable elements) between the h3 `heading` and the next h3 of the results region. */
function sectionItems(results: Locator, heading: string): Promise<ResultItem[]> {
  return results.evaluate((root, name) => {
    const headings = Array.from(root.querySelectorAll('h3'));
    const start = headings.find((h) => (h.textContent ?? '').trim().startsWith(name));
    if (!start) return [];
    const next = headings[headings.indexOf(start) + 1] ?? null;
    const inSection = (el: Element) =>
      (start.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && (next === null || (next.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
    let items = Array.from(root.querySelectorAll('li, [role="option"]')).filter(inSection);
    if (items.length === 0) items = Array.from(root.querySelectorAll('button, a, [role="link"]')).filter(inSection);
    // Keep the outermost items only.
    items = items.filter((el) => !items.some((other) => other !== el && other.contains(el)));
    return items.map((el) => {
      const withId = el.matches('[data-remote-id],[data-case-id]') ? el : el.querySelector('[data-remote-id],[data-case-id]');
      return { text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), remoteId: withId?.getAttribute('data-remote-id') ?? null, caseId: withId?.getAttribute('data-case-id') ?? null };
    });
  }, heading);
}

test('a Korean search finds the Korean case and highlights the word', async ({ app, host }) => {
  const korean = await host.truth.ticket(host.summary.sampleKoreanTicketId);
  expect(korean.subject).toContain('환불');
  await app.searchbox.fill('환불');
  await app.searchbox.press('Enter');
  const results = app.searchResults;
  await expect(results).toBeVisible();
  await expect(results.getByRole('heading', { name: 'Cases', exact: true, level: 3 })).toBeVisible();
  await expect(results.getByRole('heading', { name: 'Messages', exact: true, level: 3 })).toBeVisible();
  await expect(results.getByRole('heading', { name: 'Customers', exact: true, level: 3 })).toBeVisible();

  const cases = await sectionItems(results, 'Cases');
  const hit = cases.find((c) => c.remoteId === String(korean.id) || c.text.includes(korean.subject));
  expect(hit, `case #${korean.id} "${korean.subject}" among the case results: ${JSON.stringify(cases.slice(0, 10))}`).toBeTruthy();

  const marks = results.locator('mark');
  await expect(marks.first()).toBeVisible();
  const markTexts = await marks.allTextContents();
  expect(markTexts.some((t) => t.includes('환불')), `marks: ${JSON.stringify(markTexts.slice(0, 10))}`).toBe(true);
  // The mark is inside the Korean case's result.
  await expect(results.getByText(korean.subject).first().locator('xpath=ancestor-or-self::*[.//mark][1]').locator('mark').first()).toContainText('환불');

  // Clicking the result opens the case; Escape closes the results.
  await results.getByText(korean.subject).first().click();
  await expect(app.caseTitle).toHaveText(korean.subject);
  await app.searchbox.focus();
  await app.searchbox.press('Escape');
  await expect(app.searchResults).toBeHidden();
});

test('an operator search returns only matching cases', async ({ app, host }) => {
  const tickets = await host.truth.tickets();
  const matching = tickets.filter((t) => t.status === 'open' && channelKindOf(t) === 'email');
  const matchingIds = new Set(matching.map((t) => String(t.id)));
  const matchingSubjects = new Set(matching.map((t) => t.subject));
  expect(matching.length).toBeGreaterThan(0);

  await app.searchbox.fill('status:open channel:email');
  await app.searchbox.press('Enter');
  await expect(app.searchResults).toBeVisible();
  await expect(app.searchResults.getByRole('heading', { name: 'Cases', exact: true, level: 3 })).toBeVisible();
  await expect.poll(async () => (await sectionItems(app.searchResults, 'Cases')).length, { message: 'case results' }).toBeGreaterThan(0);
  const items = await sectionItems(app.searchResults, 'Cases');
  expect(items.length).toBeLessThanOrEqual(matching.length);

  for (const item of items) {
    if (item.remoteId !== null) expect(matchingIds.has(item.remoteId), `result #${item.remoteId} is open and e-mail`).toBe(true);
    else expect([...matchingSubjects].some((s) => item.text.includes(s)), `result "${item.text}" is the subject of an open e-mail case`).toBe(true);
  }

  // Open the first few results: each one is an open e-mail case.
  for (const item of items.slice(0, 3)) {
    const subject = [...matchingSubjects].find((s) => item.text.includes(s));
    if (!subject) continue;
    await app.searchResults.getByText(subject, { exact: false }).first().click();
    await expect(app.caseTitle).toHaveText(subject);
    // The case header: the channel in its meta line, the status in its field.
    const header = app.caseRegion.locator('header.case-header');
    const status = await app.caseRegion.getByLabel('Case status', { exact: true }).inputValue();
    const text = `${status} ${(await header.getByTestId('case-channel').textContent()) ?? ''}`;
    expect(text, `fields of "${subject}"`).toMatch(/open/i);
    expect(text, `fields of "${subject}"`).toMatch(/e-?mail/i);
    await app.searchbox.fill('status:open channel:email');
    await app.searchbox.press('Enter');
    await expect(app.searchResults).toBeVisible();
  }
});
