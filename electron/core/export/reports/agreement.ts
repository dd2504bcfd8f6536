import type { AgreementReport, BinaryFigures, NodeFigures, Resolution, StatValue } from '../../../../shared/api/methods/agreement';
import { FORMATS_BY_KIND, REPORT_LABELS, type ReportBlock, type ReportRow } from '../../../../shared/api/methods/reports';
import { DECISION_LABELS, DISCREPANCY_TYPE_LABELS, type DiscrepancyType } from '../../../../shared/domain/agreement-options';
import { NODE_LEVEL_LABELS } from '../../../../shared/domain/vocabulary';
import { cell, groupRow, heading, para, paragraph, row, section, sheet, TableNumbers, type BuiltReport, type ReportBuilder } from '../blocks';
import type { ReportData } from '../data';
import { loadAgreement } from '../agreement-data';

const fixed = (s: StatValue, digits: number) => (s.value === null ? '—' : s.value.toFixed(digits));
const percent = (s: StatValue) => (s.value === null ? '—' : `${(s.value * 100).toFixed(1)}%`);
const raw = (s: StatValue) => (s.value === null ? null : Math.round(s.value * 10_000) / 10_000);

function figureCells(f: BinaryFigures): string[] {
  if (f.tooFewToJudge) return [String(f.both), String(f.onlyA), String(f.onlyB), String(f.neither), percent(f.percentAgreement), 'too few', 'too few', 'too few', fixed(f.positiveAgreement, 2)];
  return [String(f.both), String(f.onlyA), String(f.onlyB), String(f.neither), percent(f.percentAgreement), fixed(f.kappa, 2), fixed(f.alpha, 2), fixed(f.ac1, 2), fixed(f.positiveAgreement, 2)];
}

function figureValues(f: BinaryFigures): (number | string | null)[] {
  return [f.both, f.onlyA, f.onlyB, f.neither, f.units, f.positiveUnits, f.tooFewToJudge ? 'yes' : 'no', raw(f.percentAgreement), raw(f.kappa), raw(f.alpha), raw(f.ac1), raw(f.pabak), raw(f.positiveAgreement)];
}

const FIGURE_HEADS = ['Both', 'Only A', 'Only B', 'Neither', 'Agreement', 'κ', 'α', 'AC1', 'Positive agr.'];
const FIGURE_WIDTHS: Readonly<Record<string, number>> = { Agreement: 1.25, Neither: 0.9, 'Only A': 0.85, 'Only B': 0.85, 'Positive agr.': 1.3 };
const SHEET_HEADS = ['Both', 'Only A', 'Only B', 'Neither', 'Units', 'Positive units', 'Too few to judge', 'Percent agreement', 'Cohen kappa', 'Krippendorff alpha', 'Gwet AC1', 'PABAK', 'Positive agreement'];

function names(report: AgreementReport): [string, string] {
  return [report.coders[0]?.name ?? 'Coder A', report.coders[1]?.name ?? 'Coder B'];
}

/** The paragraph a methods section needs, with every figure labelled pooled or averaged. */
export function methodText(report: AgreementReport, resolutions: readonly Resolution[]): string {
  const pair = report.pair;
  if (!pair) return 'Agreement needs two coders who coded the same documents.';
  const [a, b] = names(report);
  const used = pair.codes.length;
  const judged = pair.codes.filter((c) => !c.figures.tooFewToJudge).length;
  const k = pair.summaries.kappa;
  const parts = [
    `Two coders (${a} and ${b}) independently coded ${report.unitSet.units} meaning units in ${report.unitSet.documents.length} ${report.unitSet.documents.length === 1 ? 'document' : 'documents'} (${report.unitSet.label}).`,
    `Agreement was assessed per code at the level of meaning units, each code being present or absent in each unit (${used} codes used).`,
    `Pooled over all ${report.unitSet.units * used} unit × code decisions, Krippendorff’s α = ${fixed(pair.pooled.alpha, 2)} and Cohen’s κ = ${fixed(pair.pooled.kappa, 2)}, with ${percent(pair.pooled.percentAgreement)} agreement.`,
  ];
  if (judged > 0 && k.mean.value !== null) {
    parts.push(`Averaged over the ${judged} codes with at least ${report.minPositiveUnits} positive units, mean κ = ${fixed(k.mean, 2)} (median ${fixed(k.median, 2)}, range ${fixed(k.min, 2)}–${fixed(k.max, 2)}).`);
  }
  const few = used - judged;
  if (few > 0) parts.push(`${few} ${few === 1 ? 'code was' : 'codes were'} applied to fewer than ${report.minPositiveUnits} units and ${few === 1 ? 'is' : 'are'} reported as too few to judge.`);
  if (resolutions.length) {
    const resolvers = [...new Set(resolutions.map((r) => r.resolverName))];
    parts.push(`${resolutions.length} ${resolutions.length === 1 ? 'disagreement was' : 'disagreements were'} resolved by ${resolvers.join(' and ')}, each with a recorded rationale; the resolved coding forms the consensus used in the analysis.`);
  }
  return parts.join(' ');
}

function codeRows(data: ReportData, codes: readonly NodeFigures[]): ReportRow[] {
  return codes.map((c) => row([cell(data.people.text(c.name)), ...figureCells(c.figures).map((v) => cell(v))]));
}

const short = (s: string, max = 220) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Per code and overall figures (pooled and averaged, labelled), the method text and the resolution log. */
export const agreementReport: ReportBuilder = {
  kind: 'agreement',
  label: REPORT_LABELS.agreement,
  formats: FORMATS_BY_KIND.agreement,
  build(data): BuiltReport {
    const { report, resolutions, warnings } = loadAgreement(data);
    const numbers = new TableNumbers(data.options.firstTable);
    const blocks: ReportBlock[] = [heading(1, 'Intercoder agreement')];
    const pair = report?.pair ?? null;
    const [a, b] = report ? names(report) : ['Coder A', 'Coder B'];
    const codeSheet: (string | number | null)[][] = [];
    const levelSheet: (string | number | null)[][] = [];
    if (report && pair) {
      blocks.push(paragraph(methodText(report, resolutions)));
      const rows = codeRows(data, pair.codes);
      rows.push(groupRow(FIGURE_HEADS.length + 1, { runs: [{ text: 'All codes' }], style: 'normal', indent: 0 }));
      rows.push(row([cell('Pooled over unit × code decisions'), ...figureCells(pair.pooled).map((v) => cell(v))]));
      const s = pair.summaries;
      rows.push(row([cell('Mean of per-code values (averaged)'), cell(''), cell(''), cell(''), cell(''), cell(percent(s.percentAgreement.mean)), cell(fixed(s.kappa.mean, 2)), cell(fixed(s.alpha.mean, 2)), cell(fixed(s.ac1.mean, 2)), cell(fixed(s.positiveAgreement.mean, 2))]));
      rows.push(row([cell('Median of per-code values'), cell(''), cell(''), cell(''), cell(''), cell(percent(s.percentAgreement.median)), cell(fixed(s.kappa.median, 2)), cell(fixed(s.alpha.median, 2)), cell(fixed(s.ac1.median, 2)), cell(fixed(s.positiveAgreement.median, 2))]));
      blocks.push(
        numbers.table(
          `Agreement between ${a} (A) and ${b} (B) per code`,
          [{ label: 'Code', width: 3.2 }, ...FIGURE_HEADS.map((label) => ({ label, width: FIGURE_WIDTHS[label] ?? 0.8 }))],
          rows,
          `Units: ${report.unitSet.label}. Both/Only A/Only B/Neither count meaning units. κ = Cohen’s kappa; α = Krippendorff’s alpha (nominal); AC1 = Gwet’s AC1; positive agreement = 2·both / (2·both + only A + only B). “Too few” marks codes with fewer than ${report.minPositiveUnits} positive units; — marks a value that is undefined (no variation). Pooled figures come from one table of all unit × code decisions; averaged figures are the mean of the per-code values.`,
        ),
      );
      for (const c of pair.codes) codeSheet.push(['code', data.people.text(c.name), ...figureValues(c.figures)]);
      codeSheet.push(['pooled', 'All codes (pooled)', ...figureValues(pair.pooled)]);
      if (pair.levels.length) {
        const levelRows: ReportRow[] = [];
        for (const l of pair.levels) {
          levelRows.push(groupRow(FIGURE_HEADS.length + 1, { runs: [{ text: `${NODE_LEVEL_LABELS[l.level]} level` }], style: 'normal', indent: 0 }));
          levelRows.push(...codeRows(data, l.nodes));
          levelRows.push(row([cell(para(`All ${NODE_LEVEL_LABELS[l.level].toLowerCase()} nodes (pooled)`, 'note')), ...figureCells(l.pooled).map((v) => cell(v))]));
          for (const n of l.nodes) levelSheet.push([NODE_LEVEL_LABELS[l.level], data.people.text(n.name), ...figureValues(n.figures)]);
          levelSheet.push([NODE_LEVEL_LABELS[l.level], `All ${NODE_LEVEL_LABELS[l.level].toLowerCase()} nodes (pooled)`, ...figureValues(l.pooled)]);
        }
        blocks.push(
          numbers.table(
            'Agreement at the levels above codes',
            [{ label: 'Node', width: 3.2 }, ...FIGURE_HEADS.map((label) => ({ label, width: FIGURE_WIDTHS[label] ?? 0.8 }))],
            levelRows,
            'A unit has a node when either coder applied any code beneath it.',
          ),
        );
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
        cell(para(`“${short(data.people.text(r.text))}”`, 'quote')),
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
