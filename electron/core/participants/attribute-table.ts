import ExcelJS from 'exceljs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { TableSource } from '../../../shared/api/methods/participants';
import { decodeText, isTextError, parseCsv } from '../../../shared/text';
import { assertSafeArchive } from '../import/archive-check';
import { extensionOf, fileError } from '../import/formats';
import { readSourceBytes } from '../import/import-service';

const MAX_ROWS = 20_000;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

export interface RawTable {
  readonly fileName: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

type Source = Exclude<TableSource, never>;

function nameOf(source: Source): string {
  return source.kind === 'path' ? path.basename(source.path) : source.name;
}

/** A CSV or XLSX table: the first row is the header, the rest are values as text. */
export async function readTable(source: Source, sheet?: string): Promise<RawTable> {
  return tableFromBytes(nameOf(source), readSourceBytes(source), { sheet });
}

export interface TableOptions {
  readonly sheet?: string;
  /** What the rows are, for the messages: participants unless said. */
  readonly rowsAre?: string;
  /** What the user should choose instead of an empty file. */
  readonly expected?: string;
}

/** The table in a CSV or XLSX file's bytes (see readTable). */
export async function tableFromBytes(fileName: string, bytes: Uint8Array, options: TableOptions = {}): Promise<RawTable> {
  if (bytes.length === 0) throw fileError('IMPORT_EMPTY', fileName, `The file is empty. Choose ${options.expected ?? 'the table of participants'}.`);
  refuseOldOrLockedWorkbook(fileName, bytes);
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  const grid = isZip || extensionOf(fileName) === 'xlsx' ? await readXlsx(fileName, bytes, options.sheet) : readCsvTable(fileName, bytes);
  const [header, ...rows] = grid.filter((r) => r.some((c) => c.trim() !== ''));
  if (!header || rows.length === 0) throw fileError('IMPORT_EMPTY', fileName, 'The table needs a header row and at least one row of values.');
  if (rows.length > MAX_ROWS) throw fileError('IMPORT_TOO_LARGE', fileName, `The table has ${rows.length} rows; at most ${MAX_ROWS} ${options.rowsAre ?? 'participants'} can be read at once.`);
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  const pad = (r: readonly string[]) => Array.from({ length: width }, (_, i) => (r[i] ?? '').trim());
  const columns = pad(header).map((h, i) => h || `Column ${i + 1}`);
  return { fileName, columns, rows: rows.map(pad) };
}

function readCsvTable(fileName: string, bytes: Uint8Array): string[][] {
  try {
    return parseCsv(decodeText(bytes).text);
  } catch (err) {
    if (isTextError(err)) throw fileError(err.code, fileName, `${err.message} Save the table as CSV (comma, semicolon or tab separated) or .xlsx.`);
    throw err;
  }
}

// Excel 97–2003 workbooks and password-protected .xlsx files are OLE compound files, not zip archives.
function refuseOldOrLockedWorkbook(fileName: string, bytes: Uint8Array): void {
  if (!OLE_MAGIC.every((b, i) => bytes[i] === b)) return;
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) {
    throw fileError('IMPORT_ENCRYPTED', fileName, 'The workbook is protected by a password. Open it in Excel, remove the password (File › Info › Protect Workbook), save it and import again.');
  }
  throw fileError('IMPORT_UNSUPPORTED', fileName, 'This is an Excel 97–2003 workbook (.xls). Open it in Excel or LibreOffice, save it as .xlsx or CSV and import that.');
}

const NOT_READABLE = 'This spreadsheet cannot be read. Save it again as .xlsx (Excel 2007 or newer) or as CSV.';

async function readXlsx(fileName: string, bytes: Uint8Array, sheet?: string): Promise<string[][]> {
  assertSafeArchive(fileName, bytes, { what: 'spreadsheet', damaged: NOT_READABLE });
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError('IMPORT_BAD_FILE', fileName, NOT_READABLE);
  }
  const ws = sheet ? book.getWorksheet(sheet) : book.worksheets[0];
  if (!ws && sheet) throw fileError('NOT_FOUND', fileName, `The workbook has no sheet called “${sheet}”.`);
  if (!ws) throw fileError('IMPORT_BAD_FILE', fileName, `The workbook has no sheets. ${NOT_READABLE}`);
  const grid: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(grid, (r) => r ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

export function tableError(fileName: string, sentence: string): AppError {
  return fileError('INVALID_VALUE', fileName, sentence);
}
