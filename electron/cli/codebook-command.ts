import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '../../shared/api/client';
import { CODEBOOK_FORMATS, LEVEL_MODES, SHEET_COLUMN_ROLES, type CodebookFormat, type LevelMode, type SheetColumnRole } from '../../shared/api/methods/refi';
import { NODE_LEVEL_LABELS } from '../../shared/domain/vocabulary';
import { printReport } from './refi-command';

export const CODEBOOK_HELP = `  condensa import-codebook FILE --into PROJECT [--levels auto|descriptions|depth|none] [--match-by-name]
                           [--column N=ROLE]... [--dry-run] [--json]
        Add a codebook to a project: a REFI-QDA codebook (.qdc, .qdpx) or a spreadsheet (.csv, .tsv,
        .xlsx) with a name or path column (A > B, A::B or A\\B), or a parent column, and level,
        definition, inclusion, exclusion, example and colour columns. Headers are recognised in
        English, German, Spanish, French and Portuguese; --column 3=definition says what column 3
        (counted from 1) holds. ROLE: ${SHEET_COLUMN_ROLES.join(', ')}. --dry-run prints each node
        with its level and why, and writes nothing. --levels as for import-qdpx (a level column
        counts as the file's own levels).
  condensa export-codebook PROJECT -o OUT.csv|OUT.xlsx|OUT.qdc [--force] [--json]
        Write the codebook: a spreadsheet has one row per node with its path, level, definition,
        criteria, example, colour and ID, and imports back as the same codebook.`;

export type CodebookCommand = 'import-codebook' | 'export-codebook';

export interface CodebookCliOptions {
  readonly command: CodebookCommand;
  readonly input: string;
  readonly project: string;
  readonly output: string;
  readonly levels: LevelMode;
  readonly matchByName: boolean;
  readonly columns: Record<string, SheetColumnRole>;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly force: boolean;
}

/** Parses the arguments; a string is a usage problem to report. */
export function parseCodebookArgs(command: CodebookCommand, args: readonly string[], cwd: string): CodebookCliOptions | string {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      into: { type: 'string' },
      output: { type: 'string', short: 'o' },
      levels: { type: 'string', default: 'auto' },
      'match-by-name': { type: 'boolean', default: false },
      column: { type: 'string', multiple: true, default: [] },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  const levels = values.levels as LevelMode;
  if (!LEVEL_MODES.includes(levels)) return `--levels takes one of ${LEVEL_MODES.join(', ')}, not “${values.levels}”.`;
  if (positionals.length !== 1) return `${command} needs exactly one ${command === 'import-codebook' ? 'FILE' : 'PROJECT'}.`;
  const columns: Record<string, SheetColumnRole> = {};
  for (const c of values.column) {
    const m = /^(\d{1,4})=(\w+)$/.exec(c);
    if (!m || Number(m[1]) < 1 || !SHEET_COLUMN_ROLES.includes(m[2] as SheetColumnRole)) return `--column takes N=ROLE (N counted from 1; ROLE one of ${SHEET_COLUMN_ROLES.join(', ')}), not “${c}”.`;
    columns[String(Number(m[1]) - 1)] = m[2] as SheetColumnRole;
  }
  const base = { command, levels, matchByName: values['match-by-name'], columns, dryRun: values['dry-run'], json: values.json, force: values.force };
  if (command === 'import-codebook') {
    if (!values.into) return 'import-codebook needs --into PROJECT (the .condensa file the codes go into).';
    return { ...base, input: path.resolve(cwd, positionals[0]), project: path.resolve(cwd, values.into), output: '' };
  }
  if (!values.output) return 'export-codebook needs -o OUT.csv, OUT.xlsx or OUT.qdc.';
  const ext = path.extname(values.output).slice(1).toLowerCase();
  if (!CODEBOOK_FORMATS.includes(ext as CodebookFormat)) return `export-codebook writes .csv, .xlsx or .qdc, not “${path.basename(values.output)}”.`;
  return { ...base, input: '', project: path.resolve(cwd, positionals[0]), output: path.resolve(cwd, values.output) };
}

/** Runs one codebook command through the contract. */
export async function runCodebook(client: Client, o: CodebookCliOptions, out: (line: string) => void): Promise<void> {
  if (o.command === 'export-codebook') {
    await client.call('project.open', { path: o.project, readOnly: true });
    const format = path.extname(o.output).slice(1).toLowerCase() as CodebookFormat;
    const r = await client.call('refi.exportCodebook', { path: o.output, format, overwrite: o.force });
    if (o.json) out(JSON.stringify({ path: r.path, bytes: r.bytes, counts: r.counts, notes: r.notes }, null, 2));
    else {
      out(`Wrote ${r.path} (${r.counts.codes ?? 0} nodes).`);
      for (const note of r.notes) out(`  note: ${note}`);
    }
    return;
  }
  await client.call('project.open', { path: o.project, readOnly: o.dryRun });
  const params = { sourcePath: o.input, fileName: path.basename(o.input), levels: o.levels, matchByName: o.matchByName, columns: o.columns };
  if (o.dryRun) {
    const preview = await client.call('refi.previewLevels', { ...params, kind: 'codebook' });
    if (o.json) {
      out(JSON.stringify(preview, null, 2));
      return;
    }
    if (preview.sheet) {
      out(`Columns (${preview.sheet.shape}):`);
      preview.sheet.columns.forEach((c, i) => out(`  ${String(i + 1).padStart(2)} ${c.header || '(no header)'} → ${c.role}${c.recognised ? '' : ' (not recognised)'}`));
    }
    out('Nodes (nothing written):');
    for (const n of preview.nodes) out(`  ${'  '.repeat(Math.min(n.depth, 12))}${n.name} — ${NODE_LEVEL_LABELS[n.level]} (${n.match === 'new' ? n.basis : `already in the project by ${n.match}`})`);
    if (preview.more) out(`  … and ${preview.more} more`);
    for (const note of preview.notes) out(`  note: ${note}`);
    return;
  }
  const { report } = await client.call('refi.importCodebook', params);
  if (o.json) out(JSON.stringify({ project: o.project, report }, null, 2));
  else printReport(report, out);
}
