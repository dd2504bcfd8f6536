import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// A codebook kept in a spreadsheet (MAXQDA-style paths, semicolons as a German Excel writes them),
// with a column the import does not recognise: the user says what it holds in the preview.
const CSV = [
  'Code;Notes;Farbe',
  'Becoming a nurse;The path into the profession;blau',
  "Becoming a nurse > Finding one's feet;The first weeks;",
  "Becoming a nurse > Finding one's feet > Feeling lost;Disorientation;",
  "Becoming a nurse > Finding one's feet > Being shown around;;",
  'Becoming a nurse > Passing it on > Teaching newcomers;;',
  'Leaving;;grau',
].join('\r\n');

describe('a codebook spreadsheet through the import dialog (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('previews the columns and levels, takes the user’s column choice, and fills the category table', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'New project…' }).click();
    await page.getByLabel('Title').fill('Codebook from a sheet');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await page.getByLabel('New coder').fill('Dana Ruiz');
    await page.getByRole('button', { name: 'Add and code as this person' }).click();
    await page.getByText('Coder: Dana Ruiz').waitFor();

    const file = path.join(h.projectsFolder, 'codebook.csv');
    fs.writeFileSync(file, `\ufeff${CSV}\r\n`);
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('import codebook');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Import codebook' });
    await dialog.getByLabel('Codebook (.qdc, .qdpx, .csv or .xlsx)').setInputFiles(file);

    const columns = dialog.getByRole('group', { name: 'Spreadsheet columns' });
    expect(await columns.getByLabel('What column Code holds').inputValue()).toBe('name');
    expect(await columns.getByLabel('What column Farbe holds').inputValue()).toBe('colour');
    expect(await columns.getByLabel('What column Notes holds').inputValue()).toBe('ignore');
    await columns.getByLabel('What column Notes holds').selectOption('definition');
    const preview = dialog.getByRole('region', { name: 'Levels preview' });
    await preview.getByText('New: 1 category, 2 subcategories, 4 codes').waitFor();
    expect(await preview.getByLabel('Level of Becoming a nurse').inputValue()).toBe('category');
    expect(await preview.getByLabel("Level of Finding one's feet").inputValue()).toBe('subcategory');
    await preview.getByRole('row', { name: /Passing it on/ }).getByText('guessed from the tree').waitFor();
    // A parent the file names only in a path is created, and the preview says so.
    await preview.getByRole('row', { name: /Passing it on/ }).getByText('(created)').waitFor();
    expect(await preview.getByText('(created)').count()).toBe(1);
    await h.screenshot('codebook-sheet-preview');
    // Nothing is written while the user looks.
    expect((await page.evaluate(() => document.querySelectorAll('[role="treegrid"] [role="row"]').length))).toBe(0);

    await dialog.getByRole('button', { name: 'Import codes' }).click();
    const report = dialog.getByRole('region', { name: 'Import report' });
    await report.getByText(/Parents named in a path but given no row of their own were created/).waitFor();
    await report.getByText('From the spreadsheet “codebook.csv”.').waitFor();
    await h.screenshot('codebook-sheet-report');
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('option', { name: 'Category table' }).click();
    const table = page.getByRole('table', { name: 'Table 1. Main categories and related subcategories' });
    await table.waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual(['Category', 'Subcategories']);
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[0]).toBe('Becoming a nurse');
    // The category table is a Word table: its apostrophes are typographic (the document's language sets them).
    expect(cells[1]).toMatch(/Finding one’s feet.*Passing it on/);
    await h.screenshot('codebook-sheet-category-table');

    // The same shape out: the export dialog's spreadsheet format writes one row per node.
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('export codebook');
    await page.keyboard.press('Enter');
    const exportDialog = page.getByRole('dialog', { name: 'Export codebook' });
    await exportDialog.getByLabel('Format').selectOption('csv');
    expect(await exportDialog.getByLabel(/File name/).inputValue()).toBe('Codebook from a sheet codebook.csv');
    await exportDialog.getByRole('button', { name: 'Export' }).click();
    await exportDialog.getByText('Saved to').waitFor();
    await h.screenshot('codebook-sheet-export');
    const lines = fs.readFileSync(path.join(h.projectsFolder, 'Codebook from a sheet codebook.csv'), 'utf8').split('\r\n');
    expect(lines[0]).toBe('\ufeffPath,Level,Definition,Inclusion criteria,Exclusion criteria,Example,Colour,ID');
    expect(lines.filter((l) => l.startsWith("Becoming a nurse > Finding one's feet > Feeling lost,Code,Disorientation,")).length).toBe(1);
    expect(lines.filter((l) => /^Leaving,Code,,,,,#868e96,/.test(l)).length).toBe(1);
  });
});
