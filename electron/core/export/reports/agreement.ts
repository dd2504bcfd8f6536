import type { AgreementReport, BinaryFigures, Resolution, StatValue } from '../../../../shared/api/methods/agreement';
import { FORMATS_BY_KIND, REPORT_LABELS, type ReportBlock, type ReportRow } from '../../../../shared/api/methods/reports';
import { DECISION_LABELS, DISCREPANCY_TYPE_LABELS, type DiscrepancyType } from '../../../../shared/domain/agreement-options';
import { NODE_LEVEL_LABELS } from '../../../../shared/domain/vocabulary';
import { plural } from '../../../../shared/domain/agreement/result';
import { agreementHeading, agreementTables, coefficient, intervalNote, percent as percentCell, unitizingTables, type FigureTable } from '../../../../shared/format/agreement-format';
import { cell, groupRow, heading, para, paragraph, row, section, sheet, TableNumbers, type BuiltReport, type ReportBuilder } from '../blocks';
import type { ReportData } from '../data';
import { loadAgreement } from '../agreement-data';

// Figures are printed by the same function as the Compare tab and the CLI, so all three read alike.
const fixed = (s: StatValue) => coefficient(s).text;
const percent = (s: StatValue) => percentCell(s).text;
const raw = (s: StatValue) => (s.value === null ? null : Math.round(s.value * 10_000) / 10_000);

function figureValues(f: BinaryFigures): (number | string | null)[] {
  const k = f.kappaInterval;
  const a = f.alphaInterval;
  const intervals = [k?.low, k?.high, a?.low, a?.high, a?.below667, a?.below800].map((v) => (v === undefined ? null : Math.round(v * 10_000) / 10_000));
  return [f.both, f.onlyA, f.onlyB, f.neither, f.units, f.positiveUnits, f.tooFewToJudge ? 'yes' : 'no', raw(f.percentAgreement), raw(f.kappa), raw(f.alpha), raw(f.ac1), raw(f.pabak), raw(f.positiveAgreement), ...intervals];
}

const NARROW: Readonly<Record<string, number>> = { Code: 3.2, Both: 0.7, Neither: 0.85, '% agreement': 1.1, 'Positive agr.': 1.1 };
const SHEET_HEADS = ['Both', 'Only A', 'Only B', 'Neither', 'Units', 'Positive units', 'Too few to judge', 'Percent agreement', 'Cohen kappa', 'Krippendorff alpha', 'Gwet AC1', 'PABAK', 'Positive agreement', 'Kappa 95% low', 'Kappa 95% high', 'Alpha 95% low', 'Alpha 95% high', 'P(alpha < .667)', 'P(alpha < .800)'];

function names(report: AgreementReport): [string, string] {
  return [report.coders[0]?.name ?? 'Coder A', report.coders[1]?.name ?? 'Coder B'];
}

/** The report as printed: coders by name or as Coder A, B… (blind review), documents by their export names. */
function printedReport(report: AgreementReport, data: ReportData): AgreementReport {
  const text = (t: string) => data.printedText(t);
  const scope = report.scope;
  return {
    ...report,
    coders: report.coders.map((c) => ({ ...c, name: data.coderName(c.name) ?? c.name })),
    scope: {
      ...scope,
      line: text(scope.line),
      warnings: scope.warnings.map(text),
      uncoded: scope.uncoded.map((u) => ({ ...u, coderName: data.coderName(u.coderName) ?? u.coderName, documents: u.documents.map((d) => ({ ...d, title: text(d.title) })) })),
    },
    notes: report.notes.map(text),
  };
}

/** " (95% CI 0.61–0.74; bootstrap, 1,000 draws, seed 2007; P(α < .800) = 0.96)" where α has an interval. */
function alphaBracket(report: AgreementReport, f: BinaryFigures): string {
  const i = f.alphaInterval;
  if (!i) return '';
  const { draws, seed } = report.bootstrap;
  return ` (95% CI ${i.low.toFixed(3)}–${i.high.toFixed(3)}; bootstrap, ${draws.toLocaleString('en-US')} draws, seed ${seed}; P(α < .667) = ${i.below667.toFixed(3)}, P(α < .800) = ${i.below800.toFixed(3)})`;
}

function kappaBracket(f: BinaryFigures): string {
  return f.kappaInterval ? ` (95% CI ${f.kappaInterval.low.toFixed(3)}–${f.kappaInterval.high.toFixed(3)})` : '';
}

/** The paragraph a methods section needs, with every figure labelled pooled or averaged. */
export function methodText(report: AgreementReport, resolutions: readonly Resolution[]): string {
  const pair = report.pair;
  if (!pair) return 'Agreement needs two coders who coded the same documents.';
  const [a, b] = names(report);
  const used = pair.codes.length;
  const judged = pair.codes.filter((c) => !c.figures.tooFewToJudge).length;
  const k = pair.summaries.kappa;
  const perDocument = report.level === 'document';
  const parts = [
    perDocument
      ? `Two coders (${a} and ${b}) independently coded ${plural(report.unitSet.documents.length, 'document')}.`
      : `Two coders (${a} and ${b}) independently coded ${plural(report.unitSet.units, 'meaning unit')} in ${plural(report.unitSet.documents.length, 'document')}.`,
    report.scope.line,
    perDocument
      ? `Agreement was assessed per code at the level of documents, each code being present in a document when the coder applied it anywhere there, and absent otherwise (${plural(used, 'code')} used).`
      : `Agreement was assessed per code at the level of meaning units, each code being present or absent in each unit (${plural(used, 'code')} used).`,
    `Pooled over all ${plural(pair.pooled.units, 'unit × code decision')}, Krippendorff’s α = ${fixed(pair.pooled.alpha)}${alphaBracket(report, pair.pooled)} and Cohen’s κ = ${fixed(pair.pooled.kappa)}${kappaBracket(pair.pooled)}, with ${percent(pair.pooled.percentAgreement)} agreement.`,
  ];
  if (judged > 0 && k.mean.value !== null) {
    parts.push(`Averaged over the ${plural(k.count - k.undefinedCount, 'code')} with a reported κ (at least ${plural(report.minPositiveUnits, 'positive unit')}), mean κ = ${fixed(k.mean)} (median ${fixed(k.median)}, range ${fixed(k.min)}–${fixed(k.max)}).`);
  }
  const few = used - judged;
  if (few > 0) parts.push(`${plural(few, 'code was', 'codes were')} applied to fewer than ${plural(report.minPositiveUnits, perDocument ? 'document' : 'unit')}; ${few === 1 ? 'its' : 'their'} κ and α are withheld.`);
  if (resolutions.length) {
    const resolvers = [...new Set(resolutions.map((r) => r.resolverName))];
    parts.push(`${resolutions.length} ${resolutions.length === 1 ? 'disagreement was' : 'disagreements were'} resolved by ${resolvers.join(' and ')}, each with a recorded rationale; the resolved coding forms the consensus used in the analysis.`);
  }
  return parts.join(' ');
}

/** A table of the shared format as Word rows: labels through the pseudonym filter, flags and withheld reasons as notes. */
function wordRows(data: ReportData, table: FigureTable): ReportRow[] {
  return table.rows.map((r) =>
    row([
      cell(r.nodeId ? data.people.text(r.label) : r.label, ...(r.flag ? [para(r.flag, 'note')] : [])),
      ...r.cells.map((c) => (c.withheld !== undefined && c.reason ? cell(c.text, para(c.reason.replace(/^withheld: /, ''), 'note')) : cell(c.text))),
    ]),
  );
}

function wordColumns(table: FigureTable) {
  return table.columns.map((label, i) => ({ label: i === 0 && label === '' ? ' ' : label, width: NARROW[label] ?? (i === 0 ? 3.2 : 0.8) }));
}

const short = (s: string, max = 220) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Per code and overall figures (pooled and averaged, labelled), the method text and the resolution log. */
export const agreementReport: ReportBuilder = {
  kind: 'agreement',
  label: REPORT_LABELS.agreement,
  formats: FORMATS_BY_KIND.agreement,
  build(data): BuiltReport {
    const loaded = loadAgreement(data);
    const report = loaded.report && printedReport(loaded.report, data);
    const warnings = loaded.warnings.map((w) => data.printedText(w));
    const resolutions = loaded.resolutions.map((r) => ({
      ...r,
      documentTitle: data.printedText(r.documentTitle),
      coderAName: data.coderName(r.coderAName),
      coderBName: data.coderName(r.coderBName),
      resolverName: data.coderName(r.resolverName) ?? r.resolverName,
    }));
    const numbers = new TableNumbers(data.options.firstTable);
    const blocks: ReportBlock[] = [heading(1, 'Intercoder agreement')];
    const pair = report?.pair ?? null;
    const [a, b] = report ? names(report) : ['Coder A', 'Coder B'];
    const codeSheet: (string | number | null)[][] = [];
    const levelSheet: (string | number | null)[][] = [];
    if (report && pair) {
      blocks.push(paragraph(methodText(report, resolutions)));
      for (const w of report.scope.warnings) blocks.push(paragraph(`Warning: ${w}`, 'missing'));
      const tables = agreementTables(report);
      const perCode = tables.find((x) => x.id === 'codes')!;
      const overall = tables.find((x) => x.id === 'overall')!;
      const rows = wordRows(data, perCode);
      rows.push(groupRow(perCode.columns.length, { runs: [{ text: 'All codes' }], style: 'normal', indent: 0 }));
      rows.push(...wordRows(data, overall));
      blocks.push(
        numbers.table(
          `Agreement between ${a} (A) and ${b} (B) per code`,
          wordColumns(perCode),
          rows,
          `${agreementHeading(report)[1]} Both/Only/Neither count ${report.level === 'document' ? 'documents' : 'meaning units'}. κ = Cohen’s kappa; α = Krippendorff’s alpha (nominal); AC1 = Gwet’s AC1; PABAK = prevalence- and bias-adjusted kappa (2·agreement − 1); positive agreement = 2·both / (2·both + only A + only B). “Withheld” marks κ and α of codes with fewer than ${plural(report.minPositiveUnits, 'positive unit')} (the note gives the count); “undefined” marks a value that does not exist (no variation). Pooled figures come from one table of all unit × code decisions; a mean shows how many values it averages, as (values/codes).${report.intervals ? ` ${intervalNote(report)}` : ''}`,
        ),
      );
      for (const c of pair.codes) codeSheet.push(['code', data.people.text(c.name), ...figureValues(c.figures)]);
      codeSheet.push(['pooled', 'All codes (pooled)', ...figureValues(pair.pooled)]);
      if (pair.levels.length) {
        const levelRows: ReportRow[] = [];
        let columns = wordColumns(perCode);
        for (const l of pair.levels) {
          const t = tables.find((x) => x.id === `level-${l.level}`);
          if (!t) continue;
          columns = wordColumns(t);
          levelRows.push(groupRow(t.columns.length, { runs: [{ text: `${NODE_LEVEL_LABELS[l.level]} level` }], style: 'normal', indent: 0 }));
          levelRows.push(...wordRows(data, t));
          for (const n of l.nodes) levelSheet.push([NODE_LEVEL_LABELS[l.level], data.people.text(n.name), ...figureValues(n.figures)]);
          levelSheet.push([NODE_LEVEL_LABELS[l.level], `All ${NODE_LEVEL_LABELS[l.level].toLowerCase()} nodes (pooled)`, ...figureValues(l.pooled)]);
        }
        if (levelRows.length > 0) {
          blocks.push(numbers.table('Agreement at the levels above codes', [{ ...columns[0], label: 'Node' }, ...columns.slice(1)], levelRows, 'A unit has a node when either coder applied any code beneath it.'));
        }
      }
      if (loaded.unitizing) {
        for (const t of unitizingTables(loaded.unitizing)) {
          blocks.push(numbers.table(`Unitizing agreement (Krippendorff’s uα): ${t.id === 'unitizing-codes' ? 'per code' : 'all codes'}`, wordColumns(t), wordRows(data, t), t.note ?? ''));
        }
      }
      if (report.notes.length) blocks.push(heading(2, 'How the figures were computed'), ...report.notes.map((n) => paragraph(n, 'note')));
    } else {
      blocks.push(paragraph(warnings[0] ?? 'Agreement needs two coders who coded the same documents.', 'missing'));
    }

    blocks.push(heading(1, 'Resolution log'));
    const logRows = resolutions.map((r, i) =>
      row([
        cell(String(i + 1)),
        cell(r.documentTitle),
        cell(para(data.quoted(short(data.people.text(r.text))), 'quote')),
        cell(DISCREPANCY_TYPE_LABELS[r.discrepancyType as DiscrepancyType] ?? r.discrepancyType),
        cell(DECISION_LABELS[r.decision], ...(r.codeName ? [para(`Code: ${data.people.text(r.codeName)}`, 'note')] : []), ...(r.otherCodeName ? [para(`Now: ${data.people.text(r.otherCodeName)}`, 'note')] : [])),
        cell(data.people.text(r.rationale)),
        cell(r.resolverName, para(r.decidedAt.slice(0, 10), 'note')),
      ]),
    );
    if (resolutions.length === 0) blocks.push(paragraph('No disagreements have been resolved yet.', 'missing'));
    else
      blocks.push(
        numbers.table(
          'Resolution of disagreements',
          [
            { label: '#', width: 0.4 },
            { label: 'Document', width: 1.6 },
            { label: 'Meaning unit', width: 3.6 },
            { label: 'Discrepancy', width: 1.6 },
            { label: 'Decision', width: 1.6 },
            { label: 'Rationale', width: 3.4 },
            { label: 'Resolver', width: 1.3 },
          ],
          logRows,
          `${a} is coder A and ${b} coder B.`,
        ),
      );
    const logSheet = resolutions.map((r, i) => [
      i + 1,
      r.documentTitle,
      data.people.text(r.text),
      DISCREPANCY_TYPE_LABELS[r.discrepancyType as DiscrepancyType] ?? r.discrepancyType,
      r.codeName ? data.people.text(r.codeName) : null,
      DECISION_LABELS[r.decision],
      r.otherCodeName ? data.people.text(r.otherCodeName) : null,
      data.people.text(r.rationale),
      r.coderAName,
      r.coderBName,
      r.resolverName,
      r.decidedAt,
    ]);
    return {
      title: 'Intercoder agreement',
      document: { title: 'Intercoder agreement', sections: [section(data.options.orientation === 'portrait' ? 'portrait' : 'landscape', blocks)] },
      sheets: [
        sheet('Agreement per code', ['Row', 'Code', ...SHEET_HEADS], codeSheet),
        sheet('By level', ['Level', 'Node', ...SHEET_HEADS], levelSheet),
        sheet('Resolution log', ['#', 'Document', 'Meaning unit', 'Discrepancy', 'Code', 'Decision', 'Other code', 'Rationale', 'Coder A', 'Coder B', 'Resolver', 'Decided at'], logSheet),
      ],
      warnings,
    };
  },
};
