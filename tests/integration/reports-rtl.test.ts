import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDocx } from './support/docx-read';
import { makeSampleApp, type TestApp } from './support/app';

// A Persian focus group imported into the sample study, one of its units coded and marked as the
// exemplar quote of a category: the Word theme table sets that quote right to left.
const PERSIAN = ['مصاحبه‌کننده: منتور شما کی با شما تماس گرفت؟', 'شرکت‌کننده ۴: هفته دوم؛ در کتابخانه همدیگر را دیدیم.'].join('\n\n');
const QUOTE = 'هفته دوم؛ در کتابخانه همدیگر را دیدیم.';

describe('Word exports of a right-to-left transcript', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeSampleApp();
  });
  afterEach(() => t.close());

  it('a Persian exemplar quote is a w:bidi paragraph with w:rtl runs in the theme table', async () => {
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'text', name: 'گروه ۳', text: PERSIAN }] });
    const preview = files[0].ok ? files[0].preview : null;
    const imported = await t.client.call('import.commit', { previewId: preview!.previewId, document: { title: 'Focus group Tehran' } });
    const detail = await t.client.call('documents.get', { id: imported.documentId });
    const unit = detail.units.find((u) => detail.text.slice(u.start, u.end) === QUOTE)!;
    const nodes = await t.client.call('codebook.list', {});
    const harbour = nodes.find((n) => n.name === 'Finding a safe harbour')!;
    // A code somewhere under the category.
    const under = new Set([harbour.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const n of nodes) if (!under.has(n.id) && n.parentIds.some((id) => under.has(id))) grew = Boolean(under.add(n.id));
    }
    const code = nodes.find((n) => n.level === 'code' && under.has(n.id))!;
    await t.client.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [code.id] });
    await t.client.call('quotes.set', { nodeId: harbour.id, unitId: unit.id, quote: true });

    const r = await t.client.call('reports.export', { kind: 'themes', format: 'docx', options: { namesChecked: true, quotesPerNode: 10 } });
    const { documentXml } = readDocx(Buffer.from(r.base64, 'base64'));
    const paragraphs = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const persian = paragraphs.filter((p) => p.includes(QUOTE));
    expect(persian).toHaveLength(1);
    expect(persian[0]).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:bidi\/>/);
    expect(persian[0]).toMatch(new RegExp(`<w:rtl/>(?:(?!</w:r>).)*${QUOTE}`));
    // The English quotes of the sample beside it stay left to right.
    const english = paragraphs.filter((p) => /“[A-Z]/.test(p));
    expect(english.length).toBeGreaterThan(0);
    for (const p of english) expect(p).not.toMatch(/<w:bidi\/>/);
  });
});
