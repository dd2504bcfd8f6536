import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// #22: every command is found and run from the palette. The palette is itself an overlay, and it
// takes the focus (and so the caret) from the transcript: commands that need the caret in a unit
// must still be available and act where the caret was before the palette opened.

describe('unit commands run from the palette (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('with the caret inside a unit, the palette runs “Split Meaning Unit at Cursor” and the unit becomes two', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    const units = page.locator('.transcript [data-unit-id]');
    await units.first().waitFor();
    const before = await units.count();
    const firstWords = (await units.first().locator('.unit-text').textContent())!.trim();

    // The caret in the middle of the first unit's words, as a click there leaves it.
    const placed = await page.evaluate(() => {
      const text = document.querySelector('.transcript [data-unit-id] .unit-text');
      const walker = text && document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
      const node = walker?.nextNode();
      if (!node?.textContent || node.textContent.length < 10) return false;
      const range = document.createRange();
      range.setStart(node, Math.floor(node.textContent.length / 2));
      range.collapse(true);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return true;
    });
    expect(placed).toBe(true);

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('textbox', { name: 'Command' }).fill('split');
    const option = palette.getByRole('option', { name: /^Split Meaning Unit at Cursor/ });
    await option.waitFor();
    await h.screenshot('palette-split-unit-light');
    expect(await option.getAttribute('aria-disabled')).not.toBe('true');
    await option.click();
    await palette.waitFor({ state: 'detached' });

    await expect.poll(() => units.count()).toBe(before + 1);
    // The first unit's words are now in two units, in order.
    const split = (await units.nth(0).locator('.unit-text').textContent())!.trim() + (await units.nth(1).locator('.unit-text').textContent())!.trim();
    expect(split.replace(/\s+/g, '')).toBe(firstWords.replace(/\s+/g, ''));
  });
});
