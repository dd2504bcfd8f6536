import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from '../../shared/api/client';
import { AppError } from '../../shared/api/errors';
import { METHODOLOGIES, type Methodology } from '../../shared/domain/vocabulary';
import { Application } from '../core/application';
import { defaultFolders } from '../core/default-paths';
import { directTransport } from '../core/direct-transport';
import { APP_VERSION } from '../core/version';
import { AGREEMENT_HELP, parseAgreementArgs, runAgreement } from './agreement-command';
import { CODEBOOK_HELP, parseCodebookArgs, runCodebook, type CodebookCommand } from './codebook-command';
import { EXPORT_HELP, parseExportArgs, runExport } from './export-command';
import { IMPORT_HELP, parseImportArgs, runImport } from './import-command';
import { REFI_HELP, parseRefiArgs, runRefi, type RefiCommand } from './refi-command';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

// Exit codes: 0 done; 1 the command failed (bad file, refused input); 2 the command line was wrong.
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const HELP = `condensa — qualitative content and thematic analysis, from the terminal

Usage:
  condensa new FILE [--title TITLE] [--method METHOD] [--sample]
        Create a project file. --sample fills it with a copy of the sample study.
        METHOD: ${METHODOLOGIES.join(', ')}
  condensa info FILE [--json]
        Show a project's schema version and the count of everything in it.
${IMPORT_HELP}
${REFI_HELP}
${CODEBOOK_HELP}
${AGREEMENT_HELP}
${EXPORT_HELP}
  condensa serve [--port N] [--no-open]
        Run Condensa in browser mode on http://127.0.0.1: prints the address to open
        (no browser is opened; --no-open is accepted and changes nothing).
  condensa --help | --version

Options:
  --json     print machine-readable JSON instead of text
Exit codes: 0 success, 1 the command failed (the message says why), 2 wrong usage.
`;

class UsageError extends Error {}

function withClient<T>(io: CliIo, work: (client: Client, app: Application) => Promise<T>): Promise<T> {
  const app = new Application({ platform: 'direct', version: APP_VERSION, dialogs: null, ...defaultFolders(io.env) });
  const client = createClient(directTransport(app));
  // A project the command opened to change keeps the backup its opening started: the restore point
  // from before this command's changes.
  return work(client, app).finally(async () => {
    await app.project?.backupSettled();
    app.closeProject();
  });
}

function printCounts(io: CliIo, counts: Record<string, number>): void {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [k, v] of Object.entries(counts)) io.out(`  ${k.padEnd(width)}  ${v}`);
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.out(APP_VERSION);
      return EXIT.ok;
    }
    if (command === 'new') return await cmdNew(rest, io);
    if (command === 'info') return await cmdInfo(rest, io);
    if (command === 'serve') return await cmdServe(rest, io);
    if (command === 'agreement') return await cmdAgreement(rest, io);
    if (command === 'export') return await cmdExport(rest, io);
    if (command === 'import') return await cmdImport(rest, io);
    if (command === 'import-qdpx' || command === 'export-qdpx' || command === 'export-qdc') return await cmdRefi(command, rest, io);
    if (command === 'import-codebook' || command === 'export-codebook') return await cmdCodebook(command, rest, io);
    throw new UsageError(`Unknown command “${command}”. Run condensa --help to see the commands.`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`condensa: ${err.message}`);
      return EXIT.usage;
    }
    if (err instanceof AppError) {
      const hint = err.code === 'FILE_EXISTS' ? ' Add --force to replace it.' : '';
      io.err(`condensa: ${err.message}${hint} [${err.code}]`);
      return EXIT.failed;
    }
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`condensa: ${(err as Error).message}. Run condensa --help.`);
      return EXIT.usage;
    }
    io.err(`condensa: unexpected failure: ${err instanceof Error ? err.stack : String(err)}`);
    return EXIT.failed;
  }
}

function onePath(positionals: readonly string[], io: CliIo, what: string): string {
  if (positionals.length !== 1) throw new UsageError(`${what} needs exactly one FILE.`);
  return path.resolve(io.cwd, positionals[0]);
}

async function cmdNew(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { title: { type: 'string' }, method: { type: 'string' }, sample: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const file = onePath(positionals, io, 'new');
  const method = (values.method ?? 'content-analysis') as Methodology;
  if (!METHODOLOGIES.includes(method)) throw new UsageError(`--method must be one of ${METHODOLOGIES.join(', ')}.`);
  const title = values.title ?? path.basename(file).replace(/\.condensa$/i, '');
  const summary = await withClient(io, (c) => c.call('project.create', { path: file, title, methodology: method, sample: values.sample }));
  if (values.json) io.out(JSON.stringify(summary, null, 2));
  else io.out(`Created ${summary.path}${values.sample ? ' (a copy of the sample study)' : ''}.`);
  return EXIT.ok;
}

async function cmdInfo(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const file = onePath(positionals, io, 'info');
  const summary = await withClient(io, (c) => c.call('project.open', { path: file, readOnly: true }));
  if (values.json) {
    io.out(JSON.stringify({ path: summary.path, schemaVersion: summary.schemaVersion, settings: summary.settings, counts: summary.counts }, null, 2));
  } else {
    io.out(`${summary.settings.title}`);
    io.out(`  file            ${summary.path}`);
    io.out(`  schema version  ${summary.schemaVersion}`);
    io.out(`  method          ${summary.settings.methodology}`);
    io.out('Counts:');
    printCounts(io, summary.counts);
  }
  return EXIT.ok;
}

async function cmdImport(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseImportArgs(args, io.cwd);
  if (typeof options === 'string') throw new UsageError(options);
  const ok = await withClient(io, (c) => runImport(c, options, io.out, io.err));
  return ok ? EXIT.ok : EXIT.failed;
}

async function cmdRefi(command: RefiCommand, args: readonly string[], io: CliIo): Promise<number> {
  const options = parseRefiArgs(command, args, io.cwd);
  if (typeof options === 'string') throw new UsageError(options);
  await withClient(io, (c) => runRefi(c, options, io.out));
  return EXIT.ok;
}

async function cmdCodebook(command: CodebookCommand, args: readonly string[], io: CliIo): Promise<number> {
  const options = parseCodebookArgs(command, args, io.cwd);
  if (typeof options === 'string') throw new UsageError(options);
  await withClient(io, (c) => runCodebook(c, options, io.out));
  return EXIT.ok;
}

async function cmdAgreement(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseAgreementArgs(args, io.cwd);
  if (typeof options === 'string') throw new UsageError(options);
  await withClient(io, (c) => runAgreement(c, options, io.out));
  return EXIT.ok;
}

async function cmdExport(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseExportArgs(args, io.cwd);
  if (typeof options === 'string') throw new UsageError(options);
  await withClient(io, (c) => runExport(c, options, io.out));
  return EXIT.ok;
}

async function cmdServe(args: readonly string[], io: CliIo): Promise<number> {
  // serve never opens a browser itself (it prints the address); --no-open is taken so scripts written for that say so.
  const { values } = parseArgs({ args: [...args], options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } } });
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535.');
  const { startBrowserMode } = await import('../web/server');
  const rendererDir = path.resolve(__dirname, '../renderer');
  const server = await startBrowserMode({ rendererDir, port, ports: { version: APP_VERSION, ...defaultFolders(io.env) } });
  io.out(`Condensa is running in browser mode. Open ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
