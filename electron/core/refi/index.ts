import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { LevelMode, RefiImportReport, RefiLevelPreview, SheetColumnRole, SheetLayout } from '../../../shared/api/methods/refi';
import type { Methodology, NodeLevel } from '../../../shared/domain/vocabulary';
import { projectSettings } from '../repos/project-repo';
import { plural } from '../export/blocks';
import { ProjectSession } from '../session';
import { recordEvent } from '../store/history';
import { nowIso, stmt } from '../store/statements';
import type { TaskStep } from '../tasks';
import { exportCodebookXml, exportProjectQdpx, type ExportSummary } from './export-study';
import {
  applyCodebookPlan,
  applyProjectPlan,
  findRecord,
  Ids,
  MAX_NAME,
  planCodebookImport,
  planCodes,
  type CodebookPlan,
  planProjectImport,
  projectLevels,
  type ExistingNodes,
  type ImportOptions,
  type ImportPlan,
  type PlacedCode,
} from './import-study';
import { RECORD_NOTE_NAME } from './convention';
import type { RefiProject } from './model';
import { openCodebook, readUnpacked, unpackProject } from './package';
import { readProject } from './read-qde';
import { ReportBuilder } from './report';
import { codebookSheetRows, isCodebookSheet, readCodebookSheet, SHEET_EXPORT_COLUMNS } from './sheet-codebook';
import { listNodes, nodeExampleTexts } from '../repos/codebook-repo';
import { renderCsv, renderXlsx } from '../export/spreadsheet';
import { parseXml } from './xml';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip';

// The REFI-QDA exchange as plain functions over a database and bytes: the handlers, the CLI
// and the benchmarks all call these.

export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip';
export type { ExportSummary } from './export-study';

export function refiOrigin(version: string): string {
  return `Condensa ${version}`;
}

/** The whole study as .qdpx bytes; `step` hears of each stage and may stop it (see exportProjectQdpx). */
export async function exportQdpx(db: Database.Database, version: string, step?: TaskStep): Promise<{ bytes: Uint8Array; summary: ExportSummary }> {
  const { bytes, summary } = await exportProjectQdpx(db, refiOrigin(version), step);
  return { bytes, summary };
}

/** The codebook as a spreadsheet (one row per node: path, level, definition, criteria, example, colour, ID). */
export async function exportCodebookSheet(db: Database.Database, format: 'csv' | 'xlsx'): Promise<{ bytes: Uint8Array; summary: ExportSummary }> {
  const nodes = listNodes(db, null);
  const { rows, notes } = codebookSheetRows(nodes, nodeExampleTexts(db));
  const sheet = { name: 'Codebook', columns: [...SHEET_EXPORT_COLUMNS] as string[], rows, totalRows: rows.length };
  const bytes = format === 'csv' ? renderCsv(sheet) : await renderXlsx([sheet], 'Codebook');
  return { bytes, summary: { counts: { codes: nodes.length }, notes } };
}

/** The codebook as .qdc bytes. */
export function exportQdc(db: Database.Database, version: string): { bytes: Uint8Array; summary: ExportSummary } {
  const { xml, summary } = exportCodebookXml(db, refiOrigin(version));
  return { bytes: new TextEncoder().encode(xml), summary };
}

/**
 * Reads and plans an import without touching any project: a bad file fails here, before anything
 * changes. Each stage tells `step`, which may stop it.
 */
export async function planQdpxImport(bytes: Uint8Array, fileName: string, step: TaskStep, options: ImportOptions & { limits?: ZipLimits } = {}): Promise<ImportPlan> {
  await step('Opening the file', 0, 4);
  const unpacked = unpackProject(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  await step(`Reading ${unpacked.qdeName}`, 1, 4);
  const root = parseXml(unpacked.xml, unpacked.label);
  await step('Reading the sources, codes and codings', 2, 4);
  const opened = readUnpacked(unpacked, root);
  await step('Placing the codings in the text', 3, 4);
  return planProjectImport(opened.project, opened.files, opened.readNotes, fileName, options);
}

/** Creates a new project file from a planned import, in the one transaction that creates the file. */
export async function createProjectFromPlan(plan: ImportPlan, targetPath: string, step: TaskStep): Promise<{ session: ProjectSession; report: RefiImportReport }> {
  let skipped = 0;
  const methodology = (plan.project.settings.methodology as Methodology | undefined) ?? 'content-analysis';
  const session = await ProjectSession.createAsync(targetPath, plan.project.title, methodology, async (db) => {
    skipped = await applyProjectPlan(db, plan, step);
    recordEvent(db, 'refi.importProject', importSummary(plan));
  });
  const report = skipped
    ? { ...plan.report, items: [...plan.report.items, { kind: 'skipped' as const, message: 'Rows of the Condensa record that no longer fit the project were skipped', count: skipped }] }
    : plan.report;
  return { session, report };
}

/** The audit log's first line for an imported project: the file, the program that made it, what came in. */
function importSummary(plan: ImportPlan): string {
  const rows = (table: string) => plan.tables.find((t) => t.table === table)?.rows ?? [];
  const made = plan.report.origin ? `, made by ${plan.report.origin}` : '';
  const what = [
    plural(rows('documents').length, 'document'),
    plural(rows('codebook_nodes').filter((n) => n.level === 'code').length, 'code'),
    plural(rows('codings').length, 'coding'),
    plural(rows('memos').length + rows('journal_entries').length, 'memo'),
  ];
  return `Import the project “${plan.source}”${made}: ${what.join(', ')}`;
}

/** What the project has, for merging a codebook into it: every node by id, and by name when asked. */
function existingNodes(db: Database.Database, matchByName: boolean): ExistingNodes {
  const rows = stmt(db, `SELECT id, name, level FROM codebook_nodes ORDER BY sort, name`).all() as { id: string; name: string; level: NodeLevel }[];
  const byName = new Map<string, { id: string; level: NodeLevel }>();
  if (matchByName) for (const r of rows) if (!byName.has(r.name.trim().toLowerCase())) byName.set(r.name.trim().toLowerCase(), { id: r.id, level: r.level });
  return { levels: new Map(rows.map((r) => [r.id, r.level])), byName: matchByName ? byName : null };
}

export interface CodebookImportOptions {
  readonly levels?: LevelMode;
  readonly levelOverrides?: Readonly<Record<string, NodeLevel>>;
  readonly matchByName?: boolean;
  readonly limits?: ZipLimits;
  /** A spreadsheet's columns as the user chose them (see readCodebookSheet). */
  readonly columns?: Readonly<Record<string, SheetColumnRole>>;
  /** Planning for the preview: a spreadsheet whose names column is not found still shows its columns. */
  readonly preview?: boolean;
}

/**
 * Plans adding a codebook file to a project: a .qdc, a .qdpx's codebook, or a codebook spreadsheet
 * (.csv, .xlsx). Nothing is written; `apply` writes it in the caller's transaction.
 */
export async function planCodebookFile(db: Database.Database, bytes: Uint8Array, fileName: string, options: CodebookImportOptions = {}) {
  const choice = { mode: options.levels ?? 'auto', methodology: projectSettings(db).methodology, overrides: options.levelOverrides };
  const existing = existingNodes(db, options.matchByName ?? false);
  let sheet: SheetLayout | null = null;
  let created: ReadonlySet<string> = new Set();
  let plan: CodebookPlan;
  if (isCodebookSheet(bytes, fileName)) {
    const read = await readCodebookSheet(bytes, fileName, options.columns, options.preview);
    sheet = read.layout;
    created = read.created;
    plan = planCodebookImport(read.codebook, existing, { repairedGuids: 0 }, { ...choice, given: read.given }, read);
  } else {
    const { codebook, readNotes } = openCodebook(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
    plan = planCodebookImport(codebook, existing, readNotes, choice);
  }
  return { report: plan.report, added: plan.nodes.length, plan, sheet, created, apply: () => applyCodebookPlan(db, plan) };
}

/**
 * A project's codebook and exchange record, for the preview: only those parts of the XML are
 * parsed when they can be cut out, so a project with 100,000 selections previews at once.
 */
function projectCodebook(bytes: Uint8Array, limits: ZipLimits): RefiProject {
  const unpacked = unpackProject(bytes, limits);
  const part = codebookPart(unpacked.xml.text);
  if (part !== null) {
    try {
      return readProject(parseXml({ ...unpacked.xml, text: part }, unpacked.label)).project;
    } catch {
      // A cut that does not parse (an odd file): the whole file is read below, with its own messages.
    }
  }
  return readProject(parseXml(unpacked.xml, unpacked.label)).project;
}

/** The project's root tag, its CodeBook and Condensa's record note, as a small document; null when they cannot be found plainly. */
export function codebookPart(xml: string): string | null {
  const root = /<(?:[\w.-]+:)?Project\b[^>]*>/.exec(xml);
  if (!root || root[0].endsWith('/>')) return null;
  const prefix = /^<([\w.-]+:)?/.exec(root[0])![1] ?? '';
  let codebook = '';
  const start = xml.indexOf(`<${prefix}CodeBook`, root.index);
  if (start >= 0) {
    const end = xml.indexOf(`</${prefix}CodeBook>`, start);
    if (end < 0) return null;
    codebook = xml.slice(start, end + `</${prefix}CodeBook>`.length);
  }
  let record = '';
  const named = xml.indexOf(`name="${RECORD_NOTE_NAME}"`);
  if (named >= 0) {
    const open = xml.lastIndexOf(`<${prefix}Note `, named);
    const close = xml.indexOf(`</${prefix}Note>`, named);
    if (open < 0 || close < 0) return null;
    record = `<${prefix}Notes>${xml.slice(open, close + `</${prefix}Note>`.length)}</${prefix}Notes>`;
  }
  return `${root[0]}${codebook}${record}</${prefix}Project>`;
}

/** The preview shows this many nodes; a codebook larger than that is summed up. */
const PREVIEW_NODES = 5_000;

function previewOf(
  placed: readonly PlacedCode[],
  origin: string | null,
  methodology: Methodology,
  mode: RefiLevelPreview['mode'],
  report: RefiImportReport,
  created?: ReadonlySet<string>,
): RefiLevelPreview {
  const nodes = placed.slice(0, PREVIEW_NODES).map((p) => ({
    guid: p.code.guid,
    parentGuid: p.parent?.guid ?? null,
    name: p.code.name.slice(0, MAX_NAME),
    depth: p.depth,
    level: p.level,
    basis: p.basis,
    codable: p.code.isCodable,
    match: p.match,
    ...(created?.has(p.code.guid) ? { created: true } : {}),
  }));
  const notes = report.items.filter((i) => i.kind !== 'skipped' || /code/i.test(i.message)).map((i) => `${i.message}${i.count > 1 ? ` (${i.count})` : ''}`);
  return { origin, methodology, mode, nodes, more: placed.length - nodes.length, notes, sheet: null };
}

/**
 * The codebook of a file as it would come in, without writing anything: a project's (as a new
 * project, with `methodology`) or a codebook's (merged into the open project `db`).
 */
export async function previewLevels(
  bytes: Uint8Array,
  kind: 'project' | 'codebook',
  options: CodebookImportOptions & { methodology?: Methodology; db?: Database.Database; fileName?: string },
): Promise<RefiLevelPreview> {
  if (kind === 'codebook') {
    if (!options.db) throw new AppError('NO_PROJECT', 'Open the project the codebook should go into first, then import the codebook.');
    const { plan, report, sheet, created } = await planCodebookFile(options.db, bytes, options.fileName ?? '', { ...options, preview: true });
    return { ...previewOf(plan.placed, report.origin, projectSettings(options.db).methodology, plan.mode, report, created), sheet };
  }
  const project = projectCodebook(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  const report = new ReportBuilder(project.origin);
  const { record } = findRecord(project, report);
  const methodology = options.methodology ?? record?.project.methodology ?? 'content-analysis';
  const levels = projectLevels(project, record, { ...options, methodology });
  const plan = planCodes(project.codes, new Ids(), record, nowIso(), report, levels);
  return previewOf(plan.placed, project.origin, methodology, levels.mode, report.build());
}
