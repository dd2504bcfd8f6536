import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, type TestApp } from '../support/app';
import { makeTurns, toText } from './big-inputs';

describe('a long import takes its turn only to write', () => {
  let t: TestApp | null = null;
  afterEach(() => {
    t?.close();
    t = null;
  });

  it('answers a coding sent after the import started before the import, and records it first; the import then writes what it would have', async () => {
    t = await makeSampleApp();
    const db = () => t!.app.requireProject().db;
    const file = t.file('long.txt');
    fs.writeFileSync(file, toText(makeTurns(1024 * 1024, { seed: 3 })));
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'path', path: file }] });
    if (!files[0].ok) throw new Error(files[0].error.message);
    const unitId = db().prepare(`SELECT id FROM meaning_units ORDER BY document_id, start LIMIT 1`).pluck().get() as string;
    const codeId = db().prepare(`SELECT id FROM codebook_nodes WHERE level = 'code' ORDER BY sort LIMIT 1`).pluck().get() as string;
    const answered: string[] = [];

    const importing = t.client.call('import.commit', { previewId: files[0].preview.previewId, segment: 'sentence' }).then((r) => (answered.push('import'), r));
    const coding = t.client.call('codings.apply', { target: { unitIds: [unitId] }, codeIds: [codeId] }).then(() => answered.push('coding'));
    const [imported] = await Promise.all([importing, coding]);

    expect(answered).toEqual(['coding', 'import']);
    const steps = db().prepare(`SELECT method FROM audit_steps ORDER BY seq DESC LIMIT 2`).pluck().all();
    expect(steps).toEqual(['import.commit', 'codings.apply']);
    // The units worked out beside the other calls are those the write itself finds.
    const units = db().prepare(`SELECT count(*) FROM meaning_units WHERE document_id = ?`).pluck().get(imported.documentId);
    expect(units).toBe(imported.units);
    expect(imported.units).toBeGreaterThan(1000);
  }, 120_000);
});
