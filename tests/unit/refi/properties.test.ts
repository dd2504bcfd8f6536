import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { codePointIndex, newlineMap, splitsSurrogatePair } from '../../../shared/domain/offsets';
import { openCodebook, openProjectPackage } from '../../../electron/core/refi/package';
import { prepareText, toDocumentRange, type Interpretation } from '../../../electron/core/refi/positions';
import { parseXml } from '../../../electron/core/refi/xml';

// REFI-QDA input on arbitrary bytes refuses with an AppError, never a crash; and a selection counted
// the way any of the four conventions counts lands on the same text in Condensa.

function onlyAppErrors(read: () => unknown): void {
  try {
    read();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
}

const xmlPiece = fc.constantFrom(
  '<?xml version="1.0"?>', '<Project xmlns="urn:QDA-XML:project:1.0" name="p">', '</Project>', '<CodeBook>', '</CodeBook>', '<Codes>', '</Codes>',
  '<Code guid="a" name="x"/>', '<Code name="&amp;&lt;&#x1F642;">', '</Code>', '<!DOCTYPE x>', '<!ENTITY e "x">', '&e;', '&#0;', '&#xD800;', '&bogus;',
  '<![CDATA[ ]]>', '<!-- c -->', '<a b="1" b="2"/>', '<', '>', '&', '"', 'text', 'é', '🙂', '\u0000', '\ufeff',
);
const xmlish = fc.oneof(fc.array(xmlPiece, { maxLength: 30 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 200 }));

describe('REFI-QDA input on arbitrary bytes', () => {
  it('parseXml returns one root element or refuses with REFI_BAD_XML', () => {
    fc.assert(
      fc.property(xmlish, (xml) => {
        try {
          expect(parseXml(xml, 'This file').name.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('REFI_BAD_XML');
        }
      }),
      { numRuns: 500 },
    );
  });

  const enc = new TextEncoder();
  const qdpx = zipSync({
    'project.qde': enc.encode('<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="00000001-0000-4000-8000-000000000000" name="A" isCodable="true"/></Codes></CodeBook></Project>'),
    'sources/a.txt': enc.encode('Ann: hello there\r\nBo: hi 🙂'),
  });

  it('a damaged or cut .qdpx, or any bytes at all, opens or refuses with an AppError', () => {
    const damaged = fc.array(fc.tuple(fc.nat({ max: qdpx.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => {
      const copy = qdpx.slice();
      for (const [at, byte] of edits) copy[at] = byte;
      return copy;
    });
    const cut = fc.nat({ max: qdpx.length }).map((n) => qdpx.subarray(0, n));
    const bytes = fc.oneof(damaged, cut, fc.uint8Array({ maxLength: 300 }), xmlish.map((s) => enc.encode(s)));
    fc.assert(
      fc.property(bytes, (input) => {
        onlyAppErrors(() => openProjectPackage(input));
        onlyAppErrors(() => openCodebook(input));
      }),
      { numRuns: 400 },
    );
  });
});

// Texts with what breaks offset arithmetic: astral characters, CRLF, lone CR, combining marks.
const piece = fc.constantFrom('a', 'word', ' ', 'é', 'e\u0301', '🙂', '👩🏽‍⚕️', '\r\n', '\r', '\n', '—', '中文');
const rawText = fc.array(piece, { minLength: 1, maxLength: 30 }).map((p) => p.join(''));
const HOWS: readonly Interpretation[] = [
  { unit: 'code-points', newlines: 'as-in-source' },
  { unit: 'utf16', newlines: 'as-in-source' },
  { unit: 'code-points', newlines: 'normalized' },
  { unit: 'utf16', newlines: 'normalized' },
];

/** Where another program puts a UTF-16 range of Condensa's text, counting its way. */
function foreignPosition(raw: string, how: Interpretation, offset: number): number {
  const map = newlineMap(raw);
  const base = how.newlines === 'as-in-source' ? raw : map.text;
  const at = how.newlines === 'as-in-source' ? map.toRaw(offset) : offset;
  return how.unit === 'utf16' ? at : codePointIndex(base).toCodePoints(at);
}

describe('REFI-QDA selection positions', () => {
  it('any pair of numbers converts to a range inside the text that never splits a character, or is skipped', () => {
    fc.assert(
      fc.property(rawText, fc.constantFrom(...HOWS), fc.integer({ min: -3, max: 80 }), fc.integer({ min: -3, max: 80 }), (raw, how, a, b) => {
        const t = prepareText(raw);
        const r = toDocumentRange(t, how, a, b);
        if (!r.ok) return;
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.start).toBeLessThan(r.end);
        expect(r.end).toBeLessThanOrEqual(t.text.length);
        expect(splitsSurrogatePair(t.text, r.start) || splitsSurrogatePair(t.text, r.end)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a range counted by any convention converts back to the same text', () => {
    const textAndRange = rawText.chain((raw) => {
      const length = newlineMap(raw).text.length;
      return fc.tuple(fc.constant(raw), fc.nat({ max: length }), fc.nat({ max: length }));
    });
    fc.assert(
      fc.property(textAndRange, fc.constantFrom(...HOWS), ([raw, x, y], how) => {
        const t = prepareText(raw);
        const [s, e] = [Math.min(x, y), Math.max(x, y)];
        if (s === e || splitsSurrogatePair(t.text, s) || splitsSurrogatePair(t.text, e)) return;
        const r = toDocumentRange(t, how, foreignPosition(raw, how, s), foreignPosition(raw, how, e));
        expect(r).toEqual({ ok: true, start: s, end: e, clamped: false });
      }),
      { numRuns: 500 },
    );
  });
});
