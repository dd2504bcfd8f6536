import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { newProjectAs, startHarness, type Harness } from './support/harness';

// A three-level codebook of 25 nodes (categories, subcategories, codes) built and then reorganised
// with the keyboard alone: no click from the moment the Codebook tab is shown. Each new node's row
// shows its level and where it goes before it is named.

interface ListedNode {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly parentIds: readonly string[];
  readonly sort: number;
}

/** The codebook as the project holds it: each parent's children in order, by name ('' for the top). */
async function structure(h: Harness): Promise<Record<string, string[]>> {
  const answer = await h.server.app.dispatch('codebook.list', {});
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  const nodes = answer.result as ListedNode[];
  const name = (id: string | undefined) => (id ? nodes.find((n) => n.id === id)!.name : '');
  const out: Record<string, string[]> = {};
  for (const parent of ['', ...nodes.map((n) => n.name)]) {
    const children = nodes
      .filter((n) => name(n.parentIds[0]) === parent)
      .sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name))
      .map((n) => n.name);
    if (children.length) out[parent] = children;
  }
  return out;
}

class KeyboardTree {
  constructor(readonly page: Page) {}

  /** The name on the row that has the keyboard focus. */
  focusedName(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.closest('[role="treegrid"] [role="row"]')?.querySelector('.node-name')?.textContent ?? null);
  }

  async expectFocus(name: string): Promise<void> {
    await expect.poll(() => this.focusedName()).toBe(name);
  }

  /** Presses a key that opens a new node's row, checks the level and place it shows, and names it. */
  async add(key: string, level: string, place: string, name: string): Promise<void> {
    await this.page.keyboard.press(key);
    const field = this.page.getByRole('textbox', { name: `Name of the new ${level} ${place}` });
    await field.waitFor();
    // The row says the level before anything is typed, and has the focus.
    expect(await field.locator('xpath=..').locator('.node-level').textContent()).toBe(level[0].toUpperCase() + level.slice(1));
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await this.page.keyboard.type(name);
    await this.page.keyboard.press('Enter');
    await field.waitFor({ state: 'detached' });
    await this.expectFocus(name);
  }

  /**
   * Waits until the tree on screen shows these rows in this order, as a user looks before the next
   * key: a move is written before the tree is drawn again.
   */
  async shows(...names: string[]): Promise<void> {
    await expect
      .poll(async () => (await this.page.getByRole('treegrid', { name: 'Codebook' }).locator('.node-name').allTextContents()).filter((n) => names.includes(n)))
      .toEqual(names);
  }

  /** The depth the tree shows a row at (aria-level). */
  levelOf(name: string): Promise<string | null> {
    return this.page.evaluate(
      (n) => [...document.querySelectorAll('[role="treegrid"] [role="row"]')].find((row) => row.querySelector('.node-name')?.textContent === n)?.getAttribute('aria-level') ?? null,
      name,
    );
  }

  /** Walks the focus up or down the visible rows to a node, as a user would with the arrows. */
  async goTo(name: string): Promise<void> {
    // One arrow at a time, looking at the rows again after each: the tree may still be redrawing
    // the last move when the walk begins, and a count taken from the old rows lands elsewhere.
    for (let step = 0; step < 60; step++) {
      const focused = await this.focusedName();
      if (focused === name) return;
      const names = await this.page.getByRole('treegrid', { name: 'Codebook' }).locator('.node-name').allTextContents();
      const to = names.indexOf(name);
      expect(to, `${name} is on screen`).toBeGreaterThanOrEqual(0);
      await this.page.keyboard.press(to > names.indexOf(focused!) ? 'ArrowDown' : 'ArrowUp');
    }
    await this.expectFocus(name);
  }
}

describe('a codebook built and reorganised by keyboard alone (Chromium, browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('builds 3 categories, 6 subcategories and 16 codes with Enter and Ctrl+Enter, then reorganises them with Alt+arrows, cut and paste and Move to…', async () => {
    h = await startHarness();
    const { page } = h;
    const t = new KeyboardTree(page);
    await newProjectAs(h, 'Keyboard codebook', 'Dana Ruiz');

    // From here on, keys only. Ctrl+2 shows the codebook; Tab reaches the toolbar's “+ Category”.
    await page.keyboard.press('Control+2');
    await expect.poll(() => page.getByRole('tab', { name: 'Codebook', exact: true }).getAttribute('aria-selected')).toBe('true');
    for (let i = 0; i < 80 && (await page.evaluate(() => document.activeElement?.textContent)) !== '+ Category'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('+ Category');
    // Escape on a new node's row leaves nothing behind.
    await page.keyboard.press('Enter');
    const draft = page.getByRole('textbox', { name: 'Name of the new category at the top of the codebook' });
    await draft.waitFor();
    await h.screenshot('codebook-keyboard-draft-empty');
    await page.keyboard.press('Escape');
    await draft.waitFor({ state: 'detached' });
    expect(await structure(h)).toEqual({});
    // The focus is back on the button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('+ Category');
    await page.keyboard.press('Enter');
    await draft.waitFor();
    await page.keyboard.type('Support');
    await page.keyboard.press('Enter');
    await t.expectFocus('Support');

    // Ctrl+Enter: one level below, inside the focused node; Enter: one more beside it.
    await t.add('Control+Enter', 'subcategory', 'under category “Support”', 'Practical help');
    await t.add('Control+Enter', 'code', 'under subcategory “Practical help”', 'Sharing notes');
    await h.screenshot('codebook-keyboard-draft-code');
    await t.add('Enter', 'code', 'under subcategory “Practical help”', 'Exam tips');
    await t.add('Enter', 'code', 'under subcategory “Practical help”', 'Finding rooms');
    // Nothing goes under a code: it says so and adds nothing.
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'Nothing goes under a code: Enter adds one beside “Finding rooms”.' }).waitFor();
    await page.keyboard.press('ArrowLeft'); // to the parent
    await t.expectFocus('Practical help');
    await t.add('Enter', 'subcategory', 'under category “Support”', 'Emotional support');
    await t.add('Control+Enter', 'code', 'under subcategory “Emotional support”', 'Reassurance');
    await t.add('Enter', 'code', 'under subcategory “Emotional support”', 'Being listened to');
    await t.add('Enter', 'code', 'under subcategory “Emotional support”', 'Normalising struggle');

    await page.keyboard.press('Home');
    await t.expectFocus('Support');
    await t.add('Enter', 'category', 'at the top of the codebook', 'Pressure');
    await t.add('Control+Enter', 'subcategory', 'under category “Pressure”', 'Exams');
    await t.add('Control+Enter', 'code', 'under subcategory “Exams”', 'Exam worry');
    await t.add('Enter', 'code', 'under subcategory “Exams”', 'Test anxiety');
    await t.add('Enter', 'code', 'under subcategory “Exams”', 'Revision overload');
    await page.keyboard.press('ArrowLeft');
    await t.add('Enter', 'subcategory', 'under category “Pressure”', 'Workload');
    await t.add('Insert', 'code', 'under subcategory “Workload”', 'Long days');
    await t.add('Enter', 'code', 'under subcategory “Workload”', 'Missed sleep');

    // ← to the parent, ← folds it, ← to its parent.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await t.expectFocus('Pressure');
    await t.add('Enter', 'category', 'at the top of the codebook', 'Belonging');
    await t.add('Control+Enter', 'subcategory', 'under category “Belonging”', 'Welcome');
    await t.add('Control+Enter', 'code', 'under subcategory “Welcome”', 'Feeling welcomed');
    await t.add('Enter', 'code', 'under subcategory “Welcome”', 'Knowing names');
    await t.add('Enter', 'code', 'under subcategory “Welcome”', 'Shared meals');
    await page.keyboard.press('ArrowLeft');
    await t.add('Enter', 'subcategory', 'under category “Belonging”', 'Distance');
    await t.add('Control+Enter', 'code', 'under subcategory “Distance”', 'Year gap');
    await t.add('Enter', 'code', 'under subcategory “Distance”', 'Feeling alone');

    const built = {
      '': ['Support', 'Pressure', 'Belonging'],
      Support: ['Practical help', 'Emotional support'],
      'Practical help': ['Sharing notes', 'Exam tips', 'Finding rooms'],
      'Emotional support': ['Reassurance', 'Being listened to', 'Normalising struggle'],
      Pressure: ['Exams', 'Workload'],
      Exams: ['Exam worry', 'Test anxiety', 'Revision overload'],
      Workload: ['Long days', 'Missed sleep'],
      Belonging: ['Welcome', 'Distance'],
      Welcome: ['Feeling welcomed', 'Knowing names', 'Shared meals'],
      Distance: ['Year gap', 'Feeling alone'],
    };
    expect(await structure(h)).toEqual(built);
    expect(Object.values(built).flat()).toHaveLength(25);
    const tree = page.getByRole('treegrid', { name: 'Codebook' });
    const item = (name: string) => tree.getByRole('row').filter({ has: page.locator('.node-name', { hasText: new RegExp(`^${name}$`) }) });
    expect(await item('Belonging').getAttribute('aria-level')).toBe('1');
    expect(await item('Distance').getAttribute('aria-level')).toBe('2');
    expect(await item('Feeling alone').getAttribute('aria-level')).toBe('3');
    // Workload was folded on the way: 23 rows show.
    expect(await tree.getByRole('row').count()).toBe(23);
    // Each node was one step, named as typed: no “New code” renamed afterwards.
    const audit = await h.server.app.dispatch('audit.list', { limit: 100 });
    const summaries = (audit.ok ? (audit.result as { summary: string }[]) : []).map((s) => s.summary);
    expect(summaries.filter((s) => /^Add (category|subcategory|code) “/.test(s))).toHaveLength(25);
    expect(summaries).toContain('Add subcategory “Emotional support”');
    expect(summaries.some((s) => s.startsWith('Rename'))).toBe(false);
    await h.screenshot('codebook-keyboard-built');

    // Reorganise. Alt+↑: Test anxiety before Exam worry.
    await t.goTo('Test anxiety');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await structure(h!)).Exams).toEqual(['Test anxiety', 'Exam worry', 'Revision overload']);
    await t.expectFocus('Test anxiety');
    // Ctrl+X on Feeling alone, Ctrl+V on Emotional support.
    await t.goTo('Feeling alone');
    await page.keyboard.press('Control+x');
    await page.getByRole('status').filter({ hasText: 'Cut “Feeling alone”' }).waitFor();
    await t.goTo('Emotional support');
    await page.keyboard.press('Control+v');
    await expect.poll(async () => (await structure(h!))['Emotional support']).toEqual(['Reassurance', 'Being listened to', 'Normalising struggle', 'Feeling alone']);
    // Move to… (Ctrl+Shift+M): Exam tips to Exams, found by typing.
    await t.goTo('Exam tips');
    await page.keyboard.press('Control+Shift+M');
    const move = page.getByRole('dialog', { name: 'Move “Exam tips” to…' });
    await move.waitFor();
    await page.keyboard.type('Exams');
    await expect.poll(() => move.getByRole('option', { selected: true }).textContent()).toBe('Subcategory Exams in Pressure');
    await page.keyboard.press('Enter');
    await move.waitFor({ state: 'detached' });
    await expect.poll(async () => (await structure(h!)).Exams).toEqual(['Test anxiety', 'Exam worry', 'Revision overload', 'Exam tips']);
    // Alt+↑ on a subcategory: Distance before Welcome; Alt+← takes Year gap out to Belonging, Alt+↓ after Welcome.
    await t.goTo('Distance');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await structure(h!)).Belonging).toEqual(['Distance', 'Welcome']);
    await t.shows('Distance', 'Year gap', 'Welcome');
    await t.expectFocus('Distance');
    await page.keyboard.press('ArrowDown');
    await t.expectFocus('Year gap');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(async () => (await structure(h!)).Belonging).toEqual(['Distance', 'Year gap', 'Welcome']);
    await t.shows('Distance', 'Year gap', 'Welcome');
    await expect.poll(async () => (await t.levelOf('Year gap')) === (await t.levelOf('Distance'))).toBe(true);
    await t.expectFocus('Year gap');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await structure(h!)).Belonging).toEqual(['Distance', 'Welcome', 'Year gap']);
    // A selection of two (Shift+↓) under the folded Workload, moved in one step to Exams.
    await t.goTo('Workload');
    await page.keyboard.press('ArrowRight'); // unfold
    await page.keyboard.press('ArrowRight'); // first child
    await t.expectFocus('Long days');
    await page.keyboard.press('Shift+ArrowDown');
    await page.getByTestId('tree-selection').getByRole('heading', { name: '2 selected' }).waitFor();
    await page.keyboard.press('Control+Shift+M');
    const moveTwo = page.getByRole('dialog', { name: 'Move 2 selected nodes to…' });
    await moveTwo.waitFor();
    await page.keyboard.type('Exams');
    await expect.poll(() => moveTwo.getByRole('option', { selected: true }).textContent()).toBe('Subcategory Exams in Pressure');
    await page.keyboard.press('Enter');
    await moveTwo.waitFor({ state: 'detached' });
    const reorganised = {
      '': ['Support', 'Pressure', 'Belonging'],
      Support: ['Practical help', 'Emotional support'],
      'Practical help': ['Sharing notes', 'Finding rooms'],
      'Emotional support': ['Reassurance', 'Being listened to', 'Normalising struggle', 'Feeling alone'],
      Pressure: ['Exams', 'Workload'],
      Exams: ['Test anxiety', 'Exam worry', 'Revision overload', 'Exam tips', 'Long days', 'Missed sleep'],
      Belonging: ['Distance', 'Welcome', 'Year gap'],
      Welcome: ['Feeling welcomed', 'Knowing names', 'Shared meals'],
    };
    await expect.poll(() => structure(h!)).toEqual(reorganised);
    await h.screenshot('codebook-keyboard-reorganised');
    // The two moved as one step: one Ctrl+Z puts both back, Ctrl+Shift+Z moves them again.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await structure(h!)).Workload).toEqual(['Long days', 'Missed sleep']);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => structure(h!)).toEqual(reorganised);
  });

  it('places a code under a second category where the project allows several, shows it under both, and takes it out of one', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await page.keyboard.press('Control+2');
    const tree = page.getByRole('treegrid', { name: 'Codebook' });
    const rows = (name: string) => tree.getByRole('row').filter({ has: page.locator('.node-name', { hasText: new RegExp(`^${name}$`) }) });
    const code = 'Easing exam nerves';
    const other = 'Reaching out across the year gap';
    await rows(code).click();
    // Not allowed yet: Move to… says where to allow it, and offers no second place.
    await page.keyboard.press('Control+Shift+M');
    const move = page.getByRole('dialog', { name: `Move “${code}” to…` });
    await move.getByText('To place a code under several categories at once, allow it in Project settings.').waitFor();
    expect(await move.getByRole('checkbox').count()).toBe(0);
    await page.keyboard.press('Escape');
    await move.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('project settings');
    await page.keyboard.press('Enter');
    const settings = page.getByRole('dialog', { name: 'Project settings' });
    await settings.getByLabel('A code may sit under several categories').check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.waitFor({ state: 'detached' });

    await rows(code).click();
    await page.keyboard.press('Control+Shift+M');
    await move.waitFor();
    await page.keyboard.type(other);
    await expect.poll(() => move.getByRole('option', { selected: true }).textContent()).toMatch(new RegExp(`^Subcategory ${other} in `));
    await move.getByRole('checkbox', { name: /Keep it where it is too \(shown under both\)/ }).check();
    await move.getByRole('button', { name: 'Place under both' }).click();
    await move.waitFor({ state: 'detached' });
    // Two rows, one under each subcategory, at the same level; one node in the project.
    await expect.poll(() => rows(code).count()).toBe(2);
    expect(await rows(code).nth(0).getAttribute('aria-level')).toBe(await rows(code).nth(1).getAttribute('aria-level'));
    const listed = await h.server.app.dispatch('codebook.list', {});
    const nodes = (listed.ok ? listed.result : []) as ListedNode[];
    const parents = nodes.find((n) => n.name === code)!.parentIds.map((id) => nodes.find((n) => n.id === id)!.name);
    expect(parents).toHaveLength(2);
    expect(parents).toContain(other);
    await page.getByRole('status').filter({ hasText: `“${code}” now also under “${other}”, and still where it was.` }).waitFor();
    const placed = page.getByRole('group', { name: 'Placed under' });
    await placed.getByText('Shown under 2 nodes:').waitFor();
    await h.screenshot('codebook-two-parents');

    await placed.getByRole('button', { name: `Take it out of “${other}”` }).click();
    await expect.poll(() => rows(code).count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => rows(code).count()).toBe(2);
  });
});
