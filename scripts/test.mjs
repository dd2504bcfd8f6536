// `npm test`: builds, runs the unit and integration tests and the end-to-end tests in Chromium,
// then prints one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
const inCi = process.env.CI === 'true';

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const projects = ['--project', 'unit'];
if (chromium) projects.push('--project', 'e2e');
else if (inCi) {
  console.error('End-to-end tests need Chromium and CI=true: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  console.log('0 passed, 1 failed');
  process.exit(1);
} else {
  console.warn('\n*** END-TO-END TESTS SKIPPED: no Chromium found. Install it with `apt-get install chromium` or set CHROMIUM_PATH. ***\n');
}

// Each project in its own vitest run: the unit tests in parallel workers, then the browser tests
// one file at a time, so the two never compete for the machine's two cores.
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
let passed = 0;
let failed = 0;
let skipped = 0;
for (let i = 0; i < projects.length; i += 2) {
  const name = projects[i + 1];
  const report = path.join(root, 'test-results', `vitest-${name}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const run = spawnSync(process.execPath, [vitest, 'run', '--project', name, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, CONDENSA_CHROMIUM: chromium ?? '' },
  });
  if (!fs.existsSync(report)) {
    failed += 1;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  // A file that fails before any test runs (an import error) counts as one failure.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  passed += r.numPassedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  failed += r.numFailedTests + brokenFiles + (run.status !== 0 && r.numFailedTests + brokenFiles === 0 ? 1 : 0);
}
if (!chromium) console.warn('*** End-to-end tests were skipped (no Chromium). ***');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
