import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// A codebook of 300 nodes reorganised by keyboard: collapse remembered across a reload, Alt+arrows,
// cut and paste, Move to…, a selection of three codes moved and merged, drop indicators, undo.

const THEMES = 4;
const CATEGORIES = 4; // per theme
const SUBCATEGORIES = 2; // per category
const CODES = 300 - THEMES - THEMES * CATEGORIES - THEMES * CATEGORIES * SUBCATEGORIES;

async function chooseCoder(page: Page, name: string): Promise<void> {
  const who = page.getByRole('dialog', { name: 'Who is coding?' });
  await Promise.race([who.waitFor(), page.getByText(`Coder: ${name}`).waitFor()]);
  if (await who.isVisible()) await who.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByText(`Coder: ${name}`).waitFor();
}

class TreeModel {
  constructor(
    private readonly h: Harness,
    readonly page: Page,
  ) {}

  get tree(): Locator {
    return this.page.getByRole('treegrid', { name: 'Codebook' });
  }

  item(name: string): Locator {
    return this.tree.getByRole('row').filter({ has: this.page.locator('.node-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  }

  async call<T>(method: string, params: unknown = {}): Promise<T> {
    const answer = await this.h.server.app.dispatch(method, params);
    if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer)}`);
    return answer.result as T;
  }

  /** Where a node sits: its parent's name and its place among its siblings. */
  async placeOf(name: string): Promise<{ parent: string | null; index: number }> {
    const nodes = await this.call<{ id: string; name: string; parentIds: string[]; sort: number }[]>('codebook.list');
    const node = nodes.find((n) => n.name === name)!;
    const parentId = node.parentIds[0] ?? null;
    const siblings = nodes.filter((n) => (n.parentIds[0] ?? null) === parentId).sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));
    return { parent: nodes.find((n) => n.id === parentId)?.name ?? null, index: siblings.findIndex((n) => n.id === node.id) };
  }

  /** How many nodes are beneath a node, at any depth. */
  async beneath(name: string): Promise<number> {
    const nodes = await this.call<{ id: string; name: string; parentIds: string[] }[]>('codebook.list');
    const below = new Set<string>([nodes.find((n) => n.name === name)!.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const n of nodes) if (!below.has(n.id) && n.parentIds.some((p) => below.has(p))) grew = below.add(n.id) !== null;
    }
    return below.size - 1;
  }

  async focus(name: string): Promise<void> {
    await this.item(name).click();
    await expect.poll(() => this.item(name).getAttribute('tabindex')).toBe('0');
  }

  async auditSteps(): Promise<number> {
    return (await this.call<unknown[]>('audit.list', { limit: 10_000 })).length;
  }
}

async function buildCodebook(t: TreeModel): Promise<void> {
  const subIds: string[] = [];
  for (let a = 1; a <= THEMES; a++) {
    const theme = await t.call<{ id: string }>('codebook.create', { level: 'theme', name: `Theme ${a}` });
    for (let b = 1; b <= CATEGORIES; b++) {
      const cat = await t.call<{ id: string }>('codebook.create', { level: 'category', name: `Category ${a}.${b}`, parentId: theme.id });
      for (let c = 1; c <= SUBCATEGORIES; c++) {
        subIds.push((await t.call<{ id: string }>('codebook.create', { level: 'subcategory', name: `Subcategory ${a}.${b}.${c}`, parentId: cat.id })).id);
      }
    }
  }
  for (let i = 0; i < CODES; i++) await t.call('codebook.create', { level: 'code', name: `Code ${i + 1}`, parentId: subIds[i % subIds.length] });
}

describe('a code tree of 300 nodes, in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('collapses and expands (remembered across a reload), moves by keyboard, Move to…, a selection of three, and undo', async () => {
    h = await startHarness();
    const { page } = h;
    const t = new TreeModel(h, page);
    await page.getByRole('button', { name: 'New project…' }).click();
    await page.getByLabel('Title').fill('Tree study');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await page.getByLabel('New coder').fill('Dana Ruiz');
    await page.getByRole('button', { name: 'Add and code as this person' }).click();
    await page.getByText('Coder: Dana Ruiz').waitFor();
    await buildCodebook(t);

    // The page learns of the nodes when it reopens the project: a reload, as a user would.
    const reopen = async () => {
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Command' }).fill('close project');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
      await page.getByRole('button', { name: 'Tree study' }).first().click();
      await chooseCoder(page, 'Dana Ruiz');
      await page.getByRole('tab', { name: 'Codebook', exact: true }).click();
      await t.tree.waitFor();
    };
    await reopen();
    const items = t.tree.getByRole('row');
    await expect.poll(() => items.count()).toBe(300);

    // Collapse: ← on a theme, a click on another's chevron.
    const stepsBefore = await t.auditSteps();
    await t.focus('Theme 1');
    expect(await t.item('Theme 1').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => t.item('Theme 1').getAttribute('aria-expanded')).toBe('false');
    await t.item('Theme 2').locator('.tree-chevron').click();
    await expect.poll(() => t.item('Theme 2').getAttribute('aria-expanded')).toBe('false');
    const hidden = (await t.beneath('Theme 1')) + (await t.beneath('Theme 2'));
    expect(hidden).toBeGreaterThan(100);
    await expect.poll(() => items.count()).toBe(300 - hidden);
    expect(await t.item('Category 1.1').count()).toBe(0);
    // A click on a chevron takes the keys to its row (the tree's own behaviour); ↓ from Theme 1 skips what it hides.
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('.node-name')?.textContent)).toBe('Theme 2');
    await t.focus('Theme 1');
    // → opens again; a second → goes to the first child.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('.node-name')?.textContent)).toBe('Theme 2');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => t.item('Theme 2').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('.node-name')?.textContent)).toBe('Category 2.1');
    await page.keyboard.press('ArrowLeft'); // collapse Category 2.1
    await expect.poll(() => t.item('Category 2.1').getAttribute('aria-expanded')).toBe('false');
    await t.item('Theme 2').locator('.tree-chevron').click();
    await h.screenshot('codebook-tree-collapsed');
    // Not an undo step, nor an audit entry.
    expect(await t.auditSteps()).toBe(stepsBefore);

    await reopen();
    await expect.poll(() => items.count()).toBe(300 - hidden);
    expect(await t.item('Theme 1').getAttribute('aria-expanded')).toBe('false');
    expect(await t.item('Theme 2').getAttribute('aria-expanded')).toBe('false');
    expect(await t.item('Theme 3').getAttribute('aria-expanded')).toBe('true');
    // * expands the node and its siblings; Category 2.1 stays as it was left.
    await t.focus('Theme 3');
    await page.keyboard.press('*');
    await expect.poll(() => t.item('Theme 2').getAttribute('aria-expanded')).toBe('true');
    expect(await t.item('Theme 1').getAttribute('aria-expanded')).toBe('true');
    expect(await t.item('Category 2.1').getAttribute('aria-expanded')).toBe('false');
    await t.focus('Category 2.1');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => items.count()).toBe(300);

    // Alt+↓ and Alt+↑ reorder among siblings; Alt+← outdents after the parent; Alt+→ indents under the node above.
    // Each move shows in the tree, with the focus still on the moved row, before the next key.
    const movedTo = async (place: { parent: string; index: number }) => {
      await expect.poll(() => t.placeOf('Code 1')).toEqual(place);
      await expect.poll(() => t.item('Code 1').getAttribute('aria-posinset')).toBe(String(place.index + 1));
      await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('.node-name')?.textContent)).toBe('Code 1');
    };
    const start = await t.placeOf('Code 1');
    expect(start).toEqual({ parent: 'Subcategory 1.1.1', index: 0 });
    await t.focus('Code 1');
    await page.keyboard.press('Alt+ArrowDown');
    await movedTo({ parent: 'Subcategory 1.1.1', index: 1 });
    await page.keyboard.press('Alt+ArrowUp');
    await movedTo({ parent: 'Subcategory 1.1.1', index: 0 });
    await page.keyboard.press('Alt+ArrowLeft');
    await movedTo({ parent: 'Category 1.1', index: 1 });
    await page.keyboard.press('Alt+ArrowRight');
    await movedTo({ parent: 'Subcategory 1.1.1', index: 7 });
    await page.keyboard.press('Alt+ArrowLeft');
    await movedTo({ parent: 'Category 1.1', index: 1 });
    await page.keyboard.press('Alt+ArrowDown');
    await movedTo({ parent: 'Category 1.1', index: 2 });
    // Each was one step, and undo takes them back one by one.
    const audit = await t.call<{ summary: string }[]>('audit.list', { limit: 6 });
    expect(audit.map((s) => s.summary)).toEqual([
      'Move “Code 1” to place 3 under “Category 1.1”',
      'Move “Code 1” out of “Subcategory 1.1.1” to place 2 under “Category 1.1”',
      'Move “Code 1” under “Subcategory 1.1.1”',
      'Move “Code 1” out of “Subcategory 1.1.1” to place 2 under “Category 1.1”',
      'Move “Code 1” to place 1 under “Subcategory 1.1.1”',
      'Move “Code 1” to place 2 under “Subcategory 1.1.1”',
    ]);
    for (let i = 0; i < 6; i++) await page.keyboard.press('Control+z');
    await expect.poll(() => t.placeOf('Code 1')).toEqual(start);

    // Cut and paste; a category under a code is refused with a sentence.
    await t.focus('Category 4.4');
    await page.keyboard.press('Control+x');
    await t.focus('Code 2');
    await page.keyboard.press('Control+v');
    await page.getByRole('status').filter({ hasText: 'A category cannot go under a code (“Category 4.4” under “Code 2”)' }).waitFor();
    await h.screenshot('codebook-tree-refused');
    // Refused before anything was sent: nothing failed to save.
    expect(await page.getByTestId('save-state').textContent()).toBe('Saved');
    expect(await t.placeOf('Category 4.4')).toEqual({ parent: 'Theme 4', index: 3 });
    await t.focus('Theme 1');
    await page.keyboard.press('Control+v');
    await expect.poll(() => t.placeOf('Category 4.4')).toEqual({ parent: 'Theme 1', index: 4 });
    await page.keyboard.press('Control+z');
    await expect.poll(() => t.placeOf('Category 4.4')).toEqual({ parent: 'Theme 4', index: 3 });

    // Move to… never offers the node itself or what is beneath it.
    await t.focus('Category 3.1');
    await page.keyboard.press('Control+Shift+M');
    const dialog = page.getByRole('dialog', { name: 'Move “Category 3.1” to…' });
    await dialog.waitFor();
    const find = dialog.getByRole('textbox', { name: 'Find where it goes' });
    await find.fill('Subcategory 3.1.1');
    await dialog.getByText('No node by that name can take “Category 3.1”.').waitFor();
    await find.fill('Category 3.1');
    expect(await dialog.getByRole('option').filter({ hasText: /^Category Category 3\.1( |$)/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await t.focus('Code 5');
    await page.keyboard.press('Control+Shift+M');
    const codeDialog = page.getByRole('dialog', { name: 'Move “Code 5” to…' });
    await codeDialog.getByRole('textbox', { name: 'Find where it goes' }).fill('Subcategory 3.2.1');
    await codeDialog.getByRole('option').first().filter({ hasText: 'Subcategory 3.2.1' }).waitFor();
    // The field keeps the keys and points at the best match (React Aria's Autocomplete over a ListBox), which is the one chosen.
    const pointedAt = () =>
      page.evaluate(() => {
        const id = document.activeElement?.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.textContent ?? '') : '';
      });
    await expect.poll(pointedAt).toMatch(/^Subcategory Subcategory 3\.2\.1 in /);
    expect(await codeDialog.getByRole('option', { selected: true }).textContent()).toBe(await pointedAt());
    await h.screenshot('codebook-tree-move-to');
    await page.keyboard.press('Enter');
    await codeDialog.waitFor({ state: 'detached' });
    await expect.poll(() => t.placeOf('Code 5')).toMatchObject({ parent: 'Subcategory 3.2.1' });

    // Three codes selected (click, then Shift+↓ twice), the count shown, moved in one step, undone in one.
    const homes = await Promise.all(['Code 3', 'Code 35', 'Code 67'].map((n) => t.placeOf(n)));
    expect(homes.map((p) => p.parent)).toEqual(['Subcategory 1.2.1', 'Subcategory 1.2.1', 'Subcategory 1.2.1']);
    await t.focus('Code 3');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    const chosen = page.getByTestId('tree-selection');
    await chosen.getByRole('heading', { name: '3 selected' }).waitFor();
    expect(await t.tree.getByRole('row', { selected: true }).count()).toBe(3);
    // Ctrl+click takes one out and puts it back.
    await t.item('Code 35').click({ modifiers: ['Control'] });
    await chosen.getByRole('heading', { name: '2 selected' }).waitFor();
    await t.item('Code 35').click({ modifiers: ['Control'] });
    await chosen.getByRole('heading', { name: '3 selected' }).waitFor();
    await h.screenshot('codebook-tree-three-selected');
    const steps = await t.auditSteps();
    await chosen.getByRole('button', { name: 'Move to…' }).click();
    const many = page.getByRole('dialog', { name: 'Move 3 selected nodes to…' });
    await many.getByRole('textbox', { name: 'Find where it goes' }).fill('Category 4.4');
    // The name typed whole comes first, before names that only hold its letters in order.
    await expect.poll(() => many.getByRole('option').first().textContent()).toBe('Category Category 4.4 in Theme 4');
    await many.getByRole('option', { name: 'Category Category 4.4 in Theme 4' }).click();
    await many.getByRole('button', { name: 'Move', exact: true }).click();
    await many.waitFor({ state: 'detached' });
    await expect.poll(async () => (await Promise.all(['Code 3', 'Code 35', 'Code 67'].map((n) => t.placeOf(n)))).map((p) => p.parent)).toEqual(['Category 4.4', 'Category 4.4', 'Category 4.4']);
    expect(await t.auditSteps()).toBe(steps + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => Promise.all(['Code 3', 'Code 35', 'Code 67'].map((n) => t.placeOf(n)))).toEqual(homes);

    // Two codes selected merge into the first in one step, and undo brings the other back.
    await t.focus('Code 99');
    await t.item('Code 131').click({ modifiers: ['Control'] });
    await chosen.getByRole('heading', { name: '2 selected' }).waitFor();
    await chosen.getByRole('button', { name: 'Merge…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge 2 selected into…' });
    await merge.getByText('“Code 131” disappears').waitFor();
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await merge.waitFor({ state: 'detached' });
    await expect.poll(() => t.item('Code 131').count()).toBe(0);
    expect((await t.call<{ summary: string }[]>('audit.list', { limit: 1 }))[0].summary).toBe('Merge “Code 131” into “Code 99”');
    await page.keyboard.press('Control+z');
    await expect.poll(() => t.item('Code 131').count()).toBe(1);

    // ? lists the tree's keys, this tab's first.
    await t.focus('Code 99');
    await page.keyboard.press('?');
    const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await keys.getByRole('region', { name: 'Codebook keys' }).getByText('Outdent (after its parent) or indent (under the node above)').waitFor();
    expect(await keys.getByRole('heading', { level: 3 }).first().textContent()).toBe('Codebook (this tab)');
    await h.screenshot('codebook-tree-keys');
    await page.keyboard.press('Escape');
  });

  it('shows where a dragged node will land (before, after, inside) and drops it there', async () => {
    h = await startHarness();
    const { page } = h;
    const t = new TreeModel(h, page);
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await chooseCoder(page, 'Amira Haddad');
    const codes = await t.call<{ id: string; name: string; level: string; parentIds: string[] }[]>('codebook.list');
    // The code rail beside the transcript folds the same branches as the tree.
    const folded = codes.find((n) => n.level === 'category')!.name;
    const rail = page.locator('.code-rail');
    await rail.getByRole('button', { name: `Collapse ${folded}` }).click();
    await rail.getByRole('button', { name: `Expand ${folded}` }).waitFor();
    await h.screenshot('code-rail-collapsed');
    await page.getByRole('tab', { name: 'Codebook', exact: true }).click();
    await t.tree.waitFor();
    expect(await t.item(folded).getAttribute('aria-expanded')).toBe('false');
    await t.item(folded).locator('.tree-chevron').click();
    await expect.poll(() => t.item(folded).getAttribute('aria-expanded')).toBe('true');
    const [a, b] = codes.filter((n) => n.level === 'code');
    const category = codes.find((n) => n.level === 'category' && !b.parentIds.includes(n.id))!;
    const drag = async (from: string, to: string, at: number, expected: string, shot: string) => {
      const source = t.item(from);
      const target = t.item(to);
      await source.hover();
      await page.mouse.down();
      const box = (await target.boundingBox())!;
      await page.mouse.move(box.x + 60, box.y + box.height * at, { steps: 4 });
      await page.mouse.move(box.x + 62, box.y + box.height * at, { steps: 2 });
      await expect.poll(() => target.getAttribute('class')).toContain(expected);
      await h!.screenshot(shot);
      await page.mouse.up();
    };
    const before = await t.placeOf(b.name);
    await drag(a.name, b.name, 0.1, 'drop-before', 'codebook-tree-drop-before');
    await expect.poll(() => t.placeOf(a.name)).toEqual({ parent: before.parent, index: Math.max(0, (await t.placeOf(b.name)).index - 1) });
    await drag(a.name, category.name, 0.5, 'drop-inside', 'codebook-tree-drop-inside');
    await expect.poll(async () => (await t.placeOf(a.name)).parent).toBe(category.name);
    await drag(a.name, b.name, 0.9, 'drop-after', 'codebook-tree-drop-after');
    await expect.poll(async () => (await t.placeOf(a.name)).parent).toBe(before.parent);
    // A category dragged onto a code shows a refusal and moves nothing.
    await drag(category.name, b.name, 0.5, 'drop-refused', 'codebook-tree-drop-refused');
    await expect.poll(async () => (await t.placeOf(category.name)).parent).not.toBe(b.name);
  });
});
