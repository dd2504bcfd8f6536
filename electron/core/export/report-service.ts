import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import {
  ReportOptions,
  type ReportBlock,
  type ReportDocument,
  type ReportFormat,
  type ReportKind,
  type ReportPara,
  type ReportPreview,
  type PrintedName,
} from '../../../shared/api/methods/reports';
import { curlQuotes } from '../../../shared/domain/languages';
import { noSteps, type TaskStep } from '../tasks';
import { firstRows, lowerFirst, paragraph, plural, type BuiltReport, type ReportBuilder } from './blocks';
import { ReportData, type CodingSource, type ReportLanguageChoice } from './data';
import { writeDocx } from './docx-kit';
import { abstractionReport } from './reports/abstraction';
import { agreementReport } from './reports/agreement';
import { categoriesReport } from './reports/categories';
import { codebookReport } from './reports/codebook';
import { matrixReport } from './reports/matrix';
import { memosReport } from './reports/memos';
import { participantsReport } from './reports/participants';
import { reliabilityReport } from './reports/reliability';
import { segmentsReport } from './reports/segments';
import { sourcesReport } from './reports/sources';
import { themesReport } from './reports/themes';
import { writeCsv, writeXlsx, type ByteSink } from './spreadsheet';

export const REPORTS: Readonly<Record<ReportKind, ReportBuilder>> = {
  codebook: codebookReport,
  categories: categoriesReport,
  themes: themesReport,
  abstraction: abstractionReport,
  participants: participantsReport,
  agreement: agreementReport,
  memos: memosReport,
  segments: segmentsReport,
  reliability: reliabilityReport,
  matrix: matrixReport,
  sources: sourcesReport,
};

// The preview carries at most this many rows per table: enough to judge the layout, small enough to send.
export const PREVIEW_ROWS = 200;

export const MIME: Readonly<Record<ReportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

interface FullReport extends Omit<BuiltReport, 'document'> {
  readonly document: ReportDocument | null;
  readonly source: CodingSource;
  readonly names: readonly PrintedName[];
  readonly language: ReportLanguageChoice;
}

/**
 * The report as the preview shows it, or for one format: a builder may lay out its Word document
 * only when it is asked for (a getter), so an export to .csv or .xlsx leaves it unmade.
 */
export function buildReport(db: Database.Database, kind: ReportKind, options: ReportOptions = {}, format: ReportFormat | null = null): FullReport {
  const data = new ReportData(db, ReportOptions.parse(options));
  const built = REPORTS[kind].build(data);
  const names = data.names.list();
  const warnings = [...namesWarnings(names, data.options.namesChecked), ...built.warnings];
  const wanted = format === null || format === 'docx' ? built.document : null;
  const body = wanted && { ...wanted, language: data.language.tag };
  const common = { title: built.title, sheets: format === 'docx' ? [] : built.sheets, names, language: data.language };
  // The agreement report, the participants table and the memos do not read codings through the choice.
  if (!USES_CODINGS.has(kind)) return { ...common, document: body && typeset(body), warnings, source: { ...data.source, choiceNeeded: false } };
  // The source is said before the marks are set, so a coder called O'Brien is found in the note as written.
  return { ...common, document: body && typeset(withSource(body, data.source)), warnings: [...consensusWarnings(data.source), ...warnings], source: data.source };
}

function namesWarnings(names: readonly PrintedName[], accepted: boolean): string[] {
  const unchecked = names.filter((n) => !n.checked);
  if (unchecked.length === 0 || accepted) return [];
  return [
    `${plural(unchecked.length, 'title or session name')} in this report ${unchecked.length === 1 ? 'has' : 'have'} not been checked for names of people. Check how each prints under “Names in this report” before exporting.`,
  ];
}

/** An export that would print names nobody checked is held back, with the names it would print. */
function refuseUncheckedNames(names: readonly PrintedName[]): void {
  const unchecked = names.filter((n) => !n.checked);
  if (unchecked.length === 0) return;
  const shown = unchecked.slice(0, 5).map((n) => `“${n.printed}”`).join(', ');
  throw new AppError(
    'NAMES_UNCHECKED',
    `This pseudonymised export would print ${plural(unchecked.length, 'title or session name')} that nobody has checked for names of people: ${shown}${unchecked.length > 5 ? ', …' : ''}. Check them under “Names in this report” in Reports, or accept them as they print (CLI: --names-checked).`,
  );
}

const USES_CODINGS: ReadonlySet<ReportKind> = new Set(['codebook', 'categories', 'themes', 'abstraction', 'segments', 'matrix', 'sources']);

/** Every Word report says whose codings it shows: a closing note when no table note says it already. */
function withSource(doc: ReportDocument, source: CodingSource): ReportDocument {
  const said = lowerFirst(source.label);
  const mentions = (b: ReportBlock) => (b.kind === 'table' ? b.note.includes(said) : b.kind === 'paragraph' && b.para.runs.some((r) => r.text.includes(said)));
  if (doc.sections.some((s) => s.blocks.some(mentions))) return doc;
  const last = doc.sections.length - 1;
  return { ...doc, sections: doc.sections.map((s, i) => (i === last ? { ...s, blocks: [...s.blocks, paragraph(`Codings: ${said}.`, 'note')] } : s)) };
}

/** Every printed text with its straight quotation marks in the document language's marks. */
function typeset(doc: ReportDocument): ReportDocument {
  const curl = (text: string) => curlQuotes(text, doc.language);
  const para = (p: ReportPara): ReportPara => ({ ...p, runs: p.runs.map((r) => ({ ...r, text: curl(r.text) })) });
  const block = (b: ReportBlock): ReportBlock => {
    if (b.kind === 'heading') return { ...b, text: curl(b.text) };
    if (b.kind === 'paragraph') return { ...b, para: para(b.para) };
    return {
      ...b,
      title: curl(b.title),
      note: curl(b.note),
      columns: b.columns.map((c) => ({ ...c, label: curl(c.label) })),
      rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, paras: c.paras.map(para) })) })),
    };
  };
  return { ...doc, title: curl(doc.title), sections: doc.sections.map((s) => ({ ...s, blocks: s.blocks.map(block) })) };
}

function consensusWarnings(source: CodingSource): string[] {
  const s = source.status;
  if (!s || s.total === s.resolved) return [];
  const open = `${s.resolved} of ${s.total} discrepancies between the coders are resolved`;
  if (source.choiceNeeded) return [`${open}. Resolve the rest in Compare, or choose what to use: the consensus as it stands (open ones keep only the codes both coders applied) or all coders’ codings merged.`];
  if (source.kind === 'merged') return [`${open}: codes applied by one coder only are in these tables.`];
  if (source.kind === 'consensus') return [`${open}: the open ones keep only the codes both coders applied.`];
  return [];
}

function trimBlock(b: ReportBlock): ReportBlock {
  return b.kind === 'table' && b.rows.length > PREVIEW_ROWS ? { ...b, rows: b.rows.slice(0, PREVIEW_ROWS) } : b;
}

function trimDocument(doc: ReportDocument): ReportDocument {
  return { ...doc, sections: doc.sections.map((s) => ({ ...s, blocks: s.blocks.map(trimBlock) })) };
}

/** The report as the Reports tab shows it: the Word layout and the sheets, rows cut to the preview size. */
export function previewReport(db: Database.Database, kind: ReportKind, options: ReportOptions = {}): ReportPreview {
  const built = buildReport(db, kind, options);
  return {
    kind,
    title: built.title,
    formats: [...REPORTS[kind].formats],
    document: built.document ? trimDocument(built.document) : null,
    sheets: built.sheets.map((s) => firstRows(s, PREVIEW_ROWS)),
    source: built.source.label,
    warnings: [...built.warnings],
    language: { ...built.language },
    names: [...built.names],
    consensus: built.source.status ? { resolved: built.source.status.resolved, total: built.source.status.total, choiceNeeded: built.source.choiceNeeded } : null,
  };
}

export interface RenderedReport {
  readonly mime: string;
  readonly fileName: string;
  /** Writes the file's bytes to `emit` as they are made: a long table is never held whole. */
  write(emit: ByteSink): Promise<void>;
}

/** A file name from a title: no characters file systems refuse (control characters included). */
function safeName(title: string): string {
  const printable = [...title].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('');
  return printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'Report';
}

/**
 * The report in one format, ready to be written; a format the report does not have is refused with
 * the ones it has, and so is anything else found wrong before a byte is written. Each stage tells
 * `step`, which may stop it; the third of three, writing the file, is the caller's.
 */
export async function renderReport(db: Database.Database, kind: ReportKind, format: ReportFormat, options: ReportOptions = {}, step: TaskStep = noSteps): Promise<RenderedReport> {
  const builder = REPORTS[kind];
  if (!builder.formats.includes(format)) {
    throw new AppError('BAD_REQUEST', `The ${builder.label.toLowerCase()} cannot be saved as .${format}; choose ${builder.formats.map((f) => `.${f}`).join(' or ')}.`);
  }
  await step(`Gathering the ${builder.label.toLowerCase()}`, 0, 3);
  const parsed = ReportOptions.parse(options);
  const built = buildReport(db, kind, parsed, format);
  if (built.source.choiceNeeded) {
    const s = built.source.status!;
    throw new AppError(
      'CONSENSUS_UNFINISHED',
      `Only ${s.resolved} of ${s.total} discrepancies between the coders are resolved. Resolve the rest in Compare, or choose what to use: the consensus as it stands or all coders’ codings merged (CLI: --coder consensus or --coder merged).`,
    );
  }
  if (!parsed.namesChecked) refuseUncheckedNames(built.names);
  const fileName = `${safeName(built.title)}.${format}`;
  await step(`Laying out the ${FORMAT_WORDS[format]}`, 1, 3);
  if (format === 'docx') {
    if (!built.document) throw new AppError('BAD_REQUEST', `The ${builder.label.toLowerCase()} has no Word layout; save it as .xlsx or .csv.`);
    const document = built.document;
    return { mime: MIME.docx, fileName, write: (emit) => writeDocx(document, emit) };
  }
  if (format === 'xlsx') return { mime: MIME.xlsx, fileName, write: (emit) => writeXlsx(built.sheets, built.title, emit) };
  return { mime: MIME.csv, fileName, write: async (emit) => writeCsv(built.sheets[0], emit) };
}

const FORMAT_WORDS: Readonly<Record<ReportFormat, string>> = { docx: 'Word document', xlsx: 'workbook', csv: 'table' };
