import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { computeUnitAgreement } from '../electron/core/agreement/unit-agreement';
import { BOOTSTRAP_DRAWS, DEFAULT_BOOTSTRAP_SEED } from '../shared/domain/agreement';
import { syntheticAgreementInputs } from './agreement-input';
import { value, type Measurement } from './figures';
import { timeIt } from './timing';

// Agreement with 95 % intervals at the size issue #20 names (2 coders × 50,000 units × 300 codes,
// α's bootstrap at 1,000 draws), beside the same run without intervals. Part of the core figures
// on the large study, and on its own: `npm run bench -- --agreement [--runs=N]`.

const UNITS = 50_000;
const CODES = 300;

function spread(runs: readonly number[]): string {
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `${Math.round(sorted[0])}/${Math.round(at(0.5))}/${Math.round(sorted[sorted.length - 1])} ms`;
}

/** Median of the runs with intervals; the run without them is the baseline, both with min/median/max. */
export async function measureAgreementIntervals(runs: number): Promise<Measurement> {
  const inputs = syntheticAgreementInputs(UNITS, CODES);
  const budgetMs = 60_000;
  const plain = await timeIt(() => computeUnitAgreement(inputs.unit), { runs, budgetMs });
  const bootstrap = { seed: DEFAULT_BOOTSTRAP_SEED, draws: BOOTSTRAP_DRAWS };
  const withIntervals = await timeIt(() => computeUnitAgreement({ ...inputs.unit, bootstrap }), { runs, budgetMs });
  const intervals = withIntervals.last.codes.filter((c) => c.agreement.alphaInterval !== null).length;
  return value(withIntervals.ms, {
    baseline: plain.ms,
    samples: withIntervals.runs.length,
    runs: withIntervals.runs,
    note: `${UNITS.toLocaleString('en-US')} units × ${CODES} codes, per-document figures included; α intervals for ${intervals} codes plus pooled and documents, ${BOOTSTRAP_DRAWS.toLocaleString('en-US')} draws each; min/median/max with intervals ${spread(withIntervals.runs)} (median CPU ${Math.round(withIntervals.cpuMs)} ms), without ${spread(plain.runs)} (CPU ${Math.round(plain.cpuMs)} ms)`,
  });
}

/** The figure alone, with the machine's load before and after: what `--agreement` prints. */
export async function runAgreementBench(runs: number, log: (line: string) => void): Promise<Measurement> {
  const load = () => {
    try {
      return execFileSync('uptime', { encoding: 'utf8' }).trim();
    } catch {
      return `load ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
    }
  };
  log(`before: ${load()}`);
  const m = await measureAgreementIntervals(runs);
  log(`after:  ${load()}`);
  if (m.kind === 'value') log(`agreement.intervals: ${Math.round(m.value)} ms with intervals (median of ${m.samples}), ${Math.round(m.baseline ?? 0)} ms without; ${m.note}`);
  return m;
}
