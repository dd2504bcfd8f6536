import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp } from '../integration/support/app';
import { readDocx } from '../integration/support/docx-read';
import { codedSynthesis } from '../integration/support/meta-synthesis';
import { startHarness, type Harness } from './support/harness';

// #23 item 8: the author of a meta-synthesis sets the studies' reference numbers in Documents and
// exports the codes with their sources.

describe('codes with their sources (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('sets reference numbers in the Documents table, numbers the rest by list order, and exports the table to Word and CSV', async () => {
    h = await startHarness();
    const { page } = h;
    // The study's five papers, coded, none numbered yet: made through the contract, then opened as a user does.
    const file = path.join(h.projectsFolder, 'Mentoring competencies.condensa');
    fs.mkdirSync(h.projectsFolder, { recursive: true });
    const maker = makeTestApp();
    await codedSynthesis(maker.client, file, []);
    maker.app.closeProject();
    maker.close();

    await page.getByRole('button', { name: 'Open project…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Open project' });
    await dialog.getByRole('textbox', { name: 'Or the path of a .condensa file' }).fill(file);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    // Mira is the study's only coder, so the app codes as her without asking.
    await page.getByText('Coder: Mira Stein').waitFor();

    // The codebook speaks the method's words: a meta-synthesis's categories are components.
    await page.getByRole('tab', { name: 'Codebook' }).click();
    await page.locator('.node-level').filter({ hasText: /^Component$/ }).first().waitFor();
    await page.locator('.node-level').filter({ hasText: /^Subcomponent$/ }).first().waitFor();
    expect(await page.locator('.node-level').filter({ hasText: /^(Category|Subcategory)$/ }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Documents' }).click();
    const table = page.getByRole('table', { name: 'Documents' });
    for (const [title, ref] of [
      ['Study 01', '79'],
      ['Study 02', '45'],
    ]) {
      await table.getByRole('button', { name: `Reference number of ${title}: empty` }).click();
      const input = table.getByRole('textbox', { name: `Reference number of ${title}` });
      await input.fill(ref);
      await input.press('Enter');
      await table.getByRole('button', { name: `Reference number of ${title}: ${ref}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Number by list order' }).click();
    await table.getByRole('button', { name: 'Reference number of Study 05: 82' }).waitFor();
    expect(await page.getByRole('button', { name: 'Number by list order' }).count()).toBe(0);
    await h.screenshot('documents-reference-numbers');

    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('option', { name: 'Codes with their sources' }).click();
    const preview = page.getByRole('table', { name: 'Table 1. Components, subcomponents and codes with their sources' });
    await preview.waitFor();
    expect(await preview.locator('thead th').allTextContents()).toEqual(['Component', 'Subcomponent', 'Codes (studies)']);
    expect(await preview.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['teamwork skills (45, 79, 80)', 'shared goals (81, 82)', 'feedback on reasoning']);
    await h.screenshot('reports-codes-with-sources');

    // Names the report prints wait for the author's look, as in every pseudonymised export.
    const printAsShown = page.getByRole('region', { name: 'Names in this report' }).getByRole('button', { name: /^Print (this name|these \d+ names) as shown$/ });
    if (await printAsShown.count()) {
      await printAsShown.click();
      await page.getByText(/in this report (is|are) checked/).waitFor();
    }
    const bar = page.getByRole('group', { name: 'Export' });
    await bar.getByRole('button', { name: 'Export Word (.docx)' }).click();
    await bar.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    const word = path.join(h.projectsFolder, 'Exports', 'Components, subcomponents and codes with their sources.docx');
    const doc = readDocx(fs.readFileSync(word));
    expect(doc.tables[0].caption).toBe('Table 1. Components, subcomponents and codes with their sources');
    expect(doc.tables[0].rows.slice(1).map((r) => r.cells[2])).toEqual(['teamwork skills (45, 79, 80)', 'shared goals (81, 82)', 'feedback on reasoning']);

    await bar.getByRole('button', { name: 'Export CSV (.csv)' }).click();
    await bar.getByRole('status').filter({ hasText: '.csv' }).waitFor();
    const csv = fs.readFileSync(path.join(h.projectsFolder, 'Exports', 'Components, subcomponents and codes with their sources.csv'), 'utf8');
    expect(csv).toContain('Collaboration,Working in teams,teamwork skills,"45, 79, 80",,3');
  });
});
