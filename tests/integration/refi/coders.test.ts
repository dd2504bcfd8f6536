import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, type TestApp } from '../support/app';
import { readBySelection } from './reader-by-selection';

describe('every coder on export: a reader that takes the coder from the selection', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('attributes every coding of the sample to the coder who made it, and drops none as a duplicate', async () => {
    t = await makeSampleApp();
    const db = t.app.requireProject().db;
    const byCoding = new Map(
      (db.prepare(`SELECT c.id, k.name FROM codings c JOIN coders k ON k.id = c.coder_id`).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]),
    );
    // The sample is what makes this test bite: 166 codings, and units that two coders gave the same code.
    expect(byCoding.size).toBe(166);
    const shared = db
      .prepare(`SELECT count(*) FROM (SELECT unit_id, code_id FROM codings WHERE unit_id IS NOT NULL GROUP BY unit_id, code_id HAVING count(DISTINCT coder_id) > 1)`)
      .pluck()
      .get() as number;
    expect(shared).toBeGreaterThan(0);

    const out = await t.client.call('refi.exportProject', { path: 'sample.qdpx', includeBytes: true });
    const qde = new TextDecoder().decode(unzipSync(Buffer.from(out.base64!, 'base64'))['project.qde']);
    const read = readBySelection(qde);

    expect(read.selectionsWithUser).toBe(read.selections);
    expect(read.dropped).toEqual([]);
    expect(read.codings.length).toBe(byCoding.size);
    const attributed = new Map(read.codings.map((c) => [c.codingGuid, c.owner]));
    expect(attributed).toEqual(byCoding);
  });
});
