import { defaultLevels, FORMATS_BY_KIND, REPORT_LABELS } from '../../../../shared/api/methods/reports';
import type { CodebookNode } from '../../../../shared/api/entities';
import { levelWord, type NodeLevel } from '../../../../shared/domain/vocabulary';
import { cell, levelCell, listCell, orientationFor, row, section, sheet, someNames, TableNumbers, type BuiltReport, type ReportBuilder, lowerFirst } from '../blocks';
import { descendantsAt, nodesAt, type ReportData } from '../data';
import { chosenLevels, hierarchyRows, startsGroup, type HierarchyRow } from '../hierarchy-rows';

/** category | subcategory by default; thematic analysis: theme | subtheme. */
export function categoryLevels(data: ReportData): NodeLevel[] {
  const fallback = defaultLevels('categories', data.methodology);
  const levels = chosenLevels(data.methodology, data.options.levels, fallback);
  return levels.length ? levels : fallback;
}

export function nameWithCount(data: ReportData, node: CodebookNode): string {
  return data.options.counts ? `${data.people.text(node.name)} (${data.counts.get(node.id)?.units ?? 0})` : data.people.text(node.name);
}

function title(data: ReportData, levels: readonly NodeLevel[]): string {
  if (levels.length === 1) return `${levelWord(data.methodology, levels[0], 'many')} of the analysis`;
  const [top, ...rest] = levels.map((l) => levelWord(data.methodology, l, 'many').toLowerCase());
  return `Main ${top} and related ${rest.join(' and ')}`;
}

/** "Main categories and related subcategories": one row per node of the second-to-last level, the last level listed. */
export const categoriesReport: ReportBuilder = {
  kind: 'categories',
  label: REPORT_LABELS.categories,
  formats: FORMATS_BY_KIND.categories,
  build(data): BuiltReport {
    const levels = categoryLevels(data);
    const listed = levels.length > 1 ? levels[levels.length - 1] : null;
    const rowLevels = listed ? levels.slice(0, -1) : levels;
    const rows = hierarchyRows(data.tree, rowLevels);
    const warnings: string[] = [];
    const itemsOf = (r: HierarchyRow): CodebookNode[] => {
      const rowNode = r.path[r.path.length - 1];
      return listed && rowNode ? descendantsAt(data.tree, rowNode.id, listed) : [];
    };
    // Listed nodes that no row reaches (a subcategory outside every category) get a row of their own at the end.
    const reached = new Set(rows.flatMap((r) => itemsOf(r).map((n) => n.id)));
    const strays = listed ? nodesAt(data.tree, listed).filter((n) => !reached.has(n.id)) : [];
    const allRows: { readonly path: readonly (CodebookNode | null)[]; readonly items: readonly CodebookNode[] }[] = [
      ...rows.map((r) => ({ path: r.path, items: itemsOf(r) })),
      ...(strays.length ? [{ path: rowLevels.map(() => null), items: strays }] : []),
    ];

    const tableRows = allRows.map((r, i) => {
      const rowNode = r.path[r.path.length - 1];
      const cells = r.path.map((n, c) => (n ? levelCell(nameWithCount(data, n), startsGroup(allRows, i, c)) : cell('')));
      return row(listed ? [...cells, listCell(r.items.map((n) => nameWithCount(data, n)), rowNode ? `No ${levelWord(data.methodology, listed).toLowerCase()}` : '')] : cells);
    });
    const orphanNames = [
      ...rows.filter((r) => r.path[0] === null && r.path[r.path.length - 1]).map((r) => r.path[r.path.length - 1]!.name),
      ...strays.map((n) => n.name),
    ];
    const above = levelWord(data.methodology, strays.length ? rowLevels[rowLevels.length - 1] : rowLevels[0]).toLowerCase();
    if (orphanNames.length) warnings.push(`${someNames(orphanNames)} ${orphanNames.length === 1 ? 'is' : 'are'} not under any ${above}; ${orphanNames.length === 1 ? 'it is' : 'they are'} listed at the end.`);
    if (rows.length === 0) warnings.push(`The codebook has no ${levelWord(data.methodology, rowLevels[0], 'many').toLowerCase()} yet.`);

    const columns = levels.map((l, i) => ({ label: i === levels.length - 1 && listed ? levelWord(data.methodology, l, 'many') : levelWord(data.methodology, l), width: i === levels.length - 1 ? 3 : 2 }));
    const note = data.options.counts ? `Numbers in parentheses are meaning units coded (${lowerFirst(data.source.label)}).` : '';
    const numbers = new TableNumbers(data.options.firstTable);
    const table = numbers.table(title(data, levels), columns, tableRows, note);

    const flat: (string | null)[][] = [];
    for (const r of allRows) {
      const names = r.path.map((n) => (n ? data.people.text(n.name) : ''));
      if (listed && r.items.length) for (const n of r.items) flat.push([...names, data.people.text(n.name)]);
      else flat.push(listed ? [...names, ''] : names);
    }
    const sheetColumns = levels.map((l) => levelWord(data.methodology, l));
    return {
      title: table.title,
      document: { title: table.title, sections: [section(orientationFor(data, columns.length, 3), [table])] },
      sheets: [sheet('Categories', sheetColumns, flat)],
      warnings,
    };
  },
};
