import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDocx } from '../integration/support/docx-read';
import { startHarness, type Harness } from './support/harness';

describe('the Reports tab while discrepancies are open (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('says how many are resolved, waits for a choice before exporting, and the .docx prints the choice', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Clara Lindqvist/ }).click();
    await page.getByText('Coder: Clara Lindqvist').waitFor();

    // Clara settles one discrepancy in Compare and leaves the rest open.
    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    const counts = page.getByTestId('discrepancy-counts');
    await counts.waitFor();
    const total = Number(/^(\d+) discrepancies/.exec((await counts.textContent()) ?? '')![1]);
    await page.getByRole('region', { name: 'Discrepancy' }).getByText('Codebook definitions').waitFor();
    await page.keyboard.press('1');
    const box = page.locator('.discrepancy-detail textarea:focus');
    await box.waitFor();
    await page.keyboard.type('The unit fits coder A’s code.');
    await expect.poll(() => box.inputValue()).toBe('The unit fits coder A’s code.');
    await page.keyboard.press('Control+Enter');
    await counts.filter({ hasText: '1 resolved' }).waitFor();

    await page.getByRole('tab', { name: 'Reports' }).click();
    const question = page.getByRole('alert', { name: 'Open discrepancies' });
    await question.getByText(`1 of ${total} discrepancies resolved.`).waitFor();
    const exportWord = page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Export Word (.docx)' });
    expect(await exportWord.isDisabled()).toBe(true);
    await h.screenshot('reports-consensus-question');

    await question.getByRole('button', { name: 'Use the consensus as it stands' }).click();
    await question.waitFor({ state: 'detached' });
    await page.locator('.report-source').filter({ hasText: `Codings: Consensus coding with 1 of ${total} discrepancies resolved` }).waitFor();
    await exportWord.click();
    await page.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    const file = path.join(h.projectsFolder, 'Exports', 'Main categories and related subcategories.docx');
    expect(readDocx(fs.readFileSync(file)).allText).toContain(`Codings: consensus coding with 1 of ${total} discrepancies resolved`);
  });
});
