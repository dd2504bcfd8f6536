import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/cli/main';
import { readDocx } from './support/docx-read';

describe('condensa export', () => {
  let dir = '';
  let out: string[] = [];
  let err: string[] = [];
  const io = () => ({ out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-export-cli-'));
    out = [];
    err = [];
    expect(await runCli(['new', 'study.condensa', '--sample'], io())).toBe(EXIT.ok);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the category table as .docx, the same table the app exports', async () => {
    expect(await runCli(['export', 'study.condensa', '--what', 'categories', '--format', 'docx', '-o', 'out/categories.docx'], io())).toBe(EXIT.ok);
    const doc = readDocx(fs.readFileSync(path.join(dir, 'out', 'categories.docx')));
    expect(doc.tables[0].caption).toBe('Table 1. Main categories and related subcategories');
    expect(doc.tables[0].rows.slice(1).map((r) => r.cells[0])).toEqual(['Finding a safe harbour', 'Navigating the hidden curriculum', 'Growing into the teacher role']);
    expect(out.join('\n')).toMatch(/Wrote Main categories and related subcategories \(docx, \d+ bytes\)/);
  });

  it('takes the format from the file name, one coder by initials, and the options', async () => {
    expect(await runCli(['export', 'study.condensa', '--what', 'segments', '-o', 'segments.xlsx', '--coder', 'AH', '--pseudonyms', 'off'], io())).toBe(EXIT.ok);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'segments.xlsx'));
    const ws = book.getWorksheet('Segments')!;
    const coders = new Set<string>();
    const people = new Set<string>();
    const head = (ws.getRow(1).values as unknown[]).map(String);
    ws.eachRow((row, n) => {
      // Units nobody coded have rows too (empty code and coder); these are the codings.
      if (n === 1 || !row.getCell(head.indexOf('code_id')).value) return;
      people.add(String(row.getCell(head.indexOf('Participant')).value));
      coders.add(String(row.getCell(head.indexOf('Coder')).value));
    });
    expect(coders).toEqual(new Set(['Amira Haddad']));
    expect([...people].every((p) => /^P\d+$/.test(p))).toBe(true);
    expect(await runCli(['export', 'study.condensa', '--what', 'themes', '-o', 'themes.csv', '--levels', 'theme,category'], io())).toBe(EXIT.ok);
    const themes = fs.readFileSync(path.join(dir, 'themes.csv'), 'utf8');
    expect(themes).toContain('Theme,Category,Quote,Attribution,Chosen');
    // The sample marks exemplar quotes for every category, so nothing is missing.
    expect(themes).toContain('knowing the path has been walked before');
    expect(out.join('\n')).not.toMatch(/No exemplar quote is marked/);
  });

  it('takes the options the Reports tab has: attributes by name, rows by group, columns, quotes per node, landscape', async () => {
    expect(await runCli(['export', 'study.condensa', '--what', 'participants', '-o', 'p.docx', '--attributes', 'gender,Campus', '--by', 'group', '--landscape'], io())).toBe(EXIT.ok);
    const doc = readDocx(fs.readFileSync(path.join(dir, 'p.docx')));
    const groups = doc.tables[0].rows.filter((r) => r.cells.length === 1).map((r) => r.cells[0]);
    expect(groups).toEqual(['Gender', 'Campus']);
    expect(doc.sections.every((s) => s.orientation === 'landscape')).toBe(true);
    expect(await runCli(['export', 'study.condensa', '--what', 'abstraction', '-o', 'a.csv', '--columns', 'unit,code,theme'], io())).toBe(EXIT.ok);
    expect(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8').split(/\r?\n/)[0].replace(/^\uFEFF/, '')).toBe('Meaning unit,Code,Theme');
    expect(await runCli(['export', 'study.condensa', '--what', 'themes', '-o', 't.csv', '--quotes-per-node', '0', '--levels', 'theme,category'], io())).toBe(EXIT.ok);
    expect(fs.readFileSync(path.join(dir, 't.csv'), 'utf8')).not.toContain('knowing the path has been walked before');
    expect(await runCli(['export', 'study.condensa', '--what', 'matrix', '-o', 'm.csv', '--count', 'participants', '--attributes', 'Role'], io())).toBe(EXIT.ok);
    expect(fs.readFileSync(path.join(dir, 'm.csv'), 'utf8')).toMatch(/^\uFEFF?Level,Name,Role: Mentee,Role: Mentor,Total/);
    expect(await runCli(['export', 'study.condensa', '--what', 'participants', '-o', 'q.docx', '--attributes', 'Shoe size'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toMatch(/No attribute is called “Shoe size”. This project has: Role, Gender/);
    expect(await runCli(['export', 'study.condensa', '--what', 'matrix', '-o', 'm.csv', '--count', 'words'], io())).toBe(EXIT.usage);
  });

  it('says what is wrong with the command line (exit 2)', async () => {
    expect(await runCli(['export', 'study.condensa', '--what', 'nonsense', '-o', 'x.docx'], io())).toBe(EXIT.usage);
    expect(err.join('\n')).toMatch(/--what, one of codebook, categories/);
    expect(await runCli(['export', 'study.condensa', '--what', 'segments', '-o', 'x.docx'], io())).toBe(EXIT.usage);
    expect(err.join('\n')).toMatch(/segments can be written as xlsx or csv/);
    expect(await runCli(['export', 'study.condensa', '--what', 'codebook'], io())).toBe(EXIT.usage);
    expect(await runCli(['export', 'study.condensa', '--what', 'codebook', '-o', 'x.docx', '--levels', 'chapter'], io())).toBe(EXIT.usage);
    expect(await runCli(['--help'], io())).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('condensa export FILE --what REPORT');
  });
});
