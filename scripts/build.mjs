// Builds everything the app runs from out/: the renderer (Vite) and the Node entry points
// (esbuild): Electron main, the core's process and preload (CommonJS — sandboxed preloads cannot be ESM) and the CLI,
// which also serves browser mode. Plain esbuild is enough for the Node side and needs no Electron.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
  define: { __CONDENSA_VERSION__: JSON.stringify(pkg.version) },
};

const started = Date.now();
if (wants('renderer')) {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
if (wants('node')) {
  await Promise.all([
    esbuild({ ...node, entryPoints: [path.join(root, 'electron/cli/index.ts')], outfile: path.join(root, 'out/cli/condensa.cjs') }),
    // The core's own process in the desktop app (a utilityProcess the main process starts).
    esbuild({ ...node, entryPoints: [path.join(root, 'electron/core/host.ts')], outfile: path.join(root, 'out/core/index.cjs') }),
    esbuild({ ...node, entryPoints: [path.join(root, 'electron/main/index.ts')], outfile: path.join(root, 'out/main/index.cjs'), external: ['electron'] }),
    esbuild({ ...node, entryPoints: [path.join(root, 'electron/preload/index.ts')], outfile: path.join(root, 'out/preload/index.cjs'), external: ['electron'] }),
  ]);
}
console.log(`Built Condensa ${pkg.version} into out/ in ${Date.now() - started} ms.`);
