import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeNewlines, parseCsv } from '../../../shared/text';
import { csvField, inertCellText, toCsv, undoInertCellText } from '../../../shared/text/csv-write';

// A spreadsheet may open our CSV with another delimiter (";" in European Excel, tab) and with quotes off,
// so every piece of a cell between , ; tab and line breaks must open as text, never as a formula.

const TRIGGER = /^[=+\-@]/;
// What a spreadsheet may read as a number; such a piece is allowed to start with + or -.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The pieces of CSV output that would start with a formula trigger once split on any delimiter a spreadsheet might use. */
function livePieces(csv: string): string[] {
  return csv
    .split(/[,;\t\r\n]/)
    .map((piece) => piece.replace(/^[\s"\uFEFF]+/, '').replace(/[\s"]+$/, ''))
    .filter((piece) => TRIGGER.test(piece) && !NUMBER.test(piece));
}

/** Whether `after` is `before` with apostrophes inserted, each directly before a formula trigger; returns how many, or -1. */
function insertedGuards(before: string, after: string): number {
  let j = 0;
  let inserted = 0;
  for (let i = 0; i < after.length; i++) {
    if (j < before.length && after[i] === before[j]) j++;
    else if (after[i] === "'" && TRIGGER.test(after.slice(i + 1))) inserted++;
    else return -1;
  }
  return j === before.length ? inserted : -1;
}

const cell = fc.string({
  unit: fc.constantFrom('=', '+', '-', '@', ',', ';', '\t', '\n', '\r', ' ', '\u00a0', '"', "'", '1', '.', 'e', 'a', 'é', '('),
  maxLength: 14,
});
const table = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }))
  .chain(([width, height]) =>
    // A one-column row of one empty cell is a blank line, which readers skip; keep such rows non-empty.
    fc.array(fc.array(width === 1 ? cell.filter((c) => c !== '') : cell, { minLength: width, maxLength: width }), {
      minLength: height,
      maxLength: height,
    }),
  );

describe('CSV cells stay inert in every spreadsheet locale', () => {
  it('guards each piece a spreadsheet could split off, after its spaces and quotes', () => {
    expect(inertCellText('ok;=1+2')).toBe("ok;'=1+2");
    expect(inertCellText('ok,=1+2')).toBe("ok,'=1+2");
    expect(inertCellText('ok\t+A1')).toBe("ok\t'+A1");
    expect(inertCellText('first line\n@SUM(A1)')).toBe("first line\n'@SUM(A1)");
    expect(inertCellText('a\r-2+3')).toBe("a\r'-2+3");
    expect(inertCellText('said: "=HYPERLINK(1)";  =2')).toBe('said: "=HYPERLINK(1)";  \'=2');
    expect(inertCellText(' "=cmd|x')).toBe(' "\'=cmd|x');
    expect(inertCellText('=1+2')).toBe("'=1+2");
  });

  it('leaves plain numbers, ordinary text and already guarded text as they were', () => {
    for (const text of ['-3', '+1.5', '-3;+4,5', '-1e-7', 'a = b', 'x - y', "'=1+2", 'e-mail', '']) expect(inertCellText(text)).toBe(text);
    // A phone number is not a plain number: "+44 20" is a formula (with an intersection) in Excel.
    expect(inertCellText('+44 20 7946 0000')).toBe("'+44 20 7946 0000");
    expect(inertCellText('- I was nervous, -5')).toBe("'- I was nervous, -5");
  });

  it('quotes a semicolon or a tab, so a reader that sniffs the delimiter keeps the cell whole', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(parseCsv(toCsv(['Text'], [['yes; no'], ['one\ttwo']]))).toEqual([['Text'], ['yes; no'], ['one\ttwo']]);
  });

  it('writes CSV in which no piece split on , ; tab or a line break starts a formula', () => {
    fc.assert(
      fc.property(table, fc.boolean(), (rows, bom) => {
        expect(livePieces(toCsv(rows[0], rows.slice(1), { bom }))).toEqual([]);
      }),
    );
  });

  it('reads back with the app’s own reader as the text with guards added, line breaks as \\n', () => {
    fc.assert(
      fc.property(table, (rows) => {
        expect(parseCsv(toCsv(rows[0], rows.slice(1), { bom: true }))).toEqual(rows.map((r) => r.map((c) => normalizeNewlines(inertCellText(c)))));
      }),
    );
  });

  it('changes a cell only by apostrophes before triggers, at most one per piece, and guards once', () => {
    fc.assert(
      fc.property(cell, (text) => {
        const guarded = inertCellText(text);
        const inserted = insertedGuards(text, guarded);
        expect(inserted).toBeGreaterThanOrEqual(0);
        expect(inserted).toBeLessThanOrEqual(text.split(/[,;\t\r\n]/).length);
        expect(inertCellText(guarded)).toBe(guarded);
      }),
    );
  });

  it('takes the guards off again: text with no apostrophe of its own comes back as it was (a codebook CSV round trip)', () => {
    fc.assert(
      fc.property(
        cell.filter((t) => !t.includes("'")),
        (text) => {
          expect(undoInertCellText(inertCellText(text))).toBe(text);
        },
      ),
    );
    expect(undoInertCellText("ok;'=1+2")).toBe('ok;=1+2');
    expect(undoInertCellText("it's fine")).toBe("it's fine");
  });
});
