import { describe, expect, it } from 'vitest';
import { detectTurns, transcriptLines } from '../../../shared/text';

const TEXT = [
  'Interviewer: How did the first week go?', // 0
  '', // 1
  'Anna: Badly. My advice: ask early.', // 2
  'Karl: he said to me, wait.', // 3 (reported speech under Anna's line)
  '', // 4
  'Interviewer: And then?', // 5
  '', // 6
  'SECOND STUDENT', // 7
  'It got better after the first month.', // 8
  '', // 9
  'Anna: Much better.', // 10
].join('\n');

const speakersOf = (options: Parameters<typeof detectTurns>[1]) => detectTurns(TEXT, options).turns.map((t) => t.speaker);

describe('speaker detection takes the user’s word on single lines', () => {
  it('reads the lines by shape when the user has said nothing', () => {
    expect(speakersOf({})).toEqual(['Interviewer', 'Anna', 'Interviewer', 'Anna']);
    const lines = transcriptLines(TEXT);
    expect(lines[3]).toMatchObject({ role: 'text', labelShape: true, decided: null });
    expect(lines[7]).toMatchObject({ role: 'text', labelShape: false });
  });

  it('a line marked as no label joins the turn before it', () => {
    const { turns } = detectTurns(TEXT, { notLabelLines: [10] });
    expect(turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Anna', 'Interviewer']);
    expect(TEXT.slice(turns[2].start, turns[2].end)).toMatch(/^And then\?[\s\S]*Anna: Much better\.$/);
    expect(transcriptLines(TEXT, { notLabelLines: [10] })[10]).toMatchObject({ role: 'text', decided: 'text', labelShape: true });
  });

  it('a line marked as a label opens a turn: the label its shape gives, else the whole line', () => {
    const { turns } = detectTurns(TEXT, { labelLines: [3, 7] });
    expect(turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Anna', 'Karl', 'Interviewer', 'SECOND STUDENT', 'Anna']);
    const second = turns[4];
    expect(TEXT.slice(second.labelStart, second.labelEnd)).toBe('SECOND STUDENT');
    expect(TEXT.slice(second.start, second.end)).toBe('It got better after the first month.');
    expect(TEXT.slice(turns[2].start, turns[2].end)).toBe('he said to me, wait.');
    expect(transcriptLines(TEXT, { labelLines: [7] })[7]).toMatchObject({ role: 'label', speaker: 'SECOND STUDENT', decided: 'label' });
  });

  it('a decision about a blank line or a line past the end changes nothing', () => {
    expect(speakersOf({ labelLines: [1, 99], notLabelLines: [4, 99] })).toEqual(['Interviewer', 'Anna', 'Interviewer', 'Anna']);
  });
});

describe('a line marked as a label without a label’s shape', () => {
  it('takes the words before a colon as the label', () => {
    const text = 'Moderator: Welcome.\n\nthe student in the corner: I agree.';
    const { turns } = detectTurns(text, { labelLines: [2] });
    expect(turns.map((t) => t.speaker)).toEqual(['Moderator', 'the student in the corner']);
    expect(text.slice(turns[1].start, turns[1].end)).toBe('I agree.');
  });
});

describe('a label marked by hand in other letters', () => {
  it('is the speaker already found under that label', () => {
    const text = 'Moderator: Welcome.\n\nAnna: Thanks.\n\nMODERATOR\nThat is all.';
    expect(detectTurns(text, { labelLines: [4] }).turns.map((t) => t.speaker)).toEqual(['Moderator', 'Anna', 'Moderator']);
  });
});
