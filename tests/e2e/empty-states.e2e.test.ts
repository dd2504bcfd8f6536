import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COMMANDS, MENUS, type CommandDescriptor } from '../../shared/commands';
import { newProjectAs, startHarness, type Harness } from './support/harness';

// #22 item 1: every empty state names a command that exists on that screen. The walk visits every
// tab (and every Analysis view) of a fresh project and the start screen; each command an empty state
// names must be a button there with the registry's label, and pressing it must open what it says.

const all = COMMANDS as readonly CommandDescriptor[];
const bare = (label: string) => label.replace(/…$/, '');

interface Found {
  readonly screen: string;
  readonly text: string;
  readonly buttons: readonly string[];
}

/** The empty states on screen: their words and their buttons. */
async function emptyStates(page: Page, screen: string): Promise<Found[]> {
  const notes = page.locator('.empty-state');
  const found: Found[] = [];
  for (let i = 0; i < (await notes.count()); i++) {
    const note = notes.nth(i);
    found.push({ screen, text: (await note.locator('p').first().textContent()) ?? '', buttons: await note.getByRole('button').allTextContents() });
  }
  return found;
}

/** What is wrong with an empty state: a command or menu named in its words that is not on the screen. */
function problems(f: Found, menus: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of all) {
    // A command named in the words needs its button beside them.
    if (f.text.includes(bare(c.label)) && !f.buttons.includes(c.label)) out.push(`${f.screen}: names “${c.label}” without its button`);
  }
  for (const m of f.text.matchAll(/the (\w+) menu/g)) if (!menus.includes(m[1])) out.push(`${f.screen}: names a ${m[1]} menu the menu bar lacks`);
  for (const b of f.buttons) if (!all.some((c) => c.label === b)) out.push(`${f.screen}: button “${b}” is no command of the registry`);
  if (f.buttons.length === 0) out.push(`${f.screen}: says the screen is empty but offers no command (“${f.text}”)`);
  return out;
}

async function showTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  // Let the tab's data arrive: an empty answer draws the empty state.
  await page.waitForTimeout(300);
}

/** Presses an empty state's button and checks it opened what its label says: a dialog, or the tab it names. */
async function pressAndCheck(page: Page, screen: string, label: string): Promise<string | null> {
  const words = bare(label)
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 3 && !['show', 'with', 'from', 'another'].includes(w));
  const selectedTab = () => page.getByRole('tablist', { name: 'Work surface tabs' }).getByRole('tab', { selected: true }).textContent();
  const before = await selectedTab();
  await page.locator('.empty-state').getByRole('button', { name: label, exact: true }).first().click();
  const dialog = page.getByRole('dialog').first();
  const opened = await dialog
    .waitFor({ timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  let problem: string | null = null;
  if (opened) {
    const name = ((await dialog.getAttribute('aria-label')) ?? (await dialog.locator('h2').first().textContent()) ?? '').toLowerCase();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    if (!words.some((w) => name.includes(w.slice(0, 5)))) problem = `${screen}: “${label}” opened the dialog “${name}”`;
  } else {
    const after = ((await selectedTab()) ?? '').toLowerCase();
    if (after === before?.toLowerCase() || !words.some((w) => after.includes(w) || w.includes(after))) problem = `${screen}: “${label}” opened nothing it names (tab ${after})`;
  }
  // Back where the empty state was, for its next command.
  const [tab, view] = screen.split(' › ');
  await showTab(page, tab);
  if (view) await page.getByRole('tab', { name: view, exact: true }).click();
  return problem;
}

describe('empty states name commands that are there (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('a fresh project: every tab’s empty state offers its commands as buttons, and each opens what it promises', async () => {
    h = await startHarness();
    const { page } = h;
    const menus = MENUS.map((m) => m.label);
    const found: Found[] = [];
    const wrong: string[] = [];

    // No project: the start screen offers its commands itself.
    await page.getByRole('button', { name: 'New project…' }).waitFor();
    found.push(...(await emptyStates(page, 'start')));

    await newProjectAs(h, 'An empty study', 'Dana Ruiz');
    const tabs = await page.getByRole('tablist', { name: 'Work surface tabs' }).getByRole('tab').allTextContents();
    expect(tabs).toHaveLength(10);
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') {
        await page.keyboard.press('Control+k');
        await page.getByRole('textbox', { name: 'Command' }).fill('dark theme');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      }
      for (const tab of tabs) {
        await showTab(page, tab);
        const screens = tab === 'Analysis' ? await page.getByRole('tablist', { name: /analysis/i }).getByRole('tab').allTextContents() : [null];
        for (const view of screens) {
          if (view) await page.getByRole('tab', { name: view, exact: true }).click();
          if (view) await page.waitForTimeout(300);
          const screen = view ? `${tab} › ${view}` : tab;
          const here = await emptyStates(page, screen);
          if (here.length > 0) await h.screenshot(`empty-${screen.toLowerCase().replace(/[^a-z]+/g, '-')}-${theme}`);
          if (theme === 'light') found.push(...here);
        }
      }
    }

    // The screens a fresh study leaves empty each say so, with commands.
    const screens = new Set(found.map((f) => f.screen));
    for (const s of ['Transcript', 'Documents', 'Abstraction table', 'Compare', 'Analysis › Matrix', 'Analysis › Thematic map']) expect(screens, s).toContain(s);
    for (const f of found) wrong.push(...problems(f, menus));
    expect(wrong, wrong.join('\n')).toEqual([]);

    // Each command offered opens what it says (light theme again).
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('dark theme');
    await page.keyboard.press('Enter');
    for (const f of found) {
      const [tab, view] = f.screen.split(' › ');
      await showTab(page, tab);
      if (view) await page.getByRole('tab', { name: view, exact: true }).click();
      for (const b of f.buttons) {
        const problem = await pressAndCheck(page, f.screen, b);
        if (problem) wrong.push(problem);
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });
});
