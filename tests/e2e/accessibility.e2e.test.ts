import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, MENUS } from '../../shared/commands';
import { startHarness, type Harness } from './support/harness';

// axe-core on the start screen and on every tab of the workbench, with each menu of the menu bar
// open, in the command palette and in the main dialogs, in the light and the dark theme:
// no serious or critical violation anywhere. Each screen is visited once per theme and saved as a
// screenshot (test-results/screenshots/a11y-*).

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  readonly screen: string;
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/** The serious and critical violations axe finds on the page as it is now. */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      screen,
      id: v.id,
      impact: v.impact!,
      help: v.help,
      // The selector, and for contrast and the like the measured figures.
      targets: v.nodes.map((n) => [n.target.join(' '), ...n.any.map((c) => c.message)].join(' — ')),
    }));
}

async function toggleTheme(page: Page, to: 'light' | 'dark'): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Command' }).fill('dark theme');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(to);
}

describe('accessibility (axe-core, browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('finds no serious or critical violation on the start screen or any tab, in either theme', async () => {
    h = await startHarness();
    const { page } = h;
    const findings: Finding[] = [];
    const visit = async (screen: string) => {
      findings.push(...(await audit(page, screen)));
      await h!.screenshot(`a11y-${screen}`);
    };

    await page.getByRole('button', { name: 'Open the sample project' }).waitFor();
    await visit('start-light');
    await toggleTheme(page, 'dark');
    await visit('start-dark');

    await page.getByRole('button', { name: 'Open the sample project' }).click();
    const who = page.getByRole('dialog', { name: 'Who is coding?' });
    await who.waitFor();
    await visit('who-is-coding-dark');
    await who.getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    // Every tab of the work surface, those behind the More menu too (clicking scrolls them into view).
    const labels = await page.getByRole('tablist', { name: 'Work surface tabs' }).getByRole('tab').allTextContents();
    expect(labels).toHaveLength(10);
    for (const theme of ['dark', 'light'] as const) {
      if (theme === 'light') await toggleTheme(page, 'light');
      for (const label of labels) {
        const tab = page.getByRole('tab', { name: label, exact: true });
        await tab.click();
        await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
        // Let the tab's data arrive and render before it is checked.
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        await page.waitForTimeout(150);
        await visit(`${label.toLowerCase().replace(/ /g, '-')}-${theme}`);
      }
    }

    const report = findings.map((f) => `${f.screen}: [${f.impact}] ${f.id} — ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
    expect(findings.length, `axe found serious or critical violations:\n${report}`).toBe(0);
  });

  it.each(['light', 'dark'] as const)('finds no serious or critical violation in an open menu, the palette or the main dialogs (%s theme)', async (theme) => {
    h = await startHarness();
    const { page } = h;
    const findings: Finding[] = [];
    const visit = async (screen: string) => {
      // Let a menu or dialog finish opening (Radix animates nothing here, but renders in a portal).
      await page.waitForTimeout(150);
      findings.push(...(await audit(page, screen)));
      await h!.screenshot(`a11y-${screen}`);
    };
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    const bar = page.getByRole('menubar', { name: 'Menu bar' });
    const dialog = page.locator('[role="dialog"]:not(.palette)');
    // The dialogs a researcher meets most: import, export, coder choice and copies, settings, keys, about.
    const dialogs = COMMANDS.filter((c) =>
      ['document.import', 'refi.exportCodebook', 'refi.exportProject', 'refi.importCodebook', 'exchange.handOut', 'exchange.merge', 'coder.switch', 'project.settings', 'journal.new', 'project.new', 'project.open', 'help.keys', 'help.about'].includes(c.id),
    );
    expect(dialogs).toHaveLength(13);
    if (theme === 'dark') await toggleTheme(page, 'dark');
    {
      for (const m of MENUS) {
        await bar.getByRole('menuitem', { name: m.label, exact: true }).click();
        await page.getByRole('menu').waitFor();
        await visit(`menu-${m.name}-${theme}`);
        await page.keyboard.press('Escape');
        await page.getByRole('menu').waitFor({ state: 'detached' });
      }
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Command' }).fill('export');
      await visit(`palette-${theme}`);
      await page.getByRole('textbox', { name: 'Command' }).fill('zzzz');
      await page.getByText('No command matches “zzzz”.').waitFor();
      await visit(`palette-no-match-${theme}`);
      await page.keyboard.press('Escape');
      for (const c of dialogs) {
        await page.keyboard.press('Control+k');
        await page.getByRole('textbox', { name: 'Command' }).fill(c.label.replace(/…$/, ''));
        await page.keyboard.press('Enter');
        await dialog.first().waitFor();
        await visit(`dialog-${c.id.replace('.', '-')}-${theme}`);
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.count(), { message: c.id }).toBe(0);
      }
    }
    const report = findings.map((f) => `${f.screen}: [${f.impact}] ${f.id} — ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
    expect(findings.length, `axe found serious or critical violations:\n${report}`).toBe(0);
  }, 400_000);
  it('the work tabs and the Analysis views follow the WAI-ARIA tab pattern: one tab stop, arrows move, Enter picks, the panel is named by its tab', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    const work = page.getByRole('tablist', { name: 'Work surface tabs' });
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    // The tab row is one stop in the Tab order (roving focus), not ten buttons; it lands on the selected tab.
    // Tabs in the Tab order other than the selected one (each of the ten was a stop before).
    const strayStops = (list: typeof work) =>
      list.evaluate((l) => [...l.querySelectorAll<HTMLElement>('[role="tab"]')].filter((t) => t.tabIndex === 0 && t.getAttribute('aria-selected') !== 'true').length);
    expect(await strayStops(work)).toBe(0);
    await work.focus();
    expect(await focused()).toBe('Transcript');
    // The body is the selected tab's panel.
    await page.getByRole('tabpanel', { name: 'Transcript' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('Documents');
    // Moving focus does not switch the surface (manual activation); Enter does.
    expect(await work.getByRole('tab', { name: 'Transcript' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => work.getByRole('tab', { name: 'Documents' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tabpanel', { name: 'Documents' }).waitFor();
    await page.keyboard.press('End');
    await expect.poll(focused).toBe('Audit log');
    await page.keyboard.press('Home');
    await expect.poll(focused).toBe('Transcript');

    // The Analysis views: the same pattern inside the Analysis tab.
    await work.getByRole('tab', { name: 'Analysis' }).click();
    const views = page.getByRole('tablist', { name: 'Analysis views' });
    await page.getByRole('tabpanel', { name: 'Frequencies' }).waitFor();
    await views.getByRole('tab', { name: 'Frequencies' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('Matrix');
    await page.keyboard.press('Space');
    await expect.poll(() => views.getByRole('tab', { name: 'Matrix' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tabpanel', { name: 'Matrix' }).waitFor();
    expect(await strayStops(views)).toBe(0);
    await h.screenshot('a11y-tabs-keyboard');
  });
});
