// `npm run bench`: builds the renderer (unless --no-build), bundles bench/ with esbuild and runs it.
//   npm run bench                        small and large studies, every figure (min / median / max, busy marks),
//                                        every report's export of the large study, table + bench-results/latest.json
//   npm run bench -- --no-reports        without the report exports (--report-runs=N: runs per export, 3 by default)
//   npm run bench -- --huge              the huge study too
//   npm run bench -- --sizes=small       only some sizes (tiny, small, large, huge)
//   npm run bench -- --no-browser        the Node figures only (--no-core: the Chromium figures only)
//   npm run bench -- --profile           also a CPU profile of applying codes, its hottest functions printed
//   npm run bench -- --trace             also a Chromium trace of applying codes, the main thread's time printed
//   npm run bench -- --refi              only REFI-QDA export and import, large study, 5 runs each against the bare minimum (--runs=N, --sizes=small)
//   npm run bench -- --agreement         only agreement with and without 95% intervals, 50,000 units × 300 codes (--runs=N), with uptime
//   npm run bench -- --readme            rewrite the README's Performance section from latest.json (and reports.json)
//   npm run bench -- --reports           every report's export of the large study, each in a process of its own
//   npm run bench -- --readme=reports    only the report exports' table, from reports.json (--readme=main: only the other)
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const readmeOnly = args.some((a) => a === '--readme' || a.startsWith('--readme='));

// The renderer is built into a folder of the bench's own: a rebuild of out/ while the bench runs
// (by npm test, or anyone working in the same tree) must not pull the page from under Chromium.
const renderer = path.join(root, 'bench-results', '.build', 'renderer');
if (!readmeOnly && !args.includes('--no-build') && !args.includes('--agreement') && !args.includes('--refi')) {
  // A profile names the renderer's own functions: build it unminified then.
  const minify = !args.includes('--profile');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: renderer, emptyOutDir: true, minify } });
}

// Each run bundles to a file of its own: a second bench started meanwhile must not rewrite the
// bundle this run's children start from.
const bundle = path.join(root, 'bench-results', '.build', `bench-${process.pid}.cjs`);
fs.mkdirSync(path.dirname(bundle), { recursive: true });
await build({
  entryPoints: [path.join(root, 'bench/main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile: bundle,
  logLevel: 'warning',
  define: { __CONDENSA_VERSION__: JSON.stringify('bench') },
});

const mode = readmeOnly ? ['readme', ...args] : ['run', ...args.filter((a) => a !== '--no-build')];
const run = spawnSync(process.execPath, [bundle, ...mode], { stdio: 'inherit', cwd: root });
fs.rmSync(bundle, { force: true });
process.exit(run.status ?? 1);
