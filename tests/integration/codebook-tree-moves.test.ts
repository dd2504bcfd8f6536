import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './support/app';

// The tree's moves are recorded commands: several nodes move in one step that undo takes back
// whole, levels are checked, and collapsing a branch is remembered without becoming a step.

async function tree(): Promise<TestApp & { readonly ids: Record<string, string> }> {
  const t = makeTestApp();
  const c = t.client;
  await c.call('project.create', { path: t.file(), title: 'Tree study' });
  const coder = await c.call('coders.create', { name: 'Dana Ruiz' });
  await c.call('coders.setCurrent', { coderId: coder.id });
  const theme = await c.call('codebook.create', { level: 'theme', name: 'Belonging' });
  const catA = await c.call('codebook.create', { level: 'category', name: 'Safe harbour', parentId: theme.id });
  const catB = await c.call('codebook.create', { level: 'category', name: 'Drifting', parentId: theme.id });
  const ids: Record<string, string> = { theme: theme.id, catA: catA.id, catB: catB.id };
  for (const name of ['one', 'two', 'three', 'four']) ids[name] = (await c.call('codebook.create', { name, parentId: catA.id })).id;
  return Object.assign(t, { ids });
}

const childrenOf = async (t: TestApp, parentId: string) =>
  (await t.client.call('codebook.list', {}))
    .filter((n) => n.parentIds.includes(parentId))
    .sort((a, b) => a.sort - b.sort)
    .map((n) => n.name);

describe('moving codebook nodes', () => {
  let t: (TestApp & { readonly ids: Record<string, string> }) | undefined;
  afterEach(() => t?.close());

  it('moves several nodes in one step, kept together in order, and undo brings them all back', async () => {
    t = await tree();
    const { ids } = t;
    const steps = (await t.client.call('audit.list', { limit: 100 })).length;
    await t.client.call('codebook.move', { nodes: [{ id: ids.two }, { id: ids.four }, { id: ids.one, fromParentId: ids.catA }], to: { kind: 'inside', nodeId: ids.catB } });
    expect(await childrenOf(t, ids.catB)).toEqual(['two', 'four', 'one']);
    expect(await childrenOf(t, ids.catA)).toEqual(['three']);
    const audit = await t.client.call('audit.list', { limit: 100 });
    expect(audit).toHaveLength(steps + 1);
    expect(audit[0].summary).toBe('Move 3 nodes (“two”, “four”, “one”) under “Drifting”');
    await t.client.call('history.undo', {});
    expect(await childrenOf(t, ids.catA)).toEqual(['one', 'two', 'three', 'four']);
    expect(await childrenOf(t, ids.catB)).toEqual([]);
  });

  it('places a selection at an index among the new siblings', async () => {
    t = await tree();
    const { ids } = t;
    await t.client.call('codebook.move', { nodes: [{ id: ids.three }, { id: ids.four }], to: { kind: 'inside', nodeId: ids.catA, at: 'first' } });
    expect(await childrenOf(t, ids.catA)).toEqual(['three', 'four', 'one', 'two']);
  });

  it('resolves moves sent back to back against the tree as each one runs, not as the screen showed it', async () => {
    t = await tree();
    const { ids } = t;
    const c = t.client;
    // Four keys pressed before the tree was drawn again: each names the parent its row showed, all
    // taken from the same (by then old) screen. Sent without waiting for the answers.
    const moves = [
      c.call('codebook.move', { nodes: [{ id: ids.three, fromParentId: ids.catA }], to: { kind: 'outdent' } }),
      c.call('codebook.move', { nodes: [{ id: ids.three, fromParentId: ids.catA }], to: { kind: 'down' } }),
      c.call('codebook.move', { nodes: [{ id: ids.two, fromParentId: ids.catA }], to: { kind: 'up' } }),
      c.call('codebook.move', { nodes: [{ id: ids.four, fromParentId: ids.catA }], to: { kind: 'indent' } }),
    ];
    const said = (await Promise.all(moves)).map((r) => r.said);
    expect(await childrenOf(t, ids.theme)).toEqual(['Safe harbour', 'Drifting', 'three']);
    expect(await childrenOf(t, ids.catA)).toEqual(['two', 'one']);
    expect(await childrenOf(t, ids.one)).toEqual(['four']);
    expect(said).toEqual([
      'Moved “three” out of “Safe harbour” to place 2 under “Belonging”.',
      'Moved “three” to place 3 under “Belonging”.',
      'Moved “two” to place 1 under “Safe harbour”.',
      'Moved “four” under “one”.',
    ]);
    // Four steps, each undone on its own, newest first.
    const audit = (await c.call('audit.list', { limit: 4 })).map((a) => a.summary);
    expect(audit).toEqual(['Move “four” under “one”', 'Move “two” to place 1 under “Safe harbour”', 'Move “three” to place 3 under “Belonging”', 'Move “three” out of “Safe harbour” to place 2 under “Belonging”']);
    await c.call('history.undo', {});
    expect(await childrenOf(t, ids.catA)).toEqual(['two', 'one', 'four']);
  });

  it('moves a selection of siblings one step up or down as a block, before or after a named node', async () => {
    t = await tree();
    const { ids } = t;
    const c = t.client;
    await c.call('codebook.move', { nodes: [{ id: ids.three }, { id: ids.four }], to: { kind: 'up' } });
    expect(await childrenOf(t, ids.catA)).toEqual(['one', 'three', 'four', 'two']);
    await c.call('codebook.move', { nodes: [{ id: ids.one }, { id: ids.three }], to: { kind: 'down' } });
    expect(await childrenOf(t, ids.catA)).toEqual(['four', 'one', 'three', 'two']);
    await c.call('codebook.move', { nodes: [{ id: ids.two }], to: { kind: 'before', nodeId: ids.catB } });
    expect(await childrenOf(t, ids.theme)).toEqual(['Safe harbour', 'two', 'Drifting']);
    await c.call('codebook.move', { nodes: [{ id: ids.four }, { id: ids.one }], to: { kind: 'after', nodeId: ids.catB } });
    expect(await childrenOf(t, ids.theme)).toEqual(['Safe harbour', 'two', 'Drifting', 'four', 'one']);
    // Into an empty node, first, and to the top of the codebook, last.
    await c.call('codebook.move', { nodes: [{ id: ids.three }], to: { kind: 'inside', nodeId: ids.catB, at: 'first' } });
    expect(await childrenOf(t, ids.catB)).toEqual(['three']);
    const top = await c.call('codebook.move', { nodes: [{ id: ids.three }], to: { kind: 'inside', nodeId: null } });
    expect(top.parentId).toBeNull();
    expect(top.said).toBe('Moved “three” to the top level.');
  });

  it('says why a step cannot be taken, and writes nothing', async () => {
    t = await tree();
    const { ids } = t;
    const c = t.client;
    const steps = (await c.call('audit.list', { limit: 100 })).length;
    const refusal = (nodes: string[], kind: 'up' | 'down' | 'outdent' | 'indent') => c.call('codebook.move', { nodes: nodes.map((id) => ({ id })), to: { kind } });
    await expect(refusal([ids.one], 'up')).rejects.toMatchObject({ code: 'CONFLICT', message: '“one” is first among its siblings.' });
    await expect(refusal([ids.four], 'down')).rejects.toMatchObject({ code: 'CONFLICT', message: '“four” is last among its siblings.' });
    await expect(refusal([ids.theme], 'outdent')).rejects.toMatchObject({ code: 'CONFLICT', message: '“Belonging” is already at the top level.' });
    await expect(refusal([ids.one], 'indent')).rejects.toMatchObject({ code: 'CONFLICT', message: '“one” is first among its siblings: there is no sibling above to go under.' });
    await expect(refusal([ids.one, ids.catB], 'down')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^These nodes sit under different parents/) });
    await expect(c.call('codebook.move', { nodes: [{ id: ids.two }], to: { kind: 'before', nodeId: ids.two } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(c.call('codebook.move', { nodes: [{ id: ids.two }], to: { kind: 'up' }, addParent: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await c.call('audit.list', { limit: 100 })).toHaveLength(steps);
    expect(await childrenOf(t, ids.catA)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('refuses a category under a code with a sentence, and changes nothing', async () => {
    t = await tree();
    const { ids } = t;
    const before = await childrenOf(t, ids.theme);
    await expect(t.client.call('codebook.move', { nodes: [{ id: ids.catB }], to: { kind: 'inside', nodeId: ids.one } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^A category cannot go under a code \(“Drifting” under “one”\)/),
    });
    // One refused node refuses the whole step.
    await expect(t.client.call('codebook.move', { nodes: [{ id: ids.two }, { id: ids.catB }], to: { kind: 'inside', nodeId: ids.three } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await childrenOf(t, ids.theme)).toEqual(before);
    expect(await childrenOf(t, ids.three)).toEqual([]);
  });

  it('merges several codes into one in one step', async () => {
    t = await tree();
    const { ids } = t;
    const r = await t.client.call('codebook.merge', { sourceId: ids.two, alsoSourceIds: [ids.three], targetId: ids.one });
    expect(r.target.name).toBe('one');
    expect(await childrenOf(t, ids.catA)).toEqual(['one', 'four']);
    expect((await t.client.call('audit.list', { limit: 1 }))[0].summary).toBe('Merge “two”, “three” into “one”');
    await t.client.call('history.undo', {});
    expect(await childrenOf(t, ids.catA)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('remembers collapsed nodes in the project without an undo step, and forgets deleted ones', async () => {
    t = await tree();
    const { ids } = t;
    const steps = (await t.client.call('audit.list', { limit: 100 })).length;
    const undoable = (await t.client.call('history.state', {})).undoLabel;
    await t.client.call('codebook.rememberCollapsed', { nodeIds: [ids.catA, ids.catB] });
    expect((await t.client.call('project.get', {})).collapsedNodeIds.sort()).toEqual([ids.catA, ids.catB].sort());
    expect(await t.client.call('audit.list', { limit: 100 })).toHaveLength(steps);
    expect((await t.client.call('history.state', {})).undoLabel).toBe(undoable);
    await t.client.call('codebook.delete', { id: ids.catB });
    expect((await t.client.call('project.get', {})).collapsedNodeIds).toEqual([ids.catA]);
  });
});
