import { defaultLevels, FORMATS_BY_KIND, REPORT_LABELS } from '../../../../shared/api/methods/reports';
import type { CodebookNode } from '../../../../shared/api/entities';
import { levelWord, type NodeLevel } from '../../../../shared/domain/vocabulary';
import { documentsByCode } from '../../repos/documents-repo';
import { cell, joinWords, levelCell, lowerFirst, orientationFor, para, plural, row, section, sheet, someNames, TableNumbers, type BuiltReport, type ReportBuilder } from '../blocks';
import { chosenLevels, hierarchyRows, startsGroup } from '../hierarchy-rows';

/** Reference numbers in reading order: 2 before 10, 12 before 12a. */
export function compareReferences(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/** A code's sources: the reference numbers of the documents it was applied in, and the documents that have none. */
interface Sources {
  readonly numbers: readonly string[];
  readonly unnumbered: readonly string[];
}

/**
 * "Codes with their sources": the levels above codes as columns (a meta-synthesis: component |
 * subcomponent), then each code with the reference numbers of the studies it was found in,
 * "teamwork skills (45, 53, 79)". Documents without a number are counted, named and never left out.
 */
export const sourcesReport: ReportBuilder = {
  kind: 'sources',
  label: REPORT_LABELS.sources,
  formats: FORMATS_BY_KIND.sources,
  build(data): BuiltReport {
    const fallback = defaultLevels('sources', data.methodology);
    const above = chosenLevels(data.methodology, data.options.levels, fallback).filter((l) => l !== 'code');
    const levels: NodeLevel[] = [...above, 'code'];
    const word = (l: NodeLevel, count: 'one' | 'many' = 'one') => levelWord(data.methodology, l, count);
    const byCode = documentsByCode(data.db, data.source.coderIds);
    const sourcesOf = (code: CodebookNode): Sources => {
      const docs = (byCode.get(code.id) ?? []).map((id) => data.documents.get(id)).filter((d) => d !== undefined);
      return {
        numbers: [...new Set(docs.flatMap((d) => (d.reference ? [d.reference] : [])))].sort(compareReferences),
        unnumbered: docs.filter((d) => !d.reference).map((d) => d.title),
      };
    };
    const rows = hierarchyRows(data.tree, levels);

    const unnumberedDocs = [...data.documents.values()].filter((d) => !d.reference);
    let citedUnnumbered = 0;
    const tableRows = rows.map((r, i) => {
      const code = r.path[r.path.length - 1];
      const cells = r.path.slice(0, -1).map((n, c) => (n ? levelCell(data.people.text(n.name), startsGroup(rows, i, c)) : cell('')));
      if (!code) return row([...cells, cell(para(`No ${word('code', 'many').toLowerCase()}`, 'missing'))]);
      const s = sourcesOf(code);
      if (s.unnumbered.length) citedUnnumbered += 1;
      return row([...cells, cell(`${data.people.text(code.name)}${citation(s)}`)]);
    });

    const warnings: string[] = [];
    const notes = [`Numbers in parentheses are the reference numbers of the studies whose text was coded with the ${word('code').toLowerCase()} (${lowerFirst(data.source.label)}).`];
    if (unnumberedDocs.length) {
      const names = unnumberedDocs.map((d) => d.title);
      const said = `${plural(unnumberedDocs.length, 'document')} ${unnumberedDocs.length === 1 ? 'has' : 'have'} no reference number (${someNames(names, 6)})`;
      if (citedUnnumbered) notes.push(`${said}; where a ${word('code').toLowerCase()} was found in ${unnumberedDocs.length === 1 ? 'it' : 'one of them'}, the parentheses say “unnumbered”.`);
      else notes.push(`${said}; no ${word('code').toLowerCase()} in this table was found in ${unnumberedDocs.length === 1 ? 'it' : 'them'}.`);
      warnings.push(`${said}. Set the numbers in Documents (Ref. no.), or number them by list order.`);
    }
    if (rows.length === 0) warnings.push(`The codebook has no ${word('code', 'many').toLowerCase()} yet.`);

    const columns = levels.map((l, i) => ({ label: i === levels.length - 1 ? `${word('code', 'many')} (studies)` : word(l), width: i === levels.length - 1 ? 4 : 2 }));
    const title = `${joinWords(levels.map((l, i) => (i === 0 ? word(l, 'many') : word(l, 'many').toLowerCase())))} with their sources`;
    const table = new TableNumbers(data.options.firstTable).table(title, columns, tableRows, notes.join(' '));

    const flat = rows.map((r) => {
      const code = r.path[r.path.length - 1];
      const names = r.path.map((n) => (n ? data.people.text(n.name) : ''));
      const s = code ? sourcesOf(code) : { numbers: [], unnumbered: [] };
      return [...names, s.numbers.join(', '), s.unnumbered.join('; '), code ? s.numbers.length + s.unnumbered.length : null];
    });
    return {
      title,
      document: { title, sections: [section(orientationFor(data, columns.length, 3), [table])] },
      sheets: [sheet('Sources', [...levels.map((l) => word(l)), 'References', 'Documents without a reference number', 'Studies'], flat)],
      warnings,
    };
  },
};

/** " (45, 53, 79)", " (45, unnumbered)", or nothing for a code no study was coded with. */
function citation(s: Sources): string {
  const parts = [...s.numbers, ...(s.unnumbered.length === 0 ? [] : [s.unnumbered.length === 1 ? 'unnumbered' : `${s.unnumbered.length} unnumbered`])];
  return parts.length ? ` (${parts.join(', ')})` : '';
}
