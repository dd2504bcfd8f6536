import { FORMATS_BY_KIND, REPORT_LABELS, type ReportColumn, type ReportRow } from '../../../../shared/api/methods/reports';
import type { Attribute } from '../../../../shared/api/entities';
import type { SummaryRow } from '../../../../shared/api/methods/participants';
import { participantSummary } from '../../participants/participants-service';
import { cell, groupRow, para, row, section, sheet, TableNumbers, type BuiltReport, type ReportBuilder } from '../blocks';

// Table 1 as journals print it: one row per characteristic, grouped under its attribute; one column
// per session (or group) and the total. Choices are counted, numbers and dates summarised, so a
// value never becomes a column however many distinct values an attribute holds.

/** Session or group columns that still fit across a landscape page beside the characteristic and the total. */
const MAX_BREAKDOWN_COLUMNS = 8;
/** Portrait holds the characteristic, this many columns and the total. */
const PORTRAIT_BREAKDOWN_COLUMNS = 3;
/** A text attribute with more distinct values than this is free text: counted as recorded, values not listed. */
const MAX_LISTED_TEXT_VALUES = 10;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

type Counts = Readonly<Record<string, number>>;

/** One printed line under an attribute: its label and the figure for each column's counts. */
interface Line {
  readonly label: string;
  readonly figure: (counts: Counts, n: number) => string;
}

function share(k: number, n: number): string {
  return n === 0 ? String(k) : `${k} (${Math.round((100 * k) / n)}%)`;
}

function decimal(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Values repeated by their counts, as numbers; values that are not numbers are left out (counted as missing). */
function numbersOf(counts: Counts): number[] {
  const out: number[] = [];
  for (const [value, k] of Object.entries(counts)) {
    const v = value.trim() === '' ? NaN : Number(value);
    if (Number.isFinite(v)) for (let i = 0; i < k; i += 1) out.push(v);
  }
  return out.sort((a, b) => a - b);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function datesOf(counts: Counts): string[] {
  const out: string[] = [];
  for (const [value, k] of Object.entries(counts)) if (ISO_DATE.test(value)) for (let i = 0; i < k; i += 1) out.push(value);
  return out.sort();
}

function meanSd(values: readonly number[]): string {
  if (values.length === 0) return '–';
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (values.length === 1) return `${mean.toFixed(1)} (–)`;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return `${mean.toFixed(1)} (${sd.toFixed(1)})`;
}

/** The values present in the counts; "" and values a type cannot read are what the missing line counts. */
function present(attribute: Attribute, counts: Counts): number {
  if (attribute.type === 'number') return numbersOf(counts).length;
  if (attribute.type === 'date') return datesOf(counts).length;
  return Object.entries(counts).reduce((s, [v, k]) => (v === '' ? s : s + k), 0);
}

const YES = new Set(['yes', 'true']);
const NO = new Set(['no', 'false']);

/** The lines an attribute prints, chosen from the values the whole sample holds. */
function linesOf(attribute: Attribute, total: Counts): { lines: Line[]; unlisted: boolean } {
  const missing: Line = { label: 'Missing', figure: (c, n) => share(n - present(attribute, c), n) };
  const anyMissing = (n: number) => n - present(attribute, total) > 0;
  const withMissing = (lines: Line[], n: number) => ({ lines: anyMissing(n) ? [...lines, missing] : lines, unlisted: false });
  const n = Object.values(total).reduce((s, k) => s + k, 0);
  switch (attribute.type) {
    case 'number':
      return withMissing(
        [
          { label: 'Mean (SD)', figure: (c) => meanSd(numbersOf(c)) },
          { label: 'Range', figure: (c) => rangeOf(numbersOf(c).map(decimal), '–') },
        ],
        n,
      );
    case 'date':
      return withMissing(
        [
          { label: 'Median', figure: (c) => medianDate(datesOf(c)) },
          { label: 'Range', figure: (c) => rangeOf(datesOf(c), ' – ') },
        ],
        n,
      );
    case 'boolean': {
      const count = (set: ReadonlySet<string>) => (c: Counts) => Object.entries(c).reduce((s, [v, k]) => (set.has(v.toLowerCase()) ? s + k : s), 0);
      const yes = count(YES);
      const no = count(NO);
      return withMissing(
        [
          { label: 'Yes', figure: (c, m) => share(yes(c), m) },
          { label: 'No', figure: (c, m) => share(no(c), m) },
        ],
        n,
      );
    }
    default: {
      const held = Object.keys(total).filter((v) => v !== '' && total[v] > 0);
      if (attribute.type === 'text' && held.length > MAX_LISTED_TEXT_VALUES) {
        return { lines: [{ label: 'Recorded', figure: (c, m) => share(present(attribute, c), m) }, ...(anyMissing(n) ? [missing] : [])], unlisted: true };
      }
      // Choices in the order the author gave them; other values (text, or a choice since removed) by frequency.
      const choices = attribute.choices.filter((c) => held.includes(c));
      const others = held.filter((v) => !attribute.choices.includes(v)).sort((a, b) => total[b] - total[a] || collator.compare(a, b));
      return withMissing(
        [...choices, ...others].map((v) => ({ label: v, figure: (c: Counts, m: number) => share(c[v] ?? 0, m) })),
        n,
      );
    }
  }
}

function rangeOf(sorted: readonly string[], dash: string): string {
  if (sorted.length === 0) return '–';
  return sorted[0] === sorted[sorted.length - 1] ? sorted[0] : `${sorted[0]}${dash}${sorted[sorted.length - 1]}`;
}

function medianDate(sorted: readonly string[]): string {
  if (sorted.length === 0) return '–';
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid];
  const a = Date.parse(`${sorted[mid - 1]}T00:00:00Z`);
  const b = Date.parse(`${sorted[mid]}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}

export const participantsReport: ReportBuilder = {
  kind: 'participants',
  label: REPORT_LABELS.participants,
  formats: FORMATS_BY_KIND.participants,
  build(data): BuiltReport {
    const attributes = data.chosenAttributes;
    const by = data.options.by;
    const summary = participantSummary(data.db, by, attributes.map((a) => a.id));
    const wanted = data.options.documentIds && by === 'document' ? new Set(data.options.documentIds) : null;
    const parts: SummaryRow[] = summary.rows.filter((r) => !wanted || wanted.has(r.key));
    // No-break spaces keep "(n = 4)" whole when a narrow header wraps.
    const nameOf = (r: SummaryRow) => data.names.print(r.label, by === 'document' ? 'session' : 'group');
    const columnsOf = (r: SummaryRow) => `${nameOf(r)} (n\u00a0=\u00a0${r.participants})`;
    const totalLabel = `Total (n\u00a0=\u00a0${summary.total.participants})`;
    const sessionWord = by === 'document' ? 'session' : 'group';

    // Every line of the table, for all columns: the spreadsheet always has them all.
    const printed = attributes.map((a) => ({ attribute: a, ...linesOf(a, summary.total.counts[a.id] ?? {}) }));
    const figures = (r: SummaryRow, line: Line, a: Attribute) => line.figure(r.counts[a.id] ?? {}, r.participants);

    // Word holds as many session columns as fit across a page; beyond that, the total and a list of sessions.
    const fits = parts.length <= MAX_BREAKDOWN_COLUMNS && parts.length > 1;
    const shown = fits ? parts : [];
    const columns: ReportColumn[] = [{ label: 'Characteristic', width: 3 }, ...shown.map((r) => ({ label: columnsOf(r), width: 1.4 })), { label: totalLabel, width: 1.4 }];
    const rows: ReportRow[] = printed.flatMap(({ attribute, lines }) => [
      groupRow(columns.length, { runs: [{ text: attribute.name, bold: true }] }),
      ...lines.map((line) => row([cell(para(line.label, 'normal', 1)), ...[...shown, summary.total].map((r) => cell(figures(r, line, attribute)))])),
    ]);
    const unlisted = printed.filter((p) => p.unlisted).map((p) => p.attribute.name);
    const note = [
      `Values are n (%) of the participants in the column; numbers are mean (SD) and range, dates median and range.`,
      `n = participants who spoke in the ${by === 'document' ? 'session' : 'group’s sessions'}; facilitators are not counted. The total counts each participant once.`,
      unlisted.length ? `${unlisted.join(', ')} ${unlisted.length === 1 ? 'is' : 'are'} free text with more than ${MAX_LISTED_TEXT_VALUES} values; only how many recorded one is shown.` : '',
      !fits && parts.length > 1 ? `The ${parts.length} ${sessionWord}s do not fit across a page: the table shows the total, Table ${data.options.firstTable + 1} the ${sessionWord}s, and the spreadsheet export a column for each.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const numbers = new TableNumbers(data.options.firstTable);
    const table = numbers.table('Participant characteristics', columns, rows, note);
    const blocks = [table];
    if (!fits && parts.length > 1) {
      const sessionRows = parts.map((r) => row([cell(nameOf(r)), cell(String(r.participants))]));
      blocks.push(numbers.table(by === 'document' ? 'Participants per session' : 'Participants per group', [{ label: by === 'document' ? 'Session' : 'Group', width: 4 }, { label: 'n', width: 1 }], sessionRows, 'n = participants who spoke; facilitators are not counted.'));
    }
    const orientation = data.options.orientation !== 'auto' ? data.options.orientation : shown.length > PORTRAIT_BREAKDOWN_COLUMNS ? 'landscape' : 'portrait';

    const sheetColumns = ['Attribute', 'Characteristic', ...parts.map(columnsOf), totalLabel];
    const sheetRows = printed.flatMap(({ attribute, lines }) => lines.map((line) => [attribute.name, line.label, ...[...parts, summary.total].map((r) => figures(r, line, attribute))]));
    const warnings: string[] = data.smallCellWarnings(attributes.map((a) => a.name));
    if (summary.total.participants === 0) warnings.push('No participant speaks in these documents yet: map speakers to participants first.');
    if (!fits && parts.length > 1) warnings.push(`The ${parts.length} ${sessionWord}s do not fit across a Word page, so the Word table shows the total and lists the ${sessionWord}s separately; the .xlsx has a column for each${by === 'document' ? ', or choose rows by group' : ''}.`);
    return {
      title: table.title,
      document: { title: table.title, sections: [section(orientation, blocks)] },
      sheets: [sheet('Participants', sheetColumns, sheetRows)],
      warnings,
    };
  },
};
