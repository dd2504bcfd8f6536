import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlphaInterval, AgreementReport } from '../../shared/api/methods/agreement';
import { DEFAULT_BOOTSTRAP_SEED } from '../../shared/domain/agreement';
import { parseAgreementArgs } from '../../electron/cli/agreement-command';
import { makeTestApp, type TestApp } from './support/app';
import { codeAs, importAnswers, makeCoders } from './support/agreement-study';

// 95% intervals beside every κ and α (#20 item 5) through agreement.compute: α's bootstrap is
// seeded, so the same seed gives the same report; withheld values have no interval.

let t: TestApp;
beforeEach(async () => {
  t = makeTestApp();
  await t.client.call('project.create', { path: t.file('answers.condensa'), title: 'Open answers' });
});
afterEach(() => t.close());

const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Answer ${i + 1}`, text: `Answer number ${i + 1} says something worth coding.` }));

function brackets(value: number | null, interval: { low: number; high: number } | null): void {
  expect(value).not.toBeNull();
  expect(interval).not.toBeNull();
  expect(interval!.low).toBeLessThanOrEqual(value!);
  expect(interval!.high).toBeGreaterThanOrEqual(value!);
}

/** 30 answers, three coders; Cost and Time partly agreed, Rare on two answers only (withheld). */
async function study(coders: number) {
  const docs = await importAnswers(t.client, answers(30));
  const people = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt', 'Cleo Chen'].slice(0, coders));
  const unit = (i: number) => docs[i].unitIds[0];
  const codes = [];
  for (const [name, picks] of [
    ['Cost', [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 1, 2, 3, 4, 5, 6, 7, 11, 12], [0, 1, 2, 3, 4, 5, 6, 8, 9]]],
    ['Time', [[12, 13, 14, 15, 16, 17, 18, 19], [13, 14, 15, 16, 17, 18, 20, 21], [12, 13, 14, 15, 16, 17]]],
    ['Rare', [[25], [25, 26], [26]]],
  ] as const) {
    const code = await t.client.call('codebook.create', { name });
    codes.push(code);
    for (const [k, person] of people.entries()) await codeAs(t.client, person, picks[k].map(unit), code.id);
  }
  await t.client.call('agreement.reveal', { confirm: true });
  return { ids: people.map((p) => p.id), codes };
}

const qOf = (i: AlphaInterval | null) => (i ? [i.below667, i.below800] : null);

describe('agreement.compute with intervals', () => {
  it('two coders: κ and α of every judged code and pooled carry an interval; withheld ones none; the seed reproduces them', async () => {
    const { ids } = await study(2);
    const plain = await t.client.call('agreement.compute', { coderIds: ids });
    expect(plain.intervals).toBe(false);
    expect(plain.pair!.codes.every((c) => c.figures.alphaInterval === null)).toBe(true);

    const report = await t.client.call('agreement.compute', { coderIds: ids, intervals: true });
    expect(report.bootstrap.seed).toBe(DEFAULT_BOOTSTRAP_SEED);
    const byName = (r: AgreementReport, name: string) => r.pair!.codes.find((c) => c.name === name)!.figures;
    for (const name of ['Cost', 'Time']) {
      const f = byName(report, name);
      brackets(f.alpha.value, f.alphaInterval);
      brackets(f.kappa.value, f.kappaInterval);
      expect(f.alphaInterval!.below667).toBeLessThanOrEqual(f.alphaInterval!.below800);
    }
    expect(byName(report, 'Rare').alphaInterval).toBeNull();
    expect(byName(report, 'Rare').kappaInterval).toBeNull();
    brackets(report.pair!.pooled.alpha.value, report.pair!.pooled.alphaInterval);
    // One answer per document: too few positive units in each, so no interval either.
    expect(report.pair!.byDocument.length).toBe(30);
    expect(report.pair!.byDocument.every((d) => d.pooled.tooFewToJudge && d.pooled.alphaInterval === null && d.pooled.kappaInterval === null)).toBe(true);

    const again = await t.client.call('agreement.compute', { coderIds: ids, intervals: true });
    expect(again.pair).toEqual(report.pair);
    const other = await t.client.call('agreement.compute', { coderIds: ids, intervals: true, seed: 5 });
    expect(other.bootstrap.seed).toBe(5);
    // Another seed draws other resamples: the probabilities below .667 and .800 move.
    expect(['Cost', 'Time'].map((n) => qOf(byName(other, n).alphaInterval))).not.toEqual(['Cost', 'Time'].map((n) => qOf(byName(report, n).alphaInterval)));
  });

  it('three coders: Fleiss’ κ and α of every judged code and pooled carry an interval', async () => {
    const { ids } = await study(3);
    const report = await t.client.call('agreement.compute', { coderIds: ids, intervals: true });
    const m = report.multi!;
    for (const c of m.codes) {
      if (c.tooFewToJudge) {
        expect(c.alphaInterval).toBeNull();
        expect(c.fleissKappaInterval).toBeNull();
      } else {
        brackets(c.alpha.value, c.alphaInterval);
        brackets(c.fleissKappa.value, c.fleissKappaInterval);
      }
    }
    expect(m.codes.filter((c) => c.alphaInterval !== null)).toHaveLength(2);
    brackets(m.pooled.alpha.value, m.pooled.alphaInterval);
    brackets(m.pooled.fleissKappa.value, m.pooled.fleissKappaInterval);
  });

  it('character level: κ pooled and averaged carry an interval; withheld ones none', async () => {
    const { ids } = await study(2);
    const report = await t.client.call('agreement.compute', { coderIds: ids, level: 'char', intervals: true });
    const c = report.characters!;
    for (const code of c.codes) {
      for (const k of [code.pooled, code.mean, code.weighted]) {
        if (code.tooFewToJudge) expect(k.kappaInterval).toBeNull();
        else brackets(k.kappa.value, k.kappaInterval);
      }
    }
    brackets(c.overall.pooled.kappa.value, c.overall.pooled.kappaInterval);
    brackets(c.overall.mean.kappa.value, c.overall.mean.kappaInterval);
  });
});

describe('condensa agreement --seed', () => {
  it('takes a whole number and says so otherwise', () => {
    const parse = (...args: string[]) => parseAgreementArgs(['study.condensa', '--coders', 'A,B', ...args], '/tmp');
    expect(parse('--ci')).toMatchObject({ intervals: true, seed: DEFAULT_BOOTSTRAP_SEED });
    expect(parse('--ci', '--seed', '12')).toMatchObject({ seed: 12 });
    for (const bad of ['x', '-1', '1.5', '4294967296']) expect(parse('--ci', `--seed=${bad}`)).toBe('--seed must be a whole number from 0 to 4294967295.');
  });
});
