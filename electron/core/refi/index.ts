import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { LevelMode, RefiImportReport, RefiLevelPreview } from '../../../shared/api/methods/refi';
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
  planProjectImport,
  projectLevels,
  type ExistingNodes,
  type ImportOptions,
  type ImportPlan,
  type PlacedCode,
} from './import-study';
import { openCodebook, openProjectPackage, readUnpacked, unpackProject } from './package';
import { ReportBuilder } from './report';
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
}

/** Plans adding a .qdc (or a .qdpx's codebook) to a project; `apply` writes it in the caller's transaction. */
export function planQdcImport(db: Database.Database, bytes: Uint8Array, options: CodebookImportOptions = {}) {
  const { codebook, readNotes } = openCodebook(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  const plan = planCodebookImport(codebook, existingNodes(db, options.matchByName ?? false), readNotes, {
    mode: options.levels ?? 'auto',
    methodology: projectSettings(db).methodology,
    overrides: options.levelOverrides,
  });
  return { report: plan.report, added: plan.nodes.length, plan, apply: () => applyCodebookPlan(db, plan) };
}

/** The preview shows this many nodes; a codebook larger than that is summed up. */
const PREVIEW_NODES = 5_000;

function previewOf(placed: readonly PlacedCode[], origin: string | null, methodology: Methodology, mode: RefiLevelPreview['mode'], report: RefiImportReport): RefiLevelPreview {
  const nodes = placed.slice(0, PREVIEW_NODES).map((p) => ({
    guid: p.code.guid,
    parentGuid: p.parent?.guid ?? null,
    name: p.code.name.slice(0, MAX_NAME),
    depth: p.depth,
    level: p.level,
    basis: p.basis,
    codable: p.code.isCodable,
    match: p.match,
  }));
  const notes = report.items.filter((i) => i.kind !== 'skipped' || /code/i.test(i.message)).map((i) => `${i.message}${i.count > 1 ? ` (${i.count})` : ''}`);
  return { origin, methodology, mode, nodes, more: placed.length - nodes.length, notes };
}

/**
 * The codebook of a file as it would come in, without writing anything: a project's (as a new
 * project, with `methodology`) or a codebook's (merged into the open project `db`).
 */
export function previewLevels(
  bytes: Uint8Array,
  kind: 'project' | 'codebook',
  options: CodebookImportOptions & { methodology?: Methodology; db?: Database.Database },
): RefiLevelPreview {
  if (kind === 'codebook') {
    if (!options.db) throw new AppError('NO_PROJECT', 'Open the project the codebook should go into first, then import the codebook.');
    const { plan, report } = planQdcImport(options.db, bytes, options);
    return previewOf(plan.placed, report.origin, projectSettings(options.db).methodology, plan.mode, report);
  }
  const opened = openProjectPackage(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  const report = new ReportBuilder(opened.project.origin);
  const { record } = findRecord(opened.project, report);
  const methodology = options.methodology ?? record?.project.methodology ?? 'content-analysis';
  const levels = projectLevels(opened.project, record, { ...options, methodology });
  const plan = planCodes(opened.project.codes, new Ids(), record, nowIso(), report, levels);
  return previewOf(plan.placed, opened.project.origin, methodology, levels.mode, report.build());
}
