import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDocx } from '../integration/support/docx-read';
import { startHarness, type Harness } from './support/harness';

describe('the Reports tab (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('previews the sample’s category table as Word will show it, exports a .docx that reads back, and shows the theme table’s quotes', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: 'Amira Haddad (AH)' }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('option', { name: 'Category table' }).waitFor();
    const table = page.getByRole('table', { name: 'Table 1. Main categories and related subcategories' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).locator('td').nth(0).textContent()).toBe('Finding a safe harbour');
    expect(await rows.nth(0).locator('td').nth(1).textContent()).toBe('Being reassured by someone who has been thereReaching out across the year gap');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Category', 'Subcategories']);
    await h.screenshot('reports-category-table');

    await page.getByRole('button', { name: 'Export Word (.docx)' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved to' });
    await saved.waitFor();
    const file = path.join(h.projectsFolder, 'Exports', 'Main categories and related subcategories.docx');
    expect(fs.existsSync(file)).toBe(true);
    const doc = readDocx(fs.readFileSync(file));
    expect(doc.tables[0].caption).toBe('Table 1. Main categories and related subcategories');
    expect(doc.tables[0].rows.slice(1).map((r) => r.cells[0])).toEqual(['Finding a safe harbour', 'Navigating the hidden curriculum', 'Growing into the teacher role']);
    const link = saved.getByRole('link', { name: /Download Main categories/ });
    expect(await link.getAttribute('download')).toBe('Main categories and related subcategories.docx');
    expect(await link.getAttribute('href')).toMatch(/^blob:/);

    // Adding codes as a level shows them at once in the preview.
    await page.getByRole('checkbox', { name: 'Code', exact: true }).check();
    await page.getByRole('table', { name: 'Table 1. Main categories and related subcategories and codes' }).waitFor();

    // The theme table shows the sample's marked exemplar quotes, attributed as the author asks.
    await page.getByRole('option', { name: 'Theme table with quotes' }).click();
    const themes = page.getByRole('table', { name: /Themes, categories and exemplar quotes/ });
    await themes.getByText(/it’s knowing the path has been walked before/).waitFor();
    await themes.getByText(/\(Mentee 2, Riverside mentees, spring term\)/).first().waitFor();
    await page.getByLabel('Quote attribution').fill('a {Year of study:ordinal-word}-year {Role:lower}');
    await page.getByRole('table', { name: /Themes, categories and exemplar quotes/ }).getByText(/\(a first-year mentee\)/).first().waitFor();
    await h.screenshot('reports-theme-table');

    // The abstraction table is laid out on a landscape page.
    await page.getByRole('option', { name: 'Abstraction table' }).click();
    await page.getByRole('region', { name: 'Landscape page' }).getByRole('table', { name: /Abstraction from meaning units to themes/ }).waitFor();
    await h.screenshot('reports-abstraction-table');
  });

  it('offers Cancel while an export runs, says beside the buttons why an export wrote no file, and the next one goes through', async () => {
    h = await startHarness({ answerRules: [] });
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: 'Amira Haddad (AH)' }).click();
    await page.getByRole('tab', { name: 'Reports' }).click();
    const bar = page.getByRole('group', { name: 'Export' });
    await bar.getByRole('button', { name: 'Export Word (.docx)' }).waitFor();

    // While the answer is on its way, the bar offers Cancel instead of a link to the last file.
    h.setAnswerRules([{ methods: ['reports.export'], delayMs: 800 }]);
    await bar.getByRole('button', { name: 'Export Word (.docx)' }).click();
    await bar.getByRole('button', { name: 'Saving…' }).waitFor();
    await bar.getByRole('button', { name: 'Cancel' }).waitFor();
    await bar.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    expect(await bar.getByRole('button', { name: 'Cancel' }).count()).toBe(0);

    // A cancelled export is a sentence beside the buttons, not a banner; the last file's link goes.
    h.setAnswerRules([{ methods: ['reports.export'], refuse: { code: 'CANCELLED', message: 'The export was cancelled. No file was written.' } }]);
    await bar.getByRole('button', { name: 'Export Word (.docx)' }).click();
    await bar.getByRole('alert').filter({ hasText: 'The export was cancelled. No file was written.' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await bar.getByRole('status').filter({ hasText: 'Saved to' }).count()).toBe(0);
    await h.screenshot('reports-export-cancelled');

    h.setAnswerRules([]);
    await bar.getByRole('button', { name: 'Export Excel (.xlsx)' }).click();
    await bar.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    expect(await bar.getByRole('alert').count()).toBe(0);
  });
});
