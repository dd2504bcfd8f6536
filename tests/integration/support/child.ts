import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

/** Bundles a TypeScript entry into a runnable CommonJS file, so tests can run it in a child process. */
export function bundleForChild(entry: string): string {
  // Inside the repository, so the child resolves node_modules (better-sqlite3) like the app does.
  const folder = path.join(repoRoot, 'test-results', 'children');
  fs.mkdirSync(folder, { recursive: true });
  const out = path.join(fs.mkdtempSync(path.join(folder, 'child-')), `${path.basename(entry, '.ts')}.cjs`);
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', outfile: out, logLevel: 'error', absWorkingDir: repoRoot });
  return out;
}
