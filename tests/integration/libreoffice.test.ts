import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS_BY_KIND, REPORT_KINDS, type ReportKind } from '../../shared/api/methods/reports';
import { makeSampleApp } from './support/app';

// Every Word export must open in another word processor: LibreOffice converts each to PDF.
// Runs where LibreOffice is installed (.ci/run installs it); elsewhere it is skipped loudly.

function onPath(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

const soffice = onPath('soffice') ?? onPath('libreoffice');
const inCi = process.env.CI === 'true';
if (!soffice && !inCi) console.warn('\n*** LIBREOFFICE TESTS SKIPPED: soffice is not on PATH. Install it with `apt-get install libreoffice-writer-nogui`. ***\n');

describe.skipIf(!soffice && !inCi)('every .docx export opens in LibreOffice', () => {
  let dir: string;
  const kinds = REPORT_KINDS.filter((k) => FORMATS_BY_KIND[k].includes('docx'));

  beforeAll(async () => {
    if (!soffice) throw new Error('CI=true but LibreOffice (soffice) is not installed: .ci/run must install libreoffice-writer-nogui.');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-lo-'));
    const t = await makeSampleApp();
    try {
      // A quote on every category, so the theme table has quotations to lay out.
      for (const n of (await t.client.call('codebook.list', {})).filter((x) => x.level === 'category')) {
        const units = (await t.client.call('codebook.retrieve', { nodeId: n.id })).units;
        for (const u of units.slice(0, 2)) await t.client.call('quotes.set', { nodeId: n.id, unitId: u.unitId, quote: true });
      }
      for (const kind of kinds) await t.client.call('reports.export', { kind, format: 'docx', options: {}, path: path.join(dir, `${kind}.docx`) });
    } finally {
      t.close();
    }
  }, 120_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('converts them all to PDF in one run, and the PDFs hold the tables’ captions', () => {
    const files = kinds.map((k) => path.join(dir, `${k}.docx`));
    // One soffice run for every file: starting LibreOffice is the slow part. A fresh profile keeps it independent of the user's.
    const run = spawnSync(soffice!, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const pdftotext = onPath('pdftotext');
    for (const kind of kinds) {
      const pdf = path.join(dir, `${kind}.pdf`);
      expect(fs.existsSync(pdf), `${kind}.pdf was not written: ${run.stdout} ${run.stderr}`).toBe(true);
      const bytes = fs.readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(2_000);
      if (pdftotext) {
        const text = spawnSync(pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
        const expected: Readonly<Record<ReportKind, RegExp>> = {
          codebook: /Table 1\. Codebook/,
          categories: /Table 1\. Main categories and related subcategories/,
          themes: /Table 1\. Themes, categories and exemplar quotes/,
          abstraction: /Table 1\. Abstraction from meaning units to themes/,
          participants: /Table 1\. Participant characteristics/,
          agreement: /Table 1\. Agreement between Amira Haddad \(A\) and Ben Okafor \(B\) per code/,
          memos: /Reflexive journal/,
          segments: /./,
          reliability: /./,
          matrix: /Table 1\. Meaning units per code by participant attribute/,
          sources: /Table 1\. Categories, subcategories and codes with their sources/,
        };
        expect(text, `${kind}.pdf`).toMatch(expected[kind]);
        expect(text).not.toMatch(/Sofia Marchetti|Priya Raghunathan/);
      }
    }
  }, 300_000);
});
