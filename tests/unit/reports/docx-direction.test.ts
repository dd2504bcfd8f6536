import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../electron/core/export/docx-kit';
import type { ReportDocument } from '../../../shared/api/methods/reports';

// Quotes from a Persian transcript keep their direction in Word: a paragraph whose first letter is
// right to left carries w:bidi, and its right-to-left runs w:rtl; English beside them carries neither.
const PERSIAN_QUOTE = 'هفته دوم؛ در کتابخانه همدیگر را دیدیم.';
const ENGLISH_QUOTE = 'We met in the library in the second week.';

const doc = {
  title: 'Exemplar quotes',
  language: 'en-GB',
  sections: [
    {
      orientation: 'portrait',
      blocks: [
        { kind: 'paragraph', para: { style: 'quote', runs: [{ text: PERSIAN_QUOTE }, { text: ' (P4)' }] } },
        { kind: 'paragraph', para: { style: 'quote', runs: [{ text: ENGLISH_QUOTE }] } },
        {
          kind: 'table',
          number: 1,
          title: 'Codes and exemplar quotes',
          columns: [
            { label: 'Code', width: 1 },
            { label: 'Quote', width: 3 },
          ],
          rows: [
            { cells: [{ paras: [{ runs: [{ text: 'Finding a mentor' }] }] }, { paras: [{ style: 'quote', indent: 1, runs: [{ text: PERSIAN_QUOTE, italic: true }] }] }] },
            { cells: [{ paras: [{ runs: [{ text: 'Study groups' }] }] }, { paras: [{ style: 'quote', runs: [{ text: ENGLISH_QUOTE }] }] }] },
          ],
          note: '',
        },
      ],
    },
  ],
} as unknown as ReportDocument;

/** Each paragraph of document.xml that holds `text`, as XML. */
function paragraphsWith(xml: string, text: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).filter((p) => p.includes(text));
}

describe('Word exports keep the direction of right-to-left quotes', () => {
  it('w:bidi on right-to-left paragraphs and w:rtl on their right-to-left runs, in text and in tables', async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(doc)));
    const xml = strFromU8(files['word/document.xml']);
    const persian = paragraphsWith(xml, PERSIAN_QUOTE);
    const english = paragraphsWith(xml, ENGLISH_QUOTE);
    expect(persian).toHaveLength(2);
    expect(english).toHaveLength(2);
    for (const p of persian) {
      expect(p).toMatch(/<w:pPr>.*<w:bidi\/>.*<\/w:pPr>/);
      expect(p).toMatch(new RegExp(`<w:rPr>(?:(?!</w:rPr>).)*<w:rtl/>(?:(?!</w:rPr>).)*</w:rPr><w:t[^>]*>${PERSIAN_QUOTE}`));
    }
    // The attribution after the quote is no right-to-left run.
    expect(persian[0]).toMatch(/<w:r>(?:<w:rPr>(?:(?!<w:rtl\/>).)*<\/w:rPr>)?<w:t[^>]*> \(P4\)<\/w:t>/);
    // w:bidi stands before w:ind, as the schema orders a paragraph's properties.
    expect(persian[1]).toMatch(/<w:bidi\/><w:ind /);
    for (const p of english) expect(p).not.toMatch(/<w:bidi\/>|<w:rtl\/>/);
  });
});
