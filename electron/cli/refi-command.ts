import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '../../shared/api/client';
import { LEVEL_MODES, type LevelMode, type RefiImportReport } from '../../shared/api/methods/refi';

export const REFI_HELP = `  condensa import-qdpx FILE.qdpx -o NEW.condensa [--levels auto|descriptions|depth|none] [--json]
        Make a new project from a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder…), and
        report what was imported, converted and skipped. --levels says how levels above codes are
        found: auto (the default) reads Condensa's [Category] prefixes when the file has them, else
        the tree (non-codable parents and nesting, bottom-up: subcategory, category, theme);
        descriptions reads only the prefixes, depth only the tree, none makes every node a code.
  condensa export-qdpx PROJECT -o OUT.qdpx [--force] [--json]
        Write a project as a REFI-QDA project (.qdpx) other QDA programs can open.
  condensa export-qdc PROJECT -o OUT.qdc [--force] [--json]
        Write a project's codebook as a REFI-QDA codebook (.qdc). --force replaces an existing OUT
        (never a project file or a backup).`;

export type RefiCommand = 'import-qdpx' | 'export-qdpx' | 'export-qdc';

export interface RefiCliOptions {
  readonly command: RefiCommand;
  readonly input: string;
  readonly output: string;
  readonly json: boolean;
  readonly force: boolean;
  readonly levels: LevelMode;
}

/** Parses the arguments; a string is a usage problem to report. */
export function parseRefiArgs(command: RefiCommand, args: readonly string[], cwd: string): RefiCliOptions | string {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      levels: { type: 'string', default: 'auto' },
    },
  });
  const levels = values.levels as LevelMode;
  if (!LEVEL_MODES.includes(levels)) return `--levels takes one of ${LEVEL_MODES.join(', ')}, not “${values.levels}”.`;
  if (command !== 'import-qdpx' && values.levels !== 'auto') return `--levels is for import-qdpx; ${command} writes the levels the project has.`;
  if (positionals.length !== 1) return `${command} needs exactly one ${command === 'import-qdpx' ? 'FILE.qdpx' : 'PROJECT'}.`;
  if (!values.output) return `${command} needs -o ${command === 'import-qdpx' ? 'NEW.condensa' : command === 'export-qdpx' ? 'OUT.qdpx' : 'OUT.qdc'}.`;
  return { command, input: path.resolve(cwd, positionals[0]), output: path.resolve(cwd, values.output), json: values.json, force: values.force, levels };
}

export function printReport(report: RefiImportReport, out: (line: string) => void): void {
  out(`Imported from ${report.origin ?? 'an unnamed program'}${report.fromCondensa ? ' (a Condensa export: everything restored)' : ''}:`);
  for (const [name, n] of Object.entries(report.counts)) out(`  ${name.padEnd(14)} ${n}`);
  if (report.positions) out(report.positions.explanation);
  for (const item of report.items) out(`  ${item.kind}: ${item.message}${item.count > 1 ? ` (×${item.count})` : ''}`);
}

/** Runs one REFI-QDA command through the contract. */
export async function runRefi(client: Client, o: RefiCliOptions, out: (line: string) => void): Promise<void> {
  if (o.command === 'import-qdpx') {
    const { project, report } = await client.call('refi.importProject', { sourcePath: o.input, targetPath: o.output, fileName: path.basename(o.input), levels: o.levels });
    if (o.json) out(JSON.stringify({ path: project.path, report }, null, 2));
    else {
      out(`Created ${project.path}.`);
      printReport(report, out);
    }
    return;
  }
  await client.call('project.open', { path: o.input, readOnly: true });
  const method = o.command === 'export-qdpx' ? 'refi.exportProject' : 'refi.exportCodebook';
  const r = await client.call(method, { path: o.output, overwrite: o.force });
  if (o.json) {
    out(JSON.stringify({ path: r.path, bytes: r.bytes, counts: r.counts, notes: r.notes }, null, 2));
    return;
  }
  out(`Wrote ${r.path} (${r.bytes} bytes).`);
  for (const [name, n] of Object.entries(r.counts)) out(`  ${name.padEnd(14)} ${n}`);
  for (const note of r.notes) out(`  note: ${note}`);
}
