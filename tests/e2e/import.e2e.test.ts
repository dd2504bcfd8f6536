import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

const ROUND_TABLE = `Moderator: Welcome, everyone. Let us start with how the first weeks went.

Anna: Honestly, they were rough. I did not know anyone in my year. The anatomy lab was a shock.

A. Berg: The transcriber typed my name differently. My mentor helped a lot.

Ben: For me it was easier. My mentor answered within a day.

Break:

Moderator: Welcome back. What would you change?

Anna: More time with mentors. Fewer lectures on Fridays.

Ben: Nothing much. Maybe a group chat.

Break:

A. Berg: Same as Ben, really.
`;

/** Page model of the transcript view. */
function transcript(page: Page) {
  const root = page.getByLabel(/^Transcript of /);
  return {
    root,
    units: root.locator('.unit'),
    unit: (text: string) => root.locator('.unit', { has: page.locator('.unit-text', { hasText: text }) }),
    speakers: root.locator('.turn-meta .speaker'),
  };
}

/** Puts the caret in a unit's text right before `before` (as a click there would). */
async function caretBefore(page: Page, unitText: string, before: string) {
  await page.evaluate(
    ({ unitText, before }) => {
      const el = [...document.querySelectorAll<HTMLElement>('.unit .unit-text')].find((e) => e.textContent?.includes(unitText));
      const node = el?.firstChild;
      if (!el || !node) throw new Error(`no unit with “${unitText}”`);
      const range = document.createRange();
      range.setStart(node, (node.textContent ?? '').indexOf(before));
      range.collapse(true);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    },
    { unitText, before },
  );
}

/** From the start screen: a new, empty project, with Dana Ruiz coding. */
async function newProjectAsDana(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New project…' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
  await page.getByLabel('New coder').fill('Dana Ruiz');
  await page.getByRole('button', { name: 'Add and code as this person' }).click();
  await page.getByText('Coder: Dana Ruiz').waitFor();
}

async function saved(page: Page) {
  await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
}

describe('importing and segmenting transcripts in Chromium (browser mode)', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('a second focus group with the same labels makes new participants: the earlier ones are offered, never applied', async () => {
    h = await startHarness();
    const { page } = h;
    const groupText = (n: number) =>
      `Moderator: Welcome to group ${n}. How was the first term?\n\nMentee 1: Better than I feared, in group ${n}.\n\nMentee 2: Anatomy was hard.\n\nMentee 1: My mentor showed me how she studies.\n`;
    await newProjectAsDana(page, 'Two mentee groups');
    const importGroup = async (n: number, screenshot?: string) => {
      const file = path.join(h!.home, `group-${n}.txt`);
      fs.writeFileSync(file, groupText(n));
      await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
      await dialog.getByLabel('Transcript files').setInputFiles(file);
      await dialog.locator('[data-status="ready"]').waitFor();
      if (n === 1) {
        await dialog.getByLabel('Group').selectOption('new');
        await dialog.getByLabel('New group name').fill('Mentee groups');
      } else {
        await dialog.getByLabel('Group').selectOption({ label: 'Mentee groups' });
        // The earlier Mentee 1 speaks in this group: suggested, one click away, not chosen.
        const speakers = dialog.getByRole('table', { name: 'Detected speakers' });
        await speakers.getByText('Mentee 1 also speaks in group-1, in this group.').waitFor();
        await speakers.getByRole('button', { name: 'Same person' }).first().waitFor();
        expect(await dialog.getByLabel('What Mentee 1 becomes').inputValue()).toBe('new');
        expect(await dialog.getByRole('checkbox', { name: /Labels already used/ }).isChecked()).toBe(false);
      }
      if (screenshot) await h!.screenshot(screenshot);
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      await dialog.locator('[data-status="imported"]').waitFor();
      await dialog.getByText(/3 new participants/).waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
    };
    await importGroup(1);
    await importGroup(2, 'import-same-labels-offered');

    await page.getByRole('tab', { name: 'Participants' }).click();
    const table = page.locator('table.participants-table');
    await table.waitFor();
    await expect.poll(async () => (await table.locator('tbody tr').allTextContents()).filter((r) => r.includes('Mentee 1')).length).toBe(2);
  });

  it('imports a file, fixes a speaker mapping, segments, splits and merges units, writes a condensation — all there after reopening', async () => {
    h = await startHarness();
    const { page } = h;
    const file = path.join(h.home, 'round-table.txt');
    fs.writeFileSync(file, ROUND_TABLE);

    await newProjectAsDana(page, 'Mentoring round tables');

    // Import: choose the file, review the speakers.
    await page.getByRole('complementary', { name: 'Navigator' }).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(file);
    await dialog.locator('[data-status="ready"]').waitFor();
    const speakers = dialog.getByRole('table', { name: 'Detected speakers' });
    expect(await speakers.locator('tbody tr').count()).toBe(5);
    await expect.poll(() => dialog.getByLabel('What Break becomes').inputValue()).toBe('none');
    expect(await dialog.getByLabel('Moderator is a facilitator').isChecked()).toBe(true);
    // Fix the mapping: "A. Berg" is Anna; Anna and Ben get their study labels.
    await dialog.getByLabel('Participant label for Anna').fill('P1');
    await dialog.getByLabel('What A. Berg becomes').selectOption('same:Anna');
    await dialog.getByLabel('Participant label for Ben').fill('P2');
    await dialog.getByLabel('Session').fill('Round table 1');
    await dialog.getByLabel('Meaning units').selectOption('none');
    await h.screenshot('import-dialog');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const t = transcript(page);
    await t.root.waitFor();
    await expect.poll(() => t.speakers.allTextContents()).toEqual(['Moderator', 'P1', 'P1', 'P2', 'Break', 'Moderator', 'P1', 'P2', 'Break', 'P1']);
    expect(await t.units.count()).toBe(0);

    // Segment by sentence through the dialog.
    await page.getByRole('button', { name: 'Units…' }).click();
    const seg = page.getByRole('dialog', { name: 'Split the document into meaning units' });
    await seg.getByRole('status').filter({ hasText: '12 meaning units' }).waitFor();
    await seg.getByRole('button', { name: 'Split', exact: true }).click();
    await expect.poll(() => t.units.count()).toBe(12);
    await saved(page);

    // Split "Honestly, they were rough." before "they" (S), then merge it back (Shift+M).
    await t.unit('Honestly, they were rough.').click();
    await caretBefore(page, 'Honestly, they were rough.', 'they');
    await page.keyboard.press('s');
    await expect.poll(() => t.units.count()).toBe(13);
    await t.unit('they were rough.').waitFor();
    expect(await t.unit('Honestly,').locator('.unit-text').textContent()).toBe('Honestly,');
    await t.unit('Honestly,').click();
    await page.keyboard.press('Shift+M');
    await expect.poll(() => t.units.count()).toBe(12);
    await t.unit('Honestly, they were rough.').waitFor();

    // A condensation, written inline.
    await t.unit('My mentor helped a lot.').click();
    await page.keyboard.press('c');
    const editor = page.getByLabel('Condensed meaning unit');
    await editor.fill('Mentor helped');
    await editor.press('Enter');
    await t.unit('My mentor helped a lot.').locator('.unit-condensed', { hasText: 'Mentor helped' }).waitFor();

    // A unit made by hand from words in the facilitator's turn (select, then U).
    await page.evaluate(() => {
      const el = [...document.querySelectorAll<HTMLElement>('.gap-text')].find((e) => e.textContent?.startsWith('Welcome back.'))!;
      const node = el.firstChild!;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, 'Welcome ba'.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await page.keyboard.press('u');
    await t.unit('Welcome back.').waitFor(); // widened to the whole word and its full stop
    expect(await t.units.count()).toBe(13);

    // Find in the document.
    await page.keyboard.press('Control+f');
    await page.getByLabel('Find in document').fill('mentor');
    await page.getByRole('search').getByText('1 of 3').waitFor();
    await page.getByLabel('Find in document').press('Enter');
    await page.getByRole('search').getByText('2 of 3').waitFor();
    await saved(page);
    await h.screenshot('import-transcript-units');

    // Participants: P1 speaks 4 times (as Anna and as A. Berg), Break is nobody.
    await page.getByRole('tab', { name: 'Participants' }).click();
    const people = page.getByRole('table', { name: 'Participants', exact: true });
    await people.getByRole('button', { name: 'Label of P1: P1' }).waitFor();
    expect(await people.locator('tbody tr').count()).toBe(3);
    await h.screenshot('import-participants');

    // Close and reopen: everything is still there.
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Command' }).fill('close project');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Mentoring round tables' }).click();
    await page.getByRole('tab', { name: 'Transcript' }).click();
    const again = transcript(page);
    await again.root.waitFor();
    await expect.poll(() => again.units.count()).toBe(13);
    expect(await again.speakers.allTextContents()).toEqual(['Moderator', 'P1', 'P1', 'P2', 'Break', 'Moderator', 'P1', 'P2', 'Break', 'P1']);
    await again.unit('My mentor helped a lot.').locator('.unit-condensed', { hasText: 'Mentor helped' }).waitFor();
    await again.unit('Honestly, they were rough.').waitFor();
    expect(await page.locator('.turn-meta .tag', { hasText: 'not a participant' }).count()).toBe(2);
    await h.screenshot('import-reopened');
  });

  it('participants and documents: typed attributes, bulk edit, attributes from CSV, a summary per session, session details and groups; dragging a unit boundary', async () => {
    h = await startHarness();
    const { page } = h;
    const a = path.join(h.home, 'group-a.txt');
    const b = path.join(h.home, 'group-b.txt');
    fs.writeFileSync(a, 'Moderator: Hello.\n\nP1: I liked it. It was good.\n\nP2: Me too.\n\nP1: Really good.\n\nP2: Yes.\n');
    fs.writeFileSync(b, 'Moderator: Hello again.\n\nP3: Mixed feelings, honestly.\n\nP1: I am here as well.\n\nP3: Fine.\n\nP1: Good.\n');
    const table = path.join(h.home, 'people.csv');
    fs.writeFileSync(table, 'Participant,Gender,Year\nP1,Woman,1\nP2,Man,1\nP3,Woman,5\n');

    await newProjectAsDana(page, 'Attributes study');
    await page.keyboard.press('Control+i');
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles([a, b]);
    await expect.poll(() => dialog.locator('[data-status="ready"]').count()).toBe(2);
    // P1 and Moderator speak in both files and are the same people here: the user says so (each
    // file's labels are new people unless told).
    await dialog.getByRole('checkbox', { name: /Labels already used/ }).check();
    await dialog.getByLabel('Group').selectOption('new');
    await dialog.getByLabel('New group name').fill('Mentee groups');
    await dialog.getByRole('button', { name: 'Import 2 files' }).click();
    await expect.poll(() => dialog.locator('[data-status="imported"]').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Participants: Moderator, P1 (both sessions), P2, P3.
    await page.getByRole('tab', { name: 'Participants' }).click();
    const people = page.getByRole('table', { name: 'Participants', exact: true });
    await people.getByRole('button', { name: 'Label of P3: P3' }).waitFor();
    expect(await people.locator('tbody tr').count()).toBe(4);

    // Attributes from a CSV keyed on label.
    await page.getByRole('button', { name: 'Import attributes…' }).click();
    const imp = page.getByRole('dialog', { name: 'Import attributes from a table' });
    await imp.getByLabel('Attribute table').setInputFiles(table);
    await imp.getByText('3 match participants by label').waitFor();
    await imp.getByRole('button', { name: 'Import values' }).click();
    await imp.getByRole('status').filter({ hasText: 'Set 6 values for 3 participants' }).waitFor();
    await imp.getByRole('button', { name: 'Close' }).click();

    // A choice attribute, set for two selected participants at once.
    await page.getByRole('button', { name: 'Add attribute…' }).click();
    const attr = page.getByRole('dialog', { name: 'New attribute' });
    await attr.getByLabel('Name').fill('Role');
    await attr.getByLabel('Type').selectOption('choice');
    await attr.getByLabel('Choices, one per line').fill('Mentee\nMentor');
    await attr.getByRole('button', { name: 'Add attribute' }).click();
    await people.getByLabel('Select P1').check();
    await people.getByLabel('Select P3').check();
    await page.getByLabel('Attribute to set').selectOption({ label: 'Role' });
    await page.getByLabel('Value to set').selectOption('Mentee');
    await page.getByRole('button', { name: 'Apply' }).click();
    await people.getByRole('button', { name: 'Role of P3: Mentee' }).waitFor();
    // Inline edit of a pseudonym.
    await people.getByRole('button', { name: 'Pseudonym of P2: empty' }).click();
    await page.getByLabel('Pseudonym of P2').fill('Mentee 2');
    await page.getByLabel('Pseudonym of P2').press('Enter');
    await people.getByRole('button', { name: 'Pseudonym of P2: Mentee 2' }).waitFor();

    const summary = page.getByRole('table', { name: 'Participants per session' });
    await summary.getByRole('row', { name: /group-a 2 .*Woman 1, Man 1/ }).waitFor();
    await summary.getByRole('row', { name: /All sessions 3 .*Woman 2, Man 1/ }).waitFor();
    await h.screenshot('import-participants-attributes');

    // Documents: session details and groups, edited in place.
    await page.getByRole('tab', { name: 'Documents' }).click();
    const docs = page.getByRole('table', { name: 'Documents', exact: true });
    await docs.getByRole('button', { name: 'Session of group-a: empty' }).click();
    await page.getByLabel('Session of group-a').fill('Focus group 1');
    await page.getByLabel('Session of group-a').press('Enter');
    await docs.getByRole('button', { name: 'Date of group-a: empty' }).click();
    await page.getByLabel('Date of group-a').fill('2024-03-18');
    await page.getByLabel('Date of group-a').press('Enter');
    await docs.getByRole('button', { name: 'Date of group-a: 2024-03-18' }).waitFor();
    await page.getByLabel('New group name').fill('Mentor group');
    await page.getByRole('button', { name: 'Add group' }).click();
    await docs.getByLabel('Group of group-b').selectOption({ label: 'Mentor group' });
    await page.getByRole('complementary', { name: 'Navigator' }).getByText('Mentor group').waitFor();
    await h.screenshot('import-documents');

    // Drag the end of a unit back over a word: "I liked it." becomes "I liked".
    await docs.getByRole('row', { name: /Focus group 1/ }).getByRole('button', { name: 'Open' }).click();
    const t = transcript(page);
    await t.unit('I liked it.').click();
    const handle = t.unit('I liked it.').getByRole('separator', { name: 'Drag to move the end of the unit' });
    const from = (await handle.boundingBox())!;
    const target = await page.evaluate(() => {
      const el = [...document.querySelectorAll<HTMLElement>('.unit .unit-text')].find((e) => e.textContent === 'I liked it.')!;
      const range = document.createRange();
      range.setStart(el.firstChild!, 'I lik'.length);
      range.setEnd(el.firstChild!, 'I lik'.length + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + 1, y: r.top + r.height / 2 };
    });
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.up();
    await t.unit('I liked').filter({ hasNotText: 'it.' }).waitFor();
    expect(await page.locator('.gap-text', { hasText: 'it.' }).count()).toBe(1);

    // Who speaks can be fixed after the import too: P2's turns in this session were P3.
    await t.speakers.filter({ hasText: 'P2' }).first().click();
    await page.getByLabel('Who speaks').selectOption({ label: 'P3' });
    await expect.poll(() => t.speakers.allTextContents()).toEqual(['Moderator', 'P1', 'P3', 'P1', 'P3']);
  });

  it('a 1 MB transcript with 10,000+ units: only the visible rows are in the page, scrolling reaches the end, find jumps far', async () => {
    h = await startHarness();
    const { page } = h;
    const file = path.join(h.home, 'long-group.txt');
    const sentences = ['I think the mentoring helped me a lot in the first weeks.', 'Dr. Patel was kind, e.g. she stayed late.', 'We met every Friday at the café!', 'Was it hard to find time?', 'My mentor answered within a day.'];
    let text = '';
    for (let i = 0; text.length < 1_000_000; i += 1) text += `P${(i % 6) + 1}: ${sentences.slice(0, 1 + (i % 5)).join(' ')} ${sentences[(i + 2) % 5]}\n\n`;
    text += 'P1: The very last words, zebra.\n';
    fs.writeFileSync(file, text);

    await newProjectAsDana(page, 'Long study');
    await page.keyboard.press('Control+i');
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(file);
    await dialog.locator('[data-status="ready"]').waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor({ timeout: 60_000 });
    const units = Number((await dialog.locator('[data-status="imported"]').textContent())?.match(/(\d+) units/)?.[1]);
    expect(units).toBeGreaterThan(10_000);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const t = transcript(page);
    await t.units.first().waitFor();
    expect(await t.units.count()).toBeLessThan(300);
    // Scroll through in steps and count frames: a figure to look at, not a timed assertion.
    const frames = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('.transcript')!;
      const gaps: number[] = [];
      const started = performance.now();
      let last = started;
      await new Promise<void>((done) => {
        const step = (now: number) => {
          gaps.push(now - last);
          last = now;
          el.scrollTop += 400;
          if (now - started < 2000) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      gaps.sort((a, b) => a - b);
      return { fps: gaps.length / ((performance.now() - started) / 1000), median: gaps[gaps.length >> 1] };
    });
    console.log(`transcript scrolling, 400 px a frame: ${frames.fps.toFixed(0)} frames per second, median frame ${frames.median.toFixed(1)} ms`);
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.transcript')!;
      el.scrollTop = el.scrollHeight;
    });
    await t.root.getByText('The very last words, zebra.').waitFor();
    expect(await t.units.count()).toBeLessThan(300);

    await page.evaluate(() => {
      document.querySelector<HTMLElement>('.transcript')!.scrollTop = 0;
    });
    await page.keyboard.press('Control+f');
    await page.getByLabel('Find in document').fill('zebra');
    await page.getByRole('search').getByText('1 of 1').waitFor();
    await t.root.getByText('The very last words, zebra.').waitFor();
    await h.screenshot('import-long-transcript');
  });

  it('stops a many-file import after the file it is on, keeping what came in and the rest ready', async () => {
    // Each file's import answers a little late, as a large file's would: the Stop lands mid-way.
    h = await startHarness({ answerRules: [{ methods: ['import.commit'], delayMs: 400 }] });
    const { page } = h;
    const files = Array.from({ length: 6 }, (_, i) => {
      const file = path.join(h!.home, `interview-${i + 1}.txt`);
      fs.writeFileSync(file, `Kim: How were the first weeks, ${i + 1}?\nLee: Busy, but my mentor helped.\n`);
      return file;
    });
    await newProjectAsDana(page, 'Many files');

    await page.keyboard.press('Control+i');
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles(files);
    await expect.poll(() => dialog.locator('[data-status="ready"]').count(), { timeout: 15_000 }).toBe(6);
    await dialog.getByRole('button', { name: 'Import 6 files' }).click();
    await dialog.getByRole('button', { name: 'Stop after this file' }).click();
    await dialog.getByRole('button', { name: 'Stopping after this file…' }).waitFor();
    // Not busy any more: the file it was on came in, the rest wait, ready to import.
    await dialog.getByRole('button', { name: 'Cancel' }).waitFor();
    const imported = await dialog.locator('[data-status="imported"]').count();
    expect(imported).toBeGreaterThanOrEqual(1);
    expect(imported).toBeLessThan(6);
    expect(await dialog.locator('[data-status="ready"]').count()).toBe(6 - imported);
    await h.screenshot('import-stopped');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('complementary', { name: 'Navigator' }).getByText(/^interview-\d$/).count()).toBe(imported);
  });

  it('refuses a legacy .doc and an empty file with a message naming each, and imports the good one', async () => {
    h = await startHarness();
    const { page } = h;
    const doc = path.join(h.home, 'interview.doc');
    fs.writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
    const empty = path.join(h.home, 'empty.txt');
    fs.writeFileSync(empty, '');
    const good = path.join(h.home, 'panel.vtt');
    fs.writeFileSync(good, 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>Welcome to the panel.\n\n00:00:05.000 --> 00:00:08.000\n<v Omar>Thanks. Glad to be here.\n');

    await newProjectAsDana(page, 'Refusals');

    await page.keyboard.press('Control+i');
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await dialog.getByLabel('Transcript files').setInputFiles([doc, empty, good]);
    await dialog.locator('[data-status="ready"]').waitFor();
    expect(await dialog.locator('[data-status="refused"]').count()).toBe(2);
    await dialog.getByRole('button', { name: /interview\.doc/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '“interview.doc”: This file is a Word 97–2003 .doc; save it as .docx and import again.' }).waitFor();
    await h.screenshot('import-refused');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('[data-status="imported"]').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('complementary', { name: 'Navigator' }).getByText('panel').waitFor();
    expect(await page.locator('.unit').count()).toBe(3);

    // Pasted text becomes a document too.
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByRole('button', { name: 'Paste a transcript…' }).click();
    const paste = page.getByRole('dialog', { name: 'Import transcripts' });
    await paste.getByLabel('Name').fill('Hallway chat');
    await paste.getByLabel('Pasted transcript').fill('Kim: Did the mentoring help?\nLee: It did. A lot.\nKim: Good to hear.\nLee: Thanks.');
    await paste.getByRole('button', { name: 'Read pasted text' }).click();
    await paste.locator('[data-status="ready"]').waitFor();
    await paste.getByRole('button', { name: 'Import', exact: true }).click();
    await paste.locator('[data-status="imported"]').waitFor();
    await paste.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('table', { name: 'Documents', exact: true }).getByRole('button', { name: 'Title of Hallway chat: Hallway chat' }).waitFor();
  });
});
