import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, makeTestApp, type TestApp } from './support/app';
import { dumpTables, nodeNamed, one, sampleDocuments, sql } from './support/workbench';

async function emptyProjectWithCoder(): Promise<TestApp> {
  const t = makeTestApp();
  await t.client.call('project.create', { path: t.file(), title: 'Codebook study' });
  const coder = await t.client.call('coders.create', { name: 'Dana Ruiz' });
  await t.client.call('coders.setCurrent', { coderId: coder.id });
  return t;
}

describe('the codebook hierarchy', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('creates nodes at every level with their fields, in the order asked for', async () => {
    t = await emptyProjectWithCoder();
    const c = t.client;
    const theme = await c.call('codebook.create', { level: 'theme', name: 'Belonging', status: 'candidate' });
    const category = await c.call('codebook.create', { level: 'category', name: 'Safe harbour', parentId: theme.id });
    const sub = await c.call('codebook.create', { level: 'subcategory', name: 'Reassurance', parentId: category.id });
    const late = await c.call('codebook.create', { name: 'Late code', parentId: sub.id, colour: '#112233', shortcut: '1' });
    const early = await c.call('codebook.create', {
      name: 'Early code',
      parentId: sub.id,
      index: 0,
      definition: 'Said first',
      inclusion: 'Included',
      exclusion: 'Excluded',
    });
    expect(theme).toMatchObject({ level: 'theme', status: 'candidate', parentIds: [] });
    expect(late).toMatchObject({ level: 'code', colour: '#112233', shortcut: '1', parentIds: [sub.id], codings: 0 });
    expect(early).toMatchObject({ definition: 'Said first', inclusion: 'Included', exclusion: 'Excluded' });
    const list = await c.call('codebook.list', {});
    const children = list.filter((n) => n.parentIds.includes(sub.id)).sort((a, b) => a.sort - b.sort);
    expect(children.map((n) => n.name)).toEqual(['Early code', 'Late code']);
    // Every creation is one audited step.
    const steps = await c.call('audit.list', { limit: 10 });
    expect(steps[0].summary).toBe('Add code “Early code”');
  });

  it('refuses a shortcut key another node already uses, with the name of that node', async () => {
    t = await emptyProjectWithCoder();
    await t.client.call('codebook.create', { name: 'First', shortcut: '3' });
    const second = await t.client.call('codebook.create', { name: 'Second' });
    await expect(t.client.call('codebook.update', { id: second.id, shortcut: '3' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('“First”') });
    await expect(t.client.call('codebook.update', { id: second.id, shortcut: 'ab' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('updates every field of a node and records the rename before and after', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Easing exam nerves');
    const [doc] = await sampleDocuments(t);
    const unit = doc.units[3];
    const updated = await t.client.call('codebook.update', {
      id: code.id,
      name: 'Calming exam nerves',
      definition: 'New definition',
      inclusion: 'New inclusion',
      exclusion: 'New exclusion',
      colour: '#abcdef',
      shortcut: 'e',
      status: 'reviewed',
      exampleUnitId: unit.id,
    });
    expect(updated).toMatchObject({
      name: 'Calming exam nerves',
      definition: 'New definition',
      inclusion: 'New inclusion',
      exclusion: 'New exclusion',
      colour: '#abcdef',
      shortcut: 'e',
      status: 'reviewed',
      exampleUnitId: unit.id,
    });
    const [step] = await t.client.call('audit.list', { limit: 1 });
    expect(step.summary).toBe('Rename “Easing exam nerves” to “Calming exam nerves”');
    const changes = await t.client.call('audit.changes', { stepId: step.id });
    const nameChange = changes.find((ch) => ch.before?.name !== ch.after?.name);
    expect(nameChange).toMatchObject({ table: 'codebook_nodes', before: { name: 'Easing exam nerves' }, after: { name: 'Calming exam nerves' } });
    // An edit that changes nothing leaves no step to undo.
    const before = (await t.client.call('audit.list', { limit: 100 })).length;
    await t.client.call('codebook.update', { id: code.id, colour: '#abcdef' });
    expect((await t.client.call('audit.list', { limit: 100 })).length).toBe(before);
  });

  it('moves a node to another parent and position, and refuses cycles', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Easing exam nerves');
    const target = await nodeNamed(t, 'Reaching out across the year gap');
    const category = await nodeNamed(t, 'Finding a safe harbour');
    const list = (await t.client.call('codebook.move', { nodes: [{ id: code.id }], to: { kind: 'inside', nodeId: target.id, at: 'first' } })).nodes;
    const moved = list.find((n) => n.id === code.id)!;
    expect(moved.parentIds).toEqual([target.id]);
    const siblings = list.filter((n) => n.parentIds.includes(target.id)).sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));
    expect(siblings[0].id).toBe(code.id);
    expect(new Set(siblings.map((s) => s.sort)).size).toBe(siblings.length);
    // Reorder within the same parent: to the end.
    const again = (await t.client.call('codebook.move', { nodes: [{ id: code.id }], to: { kind: 'inside', nodeId: target.id, at: 'last' } })).nodes;
    const order = again.filter((n) => n.parentIds.includes(target.id)).sort((a, b) => a.sort - b.sort);
    expect(order[order.length - 1].id).toBe(code.id);
    // A category cannot go under its own descendant, nor under itself.
    await expect(t.client.call('codebook.move', { nodes: [{ id: category.id }], to: { kind: 'inside', nodeId: code.id } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.client.call('codebook.move', { nodes: [{ id: category.id }], to: { kind: 'inside', nodeId: category.id } })).rejects.toMatchObject({ code: 'CONFLICT' });
    // To the top level.
    const top = (await t.client.call('codebook.move', { nodes: [{ id: code.id }], to: { kind: 'inside', nodeId: null } })).nodes;
    expect(top.find((n) => n.id === code.id)!.parentIds).toEqual([]);
  });

  it('places a code under a second category only when the project allows several parents', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Easing exam nerves');
    const first = code.parentIds[0];
    const other = await nodeNamed(t, 'Reaching out across the year gap');
    await expect(t.client.call('codebook.move', { nodes: [{ id: code.id }], to: { kind: 'inside', nodeId: other.id }, addParent: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await t.client.call('project.update', { allowMultipleParents: true });
    const list = (await t.client.call('codebook.move', { nodes: [{ id: code.id }], to: { kind: 'inside', nodeId: other.id }, addParent: true })).nodes;
    expect(new Set(list.find((n) => n.id === code.id)!.parentIds)).toEqual(new Set([first, other.id]));
    // With two parents, a move must say which placement moves.
    const third = await nodeNamed(t, 'Learning what to focus on');
    const thirdParent = third.parentIds[0];
    await expect(t.client.call('codebook.move', { nodes: [{ id: code.id }], to: { kind: 'inside', nodeId: thirdParent } })).rejects.toMatchObject({ code: 'CONFLICT' });
    const moved = (await t.client.call('codebook.move', { nodes: [{ id: code.id, fromParentId: first }], to: { kind: 'inside', nodeId: thirdParent } })).nodes;
    expect(new Set(moved.find((n) => n.id === code.id)!.parentIds)).toEqual(new Set([thirdParent, other.id]));
    const unlinked = await t.client.call('codebook.unlink', { id: code.id, parentId: other.id });
    expect(unlinked.find((n) => n.id === code.id)!.parentIds).toEqual([thirdParent]);
    await expect(t.client.call('codebook.unlink', { id: code.id, parentId: thirdParent })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('merges two codes: codings move, duplicates of the same unit and coder collapse; undo and redo restore exact rows', async () => {
    t = await makeSampleApp();
    const source = await nodeNamed(t, 'Easing exam nerves');
    const target = await nodeNamed(t, 'Hearing that struggling is normal');
    const sourceCodings = sql<{ unit_id: string; coder_id: string }>(t, `SELECT unit_id, coder_id FROM codings WHERE code_id = ?`, source.id);
    const targetKeys = new Set(sql<{ k: string }>(t, `SELECT unit_id || coder_id AS k FROM codings WHERE code_id = ?`, target.id).map((r) => r.k));
    const duplicates = sourceCodings.filter((c) => targetKeys.has(c.unit_id + c.coder_id)).length;
    // Make sure the case the merge must handle is present: a unit both codes were applied to by one coder.
    let forcedDuplicate = 0;
    if (duplicates === 0) {
      const c = sourceCodings[0];
      t.app.requireProject().write('test.setup', 'setup', () =>
        t.app
          .requireProject()
          .db.prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) SELECT 'dup', ?, coder_id, document_id, unit_id, created_at FROM codings WHERE unit_id = ? AND coder_id = ? AND code_id = ?`)
          .run(target.id, c.unit_id, c.coder_id, source.id),
      );
      forcedDuplicate = 1;
    }
    const [doc] = await sampleDocuments(t);
    await t.client.call('quotes.set', { nodeId: source.id, unitId: doc.units[0].id, quote: true });
    const memo = await t.client.call('memos.create', { targetType: 'node', targetId: source.id, body: 'A note on nerves' });
    const before = dumpTables(t);
    const targetBefore = one<number>(t, `SELECT count(*) FROM codings WHERE code_id = ?`, target.id);

    const r = await t.client.call('codebook.merge', { sourceId: source.id, targetId: target.id });
    expect(r.collapsedCodings).toBe(duplicates + forcedDuplicate);
    expect(r.movedCodings + r.collapsedCodings).toBe(sourceCodings.length);
    expect(r.target.codings).toBe(targetBefore + r.movedCodings);
    expect(one(t, `SELECT count(*) FROM codebook_nodes WHERE id = ?`, source.id)).toBe(0);
    expect(one(t, `SELECT count(*) FROM codings WHERE code_id = ?`, source.id)).toBe(0);
    // No unit ends up with the target twice from one coder.
    expect(one(t, `SELECT count(*) FROM (SELECT unit_id, coder_id FROM codings WHERE code_id = ? GROUP BY unit_id, coder_id HAVING count(*) > 1)`, target.id)).toBe(0);
    expect(one(t, `SELECT node_id FROM quotes WHERE unit_id = ?`, doc.units[0].id)).toBe(target.id);
    expect(one(t, `SELECT target_id FROM memos WHERE id = ?`, memo.id)).toBe(target.id);
    const merged = dumpTables(t);

    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
    await t.client.call('history.redo', {});
    expect(dumpTables(t)).toEqual(merged);
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
  });

  it('refuses to merge a node with itself or with its own ancestor', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Easing exam nerves');
    await expect(t.client.call('codebook.merge', { sourceId: code.id, targetId: code.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('codebook.merge', { sourceId: code.id, targetId: code.parentIds[0] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('splits a code: the chosen codings go to the new codes beside it', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Feeling welcomed in');
    const codings = sql<{ id: string }>(t, `SELECT id FROM codings WHERE code_id = ? ORDER BY id`, code.id).map((r) => r.id);
    expect(codings.length).toBeGreaterThanOrEqual(3);
    const r = await t.client.call('codebook.split', {
      id: code.id,
      parts: [
        { name: 'Feeling accepted', codingIds: codings.slice(0, 1) },
        { name: 'Staying on the course', codingIds: codings.slice(1, 2) },
      ],
    });
    expect(r.created.map((n) => n.name)).toEqual(['Feeling accepted', 'Staying on the course']);
    expect(r.created.every((n) => n.level === 'code' && n.parentIds[0] === code.parentIds[0])).toBe(true);
    expect(r.movedCodings).toBe(2);
    expect(r.originalRemoved).toBe(false);
    expect(one(t, `SELECT code_id FROM codings WHERE id = ?`, codings[0])).toBe(r.created[0].id);
    expect(one(t, `SELECT code_id FROM codings WHERE id = ?`, codings[1])).toBe(r.created[1].id);
    expect(one(t, `SELECT count(*) FROM codings WHERE code_id = ?`, code.id)).toBe(codings.length - 2);
    // A coding can go to one new code only; codings of other codes are refused.
    const other = one<string>(t, `SELECT id FROM codings WHERE code_id <> ? LIMIT 1`, code.id);
    await expect(t.client.call('codebook.split', { id: code.id, parts: [{ name: 'X', codingIds: [other] }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.client.call('codebook.split', { id: code.id, parts: [{ name: 'X', codingIds: [codings[2]] }, { name: 'Y', codingIds: [codings[2]] }] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    // Everything left goes: the original disappears when asked.
    const rest = sql<{ id: string }>(t, `SELECT id FROM codings WHERE code_id = ?`, code.id).map((x) => x.id);
    const last = await t.client.call('codebook.split', { id: code.id, parts: [{ name: 'The rest', codingIds: rest }], removeEmptyOriginal: true });
    expect(last.originalRemoved).toBe(true);
    expect(one(t, `SELECT count(*) FROM codebook_nodes WHERE id = ?`, code.id)).toBe(0);
  });

  it('deletes a node with its codings, says how many went, and undo brings every row back', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Easing exam nerves');
    const expected = one<number>(t, `SELECT count(*) FROM codings WHERE code_id = ?`, code.id);
    expect(expected).toBeGreaterThan(0);
    const preview = await t.client.call('codebook.deletePreview', { id: code.id });
    expect(preview).toMatchObject({ nodes: 1, codings: expected, children: 0 });
    const before = dumpTables(t);
    const r = await t.client.call('codebook.delete', { id: code.id });
    expect(r).toMatchObject({ nodes: 1, codings: expected });
    expect(one(t, `SELECT count(*) FROM codings WHERE code_id = ?`, code.id)).toBe(0);
    const [step] = await t.client.call('audit.list', { limit: 1 });
    expect(step.summary).toBe(`Delete code “Easing exam nerves” with ${expected} codings`);
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
  });

  it('deleting a category alone moves its children up; with its children, the whole branch goes', async () => {
    t = await makeSampleApp();
    const sub = await nodeNamed(t, 'Being reassured by someone who has been there');
    const list = await t.client.call('codebook.list', {});
    const children = list.filter((n) => n.parentIds.includes(sub.id));
    const branchCodings = one<number>(t, `SELECT count(*) FROM codings WHERE code_id IN (${children.map(() => '?').join(',')})`, ...children.map((c) => c.id));
    const preview = await t.client.call('codebook.deletePreview', { id: sub.id, withChildren: true });
    expect(preview).toMatchObject({ nodes: 1 + children.length, codings: branchCodings });

    const before = dumpTables(t);
    await t.client.call('codebook.delete', { id: sub.id });
    const after = await t.client.call('codebook.list', {});
    for (const child of children) expect(after.find((n) => n.id === child.id)!.parentIds).toEqual(sub.parentIds);
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);

    const r = await t.client.call('codebook.delete', { id: sub.id, withChildren: true });
    expect(r.nodes).toBe(1 + children.length);
    expect(r.codings).toBe(branchCodings);
    const remaining = await t.client.call('codebook.list', {});
    expect(remaining.some((n) => children.some((c) => c.id === n.id))).toBe(false);
  });

  it('counts units, participants and documents per node, a category including its codes', async () => {
    t = await makeSampleApp();
    const counts = await t.client.call('codebook.counts', {});
    const byId = new Map(counts.map((c) => [c.nodeId, c]));
    const code = await nodeNamed(t, 'Easing exam nerves');
    const expectUnits = one<number>(t, `SELECT count(DISTINCT unit_id) FROM codings WHERE code_id = ?`, code.id);
    const expectDocs = one<number>(t, `SELECT count(DISTINCT document_id) FROM codings WHERE code_id = ?`, code.id);
    const expectPeople = one<number>(
      t,
      `SELECT count(DISTINCT t.participant_id) FROM codings c JOIN meaning_units u ON u.id = c.unit_id
       JOIN turns t ON t.document_id = u.document_id AND t.start <= u.start AND u.start < t."end" WHERE c.code_id = ?`,
      code.id,
    );
    expect(byId.get(code.id)).toMatchObject({ units: expectUnits, documents: expectDocs, participants: expectPeople });
    // The theme holds every coded unit of the study.
    const theme = await nodeNamed(t, 'Learning to belong in medicine through a trusted other');
    expect(byId.get(theme.id)!.units).toBe(one<number>(t, `SELECT count(DISTINCT unit_id) FROM codings`));
    expect(byId.get(theme.id)!.documents).toBe(3);
  });

  it('retrieves every unit under a node with text, speaker, pseudonym, session and attributes, and marks quotes', async () => {
    t = await makeSampleApp();
    const category = await nodeNamed(t, 'Finding a safe harbour');
    const r = await t.client.call('codebook.retrieve', { nodeId: category.id });
    const expected = one<number>(
      t,
      `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT l.child_id FROM codebook_links l JOIN sub ON l.parent_id = sub.id)
       SELECT count(DISTINCT unit_id) FROM codings WHERE code_id IN (SELECT id FROM sub)`,
      category.id,
    );
    expect(r.units.length).toBe(expected);
    expect(r.counts.units).toBe(expected);
    // The sample marks exemplar quotes already; take a unit that is not one yet.
    const first = r.units.find((u) => !u.quote)!;
    const before = await t.client.call('quotes.list', { nodeId: category.id });
    expect(before.length).toBe(r.units.filter((u) => u.quote).length);
    const docs = await sampleDocuments(t);
    const doc = docs.find((d) => d.document.id === first.documentId)!;
    expect(first.text).toBe(doc.text.slice(first.start, first.end));
    expect(first.speaker).toMatch(/^P\d+$/);
    expect(first.pseudonym).toMatch(/^Ment(ee|or) \d+$/);
    expect(first.sessionName).toBe(doc.document.sessionName);
    expect(first.attributes).toMatchObject({ Role: expect.any(String), 'Year of study': expect.any(String) });
    expect(first.codings.length).toBeGreaterThan(0);
    expect(first.quote).toBe(false);

    await t.client.call('quotes.set', { nodeId: category.id, unitId: first.unitId, quote: true });
    expect((await t.client.call('codebook.retrieve', { nodeId: category.id })).units.find((u) => u.unitId === first.unitId)!.quote).toBe(true);
    const quotes = await t.client.call('quotes.list', { nodeId: category.id });
    expect(quotes).toHaveLength(before.length + 1);
    expect(quotes).toContainEqual(expect.objectContaining({ unitId: first.unitId, text: first.text }));
    await t.client.call('quotes.set', { nodeId: category.id, unitId: first.unitId, quote: false });
    expect(await t.client.call('quotes.list', { nodeId: category.id })).toEqual(before);
  });
});
