import { describe, it, expect } from 'vitest';
import { parseCsv, sniffDelimiter, turnsFromCsv, TextError } from '../../../shared/text';

function errorOf(run: () => unknown): TextError {
  try {
    run();
  } catch (error) {
    if (error instanceof TextError) return error;
    throw error;
  }
  throw new Error('expected a TextError');
}

describe('parseCsv', () => {
  it('reads quotes, doubled quotes and newlines inside quotes', () => {
    const csv = 'speaker,text\r\nP1,"She said ""no"", then left."\r\nP2,"line one\r\nline two"\r\n';
    expect(parseCsv(csv)).toEqual([
      ['speaker', 'text'],
      ['P1', 'She said "no", then left.'],
      ['P2', 'line one\nline two'],
    ]);
  });

  it('sniffs semicolons and tabs', () => {
    expect(parseCsv('a;b\n1,5;2\n3;"x;y"')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
      ['3', 'x;y'],
    ]);
    expect(parseCsv('a\tb\nc, d\te')).toEqual([
      ['a', 'b'],
      ['c, d', 'e'],
    ]);
  });

  it('prefers the delimiter that splits rows evenly', () => {
    expect(sniffDelimiter('name;comment\nAnna;yes, well, no\nBo;fine')).toBe(';');
    expect(sniffDelimiter('one column only')).toBe(',');
  });

  it('skips blank lines and keeps empty fields', () => {
    expect(parseCsv('a,b\n\n,x\n')).toEqual([
      ['a', 'b'],
      ['', 'x'],
    ]);
  });

  it('names the row and line of a ragged row', () => {
    const error = errorOf(() => parseCsv('speaker,text\nP1,"two\nlines"\nP2,a,extra\n'));
    expect(error.code).toBe('IMPORT_CSV_RAGGED');
    expect(error.message).toContain('row 3');
    expect(error.message).toContain('line 4');
  });

  it('reports an unclosed quote', () => {
    expect(errorOf(() => parseCsv('a,b\n1,"open\n')).code).toBe('IMPORT_BAD_FILE');
  });
});

describe('turnsFromCsv', () => {
  const rows = [
    ['Time', 'Speaker', 'Text'],
    ['00:00:01', 'Interviewer', 'How are you?'],
    ['00:00:04', 'P1', 'Fine,  thanks.\n\n\nReally.'],
    ['00:00:09', '', 'Unattributed remark.'],
    ['00:00:10', 'P1', '   '],
  ];

  it('builds one turn per row with speaker, text and timestamp, by header name', () => {
    const parsed = turnsFromCsv(rows, {
      speakerColumn: 'speaker',
      textColumn: 'Text',
      timestampColumn: 'time',
      hasHeader: true,
    });
    expect(parsed.text).toBe('Interviewer: How are you?\n\nP1: Fine, thanks.\nReally.\n\nUnattributed remark.');
    expect(parsed.turns.map((t) => [t.speaker, parsed.text.slice(t.start, t.end), t.timestamp])).toEqual([
      ['Interviewer', 'How are you?', '00:00:01'],
      ['P1', 'Fine, thanks.\nReally.', '00:00:04'],
      [null, 'Unattributed remark.', '00:00:09'],
    ]);
    expect(parsed.speakers.map((s) => [s.label, s.isFacilitator])).toEqual([
      ['Interviewer', true],
      ['P1', false],
    ]);
  });

  it('takes columns by index, without header', () => {
    const parsed = turnsFromCsv(rows.slice(1, 3), { speakerColumn: 1, textColumn: 2, hasHeader: false });
    expect(parsed.turns.map((t) => [t.speaker, t.timestamp])).toEqual([
      ['Interviewer', null],
      ['P1', null],
    ]);
  });

  it('gives an empty transcript for no rows', () => {
    const empty = turnsFromCsv([], { speakerColumn: 0, textColumn: 1, hasHeader: true });
    expect(empty).toEqual({ text: '', turns: [], speakers: [], rowKinds: [], turnTags: [] });
  });

  it('allows rows without a speaker column', () => {
    const parsed = turnsFromCsv([['a'], ['b']], { speakerColumn: null, textColumn: 0, hasHeader: false });
    expect(parsed.text).toBe('a\n\nb');
  });

  it('rejects ragged rows and unknown columns', () => {
    const options = { speakerColumn: 0, textColumn: 1, hasHeader: false };
    const ragged = errorOf(() => turnsFromCsv([['a', 'b'], ['c']], options));
    expect(ragged.code).toBe('IMPORT_CSV_RAGGED');
    expect(ragged.message).toContain('row 2');
    expect(errorOf(() => turnsFromCsv(rows, { speakerColumn: 'who', textColumn: 'Text', hasHeader: true })).code).toBe(
      'IMPORT_BAD_FILE',
    );
    expect(errorOf(() => turnsFromCsv(rows, { speakerColumn: 1, textColumn: 7, hasHeader: true })).code).toBe(
      'IMPORT_BAD_FILE',
    );
  });
});
