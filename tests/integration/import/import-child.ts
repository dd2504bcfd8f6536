import path from 'node:path';
import { commitExtraction, PreviewCache, previewSources, type CommitParsed } from '../../../electron/core/import/import-service';
import { ProjectSession } from '../../../electron/core/session';

// Imports one file into a new project in a process of its own, so its peak memory is the import's,
// and prints what it cost as one JSON line. Usage: node import-child.cjs FILE WORK_DIR
// It calls the import service as the import handlers do (preview, then commit as one recorded
// step), without the whole application: its start-up would cost more than a small import.

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function main(): Promise<void> {
  const [file, workDir] = process.argv.slice(2);
  const session = ProjectSession.create(path.join(workDir, `${path.basename(file)}.condensa`), 'Import bounds', 'content-analysis');
  try {
    const cache = new PreviewCache();
    const rssBefore = process.memoryUsage().rss;
    const wall0 = performance.now();
    const cpu0 = cpuMs();
    const [outcome] = await previewSources(session.db, cache, [{ kind: 'path', path: file }], { detect: true });
    if (!outcome.ok) {
      process.stdout.write(`${JSON.stringify({ error: outcome.error })}\n`);
      return;
    }
    const extraction = cache.get(outcome.preview.previewId);
    const options: CommitParsed = { detect: true, segment: 'sentence', unitsInFacilitatorTurns: false, speakers: [], document: {} };
    const result = commitExtraction(session.db, extraction, options, (summary, work) => session.write('import.commit', summary, work));
    process.stdout.write(
      `${JSON.stringify({
        wallMs: performance.now() - wall0,
        cpuMs: cpuMs() - cpu0,
        rssBefore,
        maxRss: process.resourceUsage().maxRSS * 1024,
        turns: result.turns,
        units: result.units,
      })}\n`,
    );
  } finally {
    session.close();
  }
}

main().catch((err: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: { code: 'CHILD', message: err instanceof Error ? err.stack : String(err) } })}\n`);
  process.exitCode = 1;
});
