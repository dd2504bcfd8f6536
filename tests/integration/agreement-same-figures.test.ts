import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '../../shared/api/client';
import { createClient } from '../../shared/api/client';
import type { AgreementReport } from '../../shared/api/methods/agreement';
import { DEFAULT_BOOTSTRAP_SEED } from '../../shared/domain/agreement';
import { EXIT, runCli } from '../../electron/cli/main';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { readDocx } from './support/docx-read';
import { codeAs, importAnswers, makeCoders } from './support/agreement-study';

// #20 item 7: the Compare tab, `condensa agreement` and the Word report print the same figures for
// the same options. Each is read back as its reader sees it: the tab's HTML, the terminal's text,
// the .docx's table cells.

// Loaded by path: the Node typecheck does not compile the renderer's JSX; vitest does.
const PANEL = '../../renderer/features/agreement/FiguresPanel';

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function newApp(): { app: Application; client: Client } {
  const app = new Application(
    { platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(dir, 'p'), userDataFolder: path.join(dir, 'u') },
    { validateResults: true },
  );
  return { app, client: createClient(directTransport(app)) };
}

type Row = string[];

/** The rows of the per-code and all-codes tables as the Compare tab renders them. */
async function tabRows(report: AgreementReport, titles: readonly string[] = ['Per code', 'All codes']): Promise<Row[]> {
  const { FiguresPanel } = (await import(/* @vite-ignore */ PANEL)) as { FiguresPanel: ComponentType<{ report: AgreementReport }> };
  const html = renderToStaticMarkup(createElement(FiguresPanel, { report }));
  const tables = [...html.matchAll(/<table[^>]*aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/table>/g)].filter((m) => titles.includes(m[1]));
  const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').trim();
  return tables.flatMap((t) =>
    [...t[2].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
      .map((tr) => [...tr[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((td) => text(td[1])))
      .filter((cells) => cells.length > 0)
      // The last column holds the flag ("too few to judge"), which Word puts under the label.
      .map((cells) => cells.slice(0, -1)),
  );
}

/** The same rows from the terminal: columns are two or more spaces apart; [n] marks a footnote. */
function cliRows(text: string, titles: readonly string[] = ['Per code', 'All codes']): Row[] {
  const rows: Row[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (titles.includes(line)) {
      inTable = true;
      continue;
    }
    if (line.trim() === '') inTable = false;
    if (!inTable || !line.startsWith('  ')) continue;
    rows.push(line.trim().split(/\s{2,}/).map((c) => c.replace(/\[\d+\]$/, '')));
  }
  // Drop the header lines and the trailing flag column.
  // A one-cell line is the table's note, printed under it.
  return rows.filter((r) => r.length > 1 && !['Code', 'Both', 'Characters'].includes(r[0])).map((r) => (r[r.length - 1] === 'too few to judge' ? r.slice(0, -1) : r));
}

/** The first table of the Word report whose caption `pick` accepts (the per-code table by default), first paragraph of each cell (notes sit below it). */
function wordRows(bytes: Buffer, pick: (caption: string) => boolean = () => true): Row[] {
  const table = readDocx(bytes).tables.find((t) => pick(t.caption))!;
  return table.rows.filter((r) => !r.header && r.spans.every((s) => s === 1)).map((r) => r.cells.map((c) => c.split('\n')[0]));
}

/** Labels apart, the cells of the three must be equal; labels too where no pseudonym applies. */
async function expectSameEverywhere(file: string, initials: [string, string], intervals = false, seed?: number): Promise<number> {
  const { app, client } = newApp();
  await client.call('project.open', { path: file });
  const coders = await client.call('coders.list', {});
  const ids = initials.map((i) => coders.find((c) => c.initials === i)!.id);
  const report = await client.call('agreement.compute', { coderIds: ids, intervals, seed });
  // The Word report always prints the intervals, from the default seed.
  const reportWithIntervals = await client.call('agreement.compute', { coderIds: ids, intervals: true });
  const exported = await client.call('reports.export', { kind: 'agreement', format: 'docx', options: { coders: ids, namesChecked: true } });
  app.closeProject();
  const tab = await tabRows(report);
  const tabWithIntervals = await tabRows(reportWithIntervals);
  const word = wordRows(Buffer.from(exported.base64, 'base64'));

  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
  const options = [...(intervals ? ['--ci'] : []), ...(seed === undefined ? [] : ['--seed', String(seed)])];
  expect(await runCli(['agreement', file, '--coders', initials.join(','), ...options], io)).toBe(EXIT.ok);
  const cli = cliRows(out.join('\n'));

  // Figures only: blank padding cells and flag words (which the terminal prints as a last column) aside.
  const cells = (rows: Row[]) => rows.map((r) => r.slice(1).filter((c) => /^(-?\d|withheld$|undefined$)/.test(c)));
  expect(tab.length).toBe(report.pair!.codes.length + 4);
  expect(cells(cli)).toEqual(cells(tab));
  expect(cells(word)).toEqual(cells(tabWithIntervals));
  // With intervals: κ's and α's interval and α's q beside the codes, the seed printed under the table.
  const withCi = intervals ? tab : tabWithIntervals;
  expect(withCi.filter((r) => r.filter((c) => /^-?\d\.\d{3}–-?\d\.\d{3}$/.test(c)).length === 2).length).toBeGreaterThan(0);
  expect(withCi.some((r) => r.some((c) => /^[01]\.\d{3} \/ [01]\.\d{3}$/.test(c)))).toBe(true);
  if (intervals) expect(out.join('\n')).toContain(`seed ${seed ?? DEFAULT_BOOTSTRAP_SEED}`);
  else expect(cells(tab)).not.toEqual(cells(tabWithIntervals));
  expect(cli.map((r) => r[0])).toEqual(tab.map((r) => r[0]));
  // The tab shows the scope line the CLI prints and the Word report states.
  expect(out.join('\n')).toContain(report.scope.line);
  return tab.filter((r) => r.includes('withheld')).length;
}

describe('the same figures in the Compare tab, the CLI and the Word report', () => {
  it('on the sample study', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-same-'));
    const file = path.join(dir, 'sample.condensa');
    const { app, client } = newApp();
    await client.call('project.create', { path: file, title: 'Sample', sample: true });
    app.closeProject();
    const withheld = await expectSameEverywhere(file, ['AH', 'BO']);
    expect(withheld).toBeGreaterThan(0);
    await expectSameEverywhere(file, ['AH', 'BO'], true);
    await expectSameEverywhere(file, ['AH', 'BO'], true, 99);
  });

  it('on a generated study with answers one coder left uncoded', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-same-'));
    const file = path.join(dir, 'generated.condensa');
    const { app, client } = newApp();
    await client.call('project.create', { path: file, title: 'Generated' });
    const docs = await importAnswers(
      client,
      Array.from({ length: 24 }, (_, i) => ({ title: `Answer ${i + 1}`, text: `Answer ${i + 1} about the course and the people in it.` })),
    );
    const [ann, bob] = await makeCoders(client, ['Ann Abel', 'Bob Brandt']);
    // A fixed pattern per code: some codes frequent, one rare (withheld), coders partly agreeing.
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const [k, name] of ['Time', 'Money', 'People', 'Rare'].entries()) {
      const code = await client.call('codebook.create', { name });
      const rate = k === 3 ? 0.08 : 0.3 + 0.15 * k;
      const a = docs.filter(() => next() < rate).map((d) => d.unitIds[0]);
      const b = docs.filter((d) => (a.includes(d.unitIds[0]) ? next() < 0.8 : next() < rate / 3)).map((d) => d.unitIds[0]);
      await codeAs(client, ann, a, code.id);
      await codeAs(client, bob, b, code.id);
    }
    await client.call('agreement.reveal', { confirm: true });
    app.closeProject();
    await expectSameEverywhere(file, ['AA', 'BB']);
  });

  it('per document, by default, on a generated study coded in free passages only (as a REFI-QDA import brings it)', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-same-'));
    const file = path.join(dir, 'passages-only.condensa');
    const { app, client } = newApp();
    await client.call('project.create', { path: file, title: 'Passages only' });
    const docs = await importAnswers(
      client,
      Array.from({ length: 24 }, (_, i) => ({ title: `Answer ${i + 1}`, text: `Answer ${i + 1} about the course and the people in it.` })),
    );
    const [ann, bob] = await makeCoders(client, ['Ann Abel', 'Bob Brandt']);
    let state = 5;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const [k, name] of ['Time', 'Money', 'People', 'Rare'].entries()) {
      const code = await client.call('codebook.create', { name });
      const rate = k === 3 ? 0.08 : 0.3 + 0.15 * k;
      const a = docs.filter(() => next() < rate);
      const b = docs.filter((d) => (a.includes(d) ? next() < 0.8 : next() < rate / 3));
      for (const [coder, picked, at] of [[ann, a, 0], [bob, b, 12]] as const) {
        await client.call('coders.setCurrent', { coderId: coder.id });
        for (const d of picked) await client.call('codings.applySpan', { documentId: d.documentId, start: at, end: at + 8, codeIds: [code.id] });
      }
    }
    await client.call('agreement.reveal', { confirm: true });
    const report = await client.call('agreement.compute', { coderIds: [ann.id, bob.id] });
    app.closeProject();
    expect(report.level).toBe('document');
    expect(report.unitSet.units).toBe(24);
    await expectSameEverywhere(file, ['AA', 'BB']);
  });
});

describe('the same unitizing figures in the Compare tab, the CLI and the Word report', () => {
  it('on a generated study coded in free passages', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-same-'));
    const file = path.join(dir, 'passages.condensa');
    const { app, client } = newApp();
    await client.call('project.create', { path: file, title: 'Passages' });
    const docs = await importAnswers(
      client,
      Array.from({ length: 10 }, (_, i) => ({ title: `Answer ${i + 1}`, text: `Answer ${i + 1} 🙂 about the course, the people in it and what they would change next year.` })),
    );
    const coders = await makeCoders(client, ['Ann Abel', 'Bob Brandt']);
    let state = 11;
    const next = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
    for (const [k, name] of ['Course', 'People', 'Rare'].entries()) {
      const code = await client.call('codebook.create', { name });
      for (const d of docs.slice(0, k === 2 ? 2 : 10)) {
        const start = 10 + next(20);
        for (const coder of coders) {
          await client.call('coders.setCurrent', { coderId: coder.id });
          await client.call('codings.applySpan', { documentId: d.documentId, start: start + next(5), end: start + 20 + next(12), codeIds: [code.id] });
        }
      }
    }
    await client.call('agreement.reveal', { confirm: true });
    app.closeProject();

    const opened = newApp();
    await opened.client.call('project.open', { path: file });
    const ids = coders.map((c) => c.id);
    // The Word report prints uα's intervals too, from the default seed: the tab and the CLI are asked for them.
    const report = await opened.client.call('agreement.compute', { coderIds: ids, level: 'char', intervals: true });
    const exported = await opened.client.call('reports.export', { kind: 'agreement', format: 'docx', options: { coders: ids, namesChecked: true } });
    opened.app.closeProject();
    const titles = ['Per code, unitizing', 'All codes, unitizing'];
    const tab = await tabRows(report, titles);
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
    expect(await runCli(['agreement', file, '--coders', 'AA,BB', '--level', 'char', '--ci'], io)).toBe(EXIT.ok);
    const cli = cliRows(out.join('\n'), titles);
    const bytes = Buffer.from(exported.base64, 'base64');
    const word = [...wordRows(bytes, (c) => c.includes('uα): per code')), ...wordRows(bytes, (c) => c.includes('uα): all codes'))];

    const cells = (rows: Row[]) => rows.map((r) => r.slice(1).filter((c) => /^(-?\d|withheld$|undefined$)/.test(c)));
    expect(tab.length).toBe(report.unitizing!.codes.length + 1);
    expect(tab.flat()).toContain('withheld');
    expect(cells(cli)).toEqual(cells(tab));
    expect(cells(word)).toEqual(cells(tab));
    expect(cli.map((r) => r[0])).toEqual(tab.map((r) => r[0]));
    // Ten answers resampled: every figure over all codes has its interval, the same in all three.
    expect(tab.at(-1)!.filter((c) => /^-?\d\.\d{3}–-?\d\.\d{3}$/.test(c))).toHaveLength(3);
  });
});
