import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  cohensKappa,
  contingencyTable,
  fleissKappaFromRatings,
  krippendorffAlpha,
  krippendorffAlphaTwoCoders,
  observedAgreement,
  scottsPi,
  type AlphaMetric,
  type ReliabilityData,
  type Stat,
} from '../../../shared/domain/agreement';

// Conformance against published values, on data files that live beside the repository (see
// ../shared/data/README.md) and are never copied into it.
const DATA = path.resolve(__dirname, '../../../../shared/data');
const ICR = path.join(DATA, 'agreement', 'icr');
const present = existsSync(ICR);
if (!present) console.warn('SKIPPED: ../shared/data absent — conformance tests not run');
const suite = present ? describe : describe.skip;

function lines(file: string): string[] {
  return readFileSync(path.join(ICR, file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
}

function cell(raw: string): string | number | null {
  const text = raw.trim().replace(/^"(.*)"$/, '$1');
  if (text === 'NA') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Header-less ReCal file, units as rows: returns one column per coder. */
function recalCoders(file: string): number[][] {
  const rows = lines(file).map((line) => line.split(',').map(Number));
  return rows[0].map((_, coder) => rows.map((row) => row[coder]));
}

/** Files with a header row of unit names, one row per coder, NA for missing. */
function unitsAsColumns(file: string): ReliabilityData {
  return lines(file)
    .slice(1)
    .map((line) => line.split(',').map(cell));
}

/** A published figure and how many decimals it was printed with. */
interface Published {
  readonly value: number;
  readonly decimals: number;
}

interface PublishedRow {
  readonly file: string;
  readonly columns: readonly (Published | null)[];
}

function published(raw: string): Published | null {
  const text = raw.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return { value: Number(text), decimals: text.split('.')[1]?.length ?? 0 };
}

// "R2.07" is freelon-2010-r207-recal.csv.
function publishedTable(file: string): PublishedRow[] {
  return lines(file)
    .slice(1)
    .map((line) => {
      const [name, ...rest] = line.split(',');
      const id = name.replace(/^"R(\d)\.(\d\d)"$/, '$1$2');
      return { file: `freelon-2010-r${id}-recal.csv`, columns: rest.map(published) };
    });
}

// Checks to 3 decimals, or to fewer where the publication printed fewer (some cells show 0.83).
function expectPublished(actual: number, expected: Published | null, asPercent = false): void {
  if (expected === null) throw new Error('no published value to compare with');
  const decimals = Math.min(3, expected.decimals + (asPercent ? 2 : 0));
  expect(actual).toBeCloseTo(asPercent ? expected.value / 100 : expected.value, decimals);
}

function pairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((x, i) => items.slice(i + 1).map((y): [T, T] => [x, y]));
}

function value(stat: Stat): number {
  if (stat.value === null) throw new Error(`expected a value, got undefined: ${stat.reason}`);
  return stat.value;
}

function tableOf(a: readonly number[], b: readonly number[]): number[][] {
  return contingencyTable(a, b).table;
}

suite('conformance: Freelon (2010) ReCal, two coders (table 9)', () => {
  const rows = present ? publishedTable('freelon-2010-table-09.csv') : [];

  it('maps all ten files', () => {
    expect(rows.map((r) => r.file)).toHaveLength(10);
  });

  // Columns (after the file name): percent agreement ReCal2, PRAM, Scott's pi ReCal2, PRAM,
  // Cohen's kappa ReCal2, PRAM, Krippendorff's alpha ReCal2, Hayes. ReCal2 reports 3 decimals.
  it.each(rows.map((r) => [r.file, r] as const))('%s', (_, row) => {
    const [a, b] = recalCoders(row.file);
    const table = tableOf(a, b);
    const [percent, , pi, , kappa, , alpha] = row.columns;
    expectPublished(value(observedAgreement(table)), percent, true);
    expectPublished(value(scottsPi(table)), pi);
    expectPublished(value(cohensKappa(table)), kappa);
    expectPublished(value(krippendorffAlphaTwoCoders(table)), alpha);
    expectPublished(value(krippendorffAlpha([a, b])), alpha);
  });
});

suite('conformance: Freelon (2010) ReCal, three or more coders (table 10)', () => {
  const rows = present ? publishedTable('freelon-2010-table-10.csv') : [];

  it('maps all ten files', () => {
    expect(rows).toHaveLength(10);
  });

  // Columns: mean pairwise percent agreement ReCal3, PRAM, Fleiss' kappa ReCal3, irr, mean
  // pairwise Cohen's kappa ReCal3 (NA when a pair's kappa is undefined), PRAM, alpha ReCal3, Hayes.
  it.each(rows.map((r) => [r.file, r] as const))('%s', (_, row) => {
    const coders = recalCoders(row.file);
    const [percent, , fleiss, , meanKappa, , alpha] = row.columns;
    const tables = pairs(coders).map(([a, b]) => tableOf(a, b));
    const percents = tables.map((t) => value(observedAgreement(t)));
    expectPublished(mean(percents), percent, true);
    const units = coders[0].map((_, u) => coders.map((coder) => coder[u]));
    expectPublished(value(fleissKappaFromRatings(units)), fleiss);
    expectPublished(value(krippendorffAlpha(coders)), alpha);
    const kappas = tables.map(cohensKappa);
    if (meanKappa === null) {
      expect(kappas.some((k) => k.value === null)).toBe(true);
    } else {
      expectPublished(mean(kappas.map(value)), meanKappa);
    }
  });
});

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

suite("conformance: Krippendorff's alpha, units as columns", () => {
  it('wikipedia.csv: nominal 0.691358, interval 0.810845', () => {
    const data = unitsAsColumns('wikipedia.csv');
    expect(value(krippendorffAlpha(data, { metric: 'nominal' }))).toBeCloseTo(0.691358, 4);
    expect(value(krippendorffAlpha(data, { metric: 'interval' }))).toBeCloseTo(0.810845, 4);
  });

  // The README's four-coder example; in this file the lone value of unit 12 sits with another
  // coder, which cannot matter because a unit with one value is not pairable.
  it.each([
    ['nominal', 0.743421],
    ['ordinal', 0.815388],
    ['interval', 0.849107],
    ['ratio', 0.797403],
  ] as const)('krippendorff-2018-p290.csv: %s %f', (metric: AlphaMetric, expected: number) => {
    expect(value(krippendorffAlpha(unitsAsColumns('krippendorff-2018-p290.csv'), { metric }))).toBeCloseTo(expected, 4);
  });

  // The README publishes no values for p306 and p310; for the two-coder file we can at least check
  // that the general method and the two-coder table agree.
  it('krippendorff-2018-p310.csv: general alpha equals the two-coder table alpha', () => {
    const [a, b] = unitsAsColumns('krippendorff-2018-p310.csv') as (string | number)[][];
    const general = value(krippendorffAlpha([a, b]));
    expect(general).toBeCloseTo(value(krippendorffAlphaTwoCoders(contingencyTable(a, b).table)), 10);
  });
});
