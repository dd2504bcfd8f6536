import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TextError,
  decodeText,
  detectTurns,
  formatTimestamp,
  parseCsv,
  parseMarkdown,
  parseSrt,
  parseWebVtt,
  segmentUnits,
  stripMarkdown,
  turnsFromCsv,
  type ParsedTranscript,
} from '../../../shared/text';
import { toCsv } from '../../../shared/text/csv-write';

// The readers get whatever a researcher's disk holds. On any input they either return a
// well-formed transcript or throw the documented TextError; and what the app writes, they read back.

function onlyTextErrors(read: () => unknown): void {
  try {
    read();
  } catch (err) {
    if (!(err instanceof TextError)) throw err;
    expect(err.message.length).toBeGreaterThan(10);
  }
}

/** Turns ordered, inside the text, trimmed, labels before text; speakers counted from the turns. */
function expectWellFormed(parsed: ParsedTranscript): void {
  let previousEnd = 0;
  for (const turn of parsed.turns) {
    expect(turn.labelStart).toBeGreaterThanOrEqual(previousEnd);
    expect(turn.labelStart).toBeLessThanOrEqual(turn.labelEnd);
    expect(turn.labelEnd).toBeLessThanOrEqual(turn.start);
    expect(turn.start).toBeLessThanOrEqual(turn.end);
    expect(turn.end).toBeLessThanOrEqual(parsed.text.length);
    const body = parsed.text.slice(turn.start, turn.end);
    expect(body.trim()).toBe(body);
    previousEnd = turn.end;
  }
  const labelled = parsed.turns.filter((t) => t.speaker !== null).length;
  expect(parsed.speakers.reduce((n, s) => n + s.turnCount, 0)).toBe(labelled);
}

// Input that reaches deep into the readers: their own syntax in pieces, mixed with anything at all.
const syntax = fc.constantFrom(
  'WEBVTT', 'WEBVTT - title', '\n', '\n\n', '\r\n', ' --> ', '-->', '00:00:01.000', '00:01:75.000', '1:02:03,5', '99:99:99,999',
  '<v Ann>', '<v.loud Bo Li>', '</v>', '<i>', '<00:00:02.000>', '&amp;', '&#0;', '&#x1F642;', '&bogus;', 'NOTE', 'STYLE', '1', '42',
  'Ann:', 'P1:', '**Bo:**', '[id1]', '\\[03:59\\]', '"', '""', ',', ';', '\t', '# ', '> ', '```', '`', '*', '_', '[a](b)',
  ' ', 'word', 'é', '🙂', '\u0000', '\ufeff', '\ufffd', '\u2028',
);
const anyText = fc.oneof(
  fc.array(syntax, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.oneof(syntax, fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 30 }).map((parts) => parts.join('')),
);

// Subtitle-shaped input: blocks of an optional index, a timing line (mostly valid, sometimes broken) and
// cue lines of anything, so that the readers get past the first cue as often as they stop at one.
const clock = fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 59 }), fc.nat({ max: 59 }), fc.nat({ max: 999 }));
const stamp = (sep: string) => ([h, m, s, ms]: [number, number, number, number]) =>
  `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${sep}${String(ms).padStart(3, '0')}`;
const timingLine = (sep: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(clock, clock).map(([a, b]) => (a.join() <= b.join() ? `${stamp(sep)(a)} --> ${stamp(sep)(b)}` : `${stamp(sep)(b)} --> ${stamp(sep)(a)}`)) },
    { weight: 1, arbitrary: fc.tuple(clock, clock).map(([a, b]) => `${stamp(sep)(a)} --> ${stamp(sep)(b)} align:start`) },
    { weight: 1, arbitrary: anyText.map((t) => `${t.replace(/\n/g, ' ')} --> 00:00:0x`) },
  );
const cueLine = fc.oneof(anyText, fc.constantFrom('<v Ann>hello', 'Bo: hi &amp; bye', '<i>yes</i>', '{\\an8}top', 'P1: fine')).map((t) => t.replace(/\n\s*\n/g, '\n'));
const subtitleText = (sep: string, header: boolean) =>
  fc
    .array(fc.tuple(fc.option(fc.nat({ max: 99 }), { nil: undefined }), timingLine(sep), fc.array(cueLine, { maxLength: 3 })), { maxLength: 8 })
    .map((blocks) => {
      const body = blocks.map(([index, timing, lines]) => [index === undefined ? null : String(index), timing, ...lines].filter((l) => l !== null).join('\n'));
      return [...(header ? ['WEBVTT'] : []), ...body].join('\n\n');
    });

describe('readers on arbitrary input', () => {
  it('WebVTT: a well-formed transcript or a TextError', () => {
    fc.assert(
      fc.property(fc.oneof(subtitleText('.', true), anyText, anyText.map((t) => `WEBVTT\n\n${t}`)), (text) => {
        onlyTextErrors(() => expectWellFormed(parseWebVtt(text)));
      }),
      { numRuns: 400 },
    );
  });

  it('SubRip: a well-formed transcript or a TextError', () => {
    fc.assert(
      fc.property(fc.oneof(subtitleText(',', false), anyText), (text) => onlyTextErrors(() => expectWellFormed(parseSrt(text)))),
      { numRuns: 400 },
    );
  });

  it('CSV: rectangular rows or a TextError; turns from any columns are well-formed', () => {
    fc.assert(
      fc.property(anyText, fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.boolean(), (text, speaker, column, hasHeader) => {
        onlyTextErrors(() => {
          const rows = parseCsv(text);
          for (const row of rows) expect(row).toHaveLength(rows[0].length);
          expectWellFormed(turnsFromCsv(rows, { hasHeader, speakerColumn: speaker, textColumn: column }));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('speaker detection and Markdown never throw, and their turns are well-formed', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, detect) => {
        expectWellFormed({ text, ...detectTurns(text, { detect }) });
        expectWellFormed(parseMarkdown(text, { detect }));
      }),
      { numRuns: 300 },
    );
  });

  it('stripMarkdown maps source offsets monotonically into the plain text', () => {
    fc.assert(
      fc.property(anyText, (markdown) => {
        const { text, toPlain } = stripMarkdown(markdown);
        let previous = 0;
        for (let i = 0; i <= markdown.length; i++) {
          const p = toPlain(i);
          expect(p).toBeGreaterThanOrEqual(previous);
          expect(p).toBeLessThanOrEqual(text.length);
          previous = p;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decodeText: text without a NUL, or a TextError; UTF-8 it accepts re-encodes to the same bytes', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      anyText.map((s) => new TextEncoder().encode(s)),
      fc.tuple(anyText, fc.uint8Array({ maxLength: 8 })).map(([s, tail]) => Uint8Array.from([...new TextEncoder().encode(s), ...tail])),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        onlyTextErrors(() => {
          const { text, encoding } = decodeText(input);
          expect(text.includes('\0')).toBe(false);
          if (encoding === 'utf-8') expect(new TextEncoder().encode(text)).toEqual(input);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('decodeText refuses a NUL however far into the text it is', () => {
    fc.assert(
      fc.property(fc.nat({ max: 40_000 }), (at) => {
        const text = 'Interviewer: and then?\n'.repeat(2000);
        const bytes = new TextEncoder().encode(`${text.slice(0, at)}\0${text.slice(at)}`);
        expect(() => decodeText(bytes)).toThrow(TextError);
      }),
      { numRuns: 40 },
    );
  });
});

describe('sentence units of very long paragraphs', () => {
  // Intl.Segmenter is quadratic in the length it walks, so long paragraphs are walked in windows;
  // the units must be the ones a walk over the whole paragraph gives. (No single capital letter
  // before a full stop: the post-pass joins initials like "J." to the next sentence.)
  const sentence = fc
    .tuple(fc.array(fc.constantFrom('we', 'met', 'on', 'Thursdays', 'and', 'it', 'helped', 'so', 'much', 'café', '🙂', '“really”', '42'), { minLength: 1, maxLength: 14 }), fc.constantFrom('.', '?', '!', '…', '.”'))
    .map(([words, end]) => `${words.join(' ')}${end}`.replace(/^./, (c) => c.toUpperCase()));
  const paragraph = fc.array(sentence, { minLength: 300, maxLength: 700 }).map((list) => list.join(' '));

  it('match one walk over the whole paragraph', () => {
    fc.assert(
      fc.property(paragraph, (text) => {
        const whole = Array.from(new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text), ({ segment, index }) => ({
          start: index,
          end: index + segment.trimEnd().length,
        }));
        expect(segmentUnits(text, [], 'sentence')).toEqual(whole);
      }),
      { numRuns: 15 },
    );
  });

  it('keep no break that text beyond a window would undo (seed 1645987550 found one)', () => {
    const walk = (text: string) =>
      Array.from(new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text), ({ segment, index }) => ({ start: index, end: index + segment.trimEnd().length }));
    // A full stop followed by a quote and a lower-case word ends no sentence (UAX #29, SB8); cut
    // after the quote, the window would see one. Every offset of the window's edge is tried.
    for (let shift = 0; shift < 40; shift++) {
      const text = `${'x'.repeat(shift)} ${'We met on Thursdays. '.repeat(380)}${'We met.” “really” helped. '.repeat(40)}`.trim();
      expect(segmentUnits(text, [], 'sentence')).toEqual(walk(text));
    }
  });

  it('cut a sentence with no end longer than a window at a space, and cover all of it', () => {
    const text = 'and then we talked '.repeat(2000).trim();
    const units = segmentUnits(text, [], 'sentence');
    expect(units.length).toBeGreaterThan(1);
    expect(units.map((u) => text.slice(u.start, u.end)).join(' ')).toBe(text);
  });
});

// ---- round trips: what is written the usual way reads back ---------------------------------------

const SPEAKERS = ['Ann', 'Bo Li', 'Dr Cy'] as const;
// Cue text as people speak it: words and punctuation, no markup, no label-like colon.
const cueText = fc
  .array(fc.constantFrom('yes', 'we', 'met', 'on', 'Thursdays', 'café', '🙂', 'it', 'helped,', 'really.', 'why?', '“so”', '42'), { minLength: 1, maxLength: 8 })
  .map((w) => w.join(' '));
const cues = fc.array(fc.record({ speaker: fc.constantFrom(...SPEAKERS), text: cueText, gap: fc.nat({ max: 90_000 }), length: fc.integer({ min: 1, max: 9_000 }) }), {
  minLength: 1,
  maxLength: 12,
});

function vttTime(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

interface Cue {
  readonly speaker: string;
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
}

function timed(list: readonly { speaker: string; text: string; gap: number; length: number }[]): Cue[] {
  let at = 0;
  return list.map((c) => {
    const startMs = at + c.gap;
    at = startMs + c.length;
    return { speaker: c.speaker, text: c.text, startMs, endMs: at };
  });
}

/** What a reader should make of cues: one turn per run of one speaker, texts joined, the run's start time. */
function expectedTurns(list: readonly Cue[]): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const c of list) {
    const last = out[out.length - 1];
    if (last && last[0] === c.speaker) last[1] = `${last[1]} ${c.text}`;
    else out.push([c.speaker, c.text, formatTimestamp(c.startMs)]);
  }
  return out;
}

const view = (parsed: ParsedTranscript) => parsed.turns.map((t) => [t.speaker, parsed.text.slice(t.start, t.end), t.timestamp]);

describe('round trips', () => {
  it('WebVTT written with voice tags reads back as the same speakers, words and start times', () => {
    fc.assert(
      fc.property(cues, (list) => {
        const cueList = timed(list);
        const vtt = `WEBVTT\n\n${cueList.map((c, i) => `${i + 1}\n${vttTime(c.startMs)} --> ${vttTime(c.endMs)}\n<v ${c.speaker}>${c.text}</v>`).join('\n\n')}\n`;
        expect(view(parseWebVtt(vtt))).toEqual(expectedTurns(cueList));
      }),
    );
  });

  it('SubRip with a label only where the speaker changes reads back the same way', () => {
    fc.assert(
      fc.property(cues, (list) => {
        const cueList = timed(list);
        const srt = cueList
          .map((c, i) => {
            const changes = i === 0 || cueList[i - 1].speaker !== c.speaker;
            return `${i + 1}\n${vttTime(c.startMs).replace('.', ',')} --> ${vttTime(c.endMs).replace('.', ',')}\n${changes ? `${c.speaker}: ` : ''}${c.text}`;
          })
          .join('\n\n');
        expect(view(parseSrt(srt))).toEqual(expectedTurns(cueList));
      }),
    );
  });

  // Cells with the characters CSV must quote; no CR (newlines are normalized on reading) and no leading BOM.
  const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', 'é', '🙂', '1', '.', "'"), maxLength: 12 });
  const table = fc
    .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 8 }))
    .chain(([width, height]) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: height, maxLength: height }));

  it('CSV written by the app (RFC 4180) reads back cell for cell, the delimiter sniffed', () => {
    fc.assert(
      fc.property(table, fc.boolean(), (rows, bom) => {
        // A row of empty cells is written as a line of commas, which is a record: only a wholly empty line is skipped.
        expect(parseCsv(toCsv(rows[0], rows.slice(1), { bom }))).toEqual(rows);
      }),
    );
  });
});
