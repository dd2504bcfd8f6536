import { measureImport } from '../../../bench/import-one';

// Imports one file into a new project in a process of its own, so its peak memory is the import's,
// and prints what it cost as one JSON line. Usage: node import-child.cjs FILE WORK_DIR

const [file, workDir] = process.argv.slice(2);
measureImport(file, workDir).then(
  (outcome) => process.stdout.write(`${JSON.stringify(outcome)}\n`),
  (err: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: { code: 'CHILD', message: err instanceof Error ? err.stack : String(err) } })}\n`);
    process.exitCode = 1;
  },
);
