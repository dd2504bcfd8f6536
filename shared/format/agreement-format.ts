import type { AgreementReport, AggregatedKappa, BinaryFigures, FigureSummaries, NodeFigures, SliceFigures, StatSummary, StatValue, UnitizingReport } from '../api/methods/agreement';
import { isWithheld, plural } from '../domain/agreement/result';
import { NODE_LEVEL_LABELS, type NodeLevel } from '../domain/vocabulary';

// The agreement figures as tables of text, written once: the Compare screen renders these tables
// and `condensa agreement` prints them, so the app and the terminal cannot disagree.

export interface FigureCell {
  readonly text: string;
  /** Why a value is withheld or undefined; null when it has one. */
  readonly reason: string | null;
  /** A withheld value's number, for the reader who asks (expand on screen; --min-positive 0 on the command line). */
  readonly withheld?: string | null;
}

export interface FigureRow {
  readonly label: string;
  readonly cells: readonly FigureCell[];
  /** "too few to judge" and similar warnings about the whole row. */
  readonly flag: string | null;
  /** The code or node the row is about, for the screen to link to. */
  readonly nodeId?: string;
}

export interface FigureTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly FigureRow[];
  readonly note?: string;
}

export const TOO_FEW_FLAG = 'too few to judge';

const LEVEL_PLURALS: Readonly<Record<NodeLevel, string>> = {
  theme: 'themes',
  subtheme: 'subthemes',
  category: 'categories',
  subcategory: 'subcategories',
  code: 'codes',
};

export const WITHHELD_TEXT = 'withheld';

function withoutValue(stat: Extract<StatValue, { value: null }>, show: (v: number) => string): FigureCell {
  if (!isWithheld(stat)) return { text: 'undefined', reason: stat.reason };
  const hidden = stat.withheld ?? null;
  return { text: WITHHELD_TEXT, reason: stat.reason, withheld: hidden === null ? null : show(hidden) };
}

const three = (v: number) => v.toFixed(3);
const asPercent = (v: number) => `${(v * 100).toFixed(1)}%`;

export function coefficient(stat: StatValue): FigureCell {
  return stat.value === null ? withoutValue(stat, three) : { text: three(stat.value), reason: null };
}

export function percent(stat: StatValue): FigureCell {
  return stat.value === null ? withoutValue(stat, asPercent) : { text: asPercent(stat.value), reason: null };
}

/** A mean with how many values it averages: "0.612 (12/17)"; all values count when none is left out. */
function meanCell(summary: StatSummary, format: (s: StatValue) => FigureCell): FigureCell {
  const cell = format(summary.mean);
  if (cell.reason !== null) return cell;
  return { text: `${cell.text} (${summary.count - summary.undefinedCount}/${summary.count})`, reason: null };
}

function count(n: number): FigureCell {
  return { text: String(n), reason: null };
}

function blank(): FigureCell {
  return { text: '', reason: null };
}

const FIGURE_COLUMNS = ['% agreement', 'κ', 'α', 'AC1', 'PABAK', 'Positive agr.'];
const CI_COLUMN = 'κ 95% CI';

function intervalCell(f: BinaryFigures): FigureCell {
  return f.kappaInterval ? { text: `${f.kappaInterval.low.toFixed(3)}–${f.kappaInterval.high.toFixed(3)}`, reason: null } : { text: '', reason: null };
}

function figureCells(f: BinaryFigures, intervals = false): FigureCell[] {
  const kappa = intervals ? [coefficient(f.kappa), intervalCell(f)] : [coefficient(f.kappa)];
  return [percent(f.percentAgreement), ...kappa, coefficient(f.alpha), coefficient(f.ac1), coefficient(f.pabak), percent(f.positiveAgreement)];
}

function figureColumns(intervals: boolean): string[] {
  return intervals ? ['% agreement', 'κ', CI_COLUMN, 'α', 'AC1', 'PABAK', 'Positive agr.'] : FIGURE_COLUMNS;
}

function countCells(f: BinaryFigures): FigureCell[] {
  return [count(f.both), count(f.onlyA), count(f.onlyB), count(f.neither)];
}

function nodeRow(n: NodeFigures, intervals = false): FigureRow {
  return { label: n.name, cells: [...countCells(n.figures), ...figureCells(n.figures, intervals)], flag: n.figures.tooFewToJudge ? TOO_FEW_FLAG : null, nodeId: n.nodeId };
}

function summaryRows(s: FigureSummaries, what: string, countColumns: number, intervals = false): FigureRow[] {
  const gap = intervals ? [blank()] : [];
  const pick = (k: 'median' | 'min' | 'max') => [
    percent(s.percentAgreement[k]),
    coefficient(s.kappa[k]),
    ...gap,
    coefficient(s.alpha[k]),
    coefficient(s.ac1[k]),
    coefficient(s.pabak[k]),
    percent(s.positiveAgreement[k]),
  ];
  const means = [
    meanCell(s.percentAgreement, percent),
    meanCell(s.kappa, coefficient),
    ...gap,
    meanCell(s.alpha, coefficient),
    meanCell(s.ac1, coefficient),
    meanCell(s.pabak, coefficient),
    meanCell(s.positiveAgreement, percent),
  ];
  const pad = Array.from({ length: countColumns }, blank);
  const range = (k: keyof FigureSummaries) => rangeCell(s[k], k === 'percentAgreement' || k === 'positiveAgreement');
  return [
    { label: `Mean of ${what} (averaged; values averaged / codes)`, cells: [...pad, ...means], flag: undefinedNote(s.kappa) },
    { label: `Median of ${what}`, cells: [...pad, ...pick('median')], flag: null },
    {
      label: `Range of ${what} (min–max)`,
      cells: [...pad, range('percentAgreement'), range('kappa'), ...gap, range('alpha'), range('ac1'), range('pabak'), range('positiveAgreement')],
      flag: null,
    },
  ];
}

function rangeCell(s: StatSummary, asPercent: boolean): FigureCell {
  const f = asPercent ? percent : coefficient;
  if (s.min.value === null) return f(s.min);
  return { text: `${f(s.min).text}–${f(s.max).text}`, reason: null };
}

function undefinedNote(s: StatSummary): string | null {
  if (s.undefinedCount === 0) return null;
  const undefinedOnly = s.undefinedCount - s.withheldCount;
  const parts = [s.withheldCount > 0 ? `withheld for ${s.withheldCount}` : '', undefinedOnly > 0 ? `undefined for ${undefinedOnly}` : ''].filter(Boolean);
  return `κ ${parts.join(' and ')} of ${s.count}, left out of mean, median and range`;
}

function sliceRow(s: SliceFigures): FigureRow {
  return {
    label: s.label,
    cells: [count(s.units), percent(s.pooled.percentAgreement), coefficient(s.pooled.kappa), coefficient(s.pooled.alpha), coefficient(s.pooled.ac1), meanCell(s.kappa, coefficient)],
    flag: null,
  };
}

const SLICE_COLUMNS = ['Units', '% agreement (pooled)', 'κ (pooled)', 'α (pooled)', 'AC1 (pooled)', 'κ (mean of codes)'];

function aggregated(a: AggregatedKappa): FigureCell {
  const cell = coefficient(a.kappa);
  return a.excludedTables > 0 && cell.reason === null ? { text: `${cell.text} (${a.tables - a.excludedTables}/${a.tables})`, reason: null } : cell;
}

/** Every table of the report, in reading order. */
export function agreementTables(report: AgreementReport): FigureTable[] {
  const [a, b] = report.coders;
  const tables: FigureTable[] = [];
  if (report.pair) {
    const p = report.pair;
    const countColumns = ['Both', `Only ${a.initials}`, `Only ${b.initials}`, 'Neither'];
    const ci = report.intervals;
    tables.push({
      id: 'codes',
      title: 'Per code',
      columns: ['Code', ...countColumns, ...figureColumns(ci)],
      rows: p.codes.map((n) => nodeRow(n, ci)),
      note: ci ? 'κ 95% CI: κ ± 1.96 times its large-sample standard error (Fleiss, Cohen & Everitt 1969); none where κ is withheld or undefined.' : undefined,
    });
    tables.push({
      id: 'overall',
      title: 'All codes',
      columns: ['', ...countColumns, ...figureColumns(ci)],
      rows: [
        { label: `Pooled over ${plural(p.pooled.units, 'unit × code decision')}`, cells: [...countCells(p.pooled), ...figureCells(p.pooled, ci)], flag: null },
        ...summaryRows(p.summaries, plural(p.codes.length, 'code'), countColumns.length, ci),
      ],
    });
    for (const level of p.levels) {
      if (level.nodes.length === 0) continue;
      const word = NODE_LEVEL_LABELS[level.level];
      tables.push({
        id: `level-${level.level}`,
        title: `Per ${word.toLowerCase()} (a unit has it when any code beneath it is applied)`,
        columns: [word, ...countColumns, ...figureColumns(ci)],
        rows: [
          ...level.nodes.map((n) => nodeRow(n, ci)),
          { label: `Pooled over all ${word.toLowerCase()} decisions`, cells: [...countCells(level.pooled), ...figureCells(level.pooled, ci)], flag: null },
          ...summaryRows(level.summaries, `${level.nodes.length} ${level.nodes.length === 1 ? word.toLowerCase() : LEVEL_PLURALS[level.level]}`, countColumns.length, ci).slice(0, 1),
        ],
      });
    }
    if (p.byDocument.length > 0) tables.push({ id: 'documents', title: 'By document', columns: ['Document', ...SLICE_COLUMNS], rows: p.byDocument.map(sliceRow) });
    for (const attr of p.byAttribute) {
      if (attr.slices.length === 0) continue;
      tables.push({ id: `attribute-${attr.attributeId}`, title: `By participant group: ${attr.name}`, columns: [attr.name, ...SLICE_COLUMNS], rows: attr.slices.map(sliceRow) });
    }
  }
  if (report.characters) {
    const c = report.characters;
    const columns = ['Code', 'Documents', 'Passages', '% agreement (pooled)', 'κ (pooled)', 'κ (mean of documents)', 'κ (size-weighted mean)'];
    const row = (label: string, docs: string, passages: string, pa: StatValue, pooled: AggregatedKappa, mean: AggregatedKappa, weighted: AggregatedKappa, tooFew: boolean, nodeId?: string): FigureRow => ({
      label,
      cells: [{ text: docs, reason: null }, { text: passages, reason: null }, percent(pa), aggregated(pooled), aggregated(mean), aggregated(weighted)],
      flag: tooFew ? TOO_FEW_FLAG : null,
      nodeId,
    });
    tables.push({
      id: 'char-codes',
      title: 'Per code, character level',
      columns,
      rows: c.codes.map((x) => row(x.name, String(x.documents.length), String(x.passages), x.percentAgreement, x.pooled, x.mean, x.weighted, x.tooFewToJudge, x.nodeId)),
      note: 'A mean shown as “value (k/n)” averages the k of n code × document tables whose κ is defined.',
    });
    tables.push({
      id: 'char-overall',
      title: 'All codes, character level',
      columns: ['', 'Characters', '', '% agreement (pooled)', 'κ (pooled)', 'κ (mean of tables)', 'κ (size-weighted mean)'],
      rows: [row(`All code × document tables`, String(c.characters), '', c.overall.percentAgreement, c.overall.pooled, c.overall.mean, c.overall.weighted, false)],
    });
  }
  if (report.multi) {
    const m = report.multi;
    const columns = ['Code', 'Positive units', '% unanimous', 'Fleiss’ κ', 'Krippendorff’s α'];
    tables.push({
      id: 'multi-codes',
      title: `Per code, ${report.coders.length} coders`,
      columns,
      rows: m.codes.map((x) => ({
        label: x.name,
        cells: [count(x.positiveUnits), percent(x.percentAgreement), coefficient(x.fleissKappa), coefficient(x.alpha)],
        flag: x.tooFewToJudge ? TOO_FEW_FLAG : null,
        nodeId: x.nodeId,
      })),
    });
    tables.push({
      id: 'multi-overall',
      title: `All codes, ${report.coders.length} coders`,
      columns: ['', '', '% unanimous', 'Fleiss’ κ', 'Krippendorff’s α'],
      rows: [
        { label: 'Pooled over all unit × code decisions', cells: [blank(), percent(m.pooled.percentAgreement), coefficient(m.pooled.fleissKappa), coefficient(m.pooled.alpha)], flag: null },
        {
          label: `Mean of ${plural(m.codes.length, 'code')} (averaged; values averaged / codes)`,
          cells: [blank(), meanCell(m.summaries.percentAgreement, percent), meanCell(m.summaries.fleissKappa, coefficient), meanCell(m.summaries.alpha, coefficient)],
          flag: undefinedNote(m.summaries.alpha),
        },
        {
          label: `Median of ${plural(m.codes.length, 'code')}`,
          cells: [blank(), percent(m.summaries.percentAgreement.median), coefficient(m.summaries.fleissKappa.median), coefficient(m.summaries.alpha.median)],
          flag: null,
        },
      ],
    });
  }
  if (report.unitizing) tables.push(...unitizingTables(report.unitizing));
  return tables;
}

/** uα per code and over all codes; the Word report prints these beside its unit-level tables. */
export function unitizingTables(u: UnitizingReport): FigureTable[] {
  return [
    {
      id: 'unitizing-codes',
      title: 'Per code, unitizing',
      columns: ['Code', 'Passages', 'uα'],
      rows: u.codes.map((x) => ({ label: x.name, cells: [count(x.passages), coefficient(x.alpha)], flag: x.tooFewToJudge ? TOO_FEW_FLAG : null, nodeId: x.nodeId })),
      note: 'uα: Krippendorff’s α for unitized text; the coders’ passages of the code against the rest of the text.',
    },
    {
      id: 'unitizing-overall',
      title: 'All codes, unitizing',
      columns: ['', 'Characters', 'uα', '|uα', 'cuα'],
      rows: [{ label: 'All codes', cells: [count(u.characters), coefficient(u.overall.alpha), coefficient(u.overall.binary), coefficient(u.overall.coding)], flag: null }],
      note: '|uα: coded against uncoded text, whatever the code. cuα: which code, where the coders’ coded passages overlap.',
    },
  ];
}

/** The heading lines: who, at which level, the scope, and what was compared. */
export function agreementHeading(report: AgreementReport): string[] {
  const who = report.coders.map((c) => `${c.name} (${c.initials})`).join(report.coders.length === 2 ? ' and ' : ', ');
  const level = report.level === 'char' ? 'character level' : 'unit level (meaning units)';
  const docs = report.unitSet.documents.map((d) => d.title).join('; ');
  return [`Agreement between ${who}, ${level}`, report.scope.line, `Documents: ${docs || 'none'}`];
}

/** The whole report as plain text, for the terminal and for pasting into a message. */
export function agreementText(report: AgreementReport): string {
  const out: string[] = [...agreementHeading(report), ...report.scope.warnings.map((w) => `Warning: ${w}`), ''];
  const reasons: string[] = [];
  const mark = (cell: FigureCell): string => {
    if (!cell.reason) return cell.text;
    let i = reasons.indexOf(cell.reason);
    if (i < 0) i = reasons.push(cell.reason) - 1;
    return `${cell.text}[${i + 1}]`;
  };
  for (const t of agreementTables(report)) {
    out.push(t.title);
    const rows = [t.columns, ...t.rows.map((r) => [r.label, ...r.cells.map(mark), r.flag ?? ''])];
    const width = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    for (const r of rows) out.push(`  ${r.map((cell, i) => (i === 0 ? cell.padEnd(width[i]) : cell.padStart(width[i]))).join('  ').trimEnd()}`);
    if (t.note) out.push(`  ${t.note}`);
    out.push('');
  }
  if (reasons.length > 0) {
    out.push('Withheld and undefined values:');
    reasons.forEach((r, i) => out.push(`  [${i + 1}] ${r}`));
    out.push('');
  }
  out.push('Notes:');
  for (const n of report.notes) out.push(`  - ${n}`);
  return out.join('\n');
}
