import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness';

// #22: each surface lists its own keys when ? is pressed there, through the one Keyboard shortcuts
// dialog that puts the tab in use first (the transcript's case is in menus-keys).

async function showTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
  // Focus leaves the tab button, as after a click elsewhere on the page: keys go to the page.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
}

async function toggleTheme(page: Page, to: 'light' | 'dark'): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Command' }).fill('dark theme');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(to);
}

/** Presses ? and reads the dialog: its first section's heading and that section's keys. */
async function keysShown(page: Page): Promise<{ heading: string; keys: string[]; actions: string[] }> {
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  const first = dialog.locator('section').first();
  const heading = (await first.getByRole('heading', { level: 3 }).textContent()) ?? '';
  const keys = await first.locator('kbd').allTextContents();
  const actions = await first.locator('td:nth-child(2)').allTextContents();
  return { heading, keys, actions };
}

async function closeKeys(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
}

describe('? lists the keys of the surface in use (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('on the abstraction table and on the Compare tab, their own keys come first, in both themes', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await toggleTheme(page, 'dark');

      await showTab(page, 'Abstraction table');
      await page.getByRole('table', { name: 'Abstraction table' }).waitFor();
      const table = await keysShown(page);
      expect(table.heading).toBe('Abstraction table (this tab)');
      expect(table.actions).toContain('Edit the condensation in the focused cell');
      expect(table.keys).toContain('Shift+Enter');
      // The keys it lists do what they say: Enter on a condensation cell edits it, Escape leaves it.
      await h.screenshot(`keys-table-${theme}`);
      await closeKeys(page);
      await page.getByRole('button', { name: 'Edit condensation' }).first().focus();
      await page.keyboard.press('Enter');
      const editor = page.getByRole('textbox', { name: 'Condensed meaning unit' });
      await editor.waitFor();
      await page.keyboard.press('Escape');
      await editor.waitFor({ state: 'detached' });

      await showTab(page, 'Compare');
      await page.getByRole('listbox', { name: 'Discrepancy list' }).waitFor();
      const compare = await keysShown(page);
      expect(compare.heading).toBe('Compare (this tab)');
      expect(compare.keys).toEqual(expect.arrayContaining(['↑ / ↓', '1–6', 'Ctrl+Enter']));
      // The table's keys are listed too, after this tab's.
      expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('heading', { name: 'Abstraction table', exact: true }).count()).toBe(1);
      await h.screenshot(`keys-compare-${theme}`);
      await closeKeys(page);
    }
  });
});
