// Runs browser mode in a process of its own and reports where it listens as one JSON line, so a
// test can knock at it and then check that the process is still alive.
import fs from 'node:fs';
import path from 'node:path';
import { startBrowserMode } from '../../../electron/web/server';

const dir = process.argv[2];
const rendererDir = path.join(dir, 'renderer');
fs.mkdirSync(rendererDir, { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Condensa</title>');
void startBrowserMode({ rendererDir, ports: { version: 'test', projectsFolder: path.join(dir, 'projects'), userDataFolder: path.join(dir, 'user-data') } }).then((server) => {
  process.stdout.write(`${JSON.stringify({ port: server.port, token: server.token, origin: server.origin })}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
});
