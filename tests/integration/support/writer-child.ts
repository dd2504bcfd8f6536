// A writer for crash tests. It performs one kind of acknowledged work in a loop and prints
// "ack <id>" only after each command has returned, until it is killed:
//   coders  – adds coders;            coding – applies codes to meaning units as a new coder;
//   import  – imports small transcripts; merge – merges a returned coder copy (once);
//   migrate – opens (and so migrates) an older project file (once).
import { createClient } from '../../../shared/api/client';
import { Application } from '../../../electron/core/application';
import { directTransport } from '../../../electron/core/direct-transport';

async function main() {
  const [mode, file, folder, extra] = process.argv.slice(2);
  const app = new Application({ platform: 'direct', version: 'test', dialogs: null, projectsFolder: folder, userDataFolder: folder });
  const client = createClient(directTransport(app));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (mode === 'migrate') {
    // Ready before opening: the kill may land anywhere in the migration.
    say('ready');
    await client.call('project.open', { path: file });
    say('ack migrated');
    return hold();
  }
  await client.call('project.open', { path: file });
  say('ready');
  if (mode === 'merge') {
    await client.call('exchange.merge', { path: extra });
    say('ack merged');
    return hold();
  }
  if (mode === 'coding') {
    const coder = await client.call('coders.create', { name: `Crash coder ${process.pid}` });
    await client.call('coders.setCurrent', { coderId: coder.id });
    const codes = (await client.call('codebook.list', {})).filter((n) => n.level === 'code');
    const units = (await Promise.all((await client.call('documents.list', {})).map((d) => client.call('documents.get', { id: d.id })))).flatMap((d) => d.units);
    for (let i = 0; ; i += 1) {
      const change = await client.call('codings.apply', { target: { unitIds: [units[i % units.length].id] }, codeIds: [codes[i % codes.length].id] });
      for (const c of change.added) say(`ack ${c.id}`);
    }
  }
  if (mode === 'import') {
    for (let i = 0; ; i += 1) {
      const text = `Interviewer: How was week ${i}?\n\nP1: It was long. I mean, the anatomy practical was hard.\n\nP2: For me it was fine. My mentor helped.`;
      const preview = await client.call('import.preview', { sources: [{ kind: 'text', name: `Interview ${i}`, text }] });
      const first = preview.files[0];
      if (!first.ok) throw new Error(first.error.message);
      const done = await client.call('import.commit', { previewId: first.preview.previewId });
      say(`ack ${done.documentId}`);
    }
  }
  for (let i = 0; ; i += 1) {
    const coder = await client.call('coders.create', { name: `Coder ${i}` });
    say(`ack ${coder.id}`);
  }
}

function hold(): Promise<never> {
  return new Promise(() => setInterval(() => undefined, 1000));
}

void main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(3);
});
