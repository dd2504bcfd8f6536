import { describe, it, expect } from 'vitest';
import { markdownToPlain, parseMarkdown, stripMarkdown } from '../../../shared/text';

describe('markdownToPlain', () => {
  it('strips emphasis and keeps paragraphs', () => {
    expect(markdownToPlain('A **bold** and *soft* and _quiet_ word.\n\n~~old~~ ***both***')).toBe(
      'A bold and soft and quiet word.\n\nold both',
    );
  });

  it('unescapes backslash escapes, and escaped markers stay literal', () => {
    const md = '\\[03:59\\] Node\\_exporter \\*not emphasis\\*';
    expect(markdownToPlain(md)).toBe('[03:59] Node_exporter *not emphasis*');
  });

  it('keeps snake_case, lone asterisks and list bullets', () => {
    const md = 'snake_case_name, 5 * 3\n* item one\n- item two';
    expect(markdownToPlain(md)).toBe(md);
  });

  it('drops heading, quote and rule markers, and link targets', () => {
    const md =
      '# Title #\n\n> quoted [link](https://x.org "t") and ![alt](a.png)\n\n---\n\nSee <https://y.org> `a*b*c`';
    expect(markdownToPlain(md)).toBe('Title\n\nquoted link and alt\n\n\n\nSee https://y.org a*b*c');
  });

  it('keeps fenced code verbatim without the fences', () => {
    expect(markdownToPlain('```\n**x**\n```\nafter')).toBe('\n**x**\n\nafter');
  });

  it('drops inline HTML tags', () => {
    expect(markdownToPlain('a <br/> b <span class="x">c</span>')).toBe('a  b c');
  });
});

describe('stripMarkdown offsets', () => {
  it('maps source offsets onto the plain text', () => {
    const md = '**Ann:** \\[01:02\\] hi';
    const { text, toPlain } = stripMarkdown(md);
    expect(text).toBe('Ann: [01:02] hi');
    expect(toPlain(0)).toBe(0);
    expect(toPlain(md.indexOf('hi'))).toBe(text.indexOf('hi'));
    expect(toPlain(md.length)).toBe(text.length);
  });
});

describe('parseMarkdown', () => {
  const md = [
    'Recorded 2019.',
    '',
    '**Gerhard Lazu:** Welcome, **everyone**.',
    '',
    '**Björn Rabenstein:** \\[03:59\\] Thanks. It is *great*.',
    '',
    'A second paragraph of Björn.',
    '',
    '**Break:** \\[54:47\\]',
    '',
    '**Gerhard Lazu:** Back.',
  ].join('\n');

  it('finds **Name:** labels and escaped timestamps, offsets into the plain text', () => {
    const parsed = parseMarkdown(md);
    expect(parsed.text).not.toMatch(/\*\*|\\/);
    expect(parsed.turns.map((t) => [t.speaker, parsed.text.slice(t.start, t.end), t.timestamp])).toEqual([
      [null, 'Recorded 2019.', null],
      ['Gerhard Lazu', 'Welcome, everyone.', null],
      ['Björn Rabenstein', 'Thanks. It is great.\n\nA second paragraph of Björn.', '03:59'],
      ['Break', '', '54:47'],
      ['Gerhard Lazu', 'Back.', null],
    ]);
    expect(parsed.turns.slice(1).map((t) => parsed.text.slice(t.labelStart, t.labelEnd))).toEqual([
      'Gerhard Lazu:',
      'Björn Rabenstein:',
      'Break:',
      'Gerhard Lazu:',
    ]);
  });

  it('summarises speakers with Break flagged as pseudo', () => {
    expect(parseMarkdown(md).speakers.map((s) => [s.label, s.turnCount, s.isPseudo])).toEqual([
      ['Gerhard Lazu', 2, false],
      ['Björn Rabenstein', 1, false],
      ['Break', 1, true],
    ]);
  });

  it('normalises CRLF', () => {
    const parsed = parseMarkdown('**A:** one\r\n\r\n**B:** two\r\n');
    expect(parsed.text).toBe('A: one\n\nB: two\n');
    expect(parsed.turns.map((t) => parsed.text.slice(t.start, t.end))).toEqual(['one', 'two']);
  });
});

describe('markdown in linear time', () => {
  // One long line each (a transcript pasted without line breaks): the shapes that once made
  // the scan for a closer or a link end start again at every opener.
  const lines: readonly (readonly [string, (chars: number) => string])[] = [
    ['unclosed link brackets', (n) => '[a '.repeat(n / 3)],
    ['unclosed image brackets', (n) => '![a '.repeat(n / 4)],
    ['link targets never closed', (n) => '[a]('.repeat(n / 4)],
    ['autolinks never closed', (n) => '<http:a'.repeat(n / 7)],
    ['* openers closed by _ runs', (n) => '*a b_ '.repeat(n / 6)],
    ['a heading with a long run of blanks', (n) => `# a${' '.repeat(n)}x`],
  ];

  function bestMs(source: string, runs: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      stripMarkdown(source);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  }

  // Four times the text may take about four times as long; quadratic work takes sixteen (and the
  // old code took minutes for 1 MB, past the test's time limit). Below 1 MB linear work grows
  // unevenly (a warm 64 KB walk can be 3 ms, then 50–140 µs a KB above it), so the ratio is taken
  // from 1 MB to 4 MB. The bound of 12 leaves room for a busy machine; best of three runs.
  it.each(lines)('%s: 4× the text takes < 12× the time', (_name, make) => {
    const small = make(1024 * 1024);
    stripMarkdown(small);
    const large = make(4 * 1024 * 1024);
    expect(stripMarkdown(large).text.length).toBeGreaterThan(0);
    const ratio = bestMs(large, 3) / Math.max(2, bestMs(small, 3));
    expect(ratio).toBeLessThan(12);
  });
});
