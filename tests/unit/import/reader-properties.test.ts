import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { assertSafeArchive } from '../../../electron/core/import/archive-check';
import { readRtf } from '../../../electron/core/import/read-rtf';

// The RTF reader and the zip check before .docx/.odt/.xlsx readers: on any input they return or
// refuse with an AppError naming the file, never crash; and RTF written the usual way reads back.

function onlyAppErrors(read: () => unknown): void {
  try {
    read();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.message).toContain('“f.');
  }
}

const rtfPiece = fc.constantFrom(
  '{', '}', '{\\*\\generator x;}', '{\\fonttbl{\\f0 Arial;}}', '\\par ', '\\par', '\\line', '\\tab', "\\'e9", "\\'0", "\\'zz", '\\u8220?', '\\u-3913?',
  '\\u0 ', '\\uc0', '\\uc2', '\\bin3 abc', '\\bin99999999', '\\b', '\\b0 ', '\\ansicpg1251', '\\ansicpg932', '\\ansicpg99999', '\\~', '\\_', '\\\\', '\\{',
  '\\', '\\*', '\r\n', 'word ', 'é', '🙂', '\u0000', ' ',
);
const rtfBody = fc.oneof(fc.array(rtfPiece, { maxLength: 50 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 200 }));

describe('RTF on arbitrary input', () => {
  it('reads text or refuses with an AppError naming the file', () => {
    fc.assert(
      fc.property(rtfBody, fc.boolean(), (body, closed) => {
        const source = `{\\rtf1\\ansi ${body}${closed ? '}' : ''}`;
        onlyAppErrors(() => {
          const text = readRtf('f.rtf', Buffer.from(source, 'latin1'));
          expect(typeof text).toBe('string');
        });
      }),
      { numRuns: 500 },
    );
  });

  // What an RTF writer emits for plain paragraphs: \ { } escaped, everything beyond ASCII as \uN with a ? fallback.
  function writeRtf(paragraphs: readonly string[]): string {
    const escape = (p: string) =>
      Array.from(p, (ch) => {
        if (ch === '\\' || ch === '{' || ch === '}') return `\\${ch}`;
        const code = ch.codePointAt(0)!;
        if (code < 0x80) return ch;
        // One \uN per UTF-16 unit, as a signed 16-bit number.
        return Array.from({ length: ch.length }, (_, i) => {
          const unit = ch.charCodeAt(i);
          return `\\u${unit > 0x7fff ? unit - 0x10000 : unit}?`;
        }).join('');
      }).join('');
    return `{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0 Calibri;}}\n${paragraphs.map((p) => `\\pard ${escape(p)}\\par\n`).join('')}}`;
  }

  const paragraph = fc
    .string({ unit: fc.constantFrom('a', 'Z', ' ', '{', '}', '\\', 'é', '€', '“', '”', '🙂', 'ő', '中', '.', ':', '?'), minLength: 1, maxLength: 30 })
    .map((p) => p.trim())
    .filter((p) => p !== '');

  it('reads back the paragraphs it was written with', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 6 }), (paragraphs) => {
        expect(readRtf('f.rtf', Buffer.from(writeRtf(paragraphs), 'latin1'))).toBe(paragraphs.join('\n\n'));
      }),
    );
  });

  it('refuses the written file cut short anywhere inside its groups', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 4 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (paragraphs, share) => {
        const full = writeRtf(paragraphs);
        const cut = full.slice(0, Math.max(6, Math.floor(full.length * share)));
        expect(() => readRtf('f.rtf', Buffer.from(cut, 'latin1'))).toThrow(/cut short/);
      }),
    );
  });
});

describe('the zip check before document readers, on arbitrary input', () => {
  const docx = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': new TextEncoder().encode('<w:document/>'.repeat(20)) });

  it('accepts a sound archive and refuses garbage and damaged copies only with AppErrors', () => {
    expect(() => assertSafeArchive('f.docx', docx, { what: 'Word document', damaged: 'Damaged.' })).not.toThrow();
    const damaged = fc.array(fc.tuple(fc.nat({ max: docx.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => {
      const copy = docx.slice();
      for (const [at, byte] of edits) copy[at] = byte;
      return copy;
    });
    const cut = fc.nat({ max: docx.length }).map((n) => docx.subarray(0, n));
    fc.assert(
      fc.property(fc.oneof(damaged, cut, fc.uint8Array({ maxLength: 400 })), (bytes) => {
        onlyAppErrors(() => assertSafeArchive('f.docx', bytes, { what: 'Word document', damaged: 'Damaged.' }));
      }),
      { numRuns: 500 },
    );
  });
});
