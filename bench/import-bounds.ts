import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIG_FORMATS, docxWithBody, makeTurns, toMarkdownOneLine, withDeclaredSize, writeFormat } from '../tests/integration/import/big-inputs';
import type { ImportCost, ImportOutcome } from './import-one';

// `npm run bench -- --imports`: every format fed the same 10 MB of turns (and 10 MB of short turns,
// the most rows per byte), each imported in a process of its own, against plain text; then a
// .docx that lies about its unpacked size. Tests hold a scaled copy (import-bounds.test.ts).

const MB = 1024 * 1024;

function importInChild(bundle: string, file: string, folder: string): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, 'import-one', file, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as ImportOutcome);
      } catch {
        reject(new Error(`import of ${path.basename(file)} printed no result`));
      }
    });
  });
}

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(12))).join(' ');
}

export async function runImportBounds(bundle: string, workDir: string, log: (line: string) => void, sizeMb = 10): Promise<void> {
  fs.mkdirSync(workDir, { recursive: true });
  const turns = makeTurns(sizeMb * MB);
  const inputs: [string, string, Uint8Array | string][] = BIG_FORMATS.map((f) => [f, writeFormat(f, turns).name, writeFormat(f, turns).bytes]);
  inputs.push(['markdown, one line', 'one-line.md', toMarkdownOneLine(turns)]);
  inputs.push(['short turns (text)', 'short.txt', writeFormat('text', makeTurns(sizeMb * MB, { short: true })).bytes]);
  const paragraph = '<w:p><w:r><w:t>Anna Berg: We talked about the mentors again.</w:t></w:r></w:p>';
  inputs.push(['docx lying about size', 'bomb.docx', withDeclaredSize(docxWithBody(paragraph.repeat(Math.ceil((300 * MB) / paragraph.length))), 'word/document.xml', 4096)]);

  log(`Imports of ${sizeMb} MB of transcript text, each in a process of its own (CPU time, peak RSS above the start):`);
  log(row(['format', 'file', 'CPU', 'wall', 'memory', '× text CPU', '× text mem']));
  let text: ImportCost | null = null;
  for (const [label, name, bytes] of inputs) {
    const folder = fs.mkdtempSync(path.join(workDir, 'import-'));
    const file = path.join(folder, name);
    fs.writeFileSync(file, bytes);
    const size = `${(fs.statSync(file).size / MB).toFixed(1)} MB`;
    const outcome = await importInChild(bundle, file, folder);
    fs.rmSync(folder, { recursive: true, force: true });
    if ('error' in outcome) {
      log(row([label, size, 'refused', '', '', '', '']) + `  ${outcome.error.code}`);
      continue;
    }
    const memory = outcome.maxRss - outcome.rssBefore;
    text ??= outcome;
    const textMemory = text.maxRss - text.rssBefore;
    log(row([label, size, `${Math.round(outcome.cpuMs)} ms`, `${Math.round(outcome.wallMs)} ms`, `${Math.round(memory / MB)} MB`, `${(outcome.cpuMs / text.cpuMs).toFixed(2)}×`, `${(memory / textMemory).toFixed(2)}×`]));
  }
}
