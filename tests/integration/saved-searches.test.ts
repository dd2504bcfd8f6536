import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp } from './support/app';
import { dumpTables, sampleDocuments } from './support/workbench';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

describe('saved searches', () => {
  let t: SampleApp;
  afterEach(() => t?.close());

  it('saves a search with where it looks, lists it by name and runs it again with the same hits', async () => {
    t = await makeSampleApp();
    const docs = await sampleDocuments(t);
    const first = docs[0];
    expect(docs.filter((d) => /mentor/i.test(d.text)).length).toBeGreaterThan(1);

    const saved = await t.client.call('savedSearches.save', { name: '  Mentors in one group ', query: 'mentor', kinds: ['document', 'unit'], documentIds: [first.document.id] });
    expect(saved).toMatchObject({ name: 'Mentors in one group', query: 'mentor', kinds: ['document', 'unit'], documentIds: [first.document.id] });
    await t.client.call('savedSearches.save', { name: 'anxiety anywhere', query: 'anxi*' });

    const list = await t.client.call('savedSearches.list', {});
    expect(list.map((s) => s.name)).toEqual(['anxiety anywhere', 'Mentors in one group']);
    expect(list[0]).toMatchObject({ kinds: [], documentIds: null });

    const run = await t.client.call('savedSearches.run', { id: saved.id, limit: 5000 });
    const direct = await t.client.call('search.query', { query: 'mentor', kinds: ['document', 'unit'], documentIds: [first.document.id], limit: 5000 });
    expect(run.search.id).toBe(saved.id);
    expect(run.hits).toEqual(direct.hits);
    expect(run.hits.length).toBeGreaterThan(0);
    // The scope holds: only the chosen document and kinds.
    expect(run.hits.every((h) => h.documentId === first.document.id && (h.kind === 'document' || h.kind === 'unit'))).toBe(true);
    const everywhere = await t.client.call('search.query', { query: 'mentor', limit: 5000 });
    expect(everywhere.hits.length).toBeGreaterThan(run.hits.length);

    // A search saved without kinds searches every kind.
    const anywhere = await t.client.call('savedSearches.run', { id: list[0].id });
    expect(anywhere.hits).toEqual((await t.client.call('search.query', { query: 'anxi*' })).hits);
  });

  it('renames and deletes as recorded steps that undo and show in the audit log', async () => {
    t = await makeSampleApp();
    const before = dumpTables(t);
    const saved = await t.client.call('savedSearches.save', { name: 'Mentors', query: 'mentor*' });
    expect((await t.client.call('audit.list', { limit: 1 }))[0]).toMatchObject({ method: 'savedSearches.save', summary: 'Save the search “Mentors”' });
    const afterSave = dumpTables(t);

    const renamed = await t.client.call('savedSearches.rename', { id: saved.id, name: 'Mentoring talk' });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Mentoring talk', query: 'mentor*' });
    expect((await t.client.call('audit.list', { limit: 1 }))[0].summary).toBe('Rename the saved search “Mentors” to “Mentoring talk”');
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(afterSave);
    expect((await t.client.call('savedSearches.list', {})).map((s) => s.name)).toEqual(['Mentors']);

    expect(await t.client.call('savedSearches.delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await t.client.call('savedSearches.list', {})).toEqual([]);
    expect((await t.client.call('audit.list', { limit: 1 }))[0].summary).toBe('Delete the saved search “Mentors”');
    await t.client.call('history.undo', {});
    expect((await t.client.call('savedSearches.list', {})).map((s) => s.id)).toEqual([saved.id]);
    expect(dumpTables(t)).toEqual(afterSave);

    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
    await t.client.call('history.redo', {});
    expect(dumpTables(t)).toEqual(afterSave);
  });

  it('keeps saved searches in the file when the project is closed and opened again', async () => {
    t = await makeSampleApp();
    const saved = await t.client.call('savedSearches.save', { name: 'Cafés', query: 'cafe', kinds: ['document'] });
    const project = await t.client.call('project.get', {});
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path: project.path });
    expect(await t.client.call('savedSearches.list', {})).toEqual([saved]);
  });

  it('travels through a REFI-QDA project export and import with its kinds and documents', async () => {
    t = await makeSampleApp();
    const [doc] = await t.client.call('documents.list', {});
    const saved = await t.client.call('savedSearches.save', { name: 'Exams in one group', query: 'exam*', kinds: ['document'], documentIds: [doc.id] });
    const out = await t.client.call('refi.exportProject', { path: t.file('saved.qdpx') });
    await t.client.call('refi.importProject', { sourcePath: out.path, targetPath: t.file('imported.condensa') });
    expect(await t.client.call('savedSearches.list', {})).toEqual([saved]);
    expect((await t.client.call('savedSearches.run', { id: saved.id })).hits.length).toBeGreaterThan(0);
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    t = await makeSampleApp();
    const saved = await t.client.call('savedSearches.save', { name: 'Exams', query: 'exam*' });
    const before = dumpTables(t);
    await expect(t.client.call('savedSearches.save', { name: '   ', query: 'exam' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('savedSearches.save', { name: 'Empty', query: '  ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('savedSearches.save', { name: 'Punctuation', query: '?!…' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('savedSearches.save', { name: 'Nowhere', query: 'exam', kinds: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('savedSearches.save', { name: 'exams', query: 'test' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.client.call('savedSearches.rename', { id: saved.id, name: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('savedSearches.rename', { id: 'gone', name: 'Anything' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.client.call('savedSearches.delete', { id: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.client.call('savedSearches.run', { id: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(dumpTables(t)).toEqual(before);
    // Renaming to its own name, in another case, is not a clash.
    expect(await t.client.call('savedSearches.rename', { id: saved.id, name: 'EXAMS' })).toMatchObject({ name: 'EXAMS' });
  });
});
