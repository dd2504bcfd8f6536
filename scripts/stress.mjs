// `npm run stress`: the crash tests with hundreds of SIGKILLs and power cuts, and a long
// open/close/switch session. Prints where the kills landed; fails if any acknowledged change is
// lost, any file is damaged, or too few kills landed inside writes and after answers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const HELP = `Usage: npm run stress [-- --kills N] [-- --rounds N]

Runs, with the unit test project:
  tests/integration/crash.test.ts       N SIGKILLs spread over six kinds of write (coding, undo,
                                        import, merge, migrate, and coding over the real server's
                                        WebSocket); every acknowledged insert, update, delete, undo
                                        and redo is checked by value, and every file left by a kill
                                        must pass integrity_check, foreign_key_check and the FTS5
                                        integrity-check.
  tests/integration/power-loss.test.ts  N/6 power cuts (an LD_PRELOAD recorder drops or tears every
                                        write not yet synced; needs gcc) with synchronous = FULL, and
                                        a control with synchronous = OFF that must lose changes.
  tests/integration/many-projects.test.ts  R rounds of opening 20 projects: no leaked file handles.

Kills are timed from a first calibrating kill of each kind (no fixed delays), spread over the
measured write, and counted by where they landed: before the first write, mid-transaction or
between transactions; and, across those, after an acknowledgement (an answered change before the
kill). With 10 or more kills of a kind, each kind needs ≥ 20% mid-transaction, ≥ 10% after an
acknowledgement and ≤ 30% before any write; overall ≥ 20% mid-transaction and ≥ 20% after an
acknowledgement (a short run: at least one of each). Test time limits scale with a workload timed
on this machine first.

Options:
  --kills N    SIGKILLs in the crash test (default 300; CONDENSA_STRESS_KILLS)
  --rounds N   rounds of the many-projects session (default 25; CONDENSA_STRESS_ROUNDS)
  --help       this text
`;

const { values } = parseArgs({ options: { kills: { type: 'string' }, rounds: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kills = values.kills ?? process.env.CONDENSA_STRESS_KILLS ?? '300';
const rounds = values.rounds ?? process.env.CONDENSA_STRESS_ROUNDS ?? '25';
for (const [name, v] of [['--kills', kills], ['--rounds', rounds]]) {
  if (!/^\d+$/.test(v)) {
    process.stderr.write(`stress: ${name} must be a whole number.\n`);
    process.exit(2);
  }
}
const summaries = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-stress-'));
const crashSummary = path.join(summaries, 'crash.json');
const powerSummary = path.join(summaries, 'power.json');
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--project',
    'unit',
    'tests/integration/crash.test.ts',
    'tests/integration/power-loss.test.ts',
    'tests/integration/many-projects.test.ts',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      CONDENSA_STRESS_KILLS: kills,
      CONDENSA_STRESS_ROUNDS: rounds,
      CONDENSA_CRASH_SUMMARY: crashSummary,
      CONDENSA_POWER_SUMMARY: powerSummary,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
    },
  },
);

// Each kill is in one of the first three; "after-ack" counts those with an answered change before them.
const PHASES = ['before-first-write', 'mid-transaction', 'between-transactions'];
const COLUMNS = [...PHASES, 'after-ack'];
function table(byKind) {
  const rows = Object.entries(byKind).map(([k, r]) => [k, ...COLUMNS.map((p) => r[p]), PHASES.reduce((n, p) => n + r[p], 0)]);
  rows.push(['all', ...COLUMNS.map((p, i) => rows.reduce((n, r) => n + r[i + 1], 0)), rows.reduce((n, r) => n + r[COLUMNS.length + 1], 0)]);
  const head = ['kind', ...COLUMNS, 'kills'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  return [head, ...rows].map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}
const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : null);
const crash = read(crashSummary);
const power = read(powerSummary);
console.log('\nstress summary');
if (crash) {
  console.log(`\nSIGKILLs by phase:\n${table(crash.phases)}`);
  console.log(`${crash.acknowledged} acknowledged changes checked by value, ${crash.lost} lost, ${crash.damaged} damaged files`);
} else console.log('crash test: no summary (it did not finish)');
if (power) {
  console.log(`\nPower cuts by phase:\n${table(power.phases)}`);
  console.log(
    `${power.cuts} cuts, ${power.acknowledged} acknowledged changes, ${power.lost} lost, ${power.damaged} damaged; ` +
      `control (synchronous = OFF): ${power.controlLossy} of ${power.controlCuts} cuts lost changes`,
  );
} else console.log('power-loss test: no summary (skipped or did not finish)');
console.log(`\nstress: ${run.status === 0 ? 'every guard met' : 'FAILED'}`);
fs.rmSync(summaries, { recursive: true, force: true });
process.exit(run.status ?? 1);
