import { FORMATS_BY_KIND, REPORT_LABELS, type ReportColumn } from '../../../../shared/api/methods/reports';
import type { Attribute } from '../../../../shared/api/entities';
import type { CoderChoice, Matrix } from '../../../../shared/api/methods/analysis';
import { NODE_LEVEL_LABELS, type NodeLevel } from '../../../../shared/domain/vocabulary';
import { computeMatrix } from '../../analysis/matrix';
import { cell, orientationFor, row, section, sheet, TableNumbers, type BuiltReport, type ReportBuilder, lowerFirst } from '../blocks';
import type { ReportData } from '../data';
import { chosenLevels } from '../hierarchy-rows';

/** The analysis services' name for the report's choice of codings. */
export function analysisCoder(data: ReportData): CoderChoice {
  if (data.source.kind === 'consensus') return 'consensus';
  if (data.source.kind === 'merged') return 'all';
  return data.source.coderIds[0];
}

/** Numbers and dates with more distinct values than this are put in ranges, never a column per value. */
const MAX_VALUE_COLUMNS = 5;
const RANGES = 4;
/** Value columns that fit across a landscape page beside the node and the total. */
const MAX_WORD_VALUE_COLUMNS = 12;

/** Columns of one attribute's matrix as printed: a value, or a range of values whose cells are summed. */
interface Band {
  readonly label: string;
  readonly columns: readonly number[];
}

/**
 * A number or date with many values becomes a few ranges of about equally many distinct values;
 * a unit (or participant) has one value, so summing the values' cells counts each once.
 */
export function bandsOf(attribute: Attribute, matrix: Matrix): { bands: Band[]; ranged: boolean } {
  const single = matrix.columns.map((c, i) => ({ label: c.label, columns: [i] }));
  if ((attribute.type !== 'number' && attribute.type !== 'date') || matrix.columns.length <= MAX_VALUE_COLUMNS) return { bands: single, ranged: false };
  const readable = (key: string) => (attribute.type === 'number' ? key.trim() !== '' && Number.isFinite(Number(key)) : /^\d{4}-\d{2}-\d{2}$/.test(key));
  const values = matrix.columns.map((c, i) => ({ key: c.key, i })).filter((v) => readable(v.key));
  values.sort((a, b) => (attribute.type === 'number' ? Number(a.key) - Number(b.key) : a.key.localeCompare(b.key)));
  const bands: Band[] = [];
  for (let b = 0; b < RANGES; b += 1) {
    const part = values.slice(Math.round((b * values.length) / RANGES), Math.round(((b + 1) * values.length) / RANGES));
    if (part.length === 0) continue;
    const first = part[0].key;
    const last = part[part.length - 1].key;
    bands.push({ label: first === last ? first : `${first}–${last}`, columns: part.map((v) => v.i) });
  }
  // Values a type cannot read (and "No value") keep their own columns after the ranges.
  const rest = matrix.columns.map((c, i) => ({ c, i })).filter(({ c }) => !readable(c.key));
  return { bands: [...bands, ...rest.map(({ c, i }) => ({ label: c.label, columns: [i] }))], ranged: true };
}

/** Nodes of the chosen levels (codes by default) × the values of each chosen attribute, counted by the analysis matrix. */
export const matrixReport: ReportBuilder = {
  kind: 'matrix',
  label: REPORT_LABELS.matrix,
  formats: FORMATS_BY_KIND.matrix,
  build(data): BuiltReport {
    const levels = chosenLevels(data.methodology, data.options.levels, ['code']);
    const attributes = data.chosenAttributes;
    const filter = { coder: analysisCoder(data), documentIds: data.options.documentIds };
    const measure = data.options.count;
    // One matrix per level and attribute; rows of every level are put in codebook order below.
    const byLevel = new Map<NodeLevel, { attribute: Attribute; matrix: Matrix }[]>(
      levels.map((level) => [level, attributes.map((a) => ({ attribute: a, matrix: computeMatrix(data.db, { filter, level, measure, columns: { kind: 'attribute', attributeId: a.id } }) }))]),
    );
    // Ranges are drawn from the first level's matrix, which holds every value coded at any level.
    const first = byLevel.get(levels[0])!;
    const banding = new Map(first.map((m) => [m.attribute.id, bandsOf(m.attribute, m.matrix)]));
    const bandedRow = (m: { attribute: Attribute; matrix: Matrix }, nodeId: string): number[] => {
      const r = m.matrix.rows.findIndex((x) => x.nodeId === nodeId);
      const cells = r >= 0 ? m.matrix.cells[r] : [];
      // Column positions are by key: another level's matrix may order or hold its values differently.
      const at = new Map(m.matrix.columns.map((c, i) => [c.key, i]));
      const reference = first.find((f) => f.attribute.id === m.attribute.id)!.matrix.columns;
      return banding.get(m.attribute.id)!.bands.map((b) => b.columns.reduce((s, i) => s + (cells[at.get(reference[i].key) ?? -1]?.count ?? 0), 0));
    };
    const totals = new Map(levels.map((level) => [level, computeMatrix(data.db, { filter, level, measure, columns: { kind: 'none' } })]));
    const heads = first.flatMap((m) => banding.get(m.attribute.id)!.bands.map((b) => `${m.attribute.name}: ${b.label}`));
    const rows = levels
      .flatMap((level) => {
        const t = totals.get(level)!;
        return t.rows.map((node, i) => ({
          node,
          values: [...byLevel.get(level)!.flatMap((m) => bandedRow(m, node.nodeId)), t.rowTotals[i]],
        }));
      })
      .sort((a, b) => (data.tree.order.get(a.node.nodeId) ?? 0) - (data.tree.order.get(b.node.nodeId) ?? 0));
    const flat = rows.map((r) => [NODE_LEVEL_LABELS[r.node.level], data.people.text(r.node.name), ...r.values]);
    const ranged = first.filter((m) => banding.get(m.attribute.id)!.ranged).map((m) => m.attribute.name);
    const unit = measure === 'units' ? 'meaning units' : 'participants';
    const nodeHead: ReportColumn = { label: levels.length === 1 ? NODE_LEVEL_LABELS[levels[0]] : 'Node', width: 3 };
    const nameCell = (r: (typeof rows)[number]) =>
      cell({ runs: [{ text: data.people.text(r.node.name), bold: levels.length > 1 && r.node.level !== levels[levels.length - 1] }], style: 'normal', indent: Math.max(0, levels.indexOf(r.node.level)) });
    const what = `${measure === 'units' ? 'Meaning units' : 'Participants'} per ${levels.map((l) => NODE_LEVEL_LABELS[l].toLowerCase()).join(' and ')}`;
    const rangeNote = (names: readonly string[]) => (names.length ? ` ${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} shown in ${RANGES} ranges of about equally many distinct values.` : '');
    const noteFor = (names: readonly string[]) =>
      `Cells count ${unit} coded (${lowerFirst(data.source.label)}) whose speaker has the value; a node counts everything coded beneath it.${rangeNote(names)}`;
    const numbers = new TableNumbers(data.options.firstTable);
    const total = heads.length;
    // More value columns than a landscape page holds readably: one table per attribute, the total in each.
    const tables =
      total <= MAX_WORD_VALUE_COLUMNS
        ? [
            numbers.table(
              `${what} by participant attribute`,
              [nodeHead, ...heads.map((label) => ({ label, width: 1 })), { label: 'Total', width: 1 }],
              rows.map((r) => row([nameCell(r), ...r.values.map((v) => cell(String(v)))])),
              noteFor(ranged),
            ),
          ]
        : first.map((m, a) => {
            const bands = banding.get(m.attribute.id)!.bands;
            const from = first.slice(0, a).reduce((s, x) => s + banding.get(x.attribute.id)!.bands.length, 0);
            return numbers.table(
              `${what} by ${lowerFirst(m.attribute.name)}`,
              [nodeHead, ...bands.map((b) => ({ label: b.label, width: 1 })), { label: 'Total', width: 1 }],
              rows.map((r) => row([nameCell(r), ...r.values.slice(from, from + bands.length).map((v) => cell(String(v))), cell(String(r.values[total]))])),
              noteFor(ranged.includes(m.attribute.name) ? [m.attribute.name] : []),
            );
          });
    const widest = Math.max(...tables.map((t) => t.columns.length));
    const table = tables[0];
    return {
      title: table.title,
      document: { title: table.title, sections: [section(orientationFor(data, widest, 6), tables)] },
      sheets: [sheet('Matrix', ['Level', 'Name', ...heads, 'Total'], flat)],
      warnings: attributes.length ? data.smallCellWarnings(attributes.map((a) => a.name)) : ['The project has no participant attributes, so the matrix has only totals.'],
    };
  },
};
