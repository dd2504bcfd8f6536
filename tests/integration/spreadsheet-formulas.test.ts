import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/text';
import { inertCellText } from '../../shared/text/csv-write';
import { makeSampleApp } from './support/app';

// A researcher's code names and definitions are whatever they typed. Every CSV and XLSX export must open
// as text in a spreadsheet, whichever delimiter and quote setting it imports a CSV with.

const NAMES = ['=HYPERLINK("http://example.invalid","open")', 'ok;=1+2', 'ok,@SUM(1)', 'tab\t+A1', '-2+3 then more', '"=4+5"'];
const DEFINITION = 'first line\n=6+7; and\r\n-8+9,@SUM(2)';

interface Exported {
  readonly name: string;
  readonly bytes: Buffer;
}

let t: Awaited<ReturnType<typeof makeSampleApp>>;
const csvFiles: Exported[] = [];
const xlsxFiles: Exported[] = [];

beforeAll(async () => {
  t = await makeSampleApp();
  // Categories first, so the category matrix shows the first names; every node (codes carry the agreement
  // exports) gets a name that starts with a trigger, kept distinct by a number after the first round.
  const nodes = (await t.client.call('codebook.list', {})).sort((a, b) => Number(b.level === 'category') - Number(a.level === 'category'));
  expect(nodes.length).toBeGreaterThan(NAMES.length);
  for (const [i, node] of nodes.entries()) {
    const name = i < NAMES.length ? NAMES[i] : `${NAMES[i % NAMES.length]} ${i}`;
    await t.client.call('codebook.update', { id: node.id, name, definition: DEFINITION });
  }

  const coders = t.coders;
  const pair = { coderAId: coders.find((c) => c.initials === 'AH')!.id, coderBId: coders.find((c) => c.initials === 'BO')!.id };
  const matrix = { filter: { coder: 'all' as const }, level: 'category' as const, columns: { kind: 'group' as const } };
  for (const format of ['csv', 'xlsx'] as const) {
    const into = format === 'csv' ? csvFiles : xlsxFiles;
    const report = await t.client.call('reports.export', { kind: 'codebook', format, options: {}, path: t.file(`codebook.${format}`) });
    into.push({ name: `codebook.${format}`, bytes: Buffer.from(report.base64, 'base64') });
    const m = await t.client.call('analysis.exportMatrix', { ...matrix, format });
    into.push({ name: `matrix.${format}`, bytes: Buffer.from(m.base64, 'base64') });
    const written = await t.client.call('agreement.exportDiscrepancies', { ...pair, path: t.file(`discrepancies.${format}`), format });
    into.push({ name: `discrepancies.${format}`, bytes: fs.readFileSync(written.path) });
  }
}, 120_000);

afterAll(() => t?.close());

describe('spreadsheet exports of formula-like text', () => {
  it('CSV: every cell reads back as the text with an apostrophe before each exposed trigger', () => {
    for (const file of csvFiles) {
      const cells = parseCsv(file.bytes.toString('utf8')).flat();
      const wanted = file.name.startsWith('codebook') ? [...NAMES, DEFINITION.replace(/\r\n/g, '\n')] : NAMES.slice(0, 2);
      for (const text of wanted) expect(cells, `${file.name}: ${text}`).toContainEqual(expect.stringContaining(inertCellText(text)));
      expect(cells.join('\n'), file.name).not.toMatch(/(^|[,;\t\n])[\s"]*[=@]/);
    }
  });

  it('XLSX: formula-like text is stored as string cells, exactly as typed, and no cell is a formula', async () => {
    for (const file of xlsxFiles) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const strings: string[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${file.name} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            if (typeof cell.value === 'string') strings.push(cell.value);
          }),
        ),
      );
      const wanted = file.name.startsWith('codebook') ? NAMES : NAMES.slice(0, 2);
      for (const text of wanted) expect(strings, `${file.name}: ${text}`).toContainEqual(expect.stringContaining(text));
    }
  });
});

function onPath(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Calc is a separate package from Writer on Debian (libreoffice-calc-nogui); without it soffice cannot load a CSV. */
function hasCalc(soffice: string): boolean {
  const program = path.dirname(fs.realpathSync(soffice));
  return !fs.existsSync(program) || fs.readdirSync(program).some((f) => f.startsWith('libsclo'));
}

const soffice = onPath('soffice') ?? onPath('libreoffice');
const calc = soffice !== null && hasCalc(soffice);
const inCi = process.env.CI === 'true';
if (!calc && !inCi) console.warn('\n*** LIBREOFFICE CALC TESTS SKIPPED: no soffice with Calc. Install it with `apt-get install libreoffice-calc-nogui`. ***\n');

describe.skipIf(!calc && !inCi)('LibreOffice Calc opens every export without a formula', () => {
  let dir: string;

  beforeAll(() => {
    if (!calc) throw new Error('CI=true but LibreOffice Calc is not installed: .ci/run must install libreoffice-calc-nogui.');
    dir = fs.mkdtempSync(path.join(t.dir, 'lo-'));
  });

  /** Converts the files to flat ODF spreadsheets in one soffice run (its start is the slow part) and returns each one's XML. */
  function convert(files: readonly Exported[], tag: string, infilter: string | null): Map<string, string> {
    const inDir = path.join(dir, tag);
    fs.mkdirSync(inDir);
    // codebook.csv and codebook.xlsx would both become codebook.fods.
    const stem = (f: Exported) => f.name.replace('.', '-');
    const inputs = files.map((f) => path.join(inDir, `${stem(f)}${path.extname(f.name)}`));
    files.forEach((f, i) => fs.writeFileSync(inputs[i], f.bytes));
    const run = spawnSync(
      soffice!,
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', 'fods', '--outdir', path.join(inDir, 'out'), ...inputs],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    return new Map(files.map((f) => [f.name, fs.readFileSync(path.join(inDir, 'out', `${stem(f)}.fods`), 'utf8')]));
  }

  const formulas = (xml: string) => xml.match(/table:formula="[^"]*"/g) ?? [];

  it('XLSX, and CSV opened with the default import (comma, quotes honoured)', () => {
    for (const [name, xml] of convert([...xlsxFiles, ...csvFiles], 'default', null)) {
      expect(xml, name).toContain('ok;');
      expect(formulas(xml), name).toEqual([]);
    }
  }, 120_000);

  // Semicolon (European Excel) or tab, with quotes honoured or not (code 1 never occurs), spaces trimmed and
  // formulas evaluated: the worst a user can pick in the text import dialog.
  it.each([
    { separator: 59, quote: 34 },
    { separator: 59, quote: 1 },
    { separator: 9, quote: 1 },
  ])('CSV imported with separator $separator and text delimiter $quote', ({ separator, quote }) => {
    const infilter = `Text - txt - csv (StarCalc):${separator},${quote},76,1,,0,false,true,false,false,true,-1,true`;
    for (const [name, xml] of convert(csvFiles, `csv-${separator}-${quote}`, infilter)) {
      expect(xml, name).toContain('office:value-type="string"');
      expect(formulas(xml), name).toEqual([]);
    }
  }, 120_000);
});
