// `npm start`: the Electron app when its binary can run here; otherwise browser mode, same renderer.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    if (!fs.existsSync(bin)) return null;
    const probe = spawnSync(bin, ['--version'], { timeout: 15000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    return probe.status === 0 ? bin : null;
  } catch {
    return null;
  }
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const bin = electronBinary();
const child = bin
  ? spawn(bin, [path.join(root, 'out/main/index.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' })
  : (console.log('The Electron binary is not available on this machine, so Condensa starts in browser mode instead.'),
    spawn(process.execPath, [path.join(root, 'out/cli/condensa.cjs'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
