import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newProjectAs, startHarness, type Harness } from './support/harness';

// A transcript saved by Word as HTML (windows-1252, mso markup, conditional comments, a list bullet)
// goes through the import dialog and reads as speakers and plain text, no tag or entity left.
const WORD_HTML = path.resolve(__dirname, '../fixtures/import/wild/word-mso-en.htm');
const CSV_WITH_NOTES = path.resolve(__dirname, '../fixtures/import/wild/notes-links-pt.csv');

describe('importing an HTML transcript in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it("a Word 'Save as HTML' transcript shows its speakers and text without tags", async () => {
    h = await startHarness();
    const { page } = h;
    await newProjectAs(h, 'Mentoring interviews', 'Dana Ruiz');

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

    // A CSV export with a note, a lone link and a tag column: the rows are shown as no speech and
    // left out on request, the tags become Dana's codings.
    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const again = page.getByRole('dialog', { name: 'Import transcripts' });
    await again.getByLabel('Transcript files').setInputFiles(CSV_WITH_NOTES);
    await again.locator('[data-status="ready"]').waitFor();
    const rows = again.getByRole('list', { name: 'Rows that are not speech' });
    await expect.poll(() => rows.locator('li').allTextContents()).toEqual(['Row 3 (a note): Entrevista feita por vídeo', 'Row 4 (a lone link): www.example.org/consentimento.pdf']);
    // The box shows the preview read again with the choice: it is ticked once that answer is in.
    await again.getByLabel('Leave out rows that are not speech').click();
    await expect.poll(() => again.getByLabel('Leave out rows that are not speech').isChecked()).toBe(true);
    await expect.poll(() => again.getByRole('table', { name: 'Detected speakers' }).locator('tbody tr').count()).toBe(2);
    expect(await again.getByLabel(/Import the tags as codes/).isChecked()).toBe(true);
    await h.screenshot('import-csv-non-speech');
    await again.getByRole('button', { name: 'Import', exact: true }).click();
    await again.getByText(/2 codings from the tag column \(2 new codes\)/).waitFor();
  });
});
