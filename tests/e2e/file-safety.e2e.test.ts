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
    const dialog = page.getByRole('dialog', { name: 'Export codebook' });
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

  it('refuses a file cut short by 100 bytes and opens its most recent backup from the message', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await runCommand(h, 'close project');
    // Opened again from the recent list: an opening writes a backup of the project as it was opened.
    const reopened = Date.now();
    await page.getByRole('button', { name: 'Peer mentoring in the first year of medical school' }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await runCommand(h, 'close project');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    const file = fs.readdirSync(h.projectsFolder).find((f) => f.endsWith('.condensa'))!;
    const full = path.join(h.projectsFolder, file);
    // The opening backup is written in the background: wait for it before damaging the file.
    const backups = `${full}.backups`;
    const writtenSince = () => (fs.existsSync(backups) ? fs.readdirSync(backups).filter((f) => fs.statSync(path.join(backups, f)).mtimeMs >= reopened - 5).length : 0);
    await expect.poll(writtenSince, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(full, bytes.subarray(0, bytes.length - 100));

    await page.getByRole('button', { name: 'Open project…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open project' });
    await dialog.getByRole('button', { name: file.replace(/\.condensa$/, '') }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('PROJECT_DAMAGED');
    expect(await alert.textContent()).toMatch(/ends in the middle of a page/);
    await h.screenshot('damaged-file-offer');
    await alert.getByRole('button', { name: 'Open the most recent backup' }).click();
    // The restored copy remembers who was coding.
    await page.getByText('Coder: Amira Haddad').waitFor();
    await h.screenshot('damaged-file-restored');
    expect(fs.readdirSync(h.projectsFolder).some((f) => /\(restored \d{4}-\d{2}-\d{2}\)\.condensa$/.test(f))).toBe(true);
    // The damaged file is left as it was.
    expect(fs.statSync(full).size).toBe(bytes.length - 100);
  });
});
