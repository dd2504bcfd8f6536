import type {
  ParaStyle,
  ReportBlock,
  ReportCell,
  ReportColumn,
  ReportDocument,
  ReportFormat,
  ReportKind,
  ReportPara,
  ReportRow,
  ReportSection,
  ReportSheet,
  ReportTable,
} from '../../../shared/api/methods/reports';
import type { NodeLevel } from '../../../shared/domain/vocabulary';
import type { ReportData } from './data';

export const LEVEL_PLURALS: Readonly<Record<NodeLevel, string>> = {
  theme: 'Themes',
  subtheme: 'Subthemes',
  category: 'Categories',
  subcategory: 'Subcategories',
  code: 'Codes',
};

/** A report's Word document as its builder lays it out; the service adds the document's language. */
export type ReportBody = Omit<ReportDocument, 'language'>;

export type SheetRow = readonly (string | number | null)[];

/**
 * A table for .xlsx and .csv as a report builds it: its rows counted beforehand, and read as they
 * are written (a long one from a generator, so the whole table is never held at once). Each
 * iteration starts again from the first row.
 */
export interface BuiltSheet {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: Iterable<SheetRow>;
  readonly totalRows: number;
  /**
   * The same rows as CSV lines (CRLF-ended, each field through csvField), for a sheet of millions of
   * rows whose fields repeat: each distinct value escaped once rather than once per row.
   */
  readonly csvLines?: () => Iterable<string>;
}

/** What one report builds: the Word document (when it has one) and the spreadsheets. */
export interface BuiltReport {
  readonly title: string;
  readonly document: ReportBody | null;
  readonly sheets: readonly BuiltSheet[];
  readonly warnings: readonly string[];
}

export interface ReportBuilder {
  readonly kind: ReportKind;
  readonly label: string;
  readonly formats: readonly ReportFormat[];
  build(data: ReportData): BuiltReport;
}

export function para(text: string, style: ParaStyle = 'normal', indent = 0): ReportPara {
  return { runs: [{ text }], style, indent };
}

export function cell(...paras: (ReportPara | string)[]): ReportCell {
  return { paras: paras.map((p) => (typeof p === 'string' ? para(p) : p)), span: 1 };
}

/**
 * A node's name in a column of levels: plain where its group starts, repeated in light grey in the
 * group's other rows. Word cannot repeat a merged cell's text when the table breaks to a new page
 * (the continued part starts blank), and typesetters re-flow tables row by row; a name in every
 * row keeps each row meaning the same on any page, while the grey keeps the group reading as one.
 */
export function levelCell(name: string, startsGroup: boolean): ReportCell {
  return cell(startsGroup ? para(name) : para(name, 'repeat'));
}

export function listCell(items: readonly string[], emptyText = ''): ReportCell {
  return items.length ? cell(...items) : cell(emptyText ? para(emptyText, 'missing') : para(''));
}

export function row(cells: readonly ReportCell[]): ReportRow {
  return { cells: [...cells], group: false };
}

/** A row that spans the table and opens a group, e.g. "Category: Finding a safe harbour". */
export function groupRow(columns: number, ...paras: ReportPara[]): ReportRow {
  return { cells: [{ paras, span: columns }], group: true };
}

export function heading(level: 1 | 2 | 3, text: string): ReportBlock {
  return { kind: 'heading', level, text };
}

export function paragraph(text: string, style: ParaStyle = 'normal'): ReportBlock {
  return { kind: 'paragraph', para: para(text, style) };
}

/** Tables are numbered from the author's first number, in the order they appear. */
export class TableNumbers {
  private next: number;
  constructor(first: number) {
    this.next = first;
  }
  table(title: string, columns: readonly ReportColumn[], rows: readonly ReportRow[], note = ''): ReportTable {
    return { kind: 'table', number: this.next++, title, columns: [...columns], rows: [...rows], note, totalRows: rows.length };
  }
}

export function section(orientation: ReportSection['orientation'], blocks: readonly ReportBlock[]): ReportSection {
  return { orientation, blocks: [...blocks] };
}

/** The author's choice, or landscape for tables wider than `portraitColumns`. */
export function orientationFor(data: ReportData, columns: number, portraitColumns: number): ReportSection['orientation'] {
  if (data.options.orientation !== 'auto') return data.options.orientation;
  return columns > portraitColumns ? 'landscape' : 'portrait';
}

export function sheet(name: string, columns: readonly string[], rows: readonly SheetRow[]): BuiltSheet {
  return { name, columns, rows, totalRows: rows.length };
}

/** A sheet of `totalRows` rows that `rows` produces afresh for each reading. */
export function streamedSheet(name: string, columns: readonly string[], totalRows: number, rows: () => Iterable<SheetRow>): BuiltSheet {
  return { name, columns, totalRows, rows: { [Symbol.iterator]: () => rows()[Symbol.iterator]() } };
}

/** The first `n` rows of a sheet, as the preview shows them. */
export function firstRows(s: BuiltSheet, n: number): ReportSheet {
  const rows: (string | number | null)[][] = [];
  if (n > 0) {
    for (const r of s.rows) {
      rows.push([...r]);
      if (rows.length >= n) break;
    }
  }
  return { name: s.name, columns: [...s.columns], rows, totalRows: s.totalRows };
}

export { plural } from '../../../shared/domain/agreement/result';

/** "a, b and c". */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A short list of names for a warning: "A, B, C and 4 more". */
export function someNames(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.map((n) => `“${n}”`).join(', ');
  return `${names.slice(0, max).map((n) => `“${n}”`).join(', ')} and ${names.length - max} more`;
}

/** "All coders’ codings merged (Amira Haddad…)" → "all coders’ codings merged (Amira Haddad…)": names keep their capitals. */
export function lowerFirst(text: string): string {
  return text ? text[0].toLowerCase() + text.slice(1) : text;
}
