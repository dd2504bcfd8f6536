import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/cli/main';
import { toCsv } from '../../../shared/text/csv-write';
import { makeSampleApp, makeTestApp, type TestApp } from '../support/app';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');
const sheet = (text: string, fileName = 'codebook.csv') => ({ base64: b64(text), fileName });

async function emptyProject(): Promise<TestApp> {
  const t = makeTestApp();
  await t.client.call('project.create', { path: t.file('p.condensa'), title: 'P' });
  return t;
}

/** The codebook as comparable text: each node by its first-parent path, with everything a sheet carries but the example (compared in the files). */
async function codebookState(t: TestApp) {
  const nodes = await t.client.call('codebook.list', {});
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pathOf = (id: string): string => {
    const n = byId.get(id)!;
    return n.parentIds[0] && byId.has(n.parentIds[0]) ? `${pathOf(n.parentIds[0])} > ${n.name}` : n.name;
  };
  return Object.fromEntries(
    nodes.map((n) => [pathOf(n.id), { id: n.id, level: n.level, definition: n.definition, inclusion: n.inclusion, exclusion: n.exclusion, colour: n.colour }]),
  );
}

describe('a codebook spreadsheet out and back in', () => {
  let t: TestApp;
  let u: TestApp;
  afterEach(() => {
    t?.close();
    u?.close();
  });

  it('CSV and XLSX exports import into a new project as the same codebook; CSV cells are inert and read back unchanged', async () => {
    t = await makeSampleApp();
    const code = (await t.client.call('codebook.list', {})).find((n) => n.level === 'code')!;
    const doc = await t.client.call('documents.get', { id: (await t.client.call('documents.list', {}))[0].id });
    const unit = doc.units[0];
    await t.client.call('codebook.update', { id: code.id, definition: '=HYPERLINK("http://x","y")', inclusion: '-not a number', exclusion: '@mention; +1 more', exampleUnitId: unit.id });
    const csv = await t.client.call('refi.exportCodebook', { path: 'cb', format: 'csv', includeBytes: true });
    const xlsx = await t.client.call('refi.exportCodebook', { path: 'cb', format: 'xlsx', includeBytes: true });
    expect(csv.path.endsWith('cb.csv') && xlsx.path.endsWith('cb.xlsx')).toBe(true);
    const text = Buffer.from(csv.base64!, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffPath,Level,Definition,Inclusion criteria,Exclusion criteria,Example,Colour,ID');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain(`"'-not a number"`);
    const before = await codebookState(t);
    const examples = (await t.client.call('codebook.list', {})).filter((n) => n.exampleUnitId).length;
    expect(examples).toBeGreaterThan(0);
    expect(text).toContain(doc.text.slice(unit.start, unit.end).split('\n')[0]);

    for (const [file, format] of [[csv, 'csv'], [xlsx, 'xlsx']] as const) {
      u?.close();
      u = await emptyProject();
      const { report } = await u.client.call('refi.importCodebook', { base64: file.base64!, fileName: `cb.${format}` });
      expect(report.counts.codes).toBe(Object.keys(before).length);
      expect(await codebookState(u)).toEqual(before);
      // The chosen examples (meaning units there) come in as text here: an Example memo on each.
      expect((await u.client.call('memos.list', { targetType: 'node' })).filter((m) => m.title === 'Example').length).toBe(examples);
      // Exported again, the CSV is the same file.
      const again = await u.client.call('refi.exportCodebook', { path: 'again', format: 'csv', includeBytes: true });
      expect(Buffer.from(again.base64!, 'base64').toString('utf8')).toBe(text);
    }
    // Into the project it came from: every node is already there (same ID), nothing is added.
    const { report } = await t.client.call('refi.importCodebook', { base64: csv.base64!, fileName: 'cb.csv' });
    expect(report.counts.codes).toBe(0);
  });

  it('merges into an existing project by ID, then by name on request, as a .qdc does', async () => {
    t = await emptyProject();
    const mine = await t.client.call('codebook.create', { name: 'Coping', level: 'theme' });
    const file = sheet('Code,Memo\nCoping > Humour,Jokes\nCoping > Avoidance,\n');
    const byName = await t.client.call('refi.previewLevels', { ...file, kind: 'codebook', matchByName: true });
    expect(byName.nodes.find((n) => n.name === 'Coping')).toMatchObject({ match: 'name', basis: 'existing', level: 'theme' });
    expect(byName.sheet).toMatchObject({ shape: 'path', rows: 2 });
    await t.client.call('refi.importCodebook', { ...file, matchByName: true });
    const nodes = await t.client.call('codebook.list', {});
    expect(nodes.length).toBe(3);
    expect(nodes.filter((n) => n.name !== 'Coping').every((n) => n.parentIds[0] === mine.id)).toBe(true);
    // Rows without IDs get GUIDs derived from their paths: the same sheet again adds nothing.
    expect((await t.client.call('refi.importCodebook', { ...file, matchByName: true })).report.counts.codes).toBe(0);
    expect((await t.client.call('refi.importCodebook', sheet('Code\nOther\n'))).report.counts.codes).toBe(1);
  });

  it('lets the user say what an unrecognised column holds, in the preview and the import', async () => {
    t = await emptyProject();
    const file = sheet('Thing;Explained;Ebene\nA;first;Kategorie\nB;second;Code\n');
    const preview = await t.client.call('refi.previewLevels', { ...file, kind: 'codebook' });
    expect(preview.nodes).toEqual([]);
    expect(preview.sheet!.columns.map((c) => [c.header, c.role, c.recognised])).toEqual([
      ['Thing', 'ignore', false],
      ['Explained', 'ignore', false],
      ['Ebene', 'level', true],
    ]);
    expect(preview.notes.join(' ')).toMatch(/choose the column/);
    await expect(t.client.call('refi.importCodebook', file)).rejects.toMatchObject({ code: 'CODEBOOK_NO_NAMES' });
    const columns = { '0': 'name', '1': 'definition' } as const;
    const mapped = await t.client.call('refi.previewLevels', { ...file, kind: 'codebook', columns });
    expect(mapped.nodes.map((n) => [n.name, n.level, n.basis])).toEqual([
      ['A', 'category', 'column'],
      ['B', 'code', 'column'],
    ]);
    const override = await t.client.call('refi.previewLevels', { ...file, kind: 'codebook', columns, levelOverrides: { [mapped.nodes[0].guid]: 'theme' } });
    expect(override.nodes[0]).toMatchObject({ level: 'theme', basis: 'chosen' });
    await t.client.call('refi.importCodebook', { ...file, columns, levelOverrides: { [mapped.nodes[0].guid]: 'theme' } });
    expect((await t.client.call('codebook.list', {})).map((n) => [n.name, n.level, n.definition])).toEqual([
      ['A', 'theme', 'first'],
      ['B', 'code', 'second'],
    ]);
  });
});

describe('bad codebook spreadsheets: refused or repaired with a message and a stable code, nothing half-written', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  const refusals: [string, string | Uint8Array, string, string][] = [
    ['an empty file', '', 'empty.csv', 'IMPORT_EMPTY'],
    ['a header and no rows', 'Code,Memo\r\n', 'codes.csv', 'IMPORT_EMPTY'],
    ['an image named .csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]), 'codes.csv', 'IMPORT_BINARY'],
    ['a zip that is no workbook', zipSync({ 'readme.txt': new TextEncoder().encode('hello') }), 'codes.xlsx', 'IMPORT_BAD_FILE'],
    ['an Excel 97 workbook', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'codes.xls', 'IMPORT_UNSUPPORTED'],
    ['no column of names', 'Files,References\n1,2\n', 'counts.csv', 'CODEBOOK_NO_NAMES'],
    ['rows of different lengths', 'Code,Memo\nA,x\nB,y,z\n', 'codes.csv', 'IMPORT_CSV_RAGGED'],
    ['a path 10,000 levels deep', `Code\n${Array.from({ length: 10_000 }, (_, i) => `L${i}`).join(' > ')}\n`, 'deep.csv', 'CODEBOOK_TOO_DEEP'],
    ['a parent chain 10,000 rows deep', `name,parent\nN0,\n${Array.from({ length: 9_999 }, (_, i) => `N${i + 1},N${i}`).join('\n')}\n`, 'chain.csv', 'CODEBOOK_TOO_DEEP'],
  ];

  it.each(refusals)('refuses %s', async (_what, content, fileName, code) => {
    t = await emptyProject();
    await t.client.call('codebook.create', { name: 'Kept', level: 'code' });
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const source = bytes.length ? { base64: b64(bytes), fileName } : { sourcePath: t.file(fileName) };
    if (!bytes.length) fs.writeFileSync(t.file(fileName), '');
    // The preview shows a file without a names column (so the user can choose one) instead of refusing it.
    if (code === 'CODEBOOK_NO_NAMES') expect((await t.client.call('refi.previewLevels', { ...source, kind: 'codebook' })).nodes).toEqual([]);
    else await expect(t.client.call('refi.previewLevels', { ...source, kind: 'codebook' })).rejects.toMatchObject({ code });
    const err = await t.client.call('refi.importCodebook', source).catch((e: { code: string; message: string }) => e);
    expect(err).toMatchObject({ code });
    expect((err as { message: string }).message).toMatch(new RegExp(fileName.replace('.', '\\.')));
    expect((await t.client.call('codebook.list', {})).map((n) => n.name)).toEqual(['Kept']);
    expect((await t.client.call('history.state', {})).undoLabel).not.toMatch(/codebook/i);
    await t.client.call('history.undo', {});
    expect(await t.client.call('codebook.list', {})).toEqual([]);
  });

  it('cuts a loop in the parent column at its first row, creates missing parents and says so', async () => {
    t = await emptyProject();
    const file = sheet('name,parent\nA,C\nB,A\nC,B\nD,A\nSelf,Self\nE,Nowhere\n');
    const preview = await t.client.call('refi.previewLevels', { ...file, kind: 'codebook' });
    expect(preview.nodes.filter((n) => n.created).map((n) => n.name)).toEqual(['Nowhere']);
    const { report } = await t.client.call('refi.importCodebook', file);
    const nodes = await t.client.call('codebook.list', {});
    const parentOf = (name: string) => nodes.find((n) => n.id === nodes.find((x) => x.name === name)!.parentIds[0])?.name ?? null;
    expect(Object.fromEntries(['A', 'B', 'C', 'D', 'Self', 'E', 'Nowhere'].map((n) => [n, parentOf(n)]))).toEqual({ A: null, B: 'A', C: 'B', D: 'A', Self: null, E: 'Nowhere', Nowhere: null });
    const items = Object.fromEntries(report.items.filter((i) => i.code).map((i) => [i.code, i]));
    expect(items.PARENT_LOOP.count).toBe(2);
    expect(items.PARENT_LOOP.message).toMatch(/“A” → “C” → “B”|“A” → “B” → “C”/);
    expect(items.PARENT_CREATED.count).toBe(1);
  });

  it('merges a name given twice at one place, keeps the same name under another parent, and cuts a 100,000-character name', async () => {
    t = await emptyProject();
    const long = 'x'.repeat(100_000);
    const { report } = await t.client.call('refi.importCodebook', sheet(`Code,Memo\nA > Same,first\nA > same,second\nB > Same,other\n${long},\n`));
    const nodes = await t.client.call('codebook.list', {});
    expect(nodes.filter((n) => n.name.toLowerCase() === 'same').map((n) => n.definition).sort()).toEqual(['first', 'other']);
    expect(nodes.find((n) => n.name.startsWith('xxx'))!.name.length).toBe(500);
    const codes = report.items.map((i) => i.code);
    expect(codes).toContain('DUPLICATE_NAME');
    expect(codes).toContain('NAME_CUT');
  });
});

describe('random codebook spreadsheets', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('import as many nodes as the report counts, or are refused with a stable code and nothing written, never INTERNAL (property)', async () => {
    t = await emptyProject();
    const name = fc.oneof(
      fc.constantFrom('A', 'B', 'a', 'C > D', 'E::F', 'G\\H', ' ', '', '=1+2', '-x', '"q"', 'x'.repeat(600), 'Ä 😀', 'A > > B', '>'),
      fc.string({ maxLength: 12 }),
    );
    const cell = fc.oneof(name, fc.constantFrom('Category', 'Thema', 'Código', '3', '#abc', 'rot', 'zz', '00000000-0000-4000-8000-000000000001'));
    const headers = fc.uniqueArray(fc.constantFrom('Code', 'Path', 'Parent', 'Level', 'Definition', 'Inclusion', 'Exclusion', 'Example', 'Colour', 'ID', 'Notes', 'Kategorie'), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        headers.chain((h) => fc.tuple(fc.constant(h), fc.array(fc.array(cell, { minLength: h.length, maxLength: h.length }), { maxLength: 15 }))),
        fc.constantFrom('csv', 'xlsx-named csv'),
        async ([header, rows], kind) => {
          const before = (await t.client.call('codebook.list', {})).length;
          const text = toCsv(header, rows);
          const fileName = kind === 'csv' ? 'random.csv' : 'random.xlsx';
          const outcome = await t.client.call('refi.importCodebook', { base64: b64(text), fileName }).catch((e: { code: string }) => e);
          const after = (await t.client.call('codebook.list', {})).length;
          if ('report' in outcome) expect(after - before).toBe(outcome.report.counts.codes);
          else {
            expect(outcome.code).not.toBe('INTERNAL');
            expect(outcome.code).toMatch(/^[A-Z_]+$/);
            expect(after).toBe(before);
          }
        },
      ),
      { numRuns: 60, seed: 21 },
    );
  });
});

describe('condensa import-codebook and export-codebook', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('previews with --dry-run (nothing written), imports with --levels and --column, exports CSV that imports back', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-codebook-cli-'));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
    fs.writeFileSync(path.join(dir, 'codes.csv'), 'Stuff;Meaning\nCare > Family;Kin who help\nCare > Paid;\n');
    expect(await runCli(['new', 'p.condensa'], io)).toBe(EXIT.ok);
    expect(await runCli(['import-codebook', 'codes.csv', '--into', 'p.condensa', '--column', '1=path', '--column', '2=definition', '--dry-run'], io)).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/1 Stuff → path\n.*2 Meaning → definition/);
    expect(out.join('\n')).toMatch(/Care — Subcategory \(depth\)\n {4}Family — Code/);
    out.length = 0;
    expect(await runCli(['info', 'p.condensa', '--json'], io)).toBe(EXIT.ok);
    expect(JSON.parse(out.join('')).counts.codebookNodes).toBe(0);
    out.length = 0;
    expect(await runCli(['import-codebook', 'codes.csv', '--into', 'p.condensa', '--column', '1=path', '--column', '2=definition', '--levels', 'none', '--json'], io)).toBe(EXIT.ok);
    expect(JSON.parse(out.join('')).report.counts.codes).toBe(3);
    expect(await runCli(['export-codebook', 'p.condensa', '-o', 'out.csv'], io)).toBe(EXIT.ok);
    const written = fs.readFileSync(path.join(dir, 'out.csv'), 'utf8');
    expect(written).toMatch(/^\ufeffPath,Level,Definition/);
    expect(written).toContain('Care > Family,Code,Kin who help');
    expect(await runCli(['export-codebook', 'p.condensa', '-o', 'out.odt'], io)).toBe(EXIT.usage);
    expect(await runCli(['import-codebook', 'codes.csv', '--into', 'p.condensa', '--column', '0=path'], io)).toBe(EXIT.usage);
    expect(await runCli(['import-codebook', 'codes.csv', '--into', 'p.condensa'], io)).toBe(EXIT.failed);
    expect(err.at(-1)).toMatch(/\[CODEBOOK_NO_NAMES\]/);
  });
});
