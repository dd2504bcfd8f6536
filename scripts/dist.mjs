// `npm run dist`: the installers, on a release machine with internet. Builds the app, rebuilds
// better-sqlite3 for Electron's ABI, runs electron-builder (which downloads Electron), and then,
// whatever happened, rebuilds better-sqlite3 for Node again so that `npm test` keeps working.
// Targets default to this machine's platform; pass others through: `npm run dist -- --win`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distPlan, runDist } from './lib/dist-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';
const bin = (name) => path.join(root, 'node_modules', '.bin', windows ? `${name}.cmd` : name);

if (!fs.existsSync(bin('electron-rebuild')) || !fs.existsSync(bin('electron-builder'))) {
  console.error('electron-builder or @electron/rebuild is missing from node_modules: run `npm ci` first.');
  process.exit(1);
}
const plan = distPlan({
  platform: process.platform,
  electronVersion: JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version,
  extraArgs: process.argv.slice(2),
  node: process.execPath,
  bin,
  npm: windows ? 'npm.cmd' : 'npm',
});

// Ctrl+C reaches the running step too; staying alive lets the restore step still run.
process.on('SIGINT', () => console.error('\nInterrupted: restoring the Node build of better-sqlite3 before exiting…'));

const result = runDist(plan, ({ title, command, args }) => {
  console.log(`\n▶ ${title}\n  ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: windows });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status ?? r.signal}).`);
});
if (!result.restored) console.error('\nbetter-sqlite3 is still built for Electron: run `npm rebuild better-sqlite3` before running the tests.');
if (!result.ok) {
  console.error(`\n✗ ${result.failure.message}`);
  process.exit(1);
}
console.log(`\n✓ Installers are in ${path.join(root, 'release')}.`);
