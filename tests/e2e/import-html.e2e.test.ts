import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// A transcript saved by Word as HTML (windows-1252, mso markup, conditional comments, a list bullet)
// goes through the import dialog and reads as speakers and plain text, no tag or entity left.
const WORD_HTML = path.resolve(__dirname, '../fixtures/import/wild/word-mso-en.htm');

describe('importing an HTML transcript in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it("a Word 'Save as HTML' transcript shows its speakers and text without tags", async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'New project…' }).click();
    await page.getByLabel('Title').fill('Mentoring interviews');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
    await page.getByLabel('New coder').fill('Dana Ruiz');
    await page.getByRole('button', { name: 'Add and code as this person' }).click();
    await page.getByText('Coder: Dana Ruiz').waitFor();

    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(WORD_HTML);
    await dialog.locator('[data-status="ready"]').waitFor();
    const speakers = dialog.getByRole('table', { name: 'Detected speakers' });
    await expect.poll(() => speakers.locator('tbody tr').count()).toBe(2);
    expect(await speakers.textContent()).toMatch(/Interviewer[\s\S]*P4/);
    await h.screenshot('import-html-dialog');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const root = page.getByLabel(/^Transcript of /);
    await root.waitFor();
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['Interviewer', 'P4', 'Interviewer', 'P4', 'Interviewer', 'P4']);
    const text = (await root.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('I didn’t know anyone, and the timetable changed every week – I was lost.');
    expect(text).toContain('We met in the café on Thursdays.');
    expect(text).toContain('And your mentor & the group sessions?');
    expect(text).not.toMatch(/<\/?[a-z]|&[a-z#0-9]+;|mso-[a-z-]+\s*:|Research Assistant|font-family/i);
    // Word's list bullet (a Symbol-font "·") is no word of the transcript.
    expect(text).not.toMatch(/·\s*She was great/);
    await h.screenshot('import-html-transcript');
  });
});
