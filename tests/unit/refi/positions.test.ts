import { describe, expect, it } from 'vitest';
import { parseNodeDescription, renderNodeDescription, derivedGuid, guidOf } from '../../../electron/core/refi/convention';
import { detectInterpretation, prepareText, toDocumentRange, type Interpretation } from '../../../electron/core/refi/positions';

const RAW = 'Anna: I loved it 😍😍\r\nBen: Really? 🙂 Me too.\r\nAnna: The café 👩🏽‍⚕️ helped a lot.';
const WANTED = ['I loved it', 'Really?', 'Me too', 'The café', 'helped a lot'];

/** Where each wanted phrase is, counted the way a given program counts. */
function positions(how: Interpretation): [number, number][] {
  const source = how.newlines === 'as-in-source' ? RAW : RAW.replace(/\r\n/g, '\n');
  return WANTED.map((w) => {
    const at = source.indexOf(w);
    if (how.unit === 'utf16') return [at, at + w.length];
    const cp = (u: number) => Array.from(source.slice(0, u)).length;
    return [cp(at), cp(at + w.length)];
  });
}

describe('reading selection positions the way the other program counted them', () => {
  const text = prepareText(RAW);
  const HOWS: Interpretation[] = [
    { unit: 'code-points', newlines: 'as-in-source' },
    { unit: 'utf16', newlines: 'as-in-source' },
    { unit: 'code-points', newlines: 'normalized' },
    { unit: 'utf16', newlines: 'normalized' },
  ];

  it.each(HOWS)('detects $unit / $newlines from the evidence alone and lands on the same words', (how) => {
    const ranges = positions(how);
    const d = detectInterpretation([{ text, ranges }], null);
    expect(d.chosen).toEqual(how);
    expect(d.onWordBoundaries).toBe(WANTED.length);
    for (const [i, [s, e]] of ranges.entries()) {
      const r = toDocumentRange(text, d.chosen, s, e);
      expect(r.ok && text.text.slice(r.start, r.end)).toBe(WANTED[i]);
    }
  });

  it('lets the origin break a tie: NVivo counts UTF-16, everyone else the standard', () => {
    const plain = prepareText('no emoji here, no CR either');
    const ranges: [number, number][] = [[0, 2]];
    expect(detectInterpretation([{ text: plain, ranges }], 'NVivo for Windows 12.6').chosen).toEqual({ unit: 'utf16', newlines: 'as-in-source' });
    expect(detectInterpretation([{ text: plain, ranges }], 'QualCoder 3.6').chosen).toEqual({ unit: 'code-points', newlines: 'as-in-source' });
    // With no alternatives that differ, the explanation mentions none.
    expect(detectInterpretation([{ text: plain, ranges }], null).alternatives).toEqual([]);
  });

  it('skips selections beyond the text, cuts those that run past it, never splits an emoji', () => {
    const how: Interpretation = { unit: 'utf16', newlines: 'normalized' };
    const t = prepareText('ab🙂cd');
    expect(toDocumentRange(t, how, 9, 12)).toEqual({ ok: false, reason: 'outside' });
    expect(toDocumentRange(t, how, 4, 99)).toEqual({ ok: true, start: 4, end: 6, clamped: true });
    expect(toDocumentRange(t, how, 3, 3)).toEqual({ ok: false, reason: 'empty' });
    expect(toDocumentRange(t, how, 3, 5)).toEqual({ ok: true, start: 2, end: 5, clamped: false });
  });
});

describe('the level convention in code descriptions', () => {
  it('renders and parses every level with definitions and criteria', () => {
    for (const level of ['theme', 'subtheme', 'category', 'subcategory', 'code'] as const) {
      for (const node of [
        { level, definition: 'Feeling safe.', inclusion: 'Calm', exclusion: 'Practical help' },
        { level, definition: '', inclusion: 'Only this', exclusion: '' },
        { level, definition: 'Two\n\nparagraphs', inclusion: '', exclusion: 'Not that' },
        { level, definition: '', inclusion: '', exclusion: '' },
      ]) {
        expect(parseNodeDescription(renderNodeDescription(node), 'code')).toEqual(node);
      }
    }
    expect(renderNodeDescription({ level: 'category', definition: 'Safe harbour', inclusion: '', exclusion: '' })).toBe('[Category] Safe harbour');
    expect(renderNodeDescription({ level: 'code', definition: 'Plain', inclusion: '', exclusion: '' })).toBe('Plain');
  });

  it('reads descriptions other programs wrote as plain definitions', () => {
    expect(parseNodeDescription('COVID vay nem COVID', 'code')).toEqual({ level: 'code', definition: 'COVID vay nem COVID', inclusion: '', exclusion: '' });
    expect(parseNodeDescription('[Unknown] x', 'code').definition).toBe('[Unknown] x');
    expect(parseNodeDescription(null, 'code').definition).toBe('');
  });

  it('keeps GUIDs and derives stable ones', () => {
    expect(guidOf('7142C1BF-1BBE-4073-88DD-AE1DBFEC9F8F')).toBe('7142c1bf-1bbe-4073-88dd-ae1dbfec9f8f');
    expect(guidOf('consensus')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedGuid('span', 'x')).toBe(derivedGuid('span', 'x'));
    expect(derivedGuid('span', 'x')).not.toBe(derivedGuid('condensation', 'x'));
  });
});
