import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness';

// #22 item 6: the palette is React Aria's Autocomplete over a ListBox. The field keeps the focus; the
// arrows move the option it points at (aria-activedescendant), Enter runs that one, and an
// unavailable command is listed, marked and skipped.

/** The text of the option the field points at. */
function pointedAt(page: Page): Promise<string> {
  return page.evaluate(() => {
    const id = document.activeElement?.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.textContent ?? '') : '';
  });
}

describe('the command palette as a listbox (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('arrows move through the commands, skipping unavailable ones, and Enter runs the one pointed at', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    for (const theme of ['light', 'dark'] as const) {
      await page.keyboard.press('Control+k');
      const palette = page.getByRole('dialog', { name: 'Command palette' });
      const field = palette.getByRole('textbox', { name: 'Command' });
      await field.fill('unit');
      const options = palette.getByRole('listbox', { name: 'Commands' }).getByRole('option');
      await options.first().waitFor();
      // With no unit selected, commands on a unit are listed but unavailable, after the available ones.
      const disabled = palette.getByRole('option', { name: /not available here/ });
      await expect.poll(() => disabled.count()).toBeGreaterThan(0);
      expect(await disabled.first().getAttribute('aria-disabled')).toBe('true');
      const enabledCount = await options.evaluateAll((els) => els.filter((e) => e.getAttribute('aria-disabled') !== 'true').length);
      // The field points at the first; the arrows never land on an unavailable one.
      await expect.poll(() => pointedAt(page)).toBe(await options.first().textContent());
      const seen = new Set<string>();
      for (let i = 0; i < enabledCount + 2; i++) {
        const text = await pointedAt(page);
        expect(text).not.toContain('not available here');
        seen.add(text);
        await page.keyboard.press('ArrowDown');
        // The pointer moves on the next frame: wait for it before reading it again (a clean-clone CI run
        // read the same option twice and counted 4 of 5).
        if (seen.size < enabledCount) await expect.poll(() => pointedAt(page)).not.toBe(text);
      }
      expect(seen.size).toBe(enabledCount);
      await h.screenshot(`palette-listbox-${theme}`);

      // "show", down one, Enter: the second Show command runs and its tab is shown.
      await field.fill('show');
      await expect.poll(() => pointedAt(page)).toMatch(/^Show /);
      const first = await pointedAt(page);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => pointedAt(page)).not.toBe(first);
      const second = await pointedAt(page);
      await page.keyboard.press('Enter');
      await palette.waitFor({ state: 'detached' });
      const tab = (await page.getByRole('tab', { selected: true }).first().textContent())!.trim().toLowerCase();
      expect(second.toLowerCase().startsWith(`show ${tab}`), `${second} → ${tab}`).toBe(true);

      if (theme === 'light') {
        await page.keyboard.press('Control+k');
        await field.fill('dark theme');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      }
    }
  });
});
