import path from 'node:path';
import { commitExtraction, PreviewCache, previewSources, type CommitParsed } from '../electron/core/import/import-service';
import { ProjectSession } from '../electron/core/session';

export interface ImportCost {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** RSS when the import began, and the process's peak: run one import per process. */
  readonly rssBefore: number;
  readonly maxRss: number;
  readonly turns: number;
  readonly units: number;
}

export type ImportOutcome = ImportCost | { readonly error: { readonly code: string; readonly message: string } };

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * Imports one file into a new project in workDir as the import handlers do (preview, then commit
 * as one recorded step), without the whole application, whose start-up would dwarf a small import.
 */
export async function measureImport(file: string, workDir: string): Promise<ImportOutcome> {
  const session = ProjectSession.create(path.join(workDir, `${path.basename(file)}.condensa`), 'Import bounds', 'content-analysis');
  try {
    const cache = new PreviewCache();
    const rssBefore = process.memoryUsage().rss;
    const wall0 = performance.now();
    const cpu0 = cpuMs();
    const [outcome] = await previewSources(session.db, cache, [{ kind: 'path', path: file }], { detect: true });
    if (!outcome.ok) return { error: outcome.error };
    const options: CommitParsed = { detect: true, segment: 'sentence', unitsInFacilitatorTurns: false, speakers: [], document: {} };
    const result = commitExtraction(session.db, cache.get(outcome.preview.previewId), options, (summary, work) => session.write('import.commit', summary, work));
    return {
      wallMs: performance.now() - wall0,
      cpuMs: cpuMs() - cpu0,
      rssBefore,
      maxRss: process.resourceUsage().maxRSS * 1024,
      turns: result.turns,
      units: result.units,
    };
  } finally {
    session.close();
  }
}
