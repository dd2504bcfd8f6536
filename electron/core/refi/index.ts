import type Database from 'better-sqlite3';
import type { RefiImportReport } from '../../../shared/api/methods/refi';
import type { Methodology } from '../../../shared/domain/vocabulary';
import { plural } from '../export/blocks';
import { ProjectSession } from '../session';
import { recordEvent } from '../store/history';
import { stmt } from '../store/statements';
import type { TaskStep } from '../tasks';
import { exportCodebookXml, exportProjectQdpx, type ExportSummary } from './export-study';
import { applyCodebookPlan, applyProjectPlan, planCodebookImport, planProjectImport, type ImportPlan } from './import-study';
import { openCodebook, readUnpacked, unpackProject } from './package';
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
export async function planQdpxImport(bytes: Uint8Array, fileName: string, step: TaskStep, options: { methodology?: Methodology; limits?: ZipLimits } = {}): Promise<ImportPlan> {
  await step('Opening the file', 0, 4);
  const unpacked = unpackProject(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  await step(`Reading ${unpacked.qdeName}`, 1, 4);
  const root = parseXml(unpacked.xml, unpacked.label);
  await step('Reading the sources, codes and codings', 2, 4);
  const opened = readUnpacked(unpacked, root);
  await step('Placing the codings in the text', 3, 4);
  return planProjectImport(opened.project, opened.files, opened.readNotes, fileName, options.methodology);
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

/** Plans adding a .qdc (or a .qdpx's codebook) to a project; `apply` writes it in the caller's transaction. */
export function planQdcImport(db: Database.Database, bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS) {
  const { codebook, readNotes } = openCodebook(bytes, limits);
  const existing = new Set(stmt(db, `SELECT id FROM codebook_nodes`).pluck().all() as string[]);
  const plan = planCodebookImport(codebook, existing, readNotes);
  return { report: plan.report, added: plan.nodes.length, apply: () => applyCodebookPlan(db, plan) };
}
