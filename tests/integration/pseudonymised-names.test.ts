import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/cli/main';
import { AppError } from '../../shared/api/errors';
import { FORMATS_BY_KIND, REPORT_KINDS, type ReportFormat, type ReportKind, type ReportOptions } from '../../shared/api/methods/reports';
import { makeSampleApp, type TestApp } from './support/app';

// #23 item 4: titles, session and group names written by people often name people. A pseudonymised
// export prints each such name as the author checked it, and holds back until every printed name
// is checked; every part of every exported file is searched for the names.

type SampleApp = TestApp & { readonly coders: readonly { id: string; name: string }[] };

/** Every part of a .docx or .xlsx package as text (docProps included), or the CSV, with the file's name. */
function everyPart(bytes: Buffer, format: ReportFormat, fileName: string): string {
  if (format === 'csv') return `${fileName}\n${bytes.toString('utf8')}`;
  const parts = unzipSync(new Uint8Array(bytes));
  expect(Object.keys(parts)).toContain('docProps/core.xml');
  return [fileName, ...Object.entries(parts).map(([name, data]) => `${name}\n${strFromU8(data)}`)].join('\n');
}

async function exported(t: SampleApp, kind: ReportKind, format: ReportFormat, options: ReportOptions): Promise<string> {
  const r = await t.client.call('reports.export', { kind, format, options });
  return everyPart(Buffer.from(r.base64, 'base64'), format, r.fileName);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('names in pseudonymised exports', () => {
  let t: SampleApp;
  let firstDoc: { id: string; title: string; sessionName: string };
  const quoteAll: ReportOptions = { attribution: '{pseudonym}, {session}, {document}, {group}', columns: ['document', 'speaker', 'unit', 'condensed', 'code', 'category'] };

  beforeEach(async () => {
    t = await makeSampleApp();
    const docs = await t.client.call('documents.list', {});
    firstDoc = docs[0];
    // The interviewer wrote a participant's label (P1 is Mentee 1) and a surname into the titles.
    await t.client.call('documents.update', { id: firstDoc.id, title: 'Riverside group with P1 and Dr Ferreira', sessionName: 'Ferreira’s Tuesday session' });
    const groups = await t.client.call('documentGroups.list', {});
    await t.client.call('documentGroups.rename', { id: groups[0].id, name: 'Ferreira cohort' });
    await t.client.call('project.update', { title: 'Mentoring study (Ferreira lab)' });
    // Quotes everywhere, so every report prints sessions and documents.
    const nodes = await t.client.call('codebook.list', {});
    for (const n of nodes.filter((x) => x.level !== 'theme')) {
      const units = (await t.client.call('codebook.retrieve', { nodeId: n.id })).units;
      if (units[0]) await t.client.call('quotes.set', { nodeId: n.id, unitId: units[0].unitId, quote: true });
    }
  });
  afterEach(() => t.close());

  it('lists each printed name unchecked, with labels already swapped for pseudonyms, and holds the export back', async () => {
    const preview = await t.client.call('reports.preview', { kind: 'themes', options: quoteAll });
    const title = preview.names.find((n) => n.original === 'Riverside group with P1 and Dr Ferreira');
    expect(title).toMatchObject({ printed: 'Riverside group with Mentee 1 and Dr Ferreira', checked: false, places: ['document title'] });
    expect(preview.names.find((n) => n.original === 'Ferreira’s Tuesday session')).toMatchObject({ checked: false, places: ['session'] });
    expect(preview.names.find((n) => n.original === 'Ferreira cohort')).toMatchObject({ checked: false, places: ['group'] });
    // Names the sample's author checked stay checked.
    expect(preview.names.filter((n) => n.checked).length).toBeGreaterThan(0);
    expect(preview.warnings.join(' ')).toMatch(/not been checked for names of people/);

    const e = await refusal(t.client.call('reports.export', { kind: 'themes', format: 'docx', options: quoteAll }));
    expect(e.code).toBe('NAMES_UNCHECKED');
    expect(e.message).toContain('Ferreira');
    // With pseudonyms off the author has chosen real names: nothing to check, nothing held back.
    const off = await t.client.call('reports.preview', { kind: 'themes', options: { ...quoteAll, pseudonyms: false } });
    expect(off.names).toEqual([]);
  });

  it('once checked, no export of any report holds the names, in any part of the file or its name', async () => {
    const preview = await t.client.call('reports.preview', { kind: 'themes', options: quoteAll });
    const project = await t.client.call('reports.preview', { kind: 'codebook', options: quoteAll });
    const unchecked = [...preview.names, ...project.names].filter((n) => !n.checked);
    expect(unchecked.length).toBeGreaterThanOrEqual(3);
    const safe = (n: string) => n.replace(/Ferreira(’s)?/g, '').replace(/\s+(and|with)\s*$/u, '').replace(/\(\s*lab\)/, '').trim() || 'Session 1';
    await t.client.call('reports.checkNames', { names: unchecked.map((n) => ({ original: n.original, printed: safe(n.printed) })) });

    const coderNames = t.coders.filter((c) => !/consensus/i.test(c.name)).map((c) => c.name);
    let files = 0;
    for (const kind of REPORT_KINDS) {
      for (const format of FORMATS_BY_KIND[kind]) {
        const text = await exported(t, kind, format, { ...quoteAll, coderNames: false });
        expect(text, `${kind}.${format}`).not.toContain('Ferreira');
        // The label as written text (outside tags: "P1" is also a spreadsheet cell's address).
        expect(/(?<![\p{L}\p{N}])P1(?![\p{L}\p{N}])/u.test(text.replace(/<[^>]*>/g, ' ')), `${kind}.${format} holds P1`).toBe(false);
        for (const name of coderNames) expect(text, `${kind}.${format} names the coder ${name}`).not.toContain(name);
        files += 1;
      }
    }
    expect(files).toBe(31);
    // The check is a recorded step: undone, the names are unchecked again and the export waits.
    await t.client.call('history.undo', {});
    expect((await refusal(t.client.call('reports.export', { kind: 'themes', format: 'docx', options: quoteAll }))).code).toBe('NAMES_UNCHECKED');
  });

  it('coders are named unless the author leaves their names out', async () => {
    const named = await exported(t, 'agreement', 'docx', { namesChecked: true });
    expect(named).toContain('Amira Haddad');
    const blind = await exported(t, 'agreement', 'docx', { namesChecked: true, coderNames: false });
    expect(blind).not.toContain('Amira Haddad');
    expect(blind).toMatch(/Coder A/);
  });

  it('warns where an attribute value is one person’s alone (small cells), wherever it prints', async () => {
    const table1 = await t.client.call('reports.preview', { kind: 'participants', options: { namesChecked: true } });
    expect(table1.warnings.join('\n')).toMatch(/Only one participant has Gender “Non-binary”/);
    const quotes = await t.client.call('reports.preview', { kind: 'themes', options: { namesChecked: true, attribution: '{pseudonym}, a {Gender:lower} {Role:lower}' } });
    expect(quotes.warnings.join('\n')).toMatch(/Only one participant has Gender “Non-binary”/);
    // Role has no value held by one person alone in the sample: no warning for it.
    expect(quotes.warnings.join('\n')).not.toMatch(/has Role/);
    const plain = await t.client.call('reports.preview', { kind: 'themes', options: { namesChecked: true, attribution: '{pseudonym}' } });
    expect(plain.warnings.join('\n')).not.toMatch(/Only one participant/);
  });

  it('the CLI lists the names and stops, then exports with --names-checked', async () => {
    t.app.closeProject();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-names-cli-'));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
    try {
      const file = t.file('sample.condensa');
      expect(await runCli(['export', file, '--what', 'segments', '-o', 's.csv'], io)).toBe(EXIT.failed);
      expect(err.join('\n')).toContain('Riverside group with Mentee 1 and Dr Ferreira');
      expect(err.join('\n')).toContain('--names-checked');
      expect(fs.existsSync(path.join(dir, 's.csv'))).toBe(false);
      expect(await runCli(['export', file, '--what', 'segments', '-o', 's.csv', '--names-checked'], io)).toBe(EXIT.ok);
      expect(out.join('\n')).toContain('“Riverside group with P1 and Dr Ferreira” as “Riverside group with Mentee 1 and Dr Ferreira”');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
