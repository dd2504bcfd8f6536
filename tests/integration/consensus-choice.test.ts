import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/cli/main';
import { AppError } from '../../shared/api/errors';
import type { ReportOptions } from '../../shared/api/methods/reports';
import { readDocx } from './support/docx-read';
import { makeSampleApp } from './support/app';

// Consensus never silent: while some of the pair's discrepancies are open, reports say how many are
// resolved, export only once the author chose what to use, and print that choice on the page.

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

async function resolveFirst(t: SampleApp, n: number): Promise<{ total: number }> {
  const [a, b] = t.coders.filter((c) => c.role === 'coder');
  const list = await t.client.call('agreement.discrepancies', { coderAId: a.id, coderBId: b.id });
  const resolver = t.coders.find((c) => c.role === 'resolver')!;
  await t.client.call('coders.setCurrent', { coderId: resolver.id });
  for (const item of list.items.slice(0, n)) {
    await t.client.call('resolutions.decide', { coderAId: a.id, coderBId: b.id, key: item.key, decision: 'keep-a', rationale: 'The unit fits the code’s definition.' });
  }
  return { total: list.items.length };
}

async function exportDocx(t: SampleApp, options: ReportOptions) {
  const r = await t.client.call('reports.export', { kind: 'categories', format: 'docx', options, overwrite: true });
  return readDocx(Buffer.from(r.base64, 'base64'));
}

describe('an unfinished consensus', () => {
  let t: SampleApp;
  beforeEach(async () => {
    t = await makeSampleApp();
  });
  afterEach(() => t.close());

  it('is reported as n of N resolved in the preview, refused on export until a choice is made, and the choice prints on the page', async () => {
    const { total } = await resolveFirst(t, 2);
    expect(total).toBeGreaterThan(2);
    const preview = await t.client.call('reports.preview', { kind: 'categories', options: {} });
    expect(preview.consensus).toEqual({ resolved: 2, total, choiceNeeded: true });
    expect(preview.warnings.join('\n')).toContain(`2 of ${total} discrepancies`);

    const refused = await t.client.call('reports.export', { kind: 'categories', format: 'docx', options: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CONSENSUS_UNFINISHED');
    expect((refused as AppError).message).toMatch(/Resolve the rest in Compare, or choose/);

    const asItStands = await exportDocx(t, { coder: 'consensus' });
    expect(asItStands.allText).toContain(`Codings: consensus coding with 2 of ${total} discrepancies resolved`);
    const merged = await exportDocx(t, { coder: 'merged' });
    expect(merged.allText).toContain('Codings: all coders’ codings merged');
    expect(merged.allText).toContain(`2 of ${total} discrepancies resolved`);
  });

  it('needs no choice once every discrepancy is resolved', async () => {
    const { total } = await resolveFirst(t, 1_000);
    const preview = await t.client.call('reports.preview', { kind: 'categories', options: {} });
    expect(preview.consensus).toEqual({ resolved: total, total, choiceNeeded: false });
    const doc = await exportDocx(t, {});
    expect(doc.allText).toContain(`Codings: consensus coding (all ${total} discrepancies resolved)`);
  });

  it('the CLI says how many are resolved and how to choose (exit 1), then exports with --coder consensus', async () => {
    const { total } = await resolveFirst(t, 2);
    t.app.closeProject();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-consensus-cli-'));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
    try {
      const file = t.file('sample.condensa');
      expect(await runCli(['export', file, '--what', 'categories', '-o', 'c.docx'], io)).toBe(EXIT.failed);
      expect(err.join('\n')).toContain(`2 of ${total} discrepancies`);
      expect(err.join('\n')).toContain('--coder consensus');
      expect(await runCli(['export', file, '--what', 'categories', '-o', 'c.docx', '--coder', 'consensus'], io)).toBe(EXIT.ok);
      expect(out.join('\n')).toContain(`Codings: Consensus coding with 2 of ${total} discrepancies resolved`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
