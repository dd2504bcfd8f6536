import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TableNumbers } from '../../../electron/core/export/blocks';
import { columnWidths, renderDocx, rowsKeptWithNext, STYLE_IDS } from '../../../electron/core/export/docx-kit';
import type { ParaStyle, ReportCell, ReportPara, ReportRow } from '../../../shared/api/methods/reports';
import { paragraphDirection } from '../../../shared/text/direction';

// The reports write their tables' body rows as WordprocessingML text (docx objects for 40,000 rows
// took minutes and gigabytes). The reference here builds the same rows as `docx` objects, as the
// reports did before, and lets `docx` write them: both must give the same XML. Every row is kept
// whole (cantSplit); the rows rowsKeptWithNext names keep with the next (tested in word-layout.test.ts).

const IN_TABLE: Readonly<Record<ParaStyle, string>> = {
  normal: STYLE_IDS.tableText,
  quote: STYLE_IDS.tableQuote,
  missing: STYLE_IDS.tableMissing,
  note: STYLE_IDS.tableSmall,
  repeat: STYLE_IDS.tableRepeat,
};

// Right-to-left paragraphs and runs as docx marks them (bidirectional, rightToLeft).
const rtlParagraph = (p: ReportPara) => paragraphDirection(p.runs.map((r) => r.text).join('')) === 'rtl' || undefined;
const rtlRun = (text: string) => paragraphDirection(text) === 'rtl' || undefined;

function referenceCell(cell: ReportCell, width: number, group: boolean, keep: boolean): TableCell {
  const paras: ReportPara[] = cell.paras.length ? cell.paras : [{ runs: [] }];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: cell.span && cell.span > 1 ? cell.span : undefined,
    margins: group ? { top: 120, bottom: 40, left: 80, right: 80 } : undefined,
    children: paras.map((p) =>
      group
        ? new Paragraph({
            style: STYLE_IDS.tableHeading,
            keepNext: true,
            bidirectional: rtlParagraph(p),
            children: p.runs.map((r) => new TextRun({ text: r.text, bold: r.bold ?? true, italics: r.italic, rightToLeft: rtlRun(r.text) })),
          })
        : new Paragraph({
            style: IN_TABLE[p.style ?? 'normal'],
            keepNext: keep || undefined,
            bidirectional: rtlParagraph(p),
            indent: p.indent ? { left: p.indent * 240 } : undefined,
            children: p.runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, rightToLeft: rtlRun(r.text) })),
          }),
    ),
  });
}

function referenceRow(row: ReportRow, widths: readonly number[], keep: boolean): TableRow {
  let column = 0;
  const cells = row.cells.map((cell) => {
    const span = cell.span ?? 1;
    const width = widths.slice(column, column + span).reduce((s, w) => s + w, 0);
    column += span;
    return referenceCell(cell, width, row.group ?? false, keep);
  });
  return new TableRow({ children: cells, cantSplit: true });
}

/** The rows of the document's first table after its header row. */
function bodyRows(docx: Uint8Array, header: boolean): string {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']);
  const table = xml.slice(xml.indexOf('</w:tblGrid>') + '</w:tblGrid>'.length, xml.indexOf('</w:tbl>'));
  return header ? table.slice(table.indexOf('</w:tr>') + '</w:tr>'.length) : table;
}

const COLUMNS = [
  { label: 'Unit', width: 3 },
  { label: 'Code', width: 1.5 },
  { label: 'Theme', width: 1 },
];
const PORTRAIT_TEXT_WIDTH = 11906 - 2 * 1440;

const optionalFlag = fc.option(fc.boolean(), { nil: undefined });
const run = fc.record({ text: fc.string({ unit: 'binary', maxLength: 12 }), bold: optionalFlag, italic: optionalFlag }, { requiredKeys: ['text'] });
const para = fc.record(
  {
    runs: fc.array(run, { maxLength: 3 }),
    style: fc.option(fc.constantFrom<ParaStyle>('normal', 'quote', 'missing', 'note', 'repeat'), { nil: undefined }),
    indent: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  },
  { requiredKeys: ['runs'] },
);
const cell = fc.record({ paras: fc.array(para, { maxLength: 3 }), span: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }, { requiredKeys: ['paras'] });
const reportRow = fc.record({ cells: fc.array(cell, { minLength: 1, maxLength: 3 }), group: optionalFlag }, { requiredKeys: ['cells'] });

describe('Word table rows written as text', () => {
  it('are the XML docx writes for the same cells: styles, indents, spans, group rows, bold and italic set either way, any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reportRow, { minLength: 1, maxLength: 40 }), async (rows) => {
        const table = new TableNumbers(1).table('Rows', COLUMNS, rows);
        const written = await renderDocx({ title: 'Rows', language: 'en-GB', sections: [{ orientation: 'portrait', blocks: [table] }] });
        const widths = columnWidths(table, PORTRAIT_TEXT_WIDTH);
        const kept = rowsKeptWithNext(rows, widths, 'portrait');
        const reference = await Packer.toBuffer(new Document({ sections: [{ children: [new Table({ columnWidths: widths, rows: rows.map((r, i) => referenceRow(r, widths, kept[i])) })] }] }));
        expect(bodyRows(written, true)).toBe(bodyRows(reference, false));
      }),
      { numRuns: 12 },
    );
  });

  it('keep every table in its place when a document holds several, between paragraphs and headings', async () => {
    const numbers = new TableNumbers(1);
    const rowsOf = (label: string, n: number): ReportRow[] => Array.from({ length: n }, (_v, i) => ({ cells: [{ paras: [{ runs: [{ text: `${label} ${i + 1}` }] }] }] }));
    const doc = {
      title: 'Three tables',
    language: 'en-GB',
      sections: [
        { orientation: 'portrait' as const, blocks: [numbers.table('First', COLUMNS, rowsOf('first', 3)), { kind: 'heading' as const, level: 2 as const, text: 'Between' }, numbers.table('Empty', COLUMNS, [])] },
        { orientation: 'landscape' as const, blocks: [numbers.table('Third', COLUMNS, rowsOf('third', 2500))] },
      ],
    };
    const xml = strFromU8(unzipSync(await renderDocx(doc))['word/document.xml']);
    const cells = [...xml.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
    const order = cells.filter((t) => /^(first|third) \d+$|^Between$|^Nothing to show\.$/.test(t));
    expect(order).toEqual(['first 1', 'first 2', 'first 3', 'Between', 'Nothing to show.', ...rowsOf('third', 2500).map((r) => r.cells[0].paras[0].runs[0].text)]);
    expect(xml).not.toContain('condensa-rows');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(3);
  });
});
