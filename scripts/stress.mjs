// `npm run stress`: the crash test with hundreds of SIGKILLs and a long open/close/switch session.
// Prints what it did; fails if any acknowledged change is lost or any file is damaged.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kills = process.env.CONDENSA_STRESS_KILLS ?? '300';
const rounds = process.env.CONDENSA_STRESS_ROUNDS ?? '25';
const run = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'unit', 'tests/integration/crash.test.ts', 'tests/integration/many-projects.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CONDENSA_STRESS_KILLS: kills, CONDENSA_STRESS_ROUNDS: rounds, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() },
  },
);
process.exit(run.status ?? 1);
