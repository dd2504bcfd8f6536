import { ABSTRACTION_COLUMN_LABELS, FORMATS_BY_KIND, REPORT_LABELS, type AbstractionColumn } from '../../../../shared/api/methods/reports';
import type { NodeLevel } from '../../../../shared/domain/vocabulary';
import { abstractionColumns, abstractionTable } from '../../repos/analysis-repo';
import { LEVEL_PLURALS, listCell, orientationFor, row, section, streamedSheet, TableNumbers, type BuiltReport, type ReportBuilder, lowerFirst } from '../blocks';
import type { ReportData } from '../data';

const WIDTHS: Readonly<Record<AbstractionColumn, number>> = {
  document: 1.6,
  speaker: 1.3,
  unit: 4.5,
  condensed: 3,
  interpretive: 3,
  code: 2.2,
  subcategory: 2.2,
  category: 2.2,
  subtheme: 2.2,
  theme: 2.2,
};

const LEVEL_COLUMNS: readonly AbstractionColumn[] = ['subcategory', 'category', 'subtheme', 'theme'];

/** The author's columns, else meaning unit | condensed | code | the method's levels above codes (nearest first). */
export function abstractionReportColumns(data: ReportData): AbstractionColumn[] {
  const levels = abstractionColumns(data.methodology) as AbstractionColumn[];
  const askedLevels = data.options.levels?.filter((l) => l !== 'code');
  const levelColumns = askedLevels?.length ? levels.filter((l) => (askedLevels as string[]).includes(l)) : levels;
  const columns = data.options.columns?.length ? data.options.columns : (['unit', 'condensed', 'code', ...levelColumns] as AbstractionColumn[]);
  return columns.filter((c) => !LEVEL_COLUMNS.includes(c) || levels.includes(c));
}

/** "Abstraction from meaning units to categories": up to the highest level the columns show. */
function abstractionTitle(columns: readonly AbstractionColumn[]): string {
  const top = [...LEVEL_COLUMNS].reverse().find((c) => columns.includes(c)) ?? (columns.includes('code') ? 'code' : null);
  const from = columns.includes('unit') || columns.includes('condensed') ? 'meaning units' : 'coded text';
  return top ? `Abstraction from ${from} to ${LEVEL_PLURALS[top as NodeLevel].toLowerCase()}` : `Coded meaning units`;
}

/** Graneheim & Lundman's table: one row per coded meaning unit, from its words up to its theme. */
export const abstractionReport: ReportBuilder = {
  kind: 'abstraction',
  label: REPORT_LABELS.abstraction,
  formats: FORMATS_BY_KIND.abstraction,
  build(data): BuiltReport {
    const columns = abstractionReportColumns(data);
    const table = abstractionTable(
      data.db,
      data.methodology,
      { documentIds: data.options.documentIds, codedOnly: true, sortBy: 'position', descending: false },
      data.source.coderId,
    );
    const text = (s: string) => data.people.text(s);
    // "All coders merged" leaves the consensus pseudo-coder out, as the other reports do.
    const chosen = new Set(data.source.coderIds);
    const rows = table.rows.filter((r) => r.codes.some((c) => chosen.has(c.coderId)));
    // A row's cells, worked out as each format writes it: the huge study's 200,000 rows are never held twice.
    const cellsOf = (r: (typeof rows)[number]): string[][] => {
      const own = r.codes.filter((c) => chosen.has(c.coderId));
      // The levels above the chosen coders' codes, from the codebook's ancestors by level.
      const levelNames = (level: NodeLevel) => [...new Set(own.flatMap((c) => (data.tree.up.get(c.id)?.get(level) ?? []).map((n) => text(n.name))))];
      // Only the chosen columns are worked out (each name through the pseudonyms' swap).
      const cell = (c: AbstractionColumn): string[] => {
        switch (c) {
          case 'document':
            return [data.documents.get(r.documentId)?.title ?? r.documentTitle];
          case 'speaker':
            return [data.people.nameOf(r.participantId)];
          case 'unit':
            return [text(r.text.trim())];
          case 'condensed':
            return [text(r.condensed)];
          case 'interpretive':
            return [text(r.interpretive)];
          case 'code':
            return [...new Map(own.map((x) => [x.id, text(x.name)])).values()];
          default:
            return levelNames(c);
        }
      };
      return columns.map(cell);
    };
    const title = abstractionTitle(columns);
    const uncondensed = rows.filter((r) => !r.condensed.trim()).length;
    const warnings = uncondensed && columns.includes('condensed') ? [`${uncondensed} of ${rows.length} coded units have no condensation yet.`] : [];
    const sheetRows = function* () {
      for (const r of rows) yield cellsOf(r).map((items) => items.join('; '));
    };
    return {
      title,
      // Laid out only when the Word document is asked for: an export to .csv or .xlsx never makes its 40,000 rows of cells.
      get document() {
        const numbered = new TableNumbers(data.options.firstTable).table(
          title,
          columns.map((c) => ({ label: ABSTRACTION_COLUMN_LABELS[c], width: WIDTHS[c] })),
          rows.map((r) => row(cellsOf(r).map((items) => listCell(items)))),
          `${rows.length} coded meaning units; ${lowerFirst(data.source.label)}.`,
        );
        return { title, sections: [section(orientationFor(data, columns.length, 3), [numbered])] };
      },
      sheets: [streamedSheet('Abstraction', columns.map((c) => ABSTRACTION_COLUMN_LABELS[c]), rows.length, sheetRows)],
      warnings,
    };
  },
};
