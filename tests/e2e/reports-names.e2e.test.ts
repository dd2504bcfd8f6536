import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

describe('names in a pseudonymised export (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('lists a title that names a person, holds the export until the author checks it, and the export prints the name as checked', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: 'Amira Haddad (AH)' }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    // The author typed a participant's label and a surname into a document's title.
    await page.getByRole('tab', { name: 'Documents' }).click();
    const docs = page.getByRole('table', { name: 'Documents', exact: true });
    await docs.getByRole('button', { name: /^Title of Focus group 1 – mentees/ }).click();
    const title = docs.getByRole('textbox');
    await title.fill('Focus group 1 with P2 and Dr Ferreira');
    await title.press('Enter');
    await docs.getByRole('button', { name: /^Title of Focus group 1 with P2 and Dr Ferreira/ }).waitFor();

    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('option', { name: 'Coded segments (long format)' }).click();
    const names = page.getByRole('region', { name: 'Names in this report' });
    const printed = names.getByRole('textbox', { name: 'How “Focus group 1 with P2 and Dr Ferreira” prints' });
    await printed.waitFor();
    // The label is already swapped for the pseudonym; the surname is the author's to catch.
    expect(await printed.inputValue()).toBe('Focus group 1 with Mentee 2 and Dr Ferreira');
    const exportCsv = page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Export CSV (.csv)' });
    expect(await exportCsv.isDisabled()).toBe(true);
    await h.screenshot('reports-names-to-check');

    await printed.fill('Focus group 1');
    await names.getByRole('button', { name: 'Print this name as shown' }).click();
    await page.getByText(/titles and session names in this report are checked/).waitFor();
    expect(await exportCsv.isDisabled()).toBe(false);

    await exportCsv.click();
    await page.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    const file = fs.readdirSync(path.join(h.projectsFolder, 'Exports')).find((f) => f.endsWith('.csv'))!;
    const csv = fs.readFileSync(path.join(h.projectsFolder, 'Exports', file), 'utf8');
    expect(csv).not.toContain('Ferreira');
    // Every row of the first focus group names its document as checked.
    expect(csv.split('\n').filter((line) => line.includes(',Focus group 1,')).length).toBeGreaterThan(10);
  });
});
