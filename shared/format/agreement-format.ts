import type { AgreementReport, AggregatedKappa, AlphaInterval, BinaryFigures, FigureSummaries, NodeFigures, SliceFigures, StatSummary, StatValue, UnitizingReport } from '../api/methods/agreement';
import { isWithheld, plural } from '../domain/agreement/result';
import { UNITIZING_MIN_SECTIONS } from '../domain/agreement/unitizing';
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

const KAPPA_CI = 'κ 95% CI';
const ALPHA_CI = ['α 95% CI', 'P(α < .667 / .800)'];

/** "0.512–0.734"; blank where there is no interval (withheld or undefined). */
function rangeText(i: { low: number; high: number } | null): FigureCell {
  return { text: i ? `${i.low.toFixed(3)}–${i.high.toFixed(3)}` : '', reason: null };
}

/** α's interval and q, Hayes & Krippendorff's probabilities of failing to reach .667 and .800: "0.004 / 0.620". */
function alphaIntervalCells(i: AlphaInterval | null): FigureCell[] {
  return [rangeText(i), { text: i ? `${i.below667.toFixed(3)} / ${i.below800.toFixed(3)}` : '', reason: null }];
}

/** α, followed by its interval and q when intervals are shown. */
function alphaCells(alpha: StatValue, interval: AlphaInterval | null, intervals: boolean): FigureCell[] {
  return intervals ? [coefficient(alpha), ...alphaIntervalCells(interval)] : [coefficient(alpha)];
}

function figureCells(f: BinaryFigures, intervals = false): FigureCell[] {
  const kappa = intervals ? [coefficient(f.kappa), rangeText(f.kappaInterval)] : [coefficient(f.kappa)];
  return [percent(f.percentAgreement), ...kappa, ...alphaCells(f.alpha, f.alphaInterval, intervals), coefficient(f.ac1), coefficient(f.pabak), percent(f.positiveAgreement)];
}

function figureColumns(intervals: boolean): string[] {
  return intervals ? ['% agreement', 'κ', KAPPA_CI, 'α', ...ALPHA_CI, 'AC1', 'PABAK', 'Positive agr.'] : ['% agreement', 'κ', 'α', 'AC1', 'PABAK', 'Positive agr.'];
}

const CHARACTER_INTERVAL_NOTE =
  'κ 95% CI: κ ± 1.96 SE (Fleiss, Cohen & Everitt 1969). Pooled κ’s SE takes every character as an independent unit, which neighbouring characters of one passage are not, so that interval is far too narrow; a mean’s SE combines its tables’ SEs as if the documents were independent samples.';

const MANY_CODERS_CAVEAT =
  'With three or more coders the bootstrap draws the pairs of values within a unit as if they were independent, which they are not: its interval is too narrow (in simulated studies with 3–4 coders it held the true α 81–87% of the time, not 95%).';

/** What the interval columns mean, with the seed that reproduces them. */
export function intervalNote(report: AgreementReport, kappa = 'κ ± 1.96 times its large-sample standard error (Fleiss, Cohen & Everitt 1969)'): string {
  const { seed, draws } = report.bootstrap;
  return `κ 95% CI: ${kappa}. α 95% CI: the 2.5th to 97.5th percentile of α over ${draws.toLocaleString('en-US')} bootstrap resamples of the pairs of values (Hayes & Krippendorff 2007), seed ${seed}; P(α < .667 / .800) is the share of resamples below Krippendorff’s minimums (their q). None where the value is withheld or undefined.`;
}

function countCells(f: BinaryFigures): FigureCell[] {
  return [count(f.both), count(f.onlyA), count(f.onlyB), count(f.neither)];
}

function nodeRow(n: NodeFigures, intervals = false): FigureRow {
  return { label: n.name, cells: [...countCells(n.figures), ...figureCells(n.figures, intervals)], flag: n.figures.tooFewToJudge ? TOO_FEW_FLAG : null, nodeId: n.nodeId };
}

function summaryRows(s: FigureSummaries, what: string, countColumns: number, intervals = false): FigureRow[] {
  const gap = intervals ? [blank()] : [];
  const alphaGap = intervals ? ALPHA_CI.map(blank) : [];
  const pick = (k: 'median' | 'min' | 'max') => [
    percent(s.percentAgreement[k]),
    coefficient(s.kappa[k]),
    ...gap,
    coefficient(s.alpha[k]),
    ...alphaGap,
    coefficient(s.ac1[k]),
    coefficient(s.pabak[k]),
    percent(s.positiveAgreement[k]),
  ];
  const means = [
    meanCell(s.percentAgreement, percent),
    meanCell(s.kappa, coefficient),
    ...gap,
    meanCell(s.alpha, coefficient),
    ...alphaGap,
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
      cells: [...pad, range('percentAgreement'), range('kappa'), ...gap, range('alpha'), ...alphaGap, range('ac1'), range('pabak'), range('positiveAgreement')],
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

function sliceRow(s: SliceFigures, intervals: boolean): FigureRow {
  const kappa = intervals ? [coefficient(s.pooled.kappa), rangeText(s.pooled.kappaInterval)] : [coefficient(s.pooled.kappa)];
  return {
    label: s.label,
    cells: [count(s.units), percent(s.pooled.percentAgreement), ...kappa, ...alphaCells(s.pooled.alpha, s.pooled.alphaInterval, intervals), coefficient(s.pooled.ac1), meanCell(s.kappa, coefficient)],
    flag: null,
  };
}

function sliceColumns(intervals: boolean): string[] {
  const kappa = intervals ? ['κ (pooled)', KAPPA_CI] : ['κ (pooled)'];
  const alpha = intervals ? ['α (pooled)', ...ALPHA_CI] : ['α (pooled)'];
  return ['Units', '% agreement (pooled)', ...kappa, ...alpha, 'AC1 (pooled)', 'κ (mean of codes)'];
}

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
      note: ci ? intervalNote(report) : undefined,
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
    if (p.byDocument.length > 0) {
      tables.push({ id: 'documents', title: 'By document', columns: ['Document', ...sliceColumns(ci)], rows: p.byDocument.map((s) => sliceRow(s, ci)) });
    }
    for (const attr of p.byAttribute) {
      if (attr.slices.length === 0) continue;
      tables.push({
        id: `attribute-${attr.attributeId}`,
        title: `By participant group: ${attr.name}`,
        columns: [attr.name, ...sliceColumns(ci)],
        rows: attr.slices.map((s) => sliceRow(s, ci)),
      });
    }
  }
  if (report.characters) {
    const c = report.characters;
    const ci = report.intervals;
    const kappaColumns = (names: readonly string[]) => names.flatMap((name) => (ci ? [name, KAPPA_CI] : [name]));
    const kappaCells = (kappas: readonly AggregatedKappa[]) => kappas.flatMap((k) => (ci ? [aggregated(k), rangeText(k.kappaInterval)] : [aggregated(k)]));
    const columns = ['Code', 'Documents', 'Passages', '% agreement (pooled)', ...kappaColumns(['κ (pooled)', 'κ (mean of documents)', 'κ (size-weighted mean)'])];
    const row = (label: string, docs: string, passages: string, pa: StatValue, pooled: AggregatedKappa, mean: AggregatedKappa, weighted: AggregatedKappa, tooFew: boolean, nodeId?: string): FigureRow => ({
      label,
      cells: [{ text: docs, reason: null }, { text: passages, reason: null }, percent(pa), ...kappaCells([pooled, mean, weighted])],
      flag: tooFew ? TOO_FEW_FLAG : null,
      nodeId,
    });
    tables.push({
      id: 'char-codes',
      title: 'Per code, character level',
      columns,
      rows: c.codes.map((x) => row(x.name, String(x.documents.length), String(x.passages), x.percentAgreement, x.pooled, x.mean, x.weighted, x.tooFewToJudge, x.nodeId)),
      note: `A mean shown as “value (k/n)” averages the k of n code × document tables whose κ is defined.${ci ? ` ${CHARACTER_INTERVAL_NOTE}` : ''}`,
    });
    tables.push({
      id: 'char-overall',
      title: 'All codes, character level',
      columns: ['', 'Characters', '', '% agreement (pooled)', ...kappaColumns(['κ (pooled)', 'κ (mean of tables)', 'κ (size-weighted mean)'])],
      rows: [row(`All code × document tables`, String(c.characters), '', c.overall.percentAgreement, c.overall.pooled, c.overall.mean, c.overall.weighted, false)],
    });
  }
  if (report.multi) {
    const m = report.multi;
    const ci = report.intervals;
    const alphaColumns = ci ? ['Krippendorff’s α', ...ALPHA_CI] : ['Krippendorff’s α'];
    const kappaColumns = ci ? ['Fleiss’ κ', KAPPA_CI] : ['Fleiss’ κ'];
    const kappaCells = (kappa: StatValue, interval: { low: number; high: number } | null) => (ci ? [coefficient(kappa), rangeText(interval)] : [coefficient(kappa)]);
    const kappaGap = ci ? [blank()] : [];
    const alphaGap = ci ? ALPHA_CI.map(blank) : [];
    const columns = ['Code', 'Positive units', '% unanimous', ...kappaColumns, ...alphaColumns];
    tables.push({
      id: 'multi-codes',
      title: `Per code, ${report.coders.length} coders`,
      columns,
      rows: m.codes.map((x) => ({
        label: x.name,
        cells: [count(x.positiveUnits), percent(x.percentAgreement), ...kappaCells(x.fleissKappa, x.fleissKappaInterval), ...alphaCells(x.alpha, x.alphaInterval, ci)],
        flag: x.tooFewToJudge ? TOO_FEW_FLAG : null,
        nodeId: x.nodeId,
      })),
      note: ci ? `${intervalNote(report, 'Fleiss’ κ ± 1.96 times its standard error from Gwet’s (2008) linearised variance, over the units every coder rated')} ${MANY_CODERS_CAVEAT}` : undefined,
    });
    tables.push({
      id: 'multi-overall',
      title: `All codes, ${report.coders.length} coders`,
      columns: ['', '', '% unanimous', ...kappaColumns, ...alphaColumns],
      rows: [
        {
          label: 'Pooled over all unit × code decisions',
          cells: [blank(), percent(m.pooled.percentAgreement), ...kappaCells(m.pooled.fleissKappa, m.pooled.fleissKappaInterval), ...alphaCells(m.pooled.alpha, m.pooled.alphaInterval, ci)],
          flag: null,
        },
        {
          label: `Mean of ${plural(m.codes.length, 'code')} (averaged; values averaged / codes)`,
          cells: [blank(), meanCell(m.summaries.percentAgreement, percent), meanCell(m.summaries.fleissKappa, coefficient), ...kappaGap, meanCell(m.summaries.alpha, coefficient), ...alphaGap],
          flag: undefinedNote(m.summaries.alpha),
        },
        {
          label: `Median of ${plural(m.codes.length, 'code')}`,
          cells: [blank(), percent(m.summaries.percentAgreement.median), coefficient(m.summaries.fleissKappa.median), ...kappaGap, coefficient(m.summaries.alpha.median), ...alphaGap],
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
  const ci = u.bootstrap !== null;
  const withInterval = (name: string) => (ci ? [name, `${name} 95% CI`, `P(${name} < .667 / .800)`] : [name]);
  const cells = (stat: StatValue, interval: AlphaInterval | null) => (ci ? [coefficient(stat), ...alphaIntervalCells(interval)] : [coefficient(stat)]);
  const b = u.bootstrap;
  const note = !b
    ? ''
    : b.documents < UNITIZING_MIN_SECTIONS
      ? ` No 95% CI: the intervals resample whole documents, and ${plural(b.documents, 'document is', 'documents are')} too few (${UNITIZING_MIN_SECTIONS} or more are needed).`
      : ` 95% CI: the 2.5th to 97.5th percentile over ${b.draws.toLocaleString('en-US')} resamples of the ${plural(b.documents, 'document')}, drawn whole with replacement and read end to end, seed ${b.seed}; P(< .667 / .800) is the share of resamples below Krippendorff’s minimums. None where the value is withheld or undefined.`;
  return [
    {
      id: 'unitizing-codes',
      title: 'Per code, unitizing',
      columns: ['Code', 'Passages', ...withInterval('uα')],
      rows: u.codes.map((x) => ({ label: x.name, cells: [count(x.passages), ...cells(x.alpha, x.alphaInterval)], flag: x.tooFewToJudge ? TOO_FEW_FLAG : null, nodeId: x.nodeId })),
      note: `uα: Krippendorff’s α for unitized text; the coders’ passages of the code against the rest of the text.${note}`,
    },
    {
      id: 'unitizing-overall',
      title: 'All codes, unitizing',
      columns: ['', 'Characters', ...withInterval('uα'), ...withInterval('|uα'), ...withInterval('cuα')],
      rows: [
        {
          label: 'All codes',
          cells: [
            count(u.characters),
            ...cells(u.overall.alpha, u.overall.alphaInterval),
            ...cells(u.overall.binary, u.overall.binaryInterval),
            ...cells(u.overall.coding, u.overall.codingInterval),
          ],
          flag: null,
        },
      ],
      note: `|uα: coded against uncoded text, whatever the code. cuα: which code, where the coders’ coded passages overlap.${note}`,
    },
  ];
}

/** The heading lines: who, at which level, the scope, and what was compared. */
export function agreementHeading(report: AgreementReport): string[] {
  const who = report.coders.map((c) => `${c.name} (${c.initials})`).join(report.coders.length === 2 ? ' and ' : ', ');
  const level = report.level === 'char' ? 'character level' : report.level === 'document' ? 'document level (code present anywhere in the document)' : 'unit level (meaning units)';
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
