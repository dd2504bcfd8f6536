import { FORMATS_BY_KIND, REPORT_LABELS, type ReportColumn } from '../../../../shared/api/methods/reports';
import type { CoderChoice, Matrix } from '../../../../shared/api/methods/analysis';
import { NODE_LEVEL_LABELS, type NodeLevel } from '../../../../shared/domain/vocabulary';
import { computeMatrix } from '../../analysis/matrix';
import { listAttributes } from '../../repos/participants-repo';
import { cell, orientationFor, row, section, sheet, TableNumbers, type BuiltReport, type ReportBuilder, lowerFirst } from '../blocks';
import type { ReportData } from '../data';
import { chosenLevels } from '../hierarchy-rows';

/** The analysis services' name for the report's choice of codings. */
export function analysisCoder(data: ReportData): CoderChoice {
  if (data.source.kind === 'consensus') return 'consensus';
  if (data.source.kind === 'merged') return 'all';
  return data.source.coderIds[0];
}

/** Nodes of the chosen levels (codes by default) × the values of each chosen attribute, counted by the analysis matrix. */
export const matrixReport: ReportBuilder = {
  kind: 'matrix',
  label: REPORT_LABELS.matrix,
  formats: FORMATS_BY_KIND.matrix,
  build(data): BuiltReport {
    const levels = chosenLevels(data.methodology, data.options.levels, ['code']);
    const all = listAttributes(data.db);
    const attributes = data.options.attributeIds ? data.options.attributeIds.flatMap((id) => all.filter((a) => a.id === id)) : all;
    const filter = { coder: analysisCoder(data), documentIds: data.options.documentIds };
    const measure = data.options.count;
    // One matrix per level and attribute; rows of every level are put in codebook order below.
    const byLevel = new Map<NodeLevel, { attribute: string; matrix: Matrix }[]>(
      levels.map((level) => [level, attributes.map((a) => ({ attribute: a.name, matrix: computeMatrix(data.db, { filter, level, measure, columns: { kind: 'attribute', attributeId: a.id } }) }))]),
    );
    const totals = new Map(levels.map((level) => [level, computeMatrix(data.db, { filter, level, measure, columns: { kind: 'none' } })]));
    const first = byLevel.get(levels[0])!;
    const heads = first.flatMap((m) => m.matrix.columns.map((c) => `${m.attribute}: ${c.label}`));
    const rows = levels
      .flatMap((level) => {
        const t = totals.get(level)!;
        return t.rows.map((node, i) => ({
          node,
          values: [...byLevel.get(level)!.flatMap((m) => m.matrix.cells[m.matrix.rows.findIndex((r) => r.nodeId === node.nodeId)]?.map((c) => c.count) ?? []), t.rowTotals[i]],
        }));
      })
      .sort((a, b) => (data.tree.order.get(a.node.nodeId) ?? 0) - (data.tree.order.get(b.node.nodeId) ?? 0));
    const flat = rows.map((r) => [NODE_LEVEL_LABELS[r.node.level], data.people.text(r.node.name), ...r.values]);
    const columns: ReportColumn[] = [{ label: levels.length === 1 ? NODE_LEVEL_LABELS[levels[0]] : 'Node', width: 3 }, ...heads.map((label) => ({ label, width: 1 })), { label: 'Total', width: 1 }];
    const tableRows = rows.map((r) =>
      row([
        cell({ runs: [{ text: data.people.text(r.node.name), bold: levels.length > 1 && r.node.level !== levels[levels.length - 1] }], style: 'normal', indent: Math.max(0, levels.indexOf(r.node.level)) }),
        ...r.values.map((v) => cell(String(v))),
      ]),
    );
    const unit = measure === 'units' ? 'meaning units' : 'participants';
    const table = new TableNumbers(data.options.firstTable).table(
      `${measure === 'units' ? 'Meaning units' : 'Participants'} per ${levels.map((l) => NODE_LEVEL_LABELS[l].toLowerCase()).join(' and ')} by participant attribute`,
      columns,
      tableRows,
      `Cells count ${unit} coded (${lowerFirst(data.source.label)}) whose speaker has the value; a node counts everything coded beneath it.`,
    );
    return {
      title: table.title,
      document: { title: table.title, sections: [section(orientationFor(data, columns.length, 6), [table])] },
      sheets: [sheet('Matrix', ['Level', 'Name', ...heads, 'Total'], flat)],
      warnings: attributes.length ? [] : ['The project has no participant attributes, so the matrix has only totals.'],
    };
  },
};
