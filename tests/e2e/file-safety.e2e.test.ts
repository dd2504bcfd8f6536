import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

async function runCommand(h: Harness, words: string): Promise<void> {
  await h.page.keyboard.press('Control+k');
  await h.page.getByRole('textbox', { name: 'Command' }).fill(words);
  await h.page.keyboard.press('Enter');
}

describe('an export never replaces a file unasked (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('asks before replacing an existing file: Keep it writes nothing, Replace writes', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    const saved = path.join(h.projectsFolder, 'codebook.qdc');
    fs.writeFileSync(saved, 'a codebook from another program');
    await runCommand(h, 'export codebook qdc');
    const dialog = page.getByRole('dialog', { name: 'Export codebook (.qdc)' });
    await dialog.getByLabel(/File name/).fill('codebook.qdc');
    await dialog.getByRole('button', { name: 'Export' }).click();

    const question = page.getByRole('dialog', { name: 'Replace “codebook.qdc”?' });
    await question.waitFor();
    await h.screenshot('replace-file-question');
    await question.getByRole('button', { name: 'Keep it' }).click();
    await dialog.getByText(/Nothing was written: .*codebook\.qdc was kept as it was/).waitFor();
    expect(fs.readFileSync(saved, 'utf8')).toBe('a codebook from another program');

    await dialog.getByRole('button', { name: 'Export' }).click();
    await question.getByRole('button', { name: 'Replace' }).click();
    await dialog.getByText('Saved to').waitFor();
    expect(fs.readFileSync(saved, 'utf8')).toMatch(/^<\?xml/);
    expect(fs.readdirSync(h.projectsFolder).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
