import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './support/app';
import { codeAs, importAnswers, makeCoders } from './support/agreement-study';

// Published reliability data (Freelon 2010, ReCal; see ../shared/data/README.md) entered as a
// researcher would: each unit one short answer in its own document, "1" a code applied, "0" the
// answer left uncoded. The app's figures must be the published ones, although many answers are
// coded by one coder only and some by none (#20 items 1 and 2).

const ICR = path.resolve(__dirname, '../../../shared/data/agreement/icr');
const present = existsSync(ICR);
if (!present) console.warn('SKIPPED: ../shared/data absent — Freelon conformance through the app not run');
const suite = present ? describe : describe.skip;

const lines = (file: string) =>
  readFileSync(path.join(ICR, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');

/** Units as rows, coders as columns (ReCal), returned per coder. */
function coders(file: string): number[][] {
  const rows = lines(file).map((l) => l.split(',').map(Number));
  return rows[0].map((_, k) => rows.map((r) => r[k]));
}

/** The published row of a file: "R2.04" ↔ freelon-2010-r204-recal.csv. */
function published(table: string, file: string): number[] {
  const id = /r(\d)(\d\d)-recal/.exec(file)!;
  const row = lines(table).find((l) => l.startsWith(`"R${id[1]}.${id[2]}"`))!;
  return row.split(',').slice(1).map(Number);
}

const binary = (file: string) => new Set(coders(file).flat()).size <= 2;
const TWO = ['r201', 'r202', 'r204', 'r205', 'r206', 'r209', 'r210'].map((r) => `freelon-2010-${r}-recal.csv`).filter((f) => present && binary(f));
const MANY = ['r301', 'r302', 'r303', 'r306', 'r308'].map((r) => `freelon-2010-${r}-recal.csv`).filter((f) => present && binary(f));

let t: TestApp;
beforeEach(async () => {
  t = makeTestApp();
  await t.client.call('project.create', { path: t.file('recal.condensa'), title: 'ReCal' });
});
afterEach(() => t.close());

/** One document per unit; each coder applies the code where their value is the larger of the two. */
async function enter(file: string) {
  const data = coders(file);
  const presentValue = Math.max(...data.flat());
  const docs = await importAnswers(
    t.client,
    data[0].map((_, u) => ({ title: `Unit ${u + 1}`, text: `Answer ${u + 1}.` })),
  );
  const people = await makeCoders(t.client, data.map((_, k) => `Coder ${k + 1}`));
  const code = await t.client.call('codebook.create', { name: 'Present' });
  for (const [k, coder] of people.entries()) {
    await codeAs(t.client, coder, docs.filter((_, u) => data[k][u] === presentValue).map((d) => d.unitIds[0]), code.id);
  }
  await t.client.call('agreement.reveal', { confirm: true });
  return { people, units: data[0].length };
}

suite('conformance through the app: Freelon (2010) two coders, answers as documents', () => {
  it.each(TWO)('%s', async (file) => {
    const { people, units } = await enter(file);
    const [percent, , , , kappa, , alpha] = published('freelon-2010-table-09.csv', file);
    const report = await t.client.call('agreement.compute', { coderIds: people.map((p) => p.id), unitSet: 'all-units', minPositiveUnits: 0 });
    expect(report.unitSet.units).toBe(units);
    const f = report.pair!.codes[0].figures;
    expect(f.percentAgreement.value! * 100).toBeCloseTo(percent, 0);
    expect(f.kappa.value).toBeCloseTo(kappa, 2);
    expect(f.alpha.value).toBeCloseTo(alpha, 2);
  });
});

suite('conformance through the app: Freelon (2010) three and more coders, answers as documents', () => {
  it.each(MANY)('%s', async (file) => {
    const { people, units } = await enter(file);
    const [, , fleiss, , , , alpha, hayes] = published('freelon-2010-table-10.csv', file);
    const report = await t.client.call('agreement.compute', { coderIds: people.map((p) => p.id), unitSet: 'all-units', minPositiveUnits: 0 });
    const m = report.multi!;
    expect(report.unitSet.units).toBe(units);
    expect(m.unitsRatedByAll).toBe(units);
    expect(m.codes[0].alpha.value).toBeCloseTo(alpha, 2);
    expect(m.codes[0].alpha.value).toBeCloseTo(hayes, 3);
    expect(m.codes[0].fleissKappa.value).toBeCloseTo(fleiss, 2);
  });
});
