import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { importForeignStudy } from './support/foreign-study';
import { startHarness, type Harness } from './support/harness';

const THEME = 'Study life';

// What the in-page selection code touches, typed here because the DOM types are not part of the Node type check.
interface PageRange {
  setStart(node: unknown, offset: number): void;
  setEnd(node: unknown, offset: number): void;
  toString(): string;
}
interface PageElement {
  readonly firstChild: unknown;
  readonly ownerDocument: {
    createRange(): PageRange;
    readonly defaultView: { getSelection(): { removeAllRanges(): void; addRange(r: PageRange): void }; MouseEvent: new (type: string, init: object) => unknown };
  };
  dispatchEvent(event: unknown): void;
}

/** Selects characters [a, b) of an element's text as a mouse would, then lets the app see the mouseup. */
function selectInPage(element: unknown, [a, b]: readonly number[]): string {
  const el = element as PageElement;
  const doc = el.ownerDocument;
  const range = doc.createRange();
  range.setStart(el.firstChild, a);
  range.setEnd(el.firstChild, b);
  const sel = doc.defaultView.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  el.dispatchEvent(new doc.defaultView.MouseEvent('mouseup', { bubbles: true }));
  return range.toString();
}

/** Page model of the coding workbench: the steps a researcher takes, in the words of the UI. */
class Workbench {
  constructor(private readonly page: Page) {}

  tab(name: string): Promise<void> {
    return this.page.getByRole('tab', { name, exact: true }).click();
  }

  get tree(): Locator {
    return this.page.getByRole('treegrid', { name: 'Codebook' });
  }

  treeItem(name: string): Locator {
    return this.tree.getByRole('row').filter({ has: this.page.locator('.node-name', { hasText: new RegExp(`^${name}$`) }) });
  }

  /** Adds a node with the toolbar (under the selected node when it sits above that level) and names it. */
  async addNode(level: 'Theme' | 'Category' | 'Subcategory' | 'Code', name: string, under?: string): Promise<void> {
    if (under) await this.treeItem(under).click();
    await this.page.getByRole('toolbar', { name: 'Codebook tools' }).getByRole('button', { name: `+ ${level}` }).click();
    const rename = this.page.getByRole('textbox', { name: new RegExp(`^Name of the new ${level.toLowerCase()} `) });
    await rename.waitFor();
    await rename.fill(name);
    await rename.press('Enter');
    await this.treeItem(name).waitFor();
  }

  unit(index: number): Locator {
    return this.page.locator('.transcript .unit').nth(index);
  }

  /** A unit's chip of a code, once the project has stored the coding (not while it is saving). */
  chip(index: number, code: string): Locator {
    return this.unit(index).locator('.chip:not(.pending)', { hasText: code });
  }

  async palette(command: string): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await this.page.getByRole('textbox', { name: 'Command' }).fill(command);
    await this.page.keyboard.press('Enter');
  }

  async openSampleAsAmira(): Promise<void> {
    await this.page.getByRole('button', { name: 'Open the sample project' }).click();
    await this.page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await this.page.getByText('Coder: Amira Haddad').waitFor();
  }

  async saved(): Promise<void> {
    await this.page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
  }
}

describe('the coding workbench in Chromium', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('builds a codebook, codes by keyboard and drag, merges with undo/redo, finds units in the table, memos, searches and autocodes — and it all survives reopening', async () => {
    h = await startHarness();
    const { page } = h;
    const w = new Workbench(page);
    await w.openSampleAsAmira();

    // 1. A small codebook: one theme, two categories, a subcategory under each, three codes.
    await w.tab('Codebook');
    await page.getByRole('button', { name: 'Theme', exact: false }).first().waitFor();
    await w.addNode('Theme', THEME);
    await w.addNode('Category', 'Support', THEME);
    await w.addNode('Category', 'Pressure', THEME);
    await w.addNode('Subcategory', 'Peer support', 'Support');
    await w.addNode('Subcategory', 'Exams', 'Pressure');
    await w.addNode('Code', 'Mentor helps', 'Peer support');
    await w.addNode('Code', 'Exam worry', 'Exams');
    await w.addNode('Code', 'Test anxiety', 'Exams');
    // The level of each node shows its place in the hierarchy.
    expect(await w.treeItem('Support').getAttribute('aria-level')).toBe('2');
    expect(await w.treeItem('Peer support').getAttribute('aria-level')).toBe('3');
    expect(await w.treeItem('Mentor helps').getAttribute('aria-level')).toBe('4');
    // Give "Mentor helps" the key 1 and a definition in the node form.
    await w.treeItem('Mentor helps').click();
    const form = page.getByRole('form', { name: 'Code Mentor helps' });
    await form.getByLabel('Shortcut key').selectOption('1');
    await form.getByLabel('Definition').fill('A mentor gives practical or emotional help.');
    await form.getByLabel('Include when').click();
    await w.saved();
    await w.treeItem('Mentor helps').locator('kbd', { hasText: '1' }).waitFor();
    await h.screenshot('coding-codebook-built');

    // 2. Code by keyboard: the number key, then the quick-pick palette.
    await w.tab('Transcript');
    await w.unit(0).click();
    await page.keyboard.press('1');
    await w.chip(0, 'Mentor helps').waitFor();
    expect(await w.chip(0, 'Mentor helps').getAttribute('title')).toBe('Mentor helps — coded by Amira Haddad');
    expect(await w.chip(0, 'Mentor helps').locator('.chip-coder').textContent()).toBe('AH');
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    const picker = page.getByRole('dialog', { name: 'Apply code' });
    await picker.getByRole('textbox', { name: 'Code' }).fill('exam w');
    await page.keyboard.press('Enter');
    await w.chip(1, 'Exam worry').waitFor();

    // 3. Code by drag: a code from the rail onto the third unit.
    await page.getByRole('complementary', { name: 'Codes' }).getByRole('button', { name: /Test anxiety/ }).dragTo(w.unit(2));
    await w.chip(2, 'Test anxiety').waitFor();
    await w.saved();
    await h.screenshot('coding-transcript-coded');

    // 4. Merge "Test anxiety" into "Exam worry", then undo and redo it.
    await w.tab('Codebook');
    await w.treeItem('Test anxiety').click();
    await page.getByRole('button', { name: 'Merge into…' }).click();
    const merge = page.getByRole('dialog', { name: /Merge “Test anxiety” into/ });
    await merge.getByRole('option', { name: /Exam worry/ }).click();
    await h.screenshot('coding-merge-dialog');
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => w.treeItem('Test anxiety').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await w.treeItem('Test anxiety').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => w.treeItem('Test anxiety').count()).toBe(0);
    await w.tab('Transcript');
    await w.chip(2, 'Exam worry').waitFor();
    expect(await w.chip(2, 'Test anxiety').count()).toBe(0);

    // 5. The abstraction table finds the three units under the theme, with their categories.
    await w.tab('Abstraction table');
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Code or category').selectOption({ label: THEME });
    await expect.poll(() => page.getByTestId('table-count').textContent()).toBe('3 units');
    const rows = page.getByRole('table', { name: 'Abstraction table' }).locator('..').locator('.abstraction-row');
    await expect.poll(() => rows.count()).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts.filter((t) => t.includes('Pressure') && t.includes('Exams') && t.includes(THEME)).length).toBe(2);
    expect(texts.filter((t) => t.includes('Support') && t.includes('Peer support')).length).toBe(1);
    // Narrowed by a group of documents: the units were coded in the first mentee focus group.
    const documentFilter = page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name: 'Document' });
    await documentFilter.selectOption({ label: 'Mentor group' });
    await expect.poll(() => page.getByTestId('table-count').textContent()).toBe('0 units');
    await documentFilter.selectOption({ label: 'Mentee groups' });
    await expect.poll(() => page.getByTestId('table-count').textContent()).toBe('3 units');
    await h.screenshot('coding-abstraction-table');
    await documentFilter.selectOption({ label: 'All documents' });

    // 6. A memo on a unit with M.
    await w.tab('Transcript');
    await w.unit(1).click();
    await page.keyboard.press('m');
    const memo = page.getByRole('dialog', { name: 'Memo on the unit' });
    await memo.getByLabel('Memo').fill('Worry about exams shows up before the mentor does.');
    await memo.getByRole('button', { name: 'Save memo' }).click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByText('Worry about exams shows up before the mentor does.').waitFor();

    // 7. Search, then autocode the hits.
    await w.tab('Search');
    await page.getByRole('searchbox', { name: 'Search the project' }).fill('napkin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('region', { name: 'Transcripts' }).locator('mark', { hasText: /napkin/i }).first().waitFor();
    await page.getByRole('group', { name: 'Autocode' }).getByLabel('Code for every hit').selectOption({ label: 'Mentor helps' });
    await page.getByRole('button', { name: 'Autocode hits' }).click();
    await page.getByRole('status').filter({ hasText: /Autocoded \d+ units? with “Mentor helps”/ }).waitFor();
    await h.screenshot('coding-search-autocode');

    // 8. The audit log lists each step, with before/after detail, and exports.
    await w.tab('Audit log');
    const log = page.getByRole('table', { name: 'Audit log' });
    for (const step of [
      // Each node is added with the name typed for it, in one step.
      'Add theme “Study life”',
      'Add category “Support”',
      'Code 1 unit with “Mentor helps”',
      'Code 1 unit with “Exam worry”',
      'Code 1 unit with “Test anxiety”',
      'Merge “Test anxiety” into “Exam worry”',
      'Undo: Merge “Test anxiety” into “Exam worry”',
      'Redo: Merge “Test anxiety” into “Exam worry”',
      'Write a memo on the unit',
      'Autocode “napkin”',
    ]) {
      await log.getByRole('cell', { name: new RegExp(`^${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().waitFor();
    }
    await log.getByRole('cell', { name: 'Merge “Test anxiety” into “Exam worry”', exact: true }).click();
    await page.locator('.audit-detail .change-fields').first().waitFor();
    await h.screenshot('coding-audit-log');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file, 'utf8')).toContain('Merge “Test anxiety” into “Exam worry”');

    // 9. Close and reopen: the codebook, codings, memo and log are all still there.
    await w.palette('close project');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: 'Peer mentoring in the first year of medical school' }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await w.chip(0, 'Mentor helps').waitFor();
    await w.chip(1, 'Exam worry').waitFor();
    await w.chip(2, 'Exam worry').waitFor();
    await w.unit(1).click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByText('Worry about exams shows up before the mentor does.').waitFor();
    await w.tab('Codebook');
    for (const name of [THEME, 'Support', 'Pressure', 'Peer support', 'Exams', 'Mentor helps', 'Exam worry']) await w.treeItem(name).waitFor();
    expect(await w.treeItem('Test anxiety').count()).toBe(0);
    await w.tab('Audit log');
    await page.getByRole('table', { name: 'Audit log' }).getByRole('cell', { name: /^Autocode “napkin”/ }).waitFor();
    await h.screenshot('coding-reopened');
  });

  it('codes in vivo, passages and unit ranges, edits condensations inline, and edits the codebook by drag and delete', async () => {
    h = await startHarness();
    const { page } = h;
    const w = new Workbench(page);
    await w.openSampleAsAmira();

    /** Selects characters [from, to) of a unit's text the way a mouse would, and lets the app see the mouseup. */
    const selectWords = async (unit: number, from: number, to: number): Promise<string> => {
      const text = await w.unit(unit).locator('.unit-text').evaluate(selectInPage, [from, to]);
      return text;
    };

    // In vivo: the selected words become a code on the unit holding them.
    const words = await selectWords(0, 0, 19);
    await page.getByRole('toolbar', { name: 'Selected words' }).getByRole('button', { name: 'In vivo' }).click();
    await w.chip(0, words).waitFor();
    await page.getByRole('complementary', { name: 'Codes' }).getByRole('button', { name: new RegExp(words) }).waitFor();

    // A passage: selected words coded through the picker are highlighted in the text.
    await selectWords(1, 4, 24);
    await page.keyboard.press('a');
    await page.getByRole('dialog', { name: 'Apply code' }).getByRole('textbox', { name: 'Code' }).fill('Feeling welcomed');
    await page.keyboard.press('Enter');
    await w.unit(1).locator('mark.span-coded').waitFor();
    expect(await w.unit(1).locator('mark.span-coded').getAttribute('title')).toBe('Feeling welcomed in');
    await h.screenshot('coding-in-vivo-and-passage');

    // A range of units, coded at once with a new code typed into the picker (Alt+N).
    await w.unit(3).click();
    await w.unit(5).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.transcript .unit.in-range').count()).toBe(3);
    await page.keyboard.press('a');
    await page.getByRole('dialog', { name: 'Apply code' }).getByRole('textbox', { name: 'Code' }).fill('Night before nerves');
    await page.keyboard.press('Alt+n');
    for (const i of [3, 4, 5]) await w.chip(i, 'Night before nerves').waitFor();
    await h.screenshot('coding-unit-range');
    // Removing one's own coding from a chip.
    await w.chip(4, 'Night before nerves').getByRole('button', { name: 'Remove Night before nerves' }).click();
    await expect.poll(() => w.chip(4, 'Night before nerves').count()).toBe(0);

    // Condensation inline: C opens the editor, Enter saves.
    await w.unit(6).click();
    await page.keyboard.press('c');
    const editor = w.unit(6).getByRole('textbox', { name: 'Condensed meaning unit' });
    await editor.fill('Felt calmer with a mentor nearby');
    await editor.press('Enter');
    await w.unit(6).locator('.unit-condensed', { hasText: 'Felt calmer with a mentor nearby' }).waitFor();
    // The interpretive condensation, in the inspector.
    const interpretive = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Interpretive condensation' });
    await interpretive.fill('Presence of a senior as reassurance');
    await interpretive.blur();
    await w.saved();
    await expect
      .poll(() => h!.server.app.requireProject().db.prepare(`SELECT count(*) FROM meaning_units WHERE interpretive = 'Presence of a senior as reassurance'`).pluck().get())
      .toBe(1);

    // A journal entry from the palette.
    await w.palette('new journal entry');
    const journal = page.getByRole('dialog', { name: 'Journal entry' });
    await journal.getByLabel('Entry').fill('Today I noticed how quickly I reach for the mentor codes.');
    await journal.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('status').filter({ hasText: 'Journal entry saved' }).waitFor();

    // The abstraction table edits condensations in place.
    await w.tab('Abstraction table');
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Code or category').selectOption({ label: 'Night before nerves' });
    await expect.poll(() => page.getByTestId('table-count').textContent()).toBe('2 units');
    const row = page.locator('.abstraction-row').first();
    await row.getByRole('button', { name: 'Edit condensation' }).click();
    await row.getByRole('textbox', { name: 'Condensed meaning unit' }).fill('Slept well after the mentor talk');
    await row.getByRole('textbox', { name: 'Condensed meaning unit' }).press('Enter');
    await row.getByText('Slept well after the mentor talk').waitFor();
    await page.getByRole('columnheader', { name: /Condensed meaning unit/ }).getByRole('button').click();
    expect(await page.getByRole('columnheader', { name: /Condensed meaning unit/ }).getAttribute('aria-sort')).toBe('ascending');
    await h.screenshot('coding-table-edited');

    // The codebook: move a code into another subcategory by drag, then delete it with its count shown, and undo.
    await w.tab('Codebook');
    await w.treeItem('Night before nerves').dragTo(w.treeItem('Getting the know-how for studying'));
    await expect.poll(async () => w.treeItem('Night before nerves').getAttribute('aria-level')).toBe('4');
    await w.treeItem('Night before nerves').click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const del = page.getByRole('dialog', { name: 'Delete the code “Night before nerves”?' });
    await expect.poll(() => del.getByTestId('delete-preview').textContent()).toMatch(/^2 codings go with it/);
    await h.screenshot('coding-delete-dialog');
    await del.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => w.treeItem('Night before nerves').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await w.treeItem('Night before nerves').waitFor();

    // Retrieval in the inspector: the units of a code, one marked as an exemplar quote.
    await w.treeItem('Night before nerves').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.getByTestId('count-units').textContent()).toBe('2');
    await inspector.getByRole('checkbox', { name: 'Mark as quote' }).first().check();
    await w.saved();
    const session = h.server.app.requireProject();
    expect(session.db.prepare(`SELECT count(*) FROM quotes q JOIN codebook_nodes n ON n.id = q.node_id WHERE n.name = 'Night before nerves'`).pluck().get()).toBe(1);
    await h.screenshot('coding-retrieval');
  });

  it('draws a chip the moment a code is applied, shows it as saving until the project has stored it, and takes it away if the project refuses', async () => {
    h = await startHarness({ answerRules: [] });
    const { page } = h;
    const w = new Workbench(page);
    await w.openSampleAsAmira();
    const pick = async (index: number, code: string) => {
      await w.unit(index).click();
      await page.keyboard.press('a');
      await page.getByRole('dialog', { name: 'Apply code' }).getByRole('textbox', { name: 'Code' }).fill(code);
      await page.keyboard.press('Enter');
    };
    const stored = () =>
      h!.server.app
        .requireProject()
        .db.prepare(`SELECT count(*) FROM codings c JOIN codebook_nodes n ON n.id = c.code_id WHERE n.name = ? AND c.unit_id = ?`)
        .pluck();
    const unitId = async (index: number) => (await w.unit(index).getAttribute('data-unit-id'))!;

    // The project answers late (a slow disk): the chip is there at once, as saving, with nothing to remove yet.
    h.setAnswerRules([{ methods: ['codings.apply'], delayMs: 1500 }]);
    await pick(4, 'Feeling welcomed in');
    const pending = w.unit(4).locator('.chip.pending', { hasText: 'Feeling welcomed in' });
    await pending.waitFor({ timeout: 1000 });
    expect(await pending.getAttribute('title')).toMatch(/saving…/);
    expect(await pending.getByRole('button', { name: 'Remove Feeling welcomed in' }).isDisabled()).toBe(true);
    // An answer this slow fades the chip, so the coder can tell it is not stored yet.
    await expect.poll(() => pending.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(0.7);
    await pending.evaluate((el) => el.setAttribute('data-drawn-before-stored', ''));
    await h.screenshot('coding-chip-saving');
    // Once stored, it is an ordinary chip of Amira's that she can remove: the same element, so the
    // screen does not redraw it.
    const chip = w.unit(4).locator('.chip:not(.pending)', { hasText: 'Feeling welcomed in' });
    await chip.getByRole('button', { name: 'Remove Feeling welcomed in' }).and(page.locator(':enabled')).waitFor();
    expect(await pending.count()).toBe(0);
    expect(await chip.getAttribute('data-drawn-before-stored')).toBe('');
    expect(await chip.evaluate((el) => Number(getComputedStyle(el).opacity))).toBe(1);
    expect(stored().get('Feeling welcomed in', await unitId(4))).toBe(1);

    // The project refuses (the disk is full): the chip goes again and the message says why.
    h.setAnswerRules([{ methods: ['codings.apply'], delayMs: 300, refuse: { code: 'DISK_FULL', message: 'The disk is full, so the change was not saved.' } }]);
    await pick(5, 'Sharing notes and resources');
    await w.unit(5).locator('.chip.pending', { hasText: 'Sharing notes and resources' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'The disk is full' }).waitFor();
    await expect.poll(() => w.unit(5).locator('.chip', { hasText: 'Sharing notes and resources' }).count()).toBe(0);
    await h.screenshot('coding-chip-refused');
    h.setAnswerRules([]);
  });

  it('saves a search with its kinds, renames it, and runs it again from the list after reopening the project', async () => {
    h = await startHarness();
    const { page } = h;
    const w = new Workbench(page);
    await w.openSampleAsAmira();
    await w.tab('Search');
    const box = page.getByRole('searchbox', { name: 'Search the project' });
    await box.fill('mentor');
    const kinds = page.getByRole('group', { name: 'Search in' });
    await kinds.getByLabel('Journal').uncheck();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-summary').filter({ hasText: /hits/ }).waitFor();
    const firstSummary = await page.getByTestId('search-summary').textContent();

    await page.getByRole('button', { name: 'Save this search…' }).click();
    const form = page.getByRole('form', { name: 'Save this search' });
    await form.getByRole('textbox', { name: 'Name of the saved search' }).fill('Mentors');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the search “Mentors”' }).waitFor();
    const saved = page.getByRole('region', { name: 'Saved searches' });
    await saved.getByRole('button', { name: /^Mentors/ }).waitFor();

    // The same name again is refused beside the field, not in a banner.
    await page.getByRole('button', { name: 'Save this search…' }).click();
    await form.getByRole('textbox', { name: 'Name of the saved search' }).fill('mentors');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'already called' }).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await saved.getByRole('button', { name: 'Rename “Mentors”' }).click();
    await saved.getByRole('textbox', { name: 'New name for “Mentors”' }).fill('Mentors, not the journal');
    await saved.getByRole('textbox', { name: 'New name for “Mentors”' }).press('Enter');
    await saved.getByRole('button', { name: /^Mentors, not the journal/ }).waitFor();
    await h.screenshot('search-saved');

    await w.palette('close project');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: 'Peer mentoring in the first year of medical school' }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await w.tab('Search');
    // Closing the project took its words and hits with it.
    expect(await box.inputValue()).toBe('');
    expect(await page.getByTestId('search-summary').count()).toBe(0);
    await box.fill('napkin');
    await kinds.getByLabel('Journal').check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('region', { name: 'Transcripts' }).locator('mark', { hasText: /napkin/i }).first().waitFor();

    // One click in the navigator, from another tab, brings back the Search tab with the words,
    // the kinds and the hits.
    await w.tab('Transcript');
    const navigator = page.getByRole('complementary', { name: 'Navigator' }).getByRole('list', { name: 'Saved searches' });
    await navigator.getByRole('button', { name: 'Mentors, not the journal' }).click();
    await page.getByRole('tab', { name: 'Search', exact: true, selected: true }).waitFor();
    await expect.poll(() => box.inputValue()).toBe('mentor');
    expect(await kinds.getByLabel('Journal').isChecked()).toBe(false);
    expect(await kinds.getByLabel('Transcripts').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('search-summary').textContent()).toBe(firstSummary);
    expect(await page.getByRole('region', { name: 'Journal' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Transcripts' }).locator('mark', { hasText: /mentor/i }).first().waitFor();
    await h.screenshot('search-saved-run-after-reopen');

    // The same search again from the list beside the results.
    await box.fill('napkin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await saved.getByRole('button', { name: /^Mentors, not the journal/ }).click();
    await expect.poll(() => box.inputValue()).toBe('mentor');

    await saved.getByRole('button', { name: 'Delete “Mentors, not the journal”' }).click();
    await saved.getByText('None yet.', { exact: false }).waitFor();
    await expect.poll(() => navigator.count()).toBe(0);

    // Narrowed to one document, then to a group of documents: the transcript hits come only from them.
    const scope = page.getByRole('combobox', { name: 'Documents to search' });
    const titles = () => page.getByRole('region', { name: 'Transcripts' }).locator('.hit-title').allTextContents();
    await scope.selectOption({ label: 'Focus group 3 – mentors' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(async () => new Set((await titles()).map((t) => t.trim()))).toEqual(new Set(['Focus group 3 – mentors']));
    await scope.selectOption({ label: 'Mentee groups' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(async () => new Set((await titles()).map((t) => t.trim()))).toEqual(new Set(['Focus group 1 – mentees', 'Focus group 2 – mentees']));
    await h.screenshot('search-in-a-group');
  });

  it('comes back to the document and unit the coder was at, even when the project is closed straight after moving', async () => {
    h = await startHarness();
    const { page } = h;
    const w = new Workbench(page);
    await w.openSampleAsAmira();
    await page.getByRole('navigation', { name: 'Navigator' }).or(page.getByRole('complementary', { name: 'Navigator' })).getByRole('button', { name: /^Focus group 2/ }).click();
    await page.getByRole('heading', { name: /^Focus group 2/ }).waitFor();
    await w.unit(3).click();
    // Down the transcript by keyboard, then close at once: the place is written before the project closes.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    const place = await page.locator('.transcript .unit.selected').getAttribute('data-unit-id');
    await w.palette('close project');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: 'Peer mentoring in the first year of medical school' }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await page.getByRole('heading', { name: /^Focus group 2/ }).waitFor();
    await expect.poll(() => page.locator('.transcript .unit.selected').getAttribute('data-unit-id')).toBe(place);
  });

  it('lists every document and code of a large study, draws only the stretches of the lists on screen, and codes with a code far down the rail', async () => {
    h = await startHarness();
    const { page } = h;
    await importForeignStudy(h, 'large-study.qdpx', { sources: 150, sentences: 6, codes: 160 });
    await page.getByRole('dialog', { name: 'Imported' }).getByRole('button', { name: 'Open the project' }).click();
    const rail = page.getByRole('complementary', { name: 'Codes' });
    const documents = page.getByRole('complementary', { name: 'Navigator' }).getByRole('list', { name: 'Documents' });
    await rail.getByRole('button', { name: /^Support/ }).waitFor();

    // Every item is in the page and says where it stands in the whole list, though the lists are
    // drawn in stretches; those off screen are skipped by the browser until they come into view.
    const drawn = (item: Locator) => item.evaluate((el) => (el as unknown as { checkVisibility(o: object): boolean }).checkVisibility({ contentVisibilityAuto: true }));
    expect(await rail.getByRole('listitem').count()).toBe(160);
    expect(await documents.getByRole('listitem').count()).toBe(150);
    const lastCode = rail.getByRole('listitem').filter({ has: page.getByText('Code 160', { exact: true }) });
    const lastDocument = documents.getByRole('listitem').filter({ has: page.getByText('Interview 150', { exact: true }) });
    for (const [item, size] of [[lastCode, '160'], [lastDocument, '150']] as const) {
      expect(await item.getAttribute('aria-posinset')).toBe(size);
      expect(await item.getAttribute('aria-setsize')).toBe(size);
      expect(await drawn(item)).toBe(false);
    }
    expect(await drawn(rail.getByRole('listitem').first())).toBe(true);
    await h.screenshot('large-lists-opened');

    // The last document opens from the navigator's far end.
    await lastDocument.getByRole('button').click();
    await page.locator('.transcript-header h2', { hasText: 'Interview 150' }).waitFor();
    expect(await drawn(lastDocument)).toBe(true);

    // A passage coded with the last code of the rail, by click: its count goes from 0 to 1.
    const passage = page.locator('.transcript mark.span-coded').first();
    expect(await passage.evaluate(selectInPage, [0, 6])).toBe('We met');
    await page.getByRole('toolbar', { name: 'Selected words' }).waitFor();
    const lastCodeButton = lastCode.getByRole('button');
    await expect.poll(() => lastCodeButton.textContent()).toMatch(/0$/);
    await lastCodeButton.click();
    await expect.poll(() => lastCodeButton.textContent()).toMatch(/1$/);
    expect(await drawn(lastCode)).toBe(true);
    await h.screenshot('large-lists-coded-far-down');

    // Filtered, the rail lists the matching codes alone, and tells their number.
    await rail.getByRole('textbox', { name: 'Filter codes' }).fill('Code 160');
    await expect.poll(() => rail.getByRole('listitem').count()).toBe(1);
    expect(await rail.getByRole('listitem').first().getAttribute('aria-setsize')).toBe('1');
    await rail.getByRole('textbox', { name: 'Filter codes' }).fill('');
    await expect.poll(() => rail.getByRole('listitem').count()).toBe(160);
  });

  it('the node inspector gives the units of a code per coder, beside the count of the coder view', async () => {
    h = await startHarness();
    const { page } = h;
    const w = new Workbench(page);
    await w.openSampleAsAmira();
    await w.tab('Codebook');
    await w.treeItem('Easing exam nerves').click();
    const db = h.server.app.requireProject().db;
    const units = (coder: string) =>
      db
        .prepare(
          `SELECT count(DISTINCT c.unit_id) FROM codings c JOIN coders k ON k.id = c.coder_id JOIN codebook_nodes n ON n.id = c.code_id WHERE k.name = ? AND n.name = 'Easing exam nerves'`,
        )
        .pluck()
        .get(coder) as number;
    expect(units('Ben Okafor')).toBeGreaterThan(0);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect
      .poll(() => inspector.getByTestId('units-per-coder').textContent())
      .toBe(`Units per coder: Amira Haddad ${units('Amira Haddad')} · Ben Okafor ${units('Ben Okafor')}`);
    await h.screenshot('coding-units-per-coder');
  });
});
