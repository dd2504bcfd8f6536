import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './support/harness';

/** Page model of two coders working apart and a resolver comparing their work, in the words of the UI. */
class Team {
  constructor(private readonly page: Page) {}

  async palette(command: string): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await this.page.getByRole('textbox', { name: 'Command' }).fill(command);
    await this.page.keyboard.press('Enter');
  }

  tab(name: string): Promise<void> {
    return this.page.getByRole('tab', { name, exact: true }).click();
  }

  unit(index: number): Locator {
    return this.page.locator('.transcript .unit').nth(index);
  }

  chips(index: number): Locator {
    return this.unit(index).locator('.chip');
  }

  async saved(): Promise<void> {
    await this.page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
  }

  /** Codes a unit of the open transcript with the quick-pick palette. */
  async code(index: number, code: string): Promise<void> {
    await this.unit(index).click();
    await this.page.keyboard.press('a');
    const picker = this.page.getByRole('dialog', { name: 'Apply code' });
    await picker.getByRole('textbox', { name: 'Code' }).fill(code);
    await this.page.keyboard.press('Enter');
    await this.unit(index).locator('.chip', { hasText: code }).waitFor();
    await this.saved();
  }

  async openFile(name: string): Promise<void> {
    await this.palette('open project');
    await this.page.getByRole('dialog', { name: 'Open project' }).getByRole('button', { name, exact: true }).click();
  }

  async closeProject(): Promise<void> {
    await this.palette('close project');
    await this.page.getByRole('button', { name: 'Open the sample project' }).waitFor();
  }

  async chooseCoder(name: string): Promise<void> {
    await this.page.getByRole('button', { name: /^Coder: / }).click();
    await this.page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await this.page.getByText(`Coder: ${name}`).waitFor();
  }

  /** Chooses a decision by its key, writes the rationale and saves with Ctrl+Enter. */
  async decide(key: string, rationale: string): Promise<void> {
    await this.page.keyboard.press(key);
    // The number chose the decision and put the cursor in the rationale box.
    const box = this.page.locator('.discrepancy-detail textarea:focus');
    await box.waitFor();
    await this.page.keyboard.type(rationale);
    // Save only once the page holds the whole rationale, as a person would after typing it.
    await expect.poll(() => box.inputValue()).toBe(rationale);
    await this.page.keyboard.press('Control+Enter');
  }
}

describe('two coders, blind, merged and resolved (Chromium)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('codes blind in two files, merges them, opens the comparison, resolves three discrepancies and shows the consensus', async () => {
    // A discrepancy's details arrive late, so a key pressed right after a save must still decide the next one.
    h = await startHarness({ answerRules: [{ methods: ['agreement.discrepancy'], delayMs: 400 }] });
    const { page } = h;
    const team = new Team(page);

    // Amira opens the sample study and turns blind coding on in the project settings.
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await team.palette('project settings');
    const settings = page.getByRole('dialog', { name: 'Project settings' });
    await settings.getByLabel('Blind coding').check();
    await h.screenshot('agreement-settings');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.status-bar').getByText('Blind coding').waitFor();
    // Blind: only Amira's own chips are visible.
    await team.chips(1).first().waitFor();
    const initials = await page.locator('.transcript .chip-coder').allTextContents();
    expect(initials.length).toBeGreaterThan(5);
    expect(new Set(initials.map((s) => s.trim()))).toEqual(new Set(['AH']));

    // She hands Ben a blind copy.
    await team.palette('hand a copy');
    const handOut = page.getByRole('dialog', { name: 'Hand a copy to another coder' });
    await handOut.getByLabel('Who will code in the copy?').selectOption({ label: 'Ben Okafor (BO)' });
    expect(await handOut.getByLabel('Leave out the other coders’ codings (blind)').isChecked()).toBe(true);
    await handOut.getByLabel(/File name/).fill('For Ben');
    await h.screenshot('agreement-hand-out');
    await handOut.getByRole('button', { name: 'Write the copy' }).click();
    await page.getByRole('dialog', { name: 'Coder copy written' }).getByRole('button', { name: 'Done' }).click();

    // Amira goes on coding at home: two more codes on the first focus group.
    // Units 2 and 9 of the first focus group are ones both had coded alike.
    await team.code(2, 'Sharing notes and resources');
    await team.code(9, 'Feeling welcomed in');
    await team.closeProject();

    // Ben opens his copy in "his own Condensa": he is the coder, the copy says whose it is, he sees only his codings.
    await team.openFile('For Ben');
    await page.getByText('Coder: Ben Okafor').waitFor();
    await page.locator('.status-bar').getByText('Coder copy for Ben Okafor').waitFor();
    const bensInitials = await page.locator('.transcript .chip-coder').allTextContents();
    expect(new Set(bensInitials.map((s) => s.trim()))).toEqual(new Set(['BO']));
    await team.code(2, 'Learning what to focus on');
    await team.code(8, 'Knowing someone is there');
    await h.screenshot('agreement-ben-codes-his-copy');
    await team.closeProject();

    // Back in the study, Amira merges Ben's returned file.
    await team.openFile('Sample study – peer mentoring');
    await page.getByText('Coder: Amira Haddad').waitFor();
    await team.palette('merge a returned');
    await page.getByRole('dialog', { name: 'Merge a returned coder copy' }).getByRole('button', { name: 'For Ben', exact: true }).click();
    const merged = page.getByRole('dialog', { name: 'Merged' });
    await merged.getByText('Added: 2 codings by Ben Okafor').waitFor();
    await h.screenshot('agreement-merge-report');
    await merged.getByRole('button', { name: 'Close' }).click();

    // Clara, the resolver, opens the comparison: it asks before revealing both coders' work.
    await team.chooseCoder('Clara Lindqvist');
    await team.tab('Compare');
    await page.getByRole('heading', { name: 'Blind coding is on' }).waitFor();
    const open = page.getByRole('button', { name: 'Open the comparison' });
    expect(await open.isDisabled()).toBe(true);
    await h.screenshot('agreement-reveal-gate');
    await page.getByLabel('I understand this reveals both coders’ work').check();
    await open.click();
    await page.getByRole('table', { name: 'Per code' }).waitFor();
    await expect.poll(() => page.locator('.status-bar').getByText('Blind coding').count()).toBe(0);
    // The figures carry the pooled and averaged labels and flag rare codes.
    const overall = page.getByRole('table', { name: 'All codes' });
    await overall.getByRole('cell', { name: /^Pooled over \d+ unit × code decisions$/ }).waitFor();
    await overall.getByRole('cell', { name: /^Mean of \d+ codes \(averaged; values averaged \/ codes\)$/ }).waitFor();
    expect(await page.getByRole('table', { name: 'Per code' }).getByText('too few to judge').count()).toBeGreaterThan(0);
    // The sample's 14 discrepancies, plus three from this round: unit 2 (different codes), 8 (only Ben), 9 (only Amira).
    const counts = page.getByTestId('discrepancy-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toMatch(/^17 discrepancies · 17 open · 0 resolved/);
    const list = page.getByRole('listbox', { name: 'Discrepancy list' });
    await list.getByText(/^Code present for one coder only \(\d+\)$/).waitFor();
    // Filter by type: only the differing-code group is left (the list is virtual; far rows are not in the page).
    const typeFilter = page.getByRole('region', { name: 'Discrepancies' }).getByLabel('Type');
    await typeFilter.selectOption({ label: 'Same text, different code' });
    await list.getByText(/^Same text, different code \(5\)$/).waitFor();
    expect(await list.getByText(/^Code present for one coder only/).count()).toBe(0);
    await counts.filter({ hasText: '5 shown' }).waitFor();
    await typeFilter.selectOption({ label: 'Any' });
    await expect.poll(() => counts.textContent()).toMatch(/^17 discrepancies · 17 open · 0 resolved · \d+ units agreed$/);
    await page.getByRole('region', { name: 'Discrepancy' }).getByText('Codebook definitions').waitFor();
    await h.screenshot('agreement-compare');

    // The rationale is required.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'Write a rationale' }).waitFor();
    await page.keyboard.press('Escape');

    // Three decisions by keyboard: arrows to move, a number to decide, Ctrl+Enter to save and go on.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const selected = list.getByRole('option', { selected: true });
    const first = await selected.textContent();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selected.textContent()).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => selected.textContent()).toBe(first);
    await team.decide('1', 'Amira’s code matches the inclusion criteria: the student describes not knowing how to revise.');
    await counts.filter({ hasText: '1 resolved' }).waitFor();
    await team.decide('2', 'Ben is right that this is context before the mentor appears.');
    await counts.filter({ hasText: '2 resolved' }).waitFor();
    await team.decide('3', 'Both codes apply: reassurance and practical know-how in one sentence.');
    await counts.filter({ hasText: '3 resolved' }).waitFor();
    await list.getByRole('option').filter({ hasText: 'Keep both' }).first().waitFor();
    await h.screenshot('agreement-three-resolved');

    // The consensus, in the abstraction table and in the transcript.
    await team.tab('Abstraction table');
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Codings of').selectOption({ label: 'Consensus' });
    const table = page.getByRole('table', { name: 'Abstraction table' });
    await table.waitFor();
    await expect.poll(() => page.locator('.abstraction-row .chip').count()).toBeGreaterThan(20);
    await h.screenshot('agreement-consensus-table');
    await team.tab('Transcript');
    await page.getByRole('combobox', { name: 'Codings shown' }).selectOption({ label: 'Consensus' });
    await expect.poll(async () => new Set((await page.locator('.transcript .chip-coder').allTextContents()).map((s) => s.trim()))).toEqual(new Set(['CON']));
    await h.screenshot('agreement-consensus-transcript');

    // The decisions are in the audit log with the resolver's name.
    await team.palette('show audit log');
    const log = page.getByRole('table', { name: 'Audit log' });
    await log.getByRole('cell', { name: 'Resolve a discrepancy: Keep both' }).waitFor();
    await log.getByRole('cell', { name: 'Merge Ben Okafor’s copy' }).waitFor();
  });

  it('says beside the figures why they could not be computed, and computes them again on request', async () => {
    h = await startHarness({ answerRules: [{ methods: ['agreement.compute'], refuse: { code: 'INTERNAL', message: 'The project file could not be read just now.' } }] });
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The figures could not be computed: The project file could not be read just now.' }).waitFor();
    expect(await page.getByText('Computing agreement…').count()).toBe(0);
    // The list of differences does not depend on the figures.
    await page.getByTestId('discrepancy-counts').waitFor();
    await h.screenshot('agreement-figures-refused');
    h.setAnswerRules([]);
    await page.getByRole('button', { name: 'Compute again' }).click();
    await page.getByRole('table', { name: 'Per code' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('states the scope above the figures and shows a withheld value when asked (#20)', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    const scope = page.getByTestId('agreement-scope');
    await scope.filter({ hasText: 'Scope: every document in the project, 3 documents' }).waitFor();
    expect(await scope.textContent()).toMatch(/3 documents \(78 meaning units, \d+ characters\); compared: units coded by at least one of the coders \(75 units\)/);
    // A code on fewer than 5 units: κ reads "withheld", and a click shows the number with the reason.
    const table = page.getByRole('table', { name: 'Per code' });
    const withheld = table.getByRole('button', { name: 'withheld' }).first();
    await withheld.waitFor();
    await withheld.click();
    const cell = table.locator('td.withheld-value').first();
    await cell.filter({ hasText: /positive units? \(fewer than 5\)/ }).waitFor();
    expect(await cell.getByRole('button').getAttribute('aria-expanded')).toBe('true');
    expect(await cell.getByRole('button').textContent()).toMatch(/^(-?\d\.\d{3}|no value)$/);
    await page.getByRole('table', { name: 'All codes' }).getByText(/\(12\/17\)/).first().waitFor();
    await h.screenshot('agreement-scope-withheld');
  });

  it('compares per document when the level is picked, and says so in the scope line (#20)', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    await page.getByRole('table', { name: 'Per code' }).waitFor();
    // The sample's coders coded meaning units: the level the app took is shown in the choice.
    const level = page.getByLabel('Level');
    expect(await level.inputValue()).toBe('unit');
    await level.selectOption({ label: 'Documents (code present anywhere)' });
    const scope = page.getByTestId('agreement-scope');
    await scope.filter({ hasText: 'compared per document: every document in scope (3 documents)' }).waitFor();
    await page.getByText(/document level \(code present anywhere in the document\)/).waitFor();
    // Three documents, each one unit: Both + Only + Neither make 3 on every code row.
    const rows = await page.getByRole('table', { name: 'Per code' }).locator('tbody tr').all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const counts = (await row.locator('td').allTextContents()).slice(1, 5).map(Number);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(3);
    }
    await h.screenshot('agreement-document-level');
  });

  it('shows unitizing α beside κ at the character level (#20 item 4)', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    await page.getByRole('table', { name: 'Per code' }).waitFor();
    await page.getByLabel('Level').selectOption('char');
    const perCode = page.getByRole('table', { name: 'Per code, unitizing' });
    await perCode.waitFor();
    await page.getByRole('table', { name: 'Per code, character level' }).waitFor();
    // Every code row holds its passages and a uα: a value, or "withheld" for a code on few passages.
    const cells = await perCode.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c).toMatch(/^(-?\d\.\d{3}|withheld)$/);
    const overall = page.getByRole('table', { name: 'All codes, unitizing' });
    expect(await overall.locator('tbody td').allTextContents()).toEqual([expect.stringMatching(/^All codes$/), expect.stringMatching(/^\d+$/), ...Array.from({ length: 3 }, () => expect.stringMatching(/^-?\d\.\d{3}$/)), '']);
    await overall.scrollIntoViewIfNeeded();
    await h.screenshot('agreement-unitizing');
  });

  it('shows 95% intervals beside κ and α, with the seed that reproduces them (#20 item 5)', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    await page.getByRole('table', { name: 'Per code' }).waitFor();
    await page.getByLabel('95% intervals (κ, α)').check();
    const perCode = page.getByRole('table', { name: 'Per code' });
    await perCode.getByRole('columnheader', { name: 'α 95% CI' }).waitFor();
    await perCode.getByRole('columnheader', { name: 'κ 95% CI' }).waitFor();
    const ranges = await perCode.locator('tbody td').allTextContents();
    expect(ranges.filter((c) => /^-?\d\.\d{3}–-?\d\.\d{3}$/.test(c)).length).toBeGreaterThan(10);
    expect(ranges.some((c) => /^[01]\.\d{3} \/ [01]\.\d{3}$/.test(c))).toBe(true);
    await page.getByText(/1,000 bootstrap resamples .* seed 2007/).first().waitFor();
    await h.screenshot('agreement-intervals');
    // The character level keeps the box: κ's intervals there too. uα's come from resampling whole
    // documents, and the sample's three are too few: its columns stay empty and the note says why.
    await page.getByLabel('Level').selectOption('char');
    await page.getByRole('table', { name: 'Per code, character level' }).getByRole('columnheader', { name: 'κ 95% CI' }).first().waitFor();
    const unitizing = page.getByRole('table', { name: 'All codes, unitizing' });
    await unitizing.getByRole('columnheader', { name: '|uα 95% CI' }).waitFor();
    const overall = await unitizing.locator('tbody td').allTextContents();
    expect(overall.filter((c) => /^-?\d\.\d{3}$/.test(c))).toHaveLength(3);
    expect(overall.filter((c) => /–/.test(c))).toHaveLength(0);
    await page.getByText('No 95% CI: the intervals resample whole documents, and 3 documents are too few (10 or more are needed).', { exact: false }).first().waitFor();
    await unitizing.scrollIntoViewIfNeeded();
    await h.screenshot('agreement-unitizing-intervals');
  });
});
