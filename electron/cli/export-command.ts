import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '../../shared/api/client';
import { AppError } from '../../shared/api/errors';
import { ABSTRACTION_COLUMNS, FORMATS_BY_KIND, REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind, type AbstractionColumn, type ReportOptions } from '../../shared/api/methods/reports';
import { NODE_LEVELS, type NodeLevel } from '../../shared/domain/vocabulary';
import { REPORT_LANGUAGE_TAGS, type ReportLanguageTag } from '../../shared/domain/languages';
import { findCoder } from './agreement-command';

export const EXPORT_HELP = `  condensa export FILE --what REPORT [--format docx|xlsx|csv] -o OUT [--force] [--coder auto|consensus|merged|NAME]
                 [--pseudonyms on|off] [--attribution TEMPLATE] [--levels theme,category,…] [--first-table N]
                 [--attributes NAME,…] [--by session|group] [--count units|participants] [--columns COL,…]
                 [--quotes-per-node N] [--landscape | --portrait] [--names-checked] [--coder-names on|off]
                 [--language auto|${REPORT_LANGUAGE_TAGS.join('|')}]
        Write a report as the Reports tab does. REPORT: ${REPORT_KINDS.join(', ')}.
        The format defaults to OUT's extension; pseudonyms are on unless --pseudonyms off.
        --attributes: the participant attributes of the participants table and the matrix, by name.
        --columns: the abstraction table's columns, from ${ABSTRACTION_COLUMNS.join(', ')}.
        While a consensus is under way with discrepancies open, the export says how many are
        resolved and asks for --coder consensus (as it stands) or --coder merged.
        With pseudonyms on, titles, session and group names print as checked in the app's Reports tab
        (else with participants' labels swapped for pseudonyms); while any printed name is unchecked the
        export lists them and stops, unless --names-checked says you accept them as they print.
        --coder-names off prints coders as Coder A, B… (blind review).
        --language: the Word document's language and quotation marks (auto: the transcripts').
        An existing OUT is replaced only with --force, and never when it is a project file or a backup.`;

export interface ExportOptions {
  readonly file: string;
  readonly kind: ReportKind;
  readonly format: ReportFormat;
  readonly out: string;
  readonly force: boolean;
  readonly coder: string;
  /** Attribute names, matched to ids once the project is open. */
  readonly attributes: readonly string[] | null;
  readonly options: ReportOptions;
}

/** The options, or a sentence saying what is wrong with the command line. */
export function parseExportArgs(args: readonly string[], cwd: string): ExportOptions | string {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      what: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      coder: { type: 'string', default: 'auto' },
      pseudonyms: { type: 'string', default: 'on' },
      attribution: { type: 'string' },
      levels: { type: 'string' },
      'first-table': { type: 'string' },
      attributes: { type: 'string' },
      by: { type: 'string' },
      count: { type: 'string' },
      columns: { type: 'string' },
      'quotes-per-node': { type: 'string' },
      landscape: { type: 'boolean', default: false },
      portrait: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'names-checked': { type: 'boolean', default: false },
      'coder-names': { type: 'string', default: 'on' },
      language: { type: 'string', default: 'auto' },
    },
  });
  if (positionals.length !== 1) return 'export needs exactly one FILE.';
  const kind = values.what as ReportKind | undefined;
  if (!kind || !REPORT_KINDS.includes(kind)) return `export needs --what, one of ${REPORT_KINDS.join(', ')}.`;
  if (!values.output) return 'export needs -o OUT, the file to write.';
  const format = (values.format ?? path.extname(values.output).slice(1).toLowerCase()) as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return `--format must be one of ${REPORT_FORMATS.join(', ')} (or give OUT one of those extensions).`;
  if (!FORMATS_BY_KIND[kind].includes(format)) return `--what ${kind} can be written as ${FORMATS_BY_KIND[kind].join(' or ')}, not ${format}.`;
  if (values.pseudonyms !== 'on' && values.pseudonyms !== 'off') return '--pseudonyms must be on or off.';
  if (values['coder-names'] !== 'on' && values['coder-names'] !== 'off') return '--coder-names must be on or off.';
  const levels = values.levels?.split(',').map((l) => l.trim()).filter(Boolean);
  const badLevel = levels?.find((l) => !(NODE_LEVELS as readonly string[]).includes(l));
  if (badLevel) return `--levels takes ${NODE_LEVELS.join(', ')}; “${badLevel}” is not one of them.`;
  const firstTable = values['first-table'] === undefined ? undefined : Number(values['first-table']);
  if (firstTable !== undefined && (!Number.isInteger(firstTable) || firstTable < 1)) return '--first-table must be a whole number, 1 or more.';
  const list = (v: string | undefined) => v?.split(',').map((x) => x.trim()).filter(Boolean);
  const columns = list(values.columns);
  const badColumn = columns?.find((c) => !(ABSTRACTION_COLUMNS as readonly string[]).includes(c));
  if (badColumn) return `--columns takes ${ABSTRACTION_COLUMNS.join(', ')}; “${badColumn}” is not one of them.`;
  if (values.by !== undefined && values.by !== 'session' && values.by !== 'group') return '--by must be session or group.';
  if (values.count !== undefined && values.count !== 'units' && values.count !== 'participants') return '--count must be units or participants.';
  const quotes = values['quotes-per-node'] === undefined ? undefined : Number(values['quotes-per-node']);
  if (quotes !== undefined && (!Number.isInteger(quotes) || quotes < 0 || quotes > 20)) return '--quotes-per-node must be a whole number from 0 to 20.';
  if (values.landscape && values.portrait) return 'Choose --landscape or --portrait, not both.';
  const language = values.language as 'auto' | ReportLanguageTag;
  if (language !== 'auto' && !REPORT_LANGUAGE_TAGS.includes(language)) return `--language takes auto or ${REPORT_LANGUAGE_TAGS.join(', ')}.`;
  return {
    file: path.resolve(cwd, positionals[0]),
    kind,
    format,
    out: path.resolve(cwd, values.output),
    force: values.force,
    coder: values.coder,
    attributes: list(values.attributes) ?? null,
    options: {
      ...(columns ? { columns: columns as AbstractionColumn[] } : {}),
      ...(values.by ? { by: values.by === 'session' ? ('document' as const) : ('group' as const) } : {}),
      ...(values.count ? { count: values.count as 'units' | 'participants' } : {}),
      ...(quotes !== undefined ? { quotesPerNode: quotes } : {}),
      ...(values.landscape ? { orientation: 'landscape' as const } : values.portrait ? { orientation: 'portrait' as const } : {}),
      pseudonyms: values.pseudonyms === 'on',
      namesChecked: values['names-checked'],
      coderNames: values['coder-names'] === 'on',
      ...(values.attribution !== undefined ? { attribution: values.attribution } : {}),
      ...(levels ? { levels: levels as NodeLevel[] } : {}),
      ...(firstTable !== undefined ? { firstTable } : {}),
      language,
    },
  };
}

/** Attribute ids by name (case ignored); an unknown name is refused with the names there are. */
function attributeIds(attributes: readonly { id: string; name: string }[], names: readonly string[]): string[] {
  return names.map((name) => {
    const hit = attributes.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (!hit) throw new AppError('NOT_FOUND', `No attribute is called “${name}”. This project has: ${attributes.map((a) => a.name).join(', ') || 'none'}.`);
    return hit.id;
  });
}

/** Opens the project, resolves the coder by name or initials, writes the report; says where and what. */
export async function runExport(client: Client, o: ExportOptions, out: (line: string) => void): Promise<void> {
  await client.call('project.open', { path: o.file, readOnly: true });
  const coder = ['auto', 'consensus', 'merged'].includes(o.coder) ? o.coder : findCoder(await client.call('coders.list', {}), o.coder).id;
  const options: ReportOptions = { ...o.options, coder, ...(o.attributes ? { attributeIds: attributeIds(await client.call('attributes.list', {}), o.attributes) } : {}) };
  const preview = await client.call('reports.preview', { kind: o.kind, options });
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  const written = await client.call('reports.export', { kind: o.kind, format: o.format, options, path: o.out, overwrite: o.force });
  out(`Wrote ${preview.title} (${o.format}, ${written.bytes} bytes) to ${written.path}.`);
  out(`Codings: ${preview.source}.`);
  for (const w of preview.warnings) out(`Note: ${w}`);
  const changed = preview.names.filter((n) => n.printed !== n.original);
  if (changed.length) out(`Names printed: ${changed.map((n) => `“${n.original}” as “${n.printed}”`).join('; ')}.`);
}
