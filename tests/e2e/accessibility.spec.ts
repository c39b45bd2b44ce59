import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import type { App } from './helpers/app';
import { findRichCase } from './helpers/cases';
import { expect, test } from './helpers/fixtures';
import { restoreSettings } from './helpers/settings';

// axe-core on the inbox, a case and the settings dialog, in light and dark: no serious or critical
// violations. Every violation found is printed with its targets (and attached to the report).

interface Finding {
  where: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

async function audit(page: Page, where: string, testInfo: TestInfo): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const findings = results.violations.flatMap((v) =>
    v.impact === 'serious' || v.impact === 'critical'
      ? [{ where, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`) }]
      : [],
  );
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.length} node(s)`);
  const text = [
    `${where}: ${findings.length} serious/critical violation(s)`,
    ...findings.map((f) => `  [${f.impact}] ${f.id} — ${f.help}\n${f.targets.map((t) => `      ${t}`).join('\n')}`),
    ...(minor.length ? [`  (moderate/minor: ${minor.join('; ')})`] : []),
  ].join('\n');
  console.log(text);
  await testInfo.attach(`axe-${where}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  return findings;
}

async function setTheme(app: App, theme: 'light' | 'dark'): Promise<void> {
  const dialog = await app.openSettings();
  await dialog.getByLabel('Theme', { exact: true }).selectOption(theme);
  await app.page.keyboard.press('Escape');
  await expect(app.settingsDialog).toBeHidden();
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations (${theme})`, async ({ app, host }, testInfo) => {
    const findings: Finding[] = [];
    await setTheme(app, theme);
    try {
      await expect(app.rows.first()).toBeVisible();
      findings.push(...(await audit(app.page, `inbox-${theme}`, testInfo)));

      const rich = await findRichCase(host.truth, { exclude: [host.summary.hostileTicketId] });
      await app.openCase(rich.ticket.id, rich.ticket.status);
      await expect(app.messages.first()).toBeVisible();
      await expect(app.customerPane).toBeVisible();
      findings.push(...(await audit(app.page, `case-${theme}`, testInfo)));

      await app.openSettings();
      findings.push(...(await audit(app.page, `settings-${theme}`, testInfo)));
      await app.page.keyboard.press('Escape');
    } finally {
      await restoreSettings(app.page, { theme: 'system' });
    }
    expect(findings.map((f) => `${f.where} [${f.impact}] ${f.id}: ${f.targets.slice(0, 5).join(' | ')}`)).toEqual([]);
  });
}
