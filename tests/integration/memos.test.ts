import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp } from './support/app';
import { coderNamed, dumpTables, nodeNamed, sampleDocuments } from './support/workbench';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

describe('memos and the journal', () => {
  let t: SampleApp;
  afterEach(() => t?.close());

  it('writes memos on the project, a document, a unit, a node and a participant, with author and time', async () => {
    t = await makeSampleApp();
    const amira = coderNamed(t, 'Amira Haddad');
    const [doc] = await sampleDocuments(t);
    const node = await nodeNamed(t, 'Easing exam nerves');
    const [person] = await t.client.call('participants.list', {});
    const project = await t.client.call('project.get', {});
    const started = new Date().toISOString();
    const targets = [
      { targetType: 'project' as const, targetId: undefined, expectId: project.id },
      { targetType: 'document' as const, targetId: doc.document.id, expectId: doc.document.id },
      { targetType: 'unit' as const, targetId: doc.units[0].id, expectId: doc.units[0].id },
      { targetType: 'node' as const, targetId: node.id, expectId: node.id },
      { targetType: 'participant' as const, targetId: person.id, expectId: person.id },
    ];
    for (const target of targets) {
      const memo = await t.client.call('memos.create', { targetType: target.targetType, targetId: target.targetId, title: `On the ${target.targetType}`, body: 'Thoughts' });
      expect(memo).toMatchObject({ targetType: target.targetType, targetId: target.expectId, authorId: amira, authorName: 'Amira Haddad', body: 'Thoughts' });
      expect(memo.createdAt >= started).toBe(true);
      const listed = await t.client.call('memos.list', { targetType: target.targetType, targetId: target.expectId });
      expect(listed.map((m) => m.id)).toContain(memo.id);
    }
    await expect(t.client.call('memos.create', { targetType: 'unit', targetId: 'gone', body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.client.call('memos.create', { targetType: 'unit', body: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('memos.create', { targetType: 'unit', targetId: doc.units[0].id, body: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('edits and deletes memos, each an undoable step', async () => {
    t = await makeSampleApp();
    const node = await nodeNamed(t, 'Easing exam nerves');
    const memo = await t.client.call('memos.create', { targetType: 'node', targetId: node.id, body: 'First thought' });
    const before = dumpTables(t);
    const edited = await t.client.call('memos.update', { id: memo.id, title: 'Rule', body: 'Second thought' });
    expect(edited).toMatchObject({ title: 'Rule', body: 'Second thought' });
    expect(edited.updatedAt >= memo.updatedAt).toBe(true);
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
    expect(await t.client.call('memos.delete', { id: memo.id })).toEqual({ deleted: true });
    expect(await t.client.call('memos.list', { targetType: 'node', targetId: node.id })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ id: memo.id })]),
    );
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
    await expect(t.client.call('memos.update', { id: 'gone', body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a dated reflexive journal, newest first', async () => {
    t = await makeSampleApp();
    const sample = await t.client.call('journal.list', {});
    expect(sample.map((j) => j.date)).toEqual(['2026-03-20', '2026-03-05', '2026-02-19', '2026-02-11']);
    const entry = await t.client.call('journal.create', { date: '2026-04-01', body: 'I notice I expected the mentors to be kinder.' });
    expect(entry).toMatchObject({ date: '2026-04-01', authorName: 'Amira Haddad' });
    const today = await t.client.call('journal.create', { body: 'Undated means today.' });
    expect(today.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const list = await t.client.call('journal.list', {});
    expect(list[0].id).toBe(today.id);
    const changed = await t.client.call('journal.update', { id: entry.id, date: '2026-04-02', body: 'Changed' });
    expect(changed).toMatchObject({ date: '2026-04-02', body: 'Changed' });
    const [step] = await t.client.call('audit.list', { limit: 1 });
    expect(step.summary).toBe('Edit the journal entry of 2026-04-01');
    expect(await t.client.call('journal.delete', { id: entry.id })).toEqual({ deleted: true });
    await expect(t.client.call('journal.create', { date: '1 April', body: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
