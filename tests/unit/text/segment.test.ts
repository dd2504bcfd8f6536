import { describe, it, expect } from 'vitest';
import { detectTurns, segmentUnits, snapToWord, type TextRange } from '../../../shared/text';

function pieces(text: string, units: readonly TextRange[]): string[] {
  return units.map((u) => text.slice(u.start, u.end));
}

const transcript = 'P1: First point. Second point.\n\nA new paragraph.\nP2: Reply here.\nP1: Short.\nP2: Ok.';

describe('segmentUnits', () => {
  const { turns } = detectTurns(transcript);

  it('gives one unit per turn', () => {
    expect(pieces(transcript, segmentUnits(transcript, turns, 'turn'))).toEqual([
      'First point. Second point.\n\nA new paragraph.',
      'Reply here.',
      'Short.',
      'Ok.',
    ]);
  });

  it('splits turns into paragraphs', () => {
    expect(pieces(transcript, segmentUnits(transcript, turns, 'paragraph')).slice(0, 3)).toEqual([
      'First point. Second point.',
      'A new paragraph.',
      'Reply here.',
    ]);
  });

  it('splits into sentences without crossing turns', () => {
    expect(pieces(transcript, segmentUnits(transcript, turns, 'sentence'))).toEqual([
      'First point.',
      'Second point.',
      'A new paragraph.',
      'Reply here.',
      'Short.',
      'Ok.',
    ]);
  });

  it('never crosses a turn boundary even without sentence punctuation', () => {
    const text = 'P1: no full stop here\nP2: nor here\nP1: a\nP2: b';
    const units = segmentUnits(text, detectTurns(text).turns, 'sentence');
    expect(pieces(text, units)).toEqual(['no full stop here', 'nor here', 'a', 'b']);
  });

  it('does not split after abbreviations', () => {
    const text =
      'Dr. Smith met Mr. Jones and Prof. Lee. We saw St. Paul, e.g. the dome, i.e. the top, cf. the guide, ' +
      'approx. ten rooms vs. twenty. See Fig. 3 and No. 5. I met J. Smith there. Apples, pears etc. and plums. ' +
      'We bought fruit etc. Then we left. Did you agree? No. I did not.';
    expect(pieces(text, segmentUnits(text, [], 'sentence'))).toEqual([
      'Dr. Smith met Mr. Jones and Prof. Lee.',
      'We saw St. Paul, e.g. the dome, i.e. the top, cf. the guide, approx. ten rooms vs. twenty.',
      'See Fig. 3 and No. 5.',
      'I met J. Smith there.',
      'Apples, pears etc. and plums.',
      'We bought fruit etc.',
      'Then we left.',
      'Did you agree?',
      'No.',
      'I did not.',
    ]);
  });

  it('treats hard-wrapped lines as one flow of sentences', () => {
    const text = 'This sentence is\nwrapped over lines. Next one.';
    expect(pieces(text, segmentUnits(text, [], 'sentence'))).toEqual([
      'This sentence is\nwrapped over lines.',
      'Next one.',
    ]);
  });

  it('clips overlapping and out-of-range turns', () => {
    const text = 'abc def ghi';
    const units = segmentUnits(text, [{ start: 4, end: 99 }, { start: 0, end: 6 }], 'turn');
    expect(units).toEqual([
      { start: 0, end: 6 },
      { start: 6, end: 11 },
    ]);
  });

  it('drops empty and whitespace-only pieces', () => {
    expect(segmentUnits('  \n\n  ', [{ start: 0, end: 6 }], 'paragraph')).toEqual([]);
    expect(segmentUnits('', [], 'sentence')).toEqual([]);
  });

  it('keeps turns with empty text out', () => {
    const text = 'P1: a\n\n[Break]\n\nP1: b';
    expect(pieces(text, segmentUnits(text, detectTurns(text).turns, 'turn'))).toEqual(['a', 'b']);
  });
});

describe('snapToWord', () => {
  const text = 'Hello wonderful  world.';

  it('moves an offset inside a word to its start or end', () => {
    expect(snapToWord(text, 9, 'backward')).toBe(6);
    expect(snapToWord(text, 9, 'forward')).toBe(15);
  });

  it('moves an offset inside whitespace to the neighbouring word edge', () => {
    expect(snapToWord(text, 16, 'backward')).toBe(15);
    expect(snapToWord(text, 16, 'forward')).toBe(17);
  });

  it('leaves boundaries and the ends of the text alone, and clamps', () => {
    expect(snapToWord(text, 6, 'forward')).toBe(6);
    expect(snapToWord(text, 0, 'backward')).toBe(0);
    expect(snapToWord(text, 99, 'backward')).toBe(text.length);
    expect(snapToWord(text, -3, 'forward')).toBe(0);
  });

  it('finds the edges of a word longer than its search window, far into a long text', () => {
    const text = `${'lorem ipsum '.repeat(500)}${'x'.repeat(2000)} end`;
    const wordStart = 'lorem ipsum '.repeat(500).length;
    expect(snapToWord(text, wordStart + 1000, 'backward')).toBe(wordStart);
    expect(snapToWord(text, wordStart + 1000, 'forward')).toBe(wordStart + 2000);
    expect(snapToWord(text, 3001, 'forward')).toBe(3005);
  });

  it('never splits a surrogate pair or accented word', () => {
    const emoji = 'ok 🙂🙂 fine';
    expect(snapToWord(emoji, 4, 'backward')).toBe(3);
    expect(snapToWord('Zoë́s', 3, 'forward')).toBe(5);
  });
});
