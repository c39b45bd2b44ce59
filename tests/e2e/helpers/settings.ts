import { expect, type Page } from '@playwright/test';

/** Puts theme and language back through the Settings dialog, whatever language the UI is in now. */
export async function restoreSettings(page: Page, values: { theme?: string; language?: string }): Promise<void> {
  const dialog = page.getByRole('dialog').filter({ has: page.locator('select option[value="ko"]') });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: /^(Settings|설정)$/ }).click();
  await expect(dialog).toBeVisible();
  if (values.language) await dialog.locator('select:has(option[value="ko"])').selectOption(values.language);
  if (values.theme) await dialog.locator('select:has(option[value="dark"])').selectOption(values.theme);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}
