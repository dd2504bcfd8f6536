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
    await t.client.call('codebook.move', { id: ids.two, parentId: ids.catB, also: [{ id: ids.four }, { id: ids.one, fromParentId: ids.catA }] });
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
    await t.client.call('codebook.move', { id: ids.three, parentId: ids.catA, index: 0, also: [{ id: ids.four }] });
    expect(await childrenOf(t, ids.catA)).toEqual(['three', 'four', 'one', 'two']);
  });

  it('refuses a category under a code with a sentence, and changes nothing', async () => {
    t = await tree();
    const { ids } = t;
    const before = await childrenOf(t, ids.theme);
    await expect(t.client.call('codebook.move', { id: ids.catB, parentId: ids.one })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^A category cannot go under a code \(“Drifting” under “one”\)/),
    });
    // One refused node refuses the whole step.
    await expect(t.client.call('codebook.move', { id: ids.two, parentId: ids.three, also: [{ id: ids.catB }] })).rejects.toMatchObject({ code: 'CONFLICT' });
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
