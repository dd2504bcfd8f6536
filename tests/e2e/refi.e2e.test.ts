import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importForeignStudy, nestedStudy } from './support/foreign-study';
import { startHarness, type Harness } from './support/harness';

async function runCommand(h: Harness, words: string): Promise<void> {
  await h.page.keyboard.press('Control+k');
  await h.page.getByRole('textbox', { name: 'Command' }).fill(words);
  await h.page.keyboard.press('Enter');
}

describe('REFI-QDA exchange in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('exports the sample as .qdpx with a download, then imports it from the start screen as a new project', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    await runCommand(h, 'export refi');
    const exportDialog = page.getByRole('dialog', { name: 'Export REFI-QDA project' });
    await exportDialog.getByLabel(/File name/).fill('mentoring.qdpx');
    await exportDialog.getByRole('button', { name: 'Export' }).click();
    await exportDialog.getByText('Saved to').waitFor();
    const saved = path.join(h.projectsFolder, 'mentoring.qdpx');
    expect(fs.existsSync(saved)).toBe(true);
    await h.screenshot('refi-export');
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('link', { name: 'Download mentoring.qdpx' }).click()]);
    const downloaded = await download.path();
    expect(fs.readFileSync(downloaded!)).toEqual(fs.readFileSync(saved));
    await exportDialog.getByRole('button', { name: 'Done' }).click();

    await runCommand(h, 'close project');
    await page.getByRole('button', { name: 'Import REFI-QDA project…' }).waitFor();
    await h.screenshot('refi-start-screen');
    await page.getByRole('button', { name: 'Import REFI-QDA project…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import REFI-QDA project' });
    await importDialog.getByLabel('REFI-QDA project (.qdpx)').setInputFiles(saved);
    // The file goes to the server first; the name is offered once it is there.
    await expect.poll(() => importDialog.getByLabel('New project file name').inputValue()).toBe('mentoring');
    await importDialog.getByLabel('New project file name').fill('Mentoring from qdpx');
    await importDialog.getByRole('button', { name: 'Import' }).click();
    const report = page.getByRole('dialog', { name: 'Imported' });
    await report.getByText('a Condensa export, restored in full').waitFor();
    await report.getByText(/Positions were read as Unicode code points/).waitFor();
    expect(await report.locator('.refi-counts').textContent()).toMatch(/Documents3/);
    await h.screenshot('refi-import-report');
    await report.getByRole('button', { name: 'Open the project' }).click();
    expect(fs.existsSync(path.join(h.projectsFolder, 'Mentoring from qdpx.condensa'))).toBe(true);
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Ben Okafor/ }).click();
    const nav = page.getByRole('complementary', { name: 'Navigator' });
    await nav.getByText('Focus group 3 – mentors').waitFor();
    expect(await page.locator('.unit').count()).toBeGreaterThan(5);
    await h.screenshot('refi-imported-project');

    // The audit log of the new project says where it came from.
    await page.getByRole('tab', { name: 'Audit log', exact: true }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    const origin = log.getByRole('cell', { name: /^Import the project “mentoring\.qdpx”, made by Condensa .*: 3 documents, \d+ codes, \d+ codings, \d+ memos$/ });
    await origin.click();
    await log.getByText('No rows to show: this step records an event').waitFor();
    expect(await log.locator('tbody > tr:not(.audit-detail)').count()).toBe(1);
    await h.screenshot('refi-imported-audit-log');
  });

  it('previews the levels a nested codebook from another program gets, lets the user change one, and imports what it showed', async () => {
    h = await startHarness();
    const { page } = h;
    const file = path.join(h.home, 'nested.qdpx');
    fs.writeFileSync(file, nestedStudy());
    await page.getByRole('button', { name: 'Import REFI-QDA project…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import REFI-QDA project' });
    await dialog.getByLabel('REFI-QDA project (.qdpx)').setInputFiles(file);
    const preview = dialog.getByRole('region', { name: 'Levels preview' });
    await preview.getByText('New: 1 category, 1 subcategory, 2 codes — levels guessed from the tree').waitFor();
    expect(await preview.getByLabel('Level of Becoming a nurse').inputValue()).toBe('category');
    expect(await preview.getByLabel("Level of Finding one's feet").inputValue()).toBe('subcategory');
    expect(await preview.getByRole('row', { name: /Becoming a nurse/ }).getByText('guessed from the tree').count()).toBe(1);
    await h.screenshot('refi-import-levels-preview');
    // Nothing is written while the user looks.
    expect(fs.readdirSync(h.projectsFolder).filter((f) => f.endsWith('.condensa'))).toEqual([]);

    await preview.getByLabel('Level of Becoming a nurse').selectOption('theme');
    await preview.getByRole('row', { name: /Becoming a nurse/ }).getByText('chosen by you').waitFor();
    await preview.getByText('New: 1 theme, 1 subcategory, 2 codes').waitFor();
    await dialog.getByRole('button', { name: 'Import' }).click();
    const report = page.getByRole('dialog', { name: 'Imported' });
    await report.getByText(/Levels chosen in the preview were used/).waitFor();
    await report.getByRole('button', { name: 'Open the project' }).click();
    await page.getByRole('complementary', { name: 'Navigator' }).getByText('Interview 1').waitFor();
    await page.getByRole('tab', { name: 'Codebook', exact: true }).click();
    const tree = page.getByRole('treegrid', { name: 'Codebook' });
    await tree.getByRole('row').first().waitFor();
    const levels = Object.fromEntries(
      await tree.getByRole('row').evaluateAll((rows) => rows.map((r) => [r.querySelector('.node-name')?.textContent ?? '', /level-(\w+)/.exec(r.className)?.[1] ?? ''])),
    );
    expect(levels).toEqual({ 'Becoming a nurse': 'theme', "Finding one's feet": 'subcategory', 'Feeling lost': 'code', 'Being shown around': 'code' });
    await h.screenshot('refi-import-levels-codebook');
  });

  it('shows how far a long import has come, and stops it on Cancel with nothing created', async () => {
    h = await startHarness();
    const dialog = await importForeignStudy(h, 'big-study.qdpx', { sources: 1_000, sentences: 120, codes: 5 });
    const progress = dialog.getByRole('status').filter({ hasText: /Reading|Placing|Writing/ });
    await progress.waitFor();
    expect(await progress.getByRole('progressbar', { name: 'Progress' }).count()).toBe(1);
    // While it runs, Cancel stops it rather than hiding it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The import was cancelled. No project was created.' }).waitFor();
    await h.screenshot('refi-import-cancelled');
    expect(await dialog.getByRole('button', { name: 'Import' }).isEnabled()).toBe(true);
    expect(fs.readdirSync(h.projectsFolder).filter((f) => f.includes('big-study'))).toEqual([]);
    // Not busy any more, Cancel closes the dialog.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows a refused file as a sentence and keeps the start screen', async () => {
    h = await startHarness();
    const { page } = h;
    const bad = path.join(h.home, 'broken.qdpx');
    fs.writeFileSync(bad, 'PK\u0003\u0004 this is not really a zip');
    await page.getByRole('button', { name: 'Import REFI-QDA project…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import REFI-QDA project' });
    await dialog.getByLabel('REFI-QDA project (.qdpx)').setInputFiles(bad);
    await dialog.getByRole('button', { name: 'Import' }).click();
    // The refusal is a sentence in the dialog, where the user acted; the banner stays clear.
    await dialog.getByRole('alert').filter({ hasText: 'not a readable REFI-QDA archive' }).waitFor();
    expect(await page.locator('.error-banner').count()).toBe(0);
    await h.screenshot('refi-import-refused');
    expect(fs.readdirSync(h.projectsFolder).filter((f) => f.endsWith('.condensa'))).toEqual([]);
  });
});
