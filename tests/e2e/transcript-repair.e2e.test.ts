import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

// #19 "Done when": split a mis-attributed turn and give it its speaker; correct a word inside a
// coded unit (the coding stays on its words). Both through the transcript, by keyboard and palette.
const TRANSCRIPT = path.resolve(__dirname, '../fixtures/repair/mis-attributed.txt');

async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByLabel('Command', { exact: true }).fill(command);
}

/** Puts the caret in the transcript just before `words` (as a click there would). */
async function caretBefore(page: Page, words: string): Promise<void> {
  const found = await page.evaluate((w) => {
    const root = document.querySelector('.transcript');
    if (!root) return false;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.textContent?.indexOf(w) ?? -1;
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.collapse(true);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
    return false;
  }, words);
  expect(found, `“${words}” is on screen`).toBe(true);
}

describe('repairing a transcript in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('corrects a word inside a coded unit (the coding stays on its words) and splits a mis-attributed turn, giving it its speaker', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    const who = page.getByRole('dialog', { name: 'Who is coding?' });
    await who.getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();

    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(TRANSCRIPT);
    await dialog.locator('[data-status="ready"]').waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const root = page.getByLabel('Transcript of mis-attributed');
    await root.waitFor();
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['Facilitator', 'Mentee 1', 'Mentee 2', 'Mentee 1']);

    // Code the unit with the typo.
    const db = () => h!.server.app.requireProject().db;
    const code = db().prepare(`SELECT name FROM codebook_nodes WHERE level = 'code' ORDER BY name LIMIT 1`).pluck().get() as string;
    const unit = root.locator('.unit', { hasText: 'I had teh feeling' });
    await unit.click();
    await page.keyboard.press('a');
    const picker = page.getByRole('dialog', { name: 'Apply code' });
    await picker.getByRole('textbox', { name: 'Code' }).fill(code);
    await page.keyboard.press('Enter');
    await unit.locator('.chip', { hasText: code }).waitFor();

    // F2 on the turn: correct “teh” to “the”.
    await caretBefore(page, 'teh feeling');
    await page.keyboard.press('F2');
    const correct = page.getByRole('dialog', { name: 'Correct transcript' });
    const box = correct.getByRole('textbox', { name: 'Words of the turn' });
    const words = await box.inputValue();
    expect(words).toBe('Honestly the weekly meetings. My mentor made me feel less alone 🙂. I had teh feeling nobody cared before that.');
    await box.fill(words.replace('teh', 'the'));
    await h.screenshot('repair-correct-dialog');
    await box.press('Control+Enter');
    await correct.waitFor({ state: 'detached' });
    const fixed = root.locator('.unit', { hasText: 'I had the feeling nobody cared before that.' });
    await fixed.locator('.chip', { hasText: code }).waitFor();
    expect(await root.innerText()).not.toContain('teh');
    // In the file: the coding is on the unit, and the unit on the corrected words.
    // (Offsets count UTF-16 code units, as JavaScript does; SQLite's substr counts characters.)
    const rows = db()
      .prepare(`SELECT d.text, u.start, u."end" AS end FROM codings c JOIN meaning_units u ON u.id = c.unit_id JOIN documents d ON d.id = u.document_id WHERE d.title = 'mis-attributed'`)
      .all() as { text: string; start: number; end: number }[];
    const coded = rows.map((r) => r.text.slice(r.start, r.end));
    expect(coded).toEqual(['I had the feeling nobody cared before that.']);
    await h.screenshot('repair-corrected');

    // The last turn is Mentee 1's, but from “I would not” it is Mentee 2 speaking: split it there.
    await caretBefore(page, 'I would not');
    await palette(page, 'split turn');
    await page.getByRole('option', { name: /^Split Turn Here…/ }).waitFor();
    await page.keyboard.press('Enter');
    const split = page.getByRole('dialog', { name: 'Split turn here' });
    await split.getByLabel('Who speaks from here on').selectOption({ label: 'Mentee 2' });
    await h.screenshot('repair-split-dialog');
    await split.getByRole('button', { name: 'Split turn' }).click();
    await split.waitFor({ state: 'detached' });
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['Facilitator', 'Mentee 1', 'Mentee 2', 'Mentee 1', 'Mentee 2']);
    const last = root.locator('.turn').last();
    expect((await last.innerText()).replace(/\s+/g, ' ')).toContain('I would not have passed anatomy without them 📚, and I told my mentor so.');
    await h.screenshot('repair-split');

    // Each repair is one step of the audit log, in plain words, and undo takes the split back.
    const steps = db().prepare(`SELECT summary FROM audit_steps WHERE method LIKE 'turns.%' ORDER BY seq`).pluck().all();
    expect(steps).toEqual([
      'Correct Mentee 1’s turn in “mis-attributed”: “teh” to “the”',
      'Split Mentee 1’s turn in “mis-attributed” before “I would not have passed anatomy without…”: the new turn is Mentee 2’s turn',
    ]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['Facilitator', 'Mentee 1', 'Mentee 2', 'Mentee 1']);
  });

  it('marks a line as not speech, changes a turn’s speaker and merges two turns, from the palette', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Open the sample project' }).click();
    await page.getByRole('dialog', { name: 'Who is coding?' }).getByRole('button', { name: /^Amira Haddad/ }).click();
    await page.getByText('Coder: Amira Haddad').waitFor();
    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(TRANSCRIPT);
    await dialog.locator('[data-status="ready"]').waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const root = page.getByLabel('Transcript of mis-attributed');
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['Facilitator', 'Mentee 1', 'Mentee 2', 'Mentee 1']);

    // The facilitator's question is not speech of a participant here (say, a heading typed by the transcriber).
    await caretBefore(page, 'What helped');
    await palette(page, 'not speech');
    await page.getByRole('option', { name: /^Mark Line as Not Speech/ }).waitFor();
    await page.keyboard.press('Enter');
    await root.locator('.turn.not-speech', { hasText: 'What helped you most in the first term?' }).waitFor();
    expect(await root.locator('.turn.not-speech .tag').allTextContents()).toContain('not speech');

    // Mentee 2's turn is really Mentee 1's: change the speaker, then merge it into the turn before.
    await caretBefore(page, 'For me it was');
    await palette(page, 'change speaker');
    await page.keyboard.press('Enter');
    const speaker = page.getByRole('dialog', { name: 'Change speaker' });
    await speaker.getByLabel('Who speaks in this turn').selectOption({ label: 'Mentee 1' });
    await speaker.getByRole('button', { name: 'Change speaker' }).click();
    await speaker.waitFor({ state: 'detached' });
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['—', 'Mentee 1', 'Mentee 1', 'Mentee 1']);
    await caretBefore(page, 'My mentor made');
    await palette(page, 'merge turn');
    await page.getByRole('option', { name: /^Merge Turn With the Next/ }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['—', 'Mentee 1', 'Mentee 1']);
    expect(await root.locator('.turn').nth(1).innerText()).toContain('For me it was the exam tips.');
    await h.screenshot('repair-not-speech-merged');

    // Someone heard once, never detected: split there and make them a new participant, in one step.
    await caretBefore(page, 'the tips were gold');
    await palette(page, 'split turn');
    await page.getByRole('option', { name: /^Split Turn Here…/ }).waitFor();
    await page.keyboard.press('Enter');
    const split = page.getByRole('dialog', { name: 'Split turn here' });
    await split.getByLabel('Who speaks from here on').selectOption({ label: 'A new participant…' });
    await split.getByLabel('Label of the new participant').fill('Ayla');
    await h.screenshot('repair-split-new-participant');
    await split.getByRole('button', { name: 'Split turn' }).click();
    await split.waitFor({ state: 'detached' });
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['—', 'Mentee 1', 'Mentee 1', 'Ayla']);
    await page.getByRole('complementary', { name: 'Navigator' }).getByText('Ayla', { exact: true }).waitFor();

    // In the file: one turn, and the label that stood between the two turns is gone from the text.
    const db = h.server.app.requireProject().db;
    const doc = db.prepare(`SELECT id, text FROM documents WHERE title = 'mis-attributed'`).get() as { id: string; text: string };
    const turns = db.prepare(`SELECT start, "end" AS end FROM turns WHERE document_id = ? ORDER BY start`).all(doc.id) as { start: number; end: number }[];
    expect(doc.text.slice(turns[1].start, turns[1].end)).toBe(
      'Honestly the weekly meetings. My mentor made me feel less alone 🙂. I had teh feeling nobody cared before that. For me it was the exam tips.',
    );
    expect(doc.text).not.toContain('Mentee 2:');
    expect(db.prepare(`SELECT summary FROM audit_steps WHERE method LIKE 'turns.%' ORDER BY seq`).pluck().all()).toEqual([
      'Mark “What helped you most in the first term?” in “mis-attributed” as not speech',
      'Change the speaker of a turn in “mis-attributed” from Mentee 2 to Mentee 1',
      'Merge Mentee 1’s turn with the next turn (Mentee 1’s turn) in “mis-attributed”, all under Mentee 1',
      'Split Mentee 1’s turn in “mis-attributed” before “the tips were gold. I would not have pa…”: the new turn is spoken by Ayla, a new participant (a meaning unit cut in two with it)',
    ]);

    // Each turn's own menu has the same repairs, for the mouse and the keyboard.
    const ayla = root.locator('.turn', { hasText: 'the tips were gold' }).last();
    await ayla.getByRole('button', { name: 'Repair this turn' }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Change speaker…' }).waitFor();
    await h.screenshot('repair-turn-menu');
    await menu.getByRole('menuitem', { name: 'Mark the whole turn as not speech' }).click();
    await expect.poll(() => root.locator('.turn-meta .speaker').allTextContents()).toEqual(['—', 'Mentee 1', 'Mentee 1', '—']);
  });
});
