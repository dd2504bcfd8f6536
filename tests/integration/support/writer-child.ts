// A writer for crash tests: `node writer-child.cjs <kind> <file> <folder> [extra]`. It prints
// "ready" once set up, then writes until it is killed, printing what each command changed (see
// crash-ops.ts) and, through the probe, when each write transaction begins and ends:
//   coding / undo / import – the loop in crash-ops.ts;
//   merge   – merges the returned coder copy `extra` (once);  migrate – opens an older file (once).
// CRASH_SYNCHRONOUS=OFF|NORMAL weakens the connection's syncing (the power-loss test's control).
import { createClient } from '../../../shared/api/client';
import { Application } from '../../../electron/core/application';
import { directTransport } from '../../../electron/core/direct-transport';
import { prepareWriter, type OpKind } from './crash-ops';
import { installTxProbe } from './tx-probe';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const [kind, file, folder, extra] = process.argv.slice(2);
  const app = new Application({ platform: 'direct', version: 'test', dialogs: null, projectsFolder: folder, userDataFolder: folder });
  const client = createClient(directTransport(app));
  installTxProbe(say);
  if (kind === 'migrate') {
    // Ready before opening: the migration's writes are the work under test.
    say('ready');
    await client.call('project.open', { path: file });
    say('ack 1 migrated true');
    return hold();
  }
  await client.call('project.open', { path: file });
  const weaker = process.env.CRASH_SYNCHRONOUS;
  if (weaker) app.requireProject().db.pragma(`synchronous = ${weaker === 'NORMAL' ? 'NORMAL' : 'OFF'}`);
  if (kind === 'merge') {
    say('ready');
    await client.call('exchange.merge', { path: extra });
    say('ack 1 merged true');
    return hold();
  }
  const loop = await prepareWriter(client, say, kind as OpKind, process.pid ^ Date.now());
  say('ready');
  await loop();
}

function hold(): Promise<never> {
  return new Promise(() => setInterval(() => undefined, 1000));
}

void main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(3);
});
