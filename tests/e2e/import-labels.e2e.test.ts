import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newProjectAs, startHarness, type Harness } from './support/harness';

// Four mentees, two of whom speak once; a prompt card read out ("Card: …") that reads as a label,
// and the moderator's last words under a label on a line of its own ("MODERATOR").
const FOCUS_GROUP = path.resolve(__dirname, '../fixtures/import/focus-group-heard-once.txt');

describe('the import preview’s labels in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('finds the mentees who speak once, flags them, and recomputes the turns as the user marks lines', async () => {
    h = await startHarness();
    const { page } = h;
    await newProjectAs(h, 'Mentoring focus groups', 'Dana Ruiz');

    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(FOCUS_GROUP);
    const status = dialog.locator('[data-status="ready"]');
    await status.waitFor();
    const speakers = dialog.getByRole('table', { name: 'Detected speakers' });
    const rowOf = (label: string) => speakers.locator('tbody tr').filter({ has: page.getByRole('cell', { name: new RegExp(`^${label}`) }) });
    await expect.poll(() => speakers.locator('tbody tr td:first-child').allTextContents()).toEqual(['Moderator', 'Mentee 1', 'Mentee 2', 'Card', 'Mentee 3', 'Mentee 4']);
    for (const once of ['Mentee 3', 'Mentee 4', 'Card']) expect(await rowOf(once).locator('.heard-once').count()).toBe(1);
    for (const often of ['Moderator', 'Mentee 1', 'Mentee 2']) expect(await rowOf(often).locator('.heard-once').count()).toBe(0);
    expect(await rowOf('Mentee 4').textContent()).toContain('I never met mine, to be honest.');
    expect(await status.textContent()).toBe('ready · 6 speakers, 9 turns');
    await h.screenshot('import-labels-heard-once');

    // The card the moderator read out is no speaker: its words join the moderator's turn.
    await dialog.getByRole('button', { name: 'Card is not a label' }).click();
    await expect.poll(() => status.textContent()).toBe('ready · 5 speakers, 8 turns');
    expect(await speakers.locator('tbody tr td:first-child').allTextContents()).toEqual(['Moderator', 'Mentee 1', 'Mentee 2', 'Mentee 3', 'Mentee 4']);

    // "MODERATOR" on a line of its own has no label's shape: the user marks it, and the moderator's
    // closing words leave Mentee 1's turn.
    await dialog.getByText('Speaker labels line by line').click();
    const lines = dialog.getByRole('list', { name: 'Lines of the transcript' });
    await lines.waitFor();
    await dialog.getByLabel('Only lines that are or look like labels').uncheck();
    await lines.getByRole('button', { name: 'Line 19: a speaker label' }).click();
    await expect.poll(() => status.textContent()).toBe('ready · 5 speakers, 9 turns');
    expect(await rowOf('Moderator').locator('td').nth(1).textContent()).toBe('3');
    expect(await lines.locator('li', { hasText: /MODERATOR/ }).textContent()).toContain('label: Moderator (your choice)');
    expect(await lines.locator('li', { hasText: 'Card: What helped' }).textContent()).toContain('speech (your choice)');
    await lines.locator('li', { hasText: /MODERATOR/ }).scrollIntoViewIfNeeded();
    await h.screenshot('import-labels-marked');

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const root = page.getByLabel(/^Transcript of /);
    await root.waitFor();
    await expect
      .poll(() => root.locator('.turn-meta .speaker').allTextContents())
      .toEqual(['Moderator', 'Mentee 1', 'Mentee 2', 'Moderator', 'Mentee 3', 'Mentee 4', 'Mentee 2', 'Mentee 1', 'Moderator']);
    const text = (await root.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('I will read the first card. Card: What helped you most in the first month?');
  });

  it('a text without labels says no speaker was found and offers one speaker or marking labels by hand', async () => {
    h = await startHarness();
    const { page } = h;
    await newProjectAs(h, 'Diaries', 'Dana Ruiz');

    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByRole('button', { name: 'Paste text…' }).click();
    await dialog.getByLabel('Pasted transcript').fill('Monday. The anatomy lab was cold and I knew nobody.\n\nTuesday. I met my mentor at last, in the library.');
    await dialog.getByRole('button', { name: 'Read pasted text' }).click();
    const notice = dialog.locator('.no-speaker');
    await notice.getByText('No speaker found:').waitFor();
    await notice.getByRole('button', { name: 'Mark labels by hand' }).click();
    await expect.poll(() => dialog.getByRole('list', { name: 'Lines of the transcript' }).locator('li').count()).toBe(2);
    await h.screenshot('import-labels-none-found');
    await notice.getByRole('button', { name: 'One speaker' }).click();
    const speakers = dialog.getByRole('table', { name: 'Detected speakers' });
    await expect.poll(() => speakers.locator('tbody tr td:first-child').allTextContents()).toEqual(['Speaker']);
    expect(await dialog.locator('[data-status="ready"]').textContent()).toBe('ready · 1 speaker, 2 turns');
  });
});
