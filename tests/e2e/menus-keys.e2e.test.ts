import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COMMANDS, MENUS, commandsOfMenu, type CommandDescriptor } from '../../shared/commands';
import { startHarness, type Harness } from './support/harness';

// A browser tab has the desktop app's menus, a palette that finds commands by any word, and
// single-letter keys that act only where their target is on screen.

async function openSampleFromMenu(page: Page): Promise<void> {
  await page.getByRole('menubar', { name: 'Menu bar' }).getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Open the Sample Study' }).click();
  await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
  await page.getByText('Coder: Amira Haddad').waitFor();
}

async function showTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  // Focus leaves the tab button, as after a click elsewhere on the page: keys go to the page.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
}

describe('menus, palette and keys in context (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('has File, Edit, Coding, Analysis, View and Help, each listing every command of the registry', async () => {
    h = await startHarness();
    const { page } = h;
    const bar = page.getByRole('menubar', { name: 'Menu bar' });
    await bar.waitFor();
    expect(await bar.getByRole('menuitem').allTextContents()).toEqual(MENUS.map((m) => m.label));
    await openSampleFromMenu(page);

    for (const m of MENUS) {
      await bar.getByRole('menuitem', { name: m.label, exact: true }).click();
      const menu = page.getByRole('menu');
      await menu.waitFor();
      const labels = commandsOfMenu(m.name).map((c) => c.label);
      await expect.poll(() => menu.getByRole('menuitem').count()).toBe(labels.length);
      const shown = await menu.getByRole('menuitem').allTextContents();
      for (const [i, label] of labels.entries()) expect(shown[i].startsWith(label), `${m.label}: ${shown[i]}`).toBe(true);
      if (m.name === 'file') await h.screenshot('menu-file-light');
      if (m.name === 'coding') await h.screenshot('menu-coding-light');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
    }
    // Browser-reserved keys have other keys here, and the menus say so.
    await bar.getByRole('menuitem', { name: 'File', exact: true }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: /^Close Project/ }).textContent()).toContain('Alt+Shift+W');
    await page.keyboard.press('Escape');

    // A menu command runs: View → Show Audit Log.
    await bar.getByRole('menuitem', { name: 'View', exact: true }).click();
    await page.getByRole('menuitem', { name: /^Show Audit Log/ }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Audit log' }).getAttribute('aria-selected')).toBe('true');
  });

  it('every command of the registry is in a menu, and the palette finds each by every word of its label', async () => {
    // Every command sits in exactly one of the six menus (the first test shows each menu lists its commands).
    const all = COMMANDS as readonly CommandDescriptor[];
    expect(MENUS.flatMap((m) => commandsOfMenu(m.name)).map((c) => c.id).sort()).toEqual(all.map((c) => c.id).sort());
    h = await startHarness();
    const { page } = h;
    await openSampleFromMenu(page);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const field = palette.getByRole('textbox', { name: 'Command' });
    const missing: string[] = [];
    let tried = 0;
    for (const c of all) {
      const words = c.label.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      expect(words.length, c.id).toBeGreaterThan(0);
      for (const word of words) {
        await field.fill(word);
        // The option's name begins with the label (Undo and Redo name the step they would take back after it).
        const option = palette.getByRole('option', { name: new RegExp(`^${escape(c.label.replace(/…$/, ''))}`) });
        const found = await option
          .first()
          .waitFor({ timeout: 2000 })
          .then(() => true)
          .catch(() => false);
        if (!found) missing.push(`${c.id} by “${word}”`);
        tried++;
      }
    }
    expect(missing, `not found: ${missing.join(', ')}`).toEqual([]);
    expect(tried).toBeGreaterThan(150);
    await field.fill('word');
    await palette.getByRole('option', { name: /^Export the Current Report as Word/ }).waitFor();
    await h.screenshot('palette-word-light');
  });

  it('the palette keeps the focus while open and gives it back when closed', async () => {
    h = await startHarness();
    const { page } = h;
    await openSampleFromMenu(page);
    const button = page.getByRole('button', { name: /^Commands…/ });
    await button.focus();
    await page.keyboard.press('Enter');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    const inPalette = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')?.matches('.palette'));
    await expect.poll(inPalette).toBe(true);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await inPalette()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Commands…/);

    // A dialog opened by a key gives the focus back too: ? (Keyboard shortcuts), then Escape.
    await page.keyboard.press('?');
    const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await keys.waitFor();
    await page.keyboard.press('Escape');
    await keys.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Commands…/);
  });

  it('the Compare tab of a study with one coder names the File menu commands it needs, and runs them', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'New project…' }).click();
    await page.getByLabel('Title').fill('One coder');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByLabel('New coder').fill('Dana Ruiz');
    await page.getByRole('button', { name: 'Add and code as this person' }).click();
    await page.getByText('Coder: Dana Ruiz').waitFor();
    await showTab(page, 'Compare');
    await page.getByText('The comparison needs two coders who have both coded.').waitFor();
    const file = commandsOfMenu('file').map((c) => c.label);
    for (const label of ['Hand a Copy to Another Coder…', 'Merge a Returned Coder Copy…']) {
      expect(file).toContain(label);
      await page.getByRole('button', { name: label, exact: true }).waitFor();
    }
    await h.screenshot('compare-empty-light');
    await page.getByRole('button', { name: 'Hand a Copy to Another Coder…', exact: true }).click();
    await page.getByRole('dialog', { name: 'Hand a copy to another coder' }).waitFor();
  });

  it('the palette has a button and finds a command by any word: “split” finds Split Meaning Unit', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).waitFor();
    await openSampleFromMenu(page);
    await page.getByRole('button', { name: /^Commands…/ }).click();
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('textbox', { name: 'Command' }).fill('split');
    await palette.getByRole('option', { name: /^Split Meaning Unit at Cursor/ }).waitFor();
    await palette.getByRole('textbox', { name: 'Command' }).fill('coder copy');
    await palette.getByRole('option', { name: /^Hand a Copy to Another Coder/ }).waitFor();
    await h.screenshot('palette-coder-copy-light');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Hand a copy to another coder' }).waitFor();
  });

  it('single letters do nothing on Analysis or the audit log, nor while typing; on the transcript A still opens the picker', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).waitFor();
    await openSampleFromMenu(page);
    const picker = page.getByRole('dialog', { name: 'Apply code' });
    const codebookSize = async () => {
      await showTab(page, 'Codebook');
      await page.getByText('Easing exam nerves').first().waitFor();
      return page.getByText('m*', { exact: true }).count();
    };
    expect(await codebookSize()).toBe(0);

    for (const tab of ['Analysis', 'Audit log']) {
      await showTab(page, tab);
      await page.keyboard.type('exam*');
      await page.keyboard.press('Enter');
      await page.keyboard.press('a');
      // Give a wrongly opened picker time to show.
      await page.waitForTimeout(300);
      expect(await picker.count(), tab).toBe(0);
    }
    await h.screenshot('analysis-after-letters-light');

    // Typing in a field on the transcript is text, not commands.
    await showTab(page, 'Transcript');
    await page.keyboard.press('Control+f');
    const find = page.getByRole('textbox', { name: /find/i }).first();
    await find.waitFor();
    await find.fill('');
    await find.type('exam*');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await picker.count()).toBe(0);
    expect(await codebookSize()).toBe(0);

    // On the transcript, with a unit selected, A opens the picker.
    await showTab(page, 'Transcript');
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    await picker.waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });

    // ? lists the keys, this tab's first, with the browser's own New Project key.
    await page.keyboard.press('?');
    const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await keys.waitFor();
    expect(await keys.getByRole('heading', { level: 3 }).first().textContent()).toBe('Transcript (this tab)');
    expect(await keys.textContent()).toContain('Alt+Shift+N');
    await h.screenshot('keys-dialog-light');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
