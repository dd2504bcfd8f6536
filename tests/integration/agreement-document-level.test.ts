import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { AgreementReport } from '../../shared/api/methods/agreement';
import { EXIT, runCli } from '../../electron/cli/main';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';

// Agreement per document ("code existence", #20): a study coded in free passages only, as a REFI-QDA
// import brings it, of 12 short answers (one document each). Per code, each coder either applied the
// code somewhere in an answer or not; answers one coder left uncoded, or both, count as "absent".

/** Cohen's κ of a 2×2 table, written out. */
function cohen(both: number, onlyA: number, onlyB: number, neither: number): number {
  const n = both + onlyA + onlyB + neither;
  const po = (both + neither) / n;
  const pe = ((both + onlyA) / n) * ((both + onlyB) / n) + ((onlyB + neither) / n) * ((onlyA + neither) / n);
  return (po - pe) / (1 - pe);
}

/** Which answers (0–11) each coder coded with each code, and where in the answer (start of a 6-character passage). */
const CODED: Record<'Worth' | 'Cost', { a: readonly number[]; b: readonly number[] }> = {
  // both 0–3, Ann only 4–5 (Bob coded nothing there), Bob only 6, neither 7–11 → 4 / 2 / 1 / 5.
  Worth: { a: [0, 1, 2, 3, 4, 5], b: [0, 1, 2, 3, 6] },
  // both 0, 1, 6; Ann only 7; Bob only 8; neither the other 7 → 3 / 1 / 1 / 7. Answers 9–11: nobody coded anything.
  Cost: { a: [0, 1, 6, 7], b: [0, 1, 6, 8] },
};
const EXPECTED = { Worth: cohen(4, 2, 1, 5), Cost: cohen(3, 1, 1, 7) };

let dir = '';
let app: Application | null = null;

function open(): { app: Application; client: Client } {
  app = new Application({ platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(dir, 'p'), userDataFolder: path.join(dir, 'u') }, { validateResults: true });
  return { app, client: createClient(directTransport(app)) };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-document-level-'));
});
afterEach(() => {
  app?.closeProject();
  app = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function buildStudy(client: Client): Promise<{ file: string; coderIds: string[]; docIds: string[] }> {
  const file = path.join(dir, 'answers.condensa');
  await client.call('project.create', { path: file, title: 'Open answers' });
  const docIds: string[] = [];
  for (let i = 0; i < 12; i++) {
    const { files } = await client.call('import.preview', { sources: [{ kind: 'text', name: `Answer ${i + 1}`, text: `Answer ${i + 1}: the course was worth it, though it cost a lot of time.` }] });
    if (!files[0].ok) throw new Error(files[0].error.message);
    const done = await client.call('import.commit', { previewId: files[0].preview.previewId, segment: 'paragraph', document: { title: `Answer ${i + 1}`, kind: 'open-answers' } });
    docIds.push(done.documentId);
  }
  const ann = await client.call('coders.create', { name: 'Ann Abel' });
  const bob = await client.call('coders.create', { name: 'Bob Brandt' });
  for (const name of ['Worth', 'Cost'] as const) {
    const code = await client.call('codebook.create', { name });
    for (const [coder, answers, at] of [
      [ann, CODED[name].a, 0],
      [bob, CODED[name].b, 20],
    ] as const) {
      await client.call('coders.setCurrent', { coderId: coder.id });
      // Free passages at different places in the answer: the document level asks only whether the code is there.
      for (const i of answers) await client.call('codings.applySpan', { documentId: docIds[i], start: at + (name === 'Cost' ? 6 : 0), end: at + (name === 'Cost' ? 12 : 6), codeIds: [code.id] });
    }
  }
  await client.call('agreement.reveal', { confirm: true });
  return { file, coderIds: [ann.id, bob.id], docIds };
}

function kappaOf(report: AgreementReport, name: string): number | null {
  return report.pair!.codes.find((c) => c.name === name)!.figures.kappa.value;
}

describe('agreement per document', () => {
  it('is the default for a study coded in free passages only, and gives per-code κ over every answer in scope', async () => {
    const { client } = open();
    const { file, coderIds, docIds } = await buildStudy(client);
    const report = await client.call('agreement.compute', { coderIds });

    expect(report.level).toBe('document');
    expect(report.unitSet.units).toBe(12);
    expect(report.scope.line).toContain('compared per document: every document in scope (12 documents)');
    expect(report.scope.line).toContain('chosen because none of these coders’ codings is on a meaning unit');
    const worth = report.pair!.codes.find((c) => c.name === 'Worth')!.figures;
    expect([worth.both, worth.onlyA, worth.onlyB, worth.neither]).toEqual([4, 2, 1, 5]);
    expect(kappaOf(report, 'Worth')).toBeCloseTo(EXPECTED.Worth, 10);
    expect(kappaOf(report, 'Cost')).toBeCloseTo(EXPECTED.Cost, 10);
    // Percent agreement and PABAK from the same table: 9 of 12 and 8 of 12 answers agree.
    expect(worth.percentAgreement.value).toBeCloseTo(9 / 12, 10);
    expect(worth.pabak.value).toBeCloseTo(2 * (9 / 12) - 1, 10);
    // Answers one coder left uncoded are listed, not dropped.
    const bobUncoded = report.scope.uncoded.find((u) => u.coderName === 'Bob Brandt')!.documents.map((d) => d.id);
    expect(bobUncoded).toEqual([4, 5, 7, 9, 10, 11].map((i) => docIds[i]));

    // Asked for explicitly, the same figures, without the sentence on the choice.
    const asked = await client.call('agreement.compute', { coderIds, level: 'document' });
    expect(asked.scope.line).not.toContain('chosen because');
    expect(kappaOf(asked, 'Worth')).toBe(kappaOf(report, 'Worth'));
    // Intervals as at the unit level: κ's large-sample interval lies around κ.
    const withCi = await client.call('agreement.compute', { coderIds, intervals: true });
    const ci = withCi.pair!.codes.find((c) => c.name === 'Worth')!.figures.kappaInterval!;
    expect(ci.low).toBeLessThan(EXPECTED.Worth);
    expect(ci.high).toBeGreaterThan(EXPECTED.Worth);
    // The meaning units (one per answer, all uncoded) would compare nothing: the level decides.
    const units = await client.call('agreement.compute', { coderIds, level: 'unit' });
    expect(units.pair!.codes).toEqual([]);
    app!.closeProject();
    app = null;

    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
    expect(await runCli(['agreement', file, '--coders', 'AA,BB'], io)).toBe(EXIT.ok);
    const text = out.join('\n');
    expect(text).toContain('document level');
    expect(text).toContain('compared per document');
    const row = (name: string) => text.split('\n').find((l) => l.trim().startsWith(`${name} `))!.trim().split(/\s+/);
    // Code, Both, Only A, Only B, Neither, % agreement, κ …
    expect(row('Worth').slice(1, 5)).toEqual(['4', '2', '1', '5']);
    expect(row('Worth')[6]).toBe(EXPECTED.Worth.toFixed(3));
    expect(row('Cost')[6]).toBe(EXPECTED.Cost.toFixed(3));

    out.length = 0;
    expect(await runCli(['agreement', file, '--coders', 'AA,BB', '--level', 'document', '--json'], io)).toBe(EXIT.ok);
    const json = JSON.parse(out.join('\n')) as AgreementReport;
    expect(kappaOf(json, 'Cost')).toBeCloseTo(EXPECTED.Cost, 10);
  });

  it('with three coders, compares per document too, a coder who coded nothing in an answer counting as absent there', async () => {
    const { client } = open();
    const { coderIds, docIds } = await buildStudy(client);
    const cat = await client.call('coders.create', { name: 'Cat Cole' });
    await client.call('coders.setCurrent', { coderId: cat.id });
    const worth = (await client.call('codebook.list', {})).find((n) => n.name === 'Worth')!;
    for (const i of [0, 1]) await client.call('codings.applySpan', { documentId: docIds[i], start: 0, end: 6, codeIds: [worth.id] });
    const report = await client.call('agreement.compute', { coderIds: [...coderIds, cat.id], level: 'document' });
    expect(report.level).toBe('document');
    expect(report.multi!.unitsRatedByAll).toBe(12);
    expect(report.notes[0]).toContain('Document level (code existence)');
  });
});
