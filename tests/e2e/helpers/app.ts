import { expect, type Locator, type Page } from '@playwright/test';

// The page object: every selector comes from docs/ui-contract.md (binding for renderer and tests).

export class App {
  constructor(
    readonly page: Page,
    readonly appUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(this.appUrl);
    await expect(this.list).toBeVisible({ timeout: 20_000 });
  }

  // Layout
  get viewsNav(): Locator {
    return this.page.getByRole('navigation', { name: 'Views', exact: true });
  }
  view(id: string): Locator {
    return this.page.getByTestId(`view-${id}`);
  }
  viewCount(id: string): Locator {
    return this.view(id).getByTestId('view-count');
  }
  get list(): Locator {
    return this.page.getByRole('listbox', { name: 'Cases', exact: true });
  }
  get rows(): Locator {
    return this.list.getByRole('option');
  }
  row(remoteId: number | string): Locator {
    return this.list.locator(`[role="option"][data-remote-id="${remoteId}"]`);
  }
  get inboxTotal(): Locator {
    return this.page.getByTestId('inbox-total');
  }
  get filters(): Locator {
    return this.page.getByRole('toolbar', { name: 'Filters', exact: true });
  }
  filter(label: 'Status' | 'Channel' | 'Priority' | 'Assignee' | 'Group' | 'Tag' | 'Sort'): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }
  get textFilter(): Locator {
    return this.filters.getByLabel('Filter cases', { exact: true });
  }
  get caseRegion(): Locator {
    return this.page.getByRole('region', { name: 'Case', exact: true });
  }
  get caseTitle(): Locator {
    return this.caseRegion.locator('h1');
  }
  get messages(): Locator {
    return this.caseRegion.locator('article');
  }
  get customerPane(): Locator {
    return this.page.getByRole('complementary', { name: 'Customer', exact: true });
  }
  get searchbox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search', exact: true });
  }
  get searchResults(): Locator {
    return this.page.getByRole('region', { name: 'Search results', exact: true });
  }
  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }
  get settingsDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings', exact: true });
  }

  /** The data-remote-id of every rendered row, in order. */
  async rowRemoteIds(): Promise<number[]> {
    await expect(this.rows.first()).toBeVisible();
    return this.list.locator('[role="option"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-remote-id'))));
  }

  async countOf(view: string): Promise<number> {
    const text = (await this.viewCount(view).textContent()) ?? '';
    if (!/^\d+$/.test(text.trim())) throw new Error(`view-${view} count is not digits only: ${JSON.stringify(text)}`);
    return Number(text.trim());
  }

  async switchView(id: string): Promise<void> {
    await this.view(id).click();
    await expect(this.view(id)).toHaveAttribute('aria-current', 'page');
  }

  /** Opens a case through the list (its row must be in the current view). */
  async openFromList(remoteId: number): Promise<void> {
    await this.row(remoteId).click();
    await expect(this.caseRegion).toBeVisible();
    // The pane shows the previous case until this one is read: wait for this one, so what the test
    // types next goes into this case's fields, not the one leaving.
    await expect(this.caseRegion).not.toHaveAttribute('aria-busy', 'true');
    await expect(this.caseRegion.locator(`.case-remote-id:text-is("#${remoteId}"), [title="#${remoteId}"]`).first()).toBeVisible();
  }

  /** Finds a case by typing its number into the list's text filter (in the view its status belongs to), then opens it. */
  async openCase(remoteId: number, status: string): Promise<void> {
    await this.switchView(viewForStatus(status));
    await this.textFilter.fill(String(remoteId));
    await expect(this.row(remoteId)).toBeVisible();
    await this.row(remoteId).click();
    await expect(this.caseRegion).toBeVisible();
    // The pane shows the previous case until this one is read: wait for this one, so what the test
    // types next goes into this case's fields, not the one leaving.
    await expect(this.caseRegion).not.toHaveAttribute('aria-busy', 'true');
    await expect(this.caseRegion.locator(`.case-remote-id:text-is("#${remoteId}"), [title="#${remoteId}"]`).first()).toBeVisible();
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(this.settingsDialog).toBeVisible();
    return this.settingsDialog;
  }
}

/** The fixed view a case with this status is listed in. */
export function viewForStatus(status: string): string {
  switch (status) {
    case 'new':
    case 'open':
      return 'all_open';
    case 'pending':
      return 'pending';
    case 'hold':
      return 'on_hold';
    default:
      return 'solved';
  }
}

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour, or null for transparent. */
export function luminance(color: string): number | null {
  const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(color);
  if (!m) return null;
  if (m[4] !== undefined && Number(m[4]) === 0) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The page's effective background colour: the first opaque background from the app root up. */
export function pageBackground(page: Page): Promise<string> {
  return page.evaluate(() => {
    const candidates: Element[] = [];
    const main = document.querySelector('main') ?? document.querySelector('#root > *') ?? document.body;
    for (let el: Element | null = main; el; el = el.parentElement) candidates.push(el);
    for (const el of candidates) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && bg !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(bg)) return bg;
    }
    return 'rgb(255, 255, 255)';
  });
}

/** Selects the option whose value is `wanted`, or else whose label is (case-insensitive). */
export async function selectOptionLoosely(select: Locator, wanted: string): Promise<void> {
  const options = await select.locator('option').evaluateAll((els) => els.map((el) => ({ value: (el as HTMLOptionElement).value, label: (el.textContent ?? '').trim() })));
  const match = options.find((o) => o.value === wanted) ?? options.find((o) => o.label.toLowerCase() === wanted.toLowerCase());
  if (!match) throw new Error(`no option "${wanted}" in ${JSON.stringify(options)}`);
  await select.selectOption({ value: match.value });
}
