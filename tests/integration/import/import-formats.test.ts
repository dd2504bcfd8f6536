import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../shared/api/entities';
import { makeDocx, makeOdt, makePdf } from '../../fixtures/import/builders';
import type { TestApp } from '../support/app';
import { fixture, importPath, makeImportApp, previewOne, writeTemp } from './support';

function turnTexts(detail: DocumentDetail): string[] {
  return detail.turns.map((t) => detail.text.slice(t.start, t.end));
}

function speakers(detail: DocumentDetail): (string | null)[] {
  return detail.turns.map((t) => t.speakerLabel);
}

const INTERVIEW_TURNS = [
  'How did the first weeks go?',
  'Rough. The café was the only warm place; a coffee cost €2.',
  'And your mentor?',
  'She helped a lot.',
];

describe('import: each format through the contract', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  it.each([
    ['interview-utf8-bom-crlf.txt', 'utf-8-bom'],
    ['interview-utf16le.txt', 'utf-16le'],
    ['interview-utf16be.txt', 'utf-16be'],
    ['interview-1252-cr.txt', 'windows-1252'],
  ])('plain text %s (%s): the same turns, LF only, facilitator turns without units', async (file, encoding) => {
    const { preview, result, detail } = await importPath(t.client, fixture(file));
    expect(preview.encoding).toBe(encoding);
    expect(preview.format).toBe('text');
    expect(preview.speakers.map((s) => [s.label, s.turnCount, s.isFacilitator])).toEqual([
      ['Interviewer', 2, true],
      ['P1', 2, false],
    ]);
    expect(preview.kind).toBe('interview');
    expect(detail.text).not.toMatch(/\r/);
    expect(turnTexts(detail)).toEqual(INTERVIEW_TURNS);
    expect(detail.turns.map((x) => x.isFacilitator)).toEqual([true, false, true, false]);
    // Sentence units only in P1's turns: "Rough." "The café …" "She helped a lot."
    expect(detail.units.map((u) => detail.text.slice(u.start, u.end))).toEqual([
      'Rough.',
      'The café was the only warm place; a coffee cost €2.',
      'She helped a lot.',
    ]);
    expect(result).toMatchObject({ turns: 4, units: 3, participantsCreated: 2, participantsMapped: 0 });
    expect(detail.document).toMatchObject({ title: file.replace(/\.txt$/, ''), kind: 'interview', sourceName: file });
  });

  it('.docx made by a word processor: paragraphs kept, speakers found', async () => {
    const file = writeTemp(t, 'interview.docx', await makeDocx(['Interviewer: How did the first weeks go?', 'P1: Rough. The café was the only warm place; a coffee cost €2.', 'Interviewer: And your mentor?', 'P1: She helped a lot.']));
    const { preview, detail } = await importPath(t.client, file);
    expect(preview.format).toBe('docx');
    expect(turnTexts(detail)).toEqual(INTERVIEW_TURNS);
    expect(speakers(detail)).toEqual(['Interviewer', 'P1', 'Interviewer', 'P1']);
  });

  it('.docx without speaker labels: paragraphs become paragraph units', async () => {
    const file = writeTemp(t, 'diary.docx', await makeDocx(['Monday. Long day on the ward.', '', 'Tuesday. Better; my mentor called.']));
    const { preview, detail } = await importPath(t.client, file, { segment: 'paragraph' });
    expect(preview.speakers).toEqual([]);
    expect(preview.kind).toBe('diary');
    expect(detail.text).toBe('Monday. Long day on the ward.\n\nTuesday. Better; my mentor called.');
    expect(detail.units.map((u) => detail.text.slice(u.start, u.end))).toEqual(['Monday. Long day on the ward.', 'Tuesday. Better; my mentor called.']);
  });

  it('.odt: text:p paragraphs, spaces and entities; comments left out', async () => {
    const note = '<text:h>Interview 4<office:annotation><text:p>a reviewer’s comment</text:p></office:annotation></text:h>';
    const file = writeTemp(
      t,
      'interview.odt',
      makeOdt(['Interviewer: How did the first weeks go?', 'P1: Rough. The café was the only warm place; a coffee cost €2.', 'Interviewer: And your mentor?', 'P1: She helped a lot & more.'], note),
    );
    const { preview, detail } = await importPath(t.client, file);
    expect(preview.format).toBe('odt');
    // The heading line is the document's title (a header), not a turn; the notes keep it as written.
    expect(detail.text.startsWith('Interviewer:')).toBe(true);
    expect(detail.document.title).toBe('Interview 4');
    expect(detail.document.notes).toContain('Interview 4');
    expect(detail.text).not.toContain('comment');
    expect(turnTexts(detail)).toEqual([...INTERVIEW_TURNS.slice(0, 3), 'She helped a lot & more.']);
  });

  it('.rtf: control words, hex bytes in the code page, \\uN, and skipped tables', async () => {
    const { preview, detail } = await importPath(t.client, fixture('interview.rtf'));
    expect(preview.format).toBe('rtf');
    expect(detail.text).not.toMatch(/Helvetica|Hidden title|Hand 1\.0/);
    expect(turnTexts(detail)).toEqual(['How was the café on campus?', 'Cheap, about 3€ a coffee. Really good.', 'And the “quiet rooms”?', 'Always full—but worth it.']);
    expect(speakers(detail)).toEqual(['Interviewer', 'P1', 'Interviewer', 'P1']);
  });

  it('.pdf with a text layer: lines and paragraphs', async () => {
    const file = writeTemp(t, 'interview.pdf', makePdf(['Interviewer: How did the first weeks go?', 'P1: Rough. The caf\u00e9 was the only warm place.', '', 'Interviewer: And your mentor?', 'P1: She helped a lot.']));
    const { preview, detail } = await importPath(t.client, file);
    expect(preview.format).toBe('pdf');
    expect(detail.text).toBe('Interviewer: How did the first weeks go?\nP1: Rough. The café was the only warm place.\n\nInterviewer: And your mentor?\nP1: She helped a lot.');
    expect(speakers(detail)).toEqual(['Interviewer', 'P1', 'Interviewer', 'P1']);
  });

  it('WebVTT: voice tags become speakers, cue times become timestamps, one speaker’s cues merge', async () => {
    const { preview, detail } = await importPath(t.client, fixture('panel.vtt'));
    expect(preview.format).toBe('webvtt');
    expect(preview.speakers.map((s) => s.label)).toEqual(['Dana', 'Omar']);
    expect(turnTexts(detail)).toEqual(['Welcome to the panel on peer mentoring. Let us start with introductions.', 'Thanks. I mentor first-year students & run the study group.']);
    expect(detail.turns.map((x) => x.timestamp)).toEqual(['00:00:01', '00:00:08']);
  });

  it('SubRip: a speaker keeps the floor across unlabelled cues', async () => {
    const { preview, detail } = await importPath(t.client, fixture('lecture.srt'));
    expect(preview.format).toBe('srt');
    expect(speakers(detail)).toEqual(['Lena', 'Sam', 'Lena']);
    expect(turnTexts(detail)[0]).toBe('Today we talk about handover. It is the riskiest moment of a shift.');
    expect(detail.turns.map((x) => x.timestamp)).toEqual(['00:00:00', '00:00:06', '00:00:09']);
  });

  it('Markdown: bold labels, escaped timestamps, no markup left, "Dr." and "e.g." do not end sentences', async () => {
    const { preview, detail } = await importPath(t.client, fixture('interview.md'));
    expect(preview.format).toBe('markdown');
    expect(preview.title).toBe('Mentoring interview 4');
    expect(preview.speakers.map((s) => [s.label, s.turnCount])).toEqual([
      ['Interviewer', 2],
      ['Mia', 2],
    ]);
    expect(detail.text).not.toMatch(/\*\*|\\\[/);
    expect(detail.turns.find((x) => x.timestamp === '03:59')?.speakerLabel).toBe('Interviewer');
    const units = detail.units.map((u) => detail.text.slice(u.start, u.end));
    expect(units).toContain("I didn't know anyone, and Dr. Patel's anatomy lab was a shock.");
    expect(units).toContain('She showed me the library, e.g. the quiet rooms, and we met every Friday.');
  });

  it('CSV of turns: columns found by header, timestamps kept; the user can choose other columns', async () => {
    const { preview, detail } = await importPath(t.client, fixture('turns.csv'));
    expect(preview.format).toBe('csv');
    expect(preview.csv?.columns).toEqual(['time', 'speaker', 'text']);
    expect(preview.csv?.choice).toEqual({ hasHeader: true, speakerColumn: 1, textColumn: 2, timestampColumn: 0, tagColumn: null, importTags: false, skipNonSpeech: false });
    expect(preview.speakers.map((s) => [s.label, s.turnCount, s.isFacilitator])).toEqual([
      ['Moderator', 1, true],
      ['P1', 2, false],
      ['P2', 1, false],
    ]);
    expect(detail.turns.map((x) => x.timestamp)).toEqual(['00:00:05', '00:00:12', '00:00:30', '00:00:41']);
    expect(preview.kind).toBe('focus-group');

    // Column choice, on a fresh preview: the speaker column read as text, no speakers.
    const again = await previewOne(t.client, { kind: 'path', path: fixture('turns.csv') });
    const chosen = await t.client.call('import.preview', {
      sources: [{ kind: 'preview', previewId: again.previewId }],
      csv: { hasHeader: true, speakerColumn: null, textColumn: 1 },
    });
    expect(chosen.files[0].ok && chosen.files[0].preview.speakers).toEqual([]);
    expect(chosen.files[0].ok && chosen.files[0].preview.excerpt.startsWith('Moderator')).toBe(true);
  });

  it('CSV of open answers (one column) is guessed as open survey answers', async () => {
    const { preview, detail } = await importPath(t.client, fixture('answers.csv'));
    expect(preview.kind).toBe('open-answers');
    expect(detail.turns).toHaveLength(3);
    expect(detail.turns.every((x) => x.speakerLabel === null)).toBe(true);
  });

  it('pasted text and uploaded bytes import like files', async () => {
    const pasted = await previewOne(t.client, { kind: 'text', name: 'Clipboard', text: 'Moderator: Hello all.\r\nP1: Hi. I am here.\r\nModerator: Good.\r\nP1: Thanks.' });
    expect(pasted.speakers.map((s) => s.label)).toEqual(['Moderator', 'P1']);
    const r1 = await t.client.call('import.commit', { previewId: pasted.previewId, document: { title: 'Pasted group' } });
    expect(r1).toMatchObject({ title: 'Pasted group', turns: 4, units: 3 });

    const base64 = Buffer.from('**Ann:** One.\n\n**Bo:** Two.\n\n**Ann:** Three.').toString('base64');
    const uploaded = await previewOne(t.client, { kind: 'bytes', name: 'upload.md', base64 });
    expect(uploaded.format).toBe('markdown');
    const r2 = await t.client.call('import.commit', { previewId: uploaded.previewId });
    const docs = await t.client.call('documents.list', {});
    expect(docs.map((d) => d.title)).toEqual(['Pasted group', 'upload']);
    expect(r2.turns).toBe(3);
    // A committed preview is used up.
    await expect(t.client.call('import.commit', { previewId: uploaded.previewId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
