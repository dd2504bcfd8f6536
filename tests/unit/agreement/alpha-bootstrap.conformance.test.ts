import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coincidenceMatrix, krippendorffAlpha, krippendorffAlphaInterval, type ReliabilityData } from '../../../shared/domain/agreement';

// Hayes & Krippendorff (2007), the example their KALPHA macro is shown on: 40 units, 5 observers,
// ordinal; published α = .7598 from 239 pairs of values, the number of pairs each bootstrap
// resample draws. The data live beside the repository (../shared/data), never copied into it.
// Their printed interval and q values could not be found in a source we could check, so the
// interval is tested against simulations in alpha-bootstrap.test.ts; here its shape only.
const FILE = path.resolve(__dirname, '../../../../shared/data/agreement/icr/hayes-krippendorff-2007.csv');
const present = existsSync(FILE);
if (!present) console.warn('SKIPPED: ../shared/data absent — the Hayes & Krippendorff (2007) bootstrap example is not run');
const suite = present ? describe : describe.skip;

function observers(): ReliabilityData {
  const rows = readFileSync(FILE, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(1)
    .map((line) => line.split(',').map((v) => (v.trim() === 'NA' ? null : Number(v))));
  return rows[0].map((_, coder) => rows.map((row) => row[coder]));
}

suite('Hayes & Krippendorff (2007): the KALPHA example', () => {
  it('has α = .7598 (ordinal) from 239 pairs, the pairs every resample draws', () => {
    const data = observers();
    expect(data).toHaveLength(5);
    expect(data[0]).toHaveLength(40);
    expect(krippendorffAlpha(data, { metric: 'ordinal' }).value).toBeCloseTo(0.7598, 4);
    expect(coincidenceMatrix(data).pairs).toBe(239);
  });

  it('gives an interval around α that reproduces with its seed', () => {
    const data = observers();
    const ci = krippendorffAlphaInterval(data, { metric: 'ordinal' }, { seed: 2007, key: 'example', draws: 10_000 })!;
    expect(ci.low).toBeLessThan(0.7598);
    expect(ci.high).toBeGreaterThan(0.7598);
    // α sits well above .667 and just below .800: rarely below the first, mostly below the second.
    expect(ci.below667).toBeLessThan(0.05);
    expect(ci.below800).toBeGreaterThan(0.5);
    expect(krippendorffAlphaInterval(data, { metric: 'ordinal' }, { seed: 2007, key: 'example', draws: 10_000 })).toEqual(ci);
  });
});
