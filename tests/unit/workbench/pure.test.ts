import { describe, expect, it } from 'vitest';
import { ancestorsByLevel, subtreeIds, wouldCycle, type TreeNode } from '../../../shared/domain/codebook-tree';
import { excerptAround, MARK_CLOSE, MARK_OPEN, parseMarked } from '../../../shared/domain/search-query';
import { csvField, toCsv } from '../../../shared/text/csv-write';

const tree: TreeNode[] = [
  { id: 'theme', level: 'theme', parentIds: [] },
  { id: 'cat', level: 'category', parentIds: ['theme'] },
  { id: 'sub1', level: 'subcategory', parentIds: ['cat'] },
  { id: 'sub2', level: 'subcategory', parentIds: ['cat'] },
  { id: 'code', level: 'code', parentIds: ['sub1', 'sub2'] },
];

describe('codebook tree walks', () => {
  it('finds a subtree once even where a code has two parents', () => {
    expect([...subtreeIds(tree, 'cat')].sort()).toEqual(['cat', 'code', 'sub1', 'sub2']);
  });
  it('groups ancestors by level for the abstraction table', () => {
    const up = ancestorsByLevel(tree).get('code')!;
    expect(up.get('subcategory')!.map((n) => n.id).sort()).toEqual(['sub1', 'sub2']);
    expect(up.get('category')!.map((n) => n.id)).toEqual(['cat']);
    expect(up.get('theme')!.map((n) => n.id)).toEqual(['theme']);
  });
  it('spots cycles', () => {
    expect(wouldCycle(tree, 'cat', 'code')).toBe(true);
    expect(wouldCycle(tree, 'cat', 'cat')).toBe(true);
    expect(wouldCycle(tree, 'code', 'theme')).toBe(false);
  });
});

describe('search highlights', () => {
  it('turns index markers into ranges of the plain text', () => {
    const m = parseMarked(`a ${MARK_OPEN}bc${MARK_CLOSE} d ${MARK_OPEN}e${MARK_CLOSE}`);
    expect(m).toEqual({ text: 'a bc d e', marks: [[2, 4], [7, 8]] });
  });
  it('cuts an excerpt at spaces and shifts the marks into it', () => {
    const text = `${'word '.repeat(40)}target ${'tail '.repeat(40)}`;
    const start = text.indexOf('target');
    const e = excerptAround(text, [[start, start + 6]], start, start + 6, 20);
    expect(e.text.startsWith('…')).toBe(true);
    expect(e.text.endsWith('…')).toBe(true);
    expect(e.marks.map(([a, b]) => e.text.slice(a, b))).toEqual(['target']);
  });
});

describe('CSV writing (RFC 4180)', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });
  it('writes text a spreadsheet would run as a formula as quoted text, and leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
    expect(csvField('+44 20 7946 0000')).toBe(`"'+44 20 7946 0000"`);
    expect(csvField('- I was nervous')).toBe(`"'- I was nervous"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\t=1+1')).toBe(`"\t'=1+1"`);
    expect(csvField('-3')).toBe('-3');
    expect(csvField('+1.5')).toBe('+1.5');
    expect(csvField(-2)).toBe('-2');
    expect(csvField('a = b')).toBe('a = b');
  });
  it('ends every record with CRLF and can start with a BOM', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']], { bom: true })).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
  });
});
