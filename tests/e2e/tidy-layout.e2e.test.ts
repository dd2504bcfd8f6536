import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness';

// At 1280 × 800: one row of tabs, a Documents table inside its pane, links readable in the dark
// theme, and an import dialog that keeps focus and closes with Escape after importing.

async function openSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the sample project' }).click();
  await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
  await page.getByText('Coder: Amira Haddad').waitFor();
}

/** WCAG contrast ratio of an element's text colour on the page background. */
async function linkContrast(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const rgb = (css: string) => css.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const fg = lum(rgb(getComputedStyle(el).color));
    const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  }, selector);
}

describe('a tidy window at 1280 × 800', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('keeps the tabs on one row, with the ones out of sight in a More menu', async () => {
    h = await startHarness();
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openSample(page);
    const tops = await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).getBoundingClientRect().top));
    expect(tops).toHaveLength(10);
    expect(new Set(tops).size).toBe(1);
    // The More menu lists exactly the tabs not wholly in view.
    const row = await page.getByRole('tablist', { name: 'Work surface tabs' }).boundingBox();
    const outOfView: string[] = [];
    for (const tab of await page.getByRole('tab').all()) {
      const box = (await tab.boundingBox())!;
      if (box.x < row!.x - 1 || box.x + box.width > row!.x + row!.width + 1) outOfView.push((await tab.textContent())!);
    }
    expect(outOfView.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: /^More tabs/ }).click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(outOfView);
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Audit log' }).getAttribute('aria-selected')).toBe('true');
    await h.screenshot('tabs-one-row-1280-light');
  });

  it('fits the Documents table in its pane', async () => {
    h = await startHarness();
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openSample(page);
    await page.getByRole('tab', { name: 'Documents' }).click();
    const table = page.getByRole('table', { name: 'Documents', exact: true });
    await table.waitFor();
    await h.screenshot('documents-1280-light');
    const tableBox = (await table.boundingBox())!;
    const paneBox = (await page.getByRole('region', { name: 'Work surface' }).boundingBox())!;
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(paneBox.x + paneBox.width + 1);
  });

  it('draws links at 4.5:1 or more in both themes', async () => {
    h = await startHarness();
    const { page } = h;
    await openSample(page);
    // A plain link, as the reports' download link or any future one would be drawn.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.id = 'probe-link';
      a.href = '#somewhere';
      a.textContent = 'Download';
      document.body.appendChild(a);
    });
    expect(await linkContrast(page, '#probe-link')).toBeGreaterThanOrEqual(4.5);
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('dark theme');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await linkContrast(page, '#probe-link')).toBeGreaterThanOrEqual(4.5);
    await h.screenshot('transcript-dark');
  });

  it('keeps focus in the import dialog, and Escape closes it after an import', async () => {
    h = await startHarness();
    const { page } = h;
    await openSample(page);
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByRole('button', { name: 'Paste a transcript…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Name').fill('Hallway chat');
    await dialog.getByLabel('Pasted transcript').fill('Kim: Did the mentoring help?\nLee: It did. A lot.');
    await dialog.getByRole('button', { name: 'Read pasted text' }).click();
    await dialog.locator('[data-status="ready"]').waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    // Tab keeps going round inside the dialog.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    }
    await h.screenshot('import-done-light');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Documents', exact: true }).getByRole('button', { name: 'Title of Hallway chat: Hallway chat' }).waitFor();
  });
});
