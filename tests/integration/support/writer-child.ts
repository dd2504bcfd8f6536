// A writer for crash tests: opens a project and adds coders one command at a time, printing
// "ack <id>" only after each command has returned (been acknowledged), until it is killed.
import { createClient } from '../../../shared/api/client';
import { Application } from '../../../electron/core/application';
import { directTransport } from '../../../electron/core/direct-transport';

async function main() {
  const [file, folder] = process.argv.slice(2);
  const app = new Application({ platform: 'direct', version: 'test', dialogs: null, projectsFolder: folder, userDataFolder: folder });
  const client = createClient(directTransport(app));
  await client.call('project.open', { path: file });
  process.stdout.write('ready\n');
  for (let i = 0; ; i += 1) {
    const coder = await client.call('coders.create', { name: `Coder ${i}` });
    process.stdout.write(`ack ${coder.id}\n`);
  }
}

void main();
