import { z } from 'zod';
import { filePath } from '../file-paths';
import { Id, NodeLevel, Overwrite } from '../entities';
import { LEVELS_BY_METHOD, type Methodology, type NodeLevel as Level } from '../../domain/vocabulary';
import { REPORT_LANGUAGE_TAGS } from '../../domain/languages';
import { command, query } from '../method';

export const REPORT_KINDS = ['codebook', 'categories', 'themes', 'abstraction', 'participants', 'agreement', 'memos', 'segments', 'reliability', 'matrix', 'sources'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ['docx', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_LABELS: Readonly<Record<ReportKind, string>> = {
  codebook: 'Codebook',
  categories: 'Category table',
  themes: 'Theme table with quotes',
  abstraction: 'Abstraction table',
  participants: 'Participants table',
  agreement: 'Agreement report',
  memos: 'Memos and journal',
  segments: 'Coded segments (long format)',
  reliability: 'Reliability data (unit × code, a 0/1 column per coder)',
  matrix: 'Code × attribute matrix',
  sources: 'Codes with their sources',
};

/** The files each report can be saved as; segments and reliability data are spreadsheets only. */
export const FORMATS_BY_KIND: Readonly<Record<ReportKind, readonly ReportFormat[]>> = {
  codebook: REPORT_FORMATS,
  categories: REPORT_FORMATS,
  themes: REPORT_FORMATS,
  abstraction: REPORT_FORMATS,
  participants: REPORT_FORMATS,
  agreement: REPORT_FORMATS,
  memos: REPORT_FORMATS,
  segments: ['xlsx', 'csv'],
  reliability: ['xlsx', 'csv'],
  matrix: REPORT_FORMATS,
  sources: REPORT_FORMATS,
};

/** The levels a report shows when the author has not chosen: what papers usually print. */
export function defaultLevels(kind: ReportKind, methodology: Methodology): Level[] {
  const thematic = methodology === 'thematic-analysis';
  const above = LEVELS_BY_METHOD[methodology].filter((l) => l !== 'code');
  switch (kind) {
    case 'categories':
    case 'sources':
      return thematic ? ['theme', 'subtheme'] : ['category', 'subcategory'];
    case 'themes':
      // A thematic analysis prints themes, their subthemes and the codes beneath, each with its quotes.
      return thematic ? ['theme', 'subtheme', 'code'] : ['theme', 'category'];
    case 'matrix':
      return ['code'];
    default:
      return above;
  }
}

/** Columns the abstraction table and the long-format segments can show, in their usual order. */
export const ABSTRACTION_COLUMNS = ['document', 'speaker', 'unit', 'condensed', 'interpretive', 'code', 'subcategory', 'category', 'subtheme', 'theme'] as const;
export type AbstractionColumn = (typeof ABSTRACTION_COLUMNS)[number];

/** The heading of each abstraction column, in the report and in the options that choose them. */
export const ABSTRACTION_COLUMN_LABELS: Readonly<Record<AbstractionColumn, string>> = {
  document: 'Document',
  speaker: 'Participant',
  unit: 'Meaning unit',
  condensed: 'Condensed meaning unit',
  interpretive: 'Interpretation',
  code: 'Code',
  subcategory: 'Subcategory',
  category: 'Category',
  subtheme: 'Subtheme',
  theme: 'Theme',
};

// ---- The report model: what the preview shows and the .docx holds, block for block. ----

export const ReportRun = z.object({ text: z.string(), bold: z.boolean().optional(), italic: z.boolean().optional() });
export type ReportRun = z.infer<typeof ReportRun>;

/**
 * quote: an exemplar quotation; missing: says something is absent (no quote marked); note: small
 * print; repeat: a name repeated from the row above (light), so a group still reads on a new page.
 */
export const ParaStyle = z.enum(['normal', 'quote', 'missing', 'note', 'repeat']);
export type ParaStyle = z.infer<typeof ParaStyle>;

export const ReportPara = z.object({ runs: z.array(ReportRun), style: ParaStyle.optional(), indent: z.number().int().min(0).max(4).optional() });
export type ReportPara = z.infer<typeof ReportPara>;

export const ReportCell = z.object({ paras: z.array(ReportPara), span: z.number().int().min(1).optional() });
export type ReportCell = z.infer<typeof ReportCell>;

/** A group row spans the table and opens a group (a theme, a code's parent); it is set in bold. */
export const ReportRow = z.object({ cells: z.array(ReportCell), group: z.boolean().optional() });
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportColumn = z.object({ label: z.string(), width: z.number().positive() });
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportTable = z.object({
  kind: z.literal('table'),
  /** The number of "Table N." in the caption. */
  number: z.number().int().min(1),
  title: z.string(),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
  /** A table note under the table ("Note. n = units coded…"). */
  note: z.string(),
  /** Rows in the export; the preview may carry fewer. */
  totalRows: z.number().int().min(0),
});
export type ReportTable = z.infer<typeof ReportTable>;

export const ReportBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), para: ReportPara }),
  ReportTable,
]);
export type ReportBlock = z.infer<typeof ReportBlock>;

export const ReportSection = z.object({ orientation: z.enum(['portrait', 'landscape']), blocks: z.array(ReportBlock) });
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportDocument = z.object({
  title: z.string(),
  /** The BCP 47 tag Word's spelling and hyphenation follow; quotation marks follow it too. */
  language: z.string(),
  sections: z.array(ReportSection),
});
export type ReportDocument = z.infer<typeof ReportDocument>;

/** A flat table for .xlsx and .csv: R, SPSS and Excel read these. */
export const ReportSheet = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  totalRows: z.number().int().min(0),
});
export type ReportSheet = z.infer<typeof ReportSheet>;

// ---- Options: one set for every kind; each report reads what it needs. ----

export const ReportOptions = z.object({
  /**
   * Whose codings: the consensus when there is one (auto), all coders merged, or one coder. While
   * discrepancies are open, auto asks: the consensus as it stands or all coders merged, each labelled.
   */
  coder: z.union([z.enum(['auto', 'consensus', 'merged']), Id]).default('auto'),
  /**
   * Participants appear by pseudonym; labels as spoken ("P3") and notes never appear. Titles, session
   * and group names print as the author checked them (else with labels swapped for pseudonyms).
   */
  pseudonyms: z.boolean().default(true),
  /** The author has looked at the names this export prints and accepts them as they stand, checked or not. */
  namesChecked: z.boolean().default(false),
  /** Coders by name in table notes and method text; off, they are "Coder A", "Coder B"… (blind review). */
  coderNames: z.boolean().default(true),
  /** The levels to show, from the top down; left out, each report takes the method's usual ones. */
  levels: z.array(NodeLevel).max(5).optional(),
  /** The abstraction table's and the segments' columns; left out, the usual ones. */
  columns: z.array(z.enum(ABSTRACTION_COLUMNS)).max(ABSTRACTION_COLUMNS.length).optional(),
  /** How a quote is attributed: {pseudonym}, {session}, {document}, {group}, {date} and attribute names, e.g. "a {Year of study:ordinal-word}-year {Role:lower}". */
  attribution: z.string().trim().max(300).default('{pseudonym}, {session}'),
  quotesPerNode: z.number().int().min(0).max(20).default(2),
  /** When a node has no marked quote: say so, or pick coded units (and say that too). */
  unmarkedQuotes: z.enum(['say', 'pick']).default('say'),
  /** Participants table, count matrix and segments: which attributes (all when left out). */
  attributeIds: z.array(Id).max(50).optional(),
  /** Participants table: a row per document (session) or per document group. */
  by: z.enum(['document', 'group']).default('document'),
  /** Count matrix: count units or participants. */
  count: z.enum(['units', 'participants']).default('units'),
  /** Category and theme tables: the number of meaning units after each name. */
  counts: z.boolean().default(false),
  /** Force the page orientation; left out, wide tables go landscape. */
  orientation: z.enum(['auto', 'portrait', 'landscape']).default('auto'),
  /** The number of the first table ("Table 2." when the paper already has a Table 1). */
  firstTable: z.number().int().min(1).max(999).default(1),
  /** Agreement: the two coders to compare (default: the first two coders). */
  coders: z.array(Id).max(10).optional(),
  documentIds: z.array(Id).max(10_000).optional(),
  /** The document's language (Word's spelling, quotation marks); auto: the transcripts' language, shown in the preview. */
  language: z.enum(['auto', ...REPORT_LANGUAGE_TAGS]).default('auto'),
});
export type ReportOptions = z.input<typeof ReportOptions>;
export type ParsedReportOptions = z.output<typeof ReportOptions>;

/** A title, session or group name as a pseudonymised export prints it. */
export const PrintedName = z.object({
  original: z.string(),
  printed: z.string(),
  places: z.array(z.enum(['project title', 'document title', 'session', 'group'])),
  /** The author checked this name (and chose how it prints); unchecked names hold the export back. */
  checked: z.boolean(),
});
export type PrintedName = z.infer<typeof PrintedName>;

export const ReportPreview = z.object({
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  formats: z.array(z.enum(REPORT_FORMATS)),
  /** The document as it will appear in Word (null for spreadsheet-only reports). */
  document: ReportDocument.nullable(),
  /** The spreadsheet(s) the .xlsx/.csv hold, rows cut to the preview limit. */
  sheets: z.array(ReportSheet),
  /** Which codings the report uses, in words ("Consensus coding after resolution"). */
  source: z.string(),
  /** What the author should know before sending it out: nodes without quotes, missing pseudonyms… */
  warnings: z.array(z.string()),
  /** The language the report is written in: chosen by the author, found in the transcripts, or English when they are too short to tell. */
  language: z.object({ tag: z.string(), name: z.string(), how: z.enum(['chosen', 'detected', 'default']) }),
  /** Names the report prints (pseudonyms on): each as it will print, and whether the author checked it. */
  names: z.array(PrintedName),
  /**
   * The pair's discrepancies resolved so far (null with fewer than two coders); choiceNeeded: some are
   * open and the author has not chosen what to use, so the export waits for a choice of coder.
   */
  consensus: z.object({ resolved: z.number().int().min(0), total: z.number().int().min(0), choiceNeeded: z.boolean() }).nullable(),
});
export type ReportPreview = z.infer<typeof ReportPreview>;

export const reportMethods = {
  'reports.preview': query(
    'A report as it will appear in Word and in the spreadsheet, with warnings, for the chosen options',
    z.object({ kind: z.enum(REPORT_KINDS), options: ReportOptions.prefault({}) }),
    ReportPreview,
  ),
  'reports.export': query(
    'Writes a report as .docx, .xlsx or .csv: to the path given, else into the projects folder’s Exports folder; returns the bytes too',
    z.object({
      kind: z.enum(REPORT_KINDS),
      format: z.enum(REPORT_FORMATS),
      options: ReportOptions.prefault({}),
      path: filePath().optional(),
      overwrite: Overwrite,
    }),
    z.object({ path: z.string(), fileName: z.string(), bytes: z.number(), base64: z.string(), mime: z.string() }),
  ),
  'reports.checkNames': command(
    'Records how titles, session and group names print in pseudonymised exports, as the author checked them',
    z.object({ names: z.array(z.object({ original: z.string().min(1).max(2_000), printed: z.string().trim().min(1).max(2_000) })).min(1).max(10_000) }),
    z.object({ checked: z.number().int() }),
  ),
} as const;
