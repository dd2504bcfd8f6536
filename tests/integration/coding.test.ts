import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, makeTestApp } from './support/app';
import { coderNamed, dumpTables, nodeNamed, one, sampleDocuments } from './support/workbench';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

describe('coding meaning units and passages', () => {
  let t: SampleApp;
  afterEach(() => t?.close());

  it('applies several codes to several units at once, by the current coder, in one undoable step', async () => {
    t = await makeSampleApp();
    const amira = coderNamed(t, 'Amira Haddad');
    const [doc] = await sampleDocuments(t);
    const a = await nodeNamed(t, 'Easing exam nerves');
    const b = await nodeNamed(t, 'Feeling welcomed in');
    const units = doc.units.slice(0, 3).map((u) => u.id);
    const already = one<number>(t, `SELECT count(*) FROM codings WHERE coder_id = ? AND code_id IN (?, ?) AND unit_id IN (?, ?, ?)`, amira, a.id, b.id, ...units);
    const before = dumpTables(t);
    const steps = (await t.client.call('audit.list', { limit: 1000 })).length;

    const r = await t.client.call('codings.apply', { target: { unitIds: units }, codeIds: [a.id, b.id] });
    expect(r.added.length + r.unchanged).toBe(6);
    expect(r.unchanged).toBe(already);
    expect(r.added.every((c) => c.coderId === amira && c.unitId !== null && c.start === null)).toBe(true);
    expect(one(t, `SELECT count(*) FROM codings WHERE coder_id = ? AND code_id IN (?, ?) AND unit_id IN (?, ?, ?)`, amira, a.id, b.id, ...units)).toBe(6);
    expect((await t.client.call('audit.list', { limit: 1000 })).length).toBe(steps + 1);
    // Applying again changes nothing and leaves no step.
    const again = await t.client.call('codings.apply', { target: { unitIds: units }, codeIds: [a.id, b.id] });
    expect(again).toMatchObject({ added: [], unchanged: 6 });
    expect((await t.client.call('audit.list', { limit: 1000 })).length).toBe(steps + 1);

    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
  });

  it('codes a range of units from one to another, in text order whichever end comes first', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const code = await nodeNamed(t, 'Feeling welcomed in');
    const r = await t.client.call('codings.apply', { target: { range: { documentId: doc.document.id, fromUnitId: doc.units[6].id, toUnitId: doc.units[2].id } }, codeIds: [code.id] });
    const amira = coderNamed(t, 'Amira Haddad');
    const has = (unitId: string) => one<number>(t, `SELECT count(*) FROM codings WHERE unit_id = ? AND code_id = ? AND coder_id = ?`, unitId, code.id, amira);
    for (const u of doc.units.slice(2, 7)) expect(has(u.id)).toBe(1);
    expect(r.added.every((c) => doc.units.slice(2, 7).some((u) => u.id === c.unitId))).toBe(true);
    expect(r.added.length + r.unchanged).toBe(5);
  });

  it('refuses to apply categories, unknown codes or units, and coding with nobody chosen as coder', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const category = await nodeNamed(t, 'Finding a safe harbour');
    await expect(t.client.call('codings.apply', { target: { unitIds: [doc.units[0].id] }, codeIds: [category.id] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('is a category, not a code'),
    });
    await expect(t.client.call('codings.apply', { target: { unitIds: [doc.units[0].id] }, codeIds: ['nope'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const code = await nodeNamed(t, 'Easing exam nerves');
    await expect(t.client.call('codings.apply', { target: { unitIds: ['nope'] }, codeIds: [code.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.client.call('codings.apply', { target: {}, codeIds: [code.id] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const fresh = makeTestApp();
    try {
      await fresh.client.call('project.create', { path: fresh.file(), title: 'No coder yet' });
      const c = await fresh.client.call('codebook.create', { name: 'A code' });
      await expect(fresh.client.call('codings.applySpan', { documentId: 'x', start: 0, end: 1, codeIds: [c.id] })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('Choose who is coding'),
      });
    } finally {
      fresh.close();
    }
  });

  it('removes and replaces only the current coder’s codes', async () => {
    t = await makeSampleApp();
    const amira = coderNamed(t, 'Amira Haddad');
    const ben = coderNamed(t, 'Ben Okafor');
    const row = t.app
      .requireProject()
      .db.prepare(`SELECT a.unit_id AS unit, a.code_id AS code, b.id AS benCoding FROM codings a JOIN codings b ON b.unit_id = a.unit_id AND b.coder_id = ? WHERE a.coder_id = ? LIMIT 1`)
      .get(ben, amira) as { unit: string; code: string; benCoding: string };
    await expect(t.client.call('codings.remove', { codingIds: [row.benCoding] })).rejects.toMatchObject({ code: 'CONFLICT' });

    const r = await t.client.call('codings.remove', { target: { unitIds: [row.unit] }, codeIds: [row.code] });
    expect(r.removed.length).toBe(1);
    expect(one(t, `SELECT count(*) FROM codings WHERE unit_id = ? AND code_id = ? AND coder_id = ?`, row.unit, row.code, amira)).toBe(0);
    expect(one(t, `SELECT count(*) FROM codings WHERE id = ?`, row.benCoding)).toBe(1);

    const x = await nodeNamed(t, 'Easing exam nerves');
    const y = await nodeNamed(t, 'Feeling welcomed in');
    await t.client.call('codings.apply', { target: { unitIds: [row.unit] }, codeIds: [x.id] });
    const replaced = await t.client.call('codings.replace', { target: { unitIds: [row.unit] }, fromCodeId: x.id, codeIds: [y.id] });
    expect(replaced.removed.length).toBe(1);
    const mine = () => (t.app.requireProject().db.prepare(`SELECT code_id FROM codings WHERE unit_id = ? AND coder_id = ? ORDER BY code_id`).pluck().all(row.unit, amira) as string[]).sort();
    expect(mine()).toContain(y.id);
    expect(mine()).not.toContain(x.id);
    // Replacing all codes: the unit ends with exactly the given ones; Ben's stay.
    await t.client.call('codings.replace', { target: { unitIds: [row.unit] }, codeIds: [x.id] });
    expect(mine()).toEqual([x.id]);
    expect(one(t, `SELECT count(*) FROM codings WHERE id = ?`, row.benCoding)).toBe(1);
  });

  it('codes a free passage and refuses ranges outside the text', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const code = await nodeNamed(t, 'Easing exam nerves');
    const r = await t.client.call('codings.applySpan', { documentId: doc.document.id, start: 10, end: 40, codeIds: [code.id] });
    expect(r.added).toEqual([expect.objectContaining({ unitId: null, start: 10, end: 40, codeId: code.id })]);
    expect((await t.client.call('codings.applySpan', { documentId: doc.document.id, start: 10, end: 40, codeIds: [code.id] })).unchanged).toBe(1);
    await expect(t.client.call('codings.applySpan', { documentId: doc.document.id, start: 5, end: 5, codeIds: [code.id] })).rejects.toMatchObject({ code: 'INVALID_RANGE' });
    await expect(t.client.call('codings.applySpan', { documentId: doc.document.id, start: 0, end: doc.text.length + 1, codeIds: [code.id] })).rejects.toMatchObject({
      code: 'INVALID_RANGE',
    });
    const forDoc = await t.client.call('codings.forDocument', { documentId: doc.document.id });
    expect(forDoc.some((c) => c.id === r.added[0].id)).toBe(true);
  });

  it('in-vivo: the selected words become a code, applied to the unit holding them or to the words', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const unit = doc.units[1];
    const words = doc.text.slice(unit.start, unit.end).split(' ').slice(0, 3).join(' ');
    const parent = await nodeNamed(t, 'Being reassured by someone who has been there');
    const r = await t.client.call('codings.inVivo', { documentId: doc.document.id, start: unit.start, end: unit.start + words.length, parentId: parent.id });
    expect(r.node).toMatchObject({ name: words, level: 'code', parentIds: [parent.id], codings: 1 });
    expect(r.change.added).toEqual([expect.objectContaining({ unitId: unit.id, codeId: r.node.id })]);
    const [step] = await t.client.call('audit.list', { limit: 1 });
    expect(step.summary).toBe(`In-vivo code “${words}”`);

    const span = await t.client.call('codings.inVivo', { documentId: doc.document.id, start: unit.start, end: unit.start + 5, target: 'span', name: 'My name' });
    expect(span.node.name).toBe('My name');
    expect(span.change.added[0]).toMatchObject({ unitId: null, start: unit.start, end: unit.start + 5 });
    // Undo removes the code and its coding together.
    await t.client.call('history.undo', {});
    expect(one(t, `SELECT count(*) FROM codebook_nodes WHERE id = ?`, span.node.id)).toBe(0);
    expect(one(t, `SELECT count(*) FROM codings WHERE code_id = ?`, span.node.id)).toBe(0);
  });

  it('writes descriptive and interpretive condensations, undoably', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const unit = doc.units[0];
    const r = await t.client.call('units.condense', { unitId: unit.id, condensed: 'Short meaning', interpretive: 'Underlying meaning' });
    expect(r).toMatchObject({ id: unit.id, condensed: 'Short meaning', interpretive: 'Underlying meaning' });
    await t.client.call('history.undo', {});
    expect(one(t, `SELECT condensed FROM meaning_units WHERE id = ?`, unit.id)).toBe(unit.condensed);
    await expect(t.client.call('units.condense', { unitId: 'gone', condensed: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('blind mode: every read that shows codings shows only the current coder’s', async () => {
    t = await makeSampleApp();
    const amira = coderNamed(t, 'Amira Haddad');
    const ben = coderNamed(t, 'Ben Okafor');
    const [doc] = await sampleDocuments(t);
    expect(new Set(doc.codings.map((c) => c.coderId))).toEqual(new Set([amira, ben]));
    await t.client.call('project.update', { blind: true });
    const c = t.client;
    const onlyAmira = (ids: readonly string[]) => expect(new Set(ids)).toEqual(new Set([amira]));

    onlyAmira((await c.call('documents.get', { id: doc.document.id })).codings.map((x) => x.coderId));
    onlyAmira((await c.call('codings.forDocument', { documentId: doc.document.id })).map((x) => x.coderId));
    const table = await c.call('table.abstraction', { coder: 'all' });
    onlyAmira(table.rows.flatMap((r) => r.codes.map((x) => x.coderId)));
    const theme = await nodeNamed(t, 'Learning to belong in medicine through a trusted other');
    const retrieved = await c.call('codebook.retrieve', { nodeId: theme.id });
    onlyAmira(retrieved.units.flatMap((u) => u.codings.map((x) => x.coderId)));
    const amiraUnits = one<number>(t, `SELECT count(DISTINCT unit_id) FROM codings WHERE coder_id = ?`, amira);
    expect(retrieved.counts.units).toBe(amiraUnits);
    expect(retrieved.unitsPerCoder).toEqual([{ coderId: amira, units: amiraUnits }]);
    const counts = await c.call('codebook.counts', {});
    expect(counts.find((x) => x.nodeId === theme.id)!.units).toBe(amiraUnits);
    const code = await nodeNamed(t, 'Easing exam nerves');
    expect(code.codings).toBe(one(t, `SELECT count(*) FROM codings WHERE coder_id = ? AND code_id = ?`, amira, code.id));

    // Switching coder switches what is visible; leaving blind mode shows both again.
    await c.call('coders.setCurrent', { coderId: ben });
    expect(new Set((await c.call('codings.forDocument', { documentId: doc.document.id })).map((x) => x.coderId))).toEqual(new Set([ben]));
    await c.call('project.update', { blind: false });
    expect(new Set((await c.call('codings.forDocument', { documentId: doc.document.id })).map((x) => x.coderId))).toEqual(new Set([amira, ben]));
  });

  it('a node’s retrieval counts the units per coder, each unit once per coder however many codes under the node it has', async () => {
    t = await makeSampleApp();
    const amira = coderNamed(t, 'Amira Haddad');
    const ben = coderNamed(t, 'Ben Okafor');
    for (const name of ['Learning to belong in medicine through a trusted other', 'Easing exam nerves']) {
      const node = await nodeNamed(t, name);
      const r = await t.client.call('codebook.retrieve', { nodeId: node.id });
      // Independently: the units listed, grouped by the coders whose codings they carry.
      const expected = (coder: string) => r.units.filter((u) => u.codings.some((c) => c.coderId === coder)).length;
      expect(r.unitsPerCoder.map((c) => c.coderId)).toEqual([amira, ben]);
      expect(r.unitsPerCoder).toEqual([
        { coderId: amira, units: expected(amira) },
        { coderId: ben, units: expected(ben) },
      ]);
      expect(expected(amira)).toBeGreaterThan(0);
      expect(expected(ben)).toBeGreaterThan(0);
    }
    const theme = await nodeNamed(t, 'Learning to belong in medicine through a trusted other');
    const perCoder = (await t.client.call('codebook.retrieve', { nodeId: theme.id })).unitsPerCoder;
    expect(perCoder.find((c) => c.coderId === amira)!.units).toBe(one<number>(t, `SELECT count(DISTINCT unit_id) FROM codings WHERE coder_id = ?`, amira));
  });
});
