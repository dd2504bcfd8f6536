import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSample } from '../../electron/core/sample/load-sample';
import { SAMPLE_STUDY } from '../../electron/core/sample/sample-study';
import { insertProject } from '../../electron/core/repos/project-repo';
import { MIGRATIONS, migrate } from '../../electron/core/store/migrations';
import { toFtsQuery } from '../../shared/domain/search-query';
import { makeSampleApp, makeTestApp, type TestApp } from './support/app';
import { coderNamed, dumpTables, nodeNamed, one, sampleDocuments } from './support/workbench';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

describe('full-text search (FTS5)', () => {
  let t: SampleApp | TestApp;
  afterEach(() => t?.close());

  it('finds words in the documents with offsets that point at them and the unit holding them', async () => {
    t = await makeSampleApp();
    const docs = await sampleDocuments(t);
    const { hits, truncated } = await t.client.call('search.query', { query: 'napkin', kinds: ['document'] });
    expect(truncated).toBe(false);
    const expected = docs.reduce((n, d) => n + (d.text.match(/napkin/gi)?.length ?? 0), 0);
    expect(expected).toBeGreaterThan(0);
    expect(hits.length).toBe(expected);
    for (const h of hits) {
      const doc = docs.find((d) => d.document.id === h.documentId)!;
      expect(doc.text.slice(h.start!, h.end!).toLowerCase()).toBe('napkin');
      const unit = doc.units.find((u) => u.id === h.unitId)!;
      expect(unit.start <= h.start! && h.end! <= unit.end).toBe(true);
      // The snippet marks exactly the word.
      expect(h.marks.map(([a, b]) => h.snippet.slice(a, b).toLowerCase())).toContain('napkin');
    }
  });

  it('matches without accents, by prefix, and by phrase', async () => {
    t = await makeSampleApp();
    const docs = await sampleDocuments(t);
    const cafe = await t.client.call('search.query', { query: 'cafe', kinds: ['document', 'unit'] });
    const inText = cafe.hits.filter((h) => h.kind === 'document');
    expect(inText.length).toBeGreaterThan(0);
    for (const h of inText) expect(docs.find((d) => d.document.id === h.documentId)!.text.slice(h.start!, h.end!)).toBe('café');
    expect(cafe.hits.some((h) => h.kind === 'unit' && h.field === 'condensed')).toBe(true);

    const prefix = await t.client.call('search.query', { query: 'mentor*', kinds: ['document'], limit: 5000 });
    const words = new Set(prefix.hits.map((h) => docs.find((d) => d.document.id === h.documentId)!.text.slice(h.start!, h.end!).toLowerCase()));
    expect(words.has('mentor')).toBe(true);
    expect([...words].some((w) => w !== 'mentor' && w.startsWith('mentor'))).toBe(true);

    const phrase = await t.client.call('search.query', { query: '"cranial nerves"', kinds: ['document'] });
    for (const h of phrase.hits) expect(docs.find((d) => d.document.id === h.documentId)!.text.slice(h.start!, h.end!).toLowerCase()).toBe('cranial nerves');
    expect(phrase.hits.length).toBeGreaterThan(0);
  });

  it('searches condensations, codebook nodes, memos and the journal, with highlights', async () => {
    t = await makeSampleApp();
    const node = await t.client.call('search.query', { query: 'struggling', kinds: ['node'] });
    expect(node.hits.some((h) => h.title === 'Hearing that struggling is normal' && h.field === 'name')).toBe(true);
    const memo = await t.client.call('search.query', { query: 'dissection', kinds: ['memo'] });
    expect(memo.hits).toEqual([expect.objectContaining({ kind: 'memo', title: 'A mentor with two hats', field: 'body' })]);
    expect(memo.hits[0].marks.map(([a, b]) => memo.hits[0].snippet.slice(a, b))).toEqual(['dissection']);
    const journal = await t.client.call('search.query', { query: 'napkin OR protective', kinds: ['journal'] });
    expect(journal.hits).toEqual([expect.objectContaining({ kind: 'journal', title: 'Journal, 2026-03-05' })]);
    const all = await t.client.call('search.query', { query: 'hierarchy' });
    expect(new Set(all.hits.map((h) => h.kind)).size).toBeGreaterThan(1);
  });

  it('keeps the index in step with edits, deletions and undo', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const find = async (q: string) => (await t.client.call('search.query', { query: q })).hits;
    await t.client.call('units.condense', { unitId: doc.units[0].id, condensed: 'zebrafish metaphor' });
    expect((await find('zebrafish')).map((h) => h.unitId)).toEqual([doc.units[0].id]);
    await t.client.call('history.undo', {});
    expect(await find('zebrafish')).toEqual([]);
    await t.client.call('history.redo', {});
    expect((await find('zebrafish')).length).toBe(1);

    const code = await nodeNamed(t, 'Easing exam nerves');
    await t.client.call('codebook.update', { id: code.id, name: 'Quokka nerves' });
    expect((await find('quokka')).map((h) => h.id)).toEqual([code.id]);
    await t.client.call('codebook.delete', { id: code.id });
    expect(await find('quokka')).toEqual([]);
    await t.client.call('history.undo', {});
    expect((await find('quokka')).map((h) => h.id)).toEqual([code.id]);

    const memo = await t.client.call('memos.create', { targetType: 'unit', targetId: doc.units[2].id, body: 'Axolotl idea' });
    expect(await find('axolotl')).toEqual([expect.objectContaining({ kind: 'memo', id: memo.id, unitId: doc.units[2].id, documentId: doc.document.id })]);
    await t.client.call('memos.delete', { id: memo.id });
    expect(await find('axolotl')).toEqual([]);
  });

  it('autocodes the units holding every hit in one undoable step', async () => {
    t = await makeSampleApp();
    const amira = coderNamed(t as SampleApp, 'Amira Haddad');
    const code = await nodeNamed(t, 'Easing exam nerves');
    const { hits } = await t.client.call('search.query', { query: 'exam', kinds: ['document'], limit: 5000 });
    const units = new Set(hits.map((h) => h.unitId).filter(Boolean));
    expect(units.size).toBeGreaterThan(1);
    const before = dumpTables(t);
    const r = await t.client.call('search.autocode', { query: 'exam', codeIds: [code.id] });
    expect(r.hits).toBe(hits.length);
    expect(r.units).toBe(units.size);
    expect(r.added + r.unchanged).toBe(units.size);
    for (const u of units) expect(one(t, `SELECT count(*) FROM codings WHERE unit_id = ? AND code_id = ? AND coder_id = ?`, u, code.id, amira)).toBe(1);
    const [step] = await t.client.call('audit.list', { limit: 1 });
    expect(step.summary).toBe(`Autocode “exam”: ${units.size} units`);
    const after = dumpTables(t);
    await t.client.call('history.undo', {});
    expect(dumpTables(t)).toEqual(before);
    await t.client.call('history.redo', {});
    expect(dumpTables(t)).toEqual(after);
  });

  it('autocodes the words themselves as passages, and refuses a search with no hits', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Feeling welcomed in');
    const r = await t.client.call('search.autocode', { query: 'napkin', codeIds: [code.id], target: 'spans' });
    expect(r.added).toBe(r.hits);
    const docs = await sampleDocuments(t);
    const spans = docs.flatMap((d) => d.codings.filter((c) => c.unitId === null && c.codeId === code.id).map((c) => d.text.slice(c.start!, c.end!).toLowerCase()));
    expect(spans).toEqual(Array(r.hits).fill('napkin'));
    await expect(t.client.call('search.autocode', { query: 'xylophonist', codeIds: [code.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.client.call('search.query', { query: '!!! ???' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('turns typed text into a safe FTS5 query', () => {
    expect(toFtsQuery('peer mentor')).toBe('"peer" "mentor"');
    expect(toFtsQuery('"peer mentor" exam*')).toBe('"peer mentor" "exam"*');
    expect(toFtsQuery('a OR b OR')).toBe('"a" OR "b"');
    expect(toFtsQuery('NEAR( col:x')).toBe('"NEAR(" "col:x"');
    expect(toFtsQuery('" ! "')).toBeNull();
  });

  it('builds the index for a project written before search existed (schema v1)', async () => {
    t = makeTestApp();
    const file = t.file('old.condensa');
    const db = new Database(file);
    db.pragma('application_id = 1131376228');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.transaction(() => {
      insertProject(db, 'p1', 'Old study', 'content-analysis');
      loadSample(db, SAMPLE_STUDY);
    })();
    db.close();
    const opened = await t.client.call('project.open', { path: file });
    expect(opened.migratedFrom).toBe(1);
    const { hits } = await t.client.call('search.query', { query: 'napkin', kinds: ['document'] });
    expect(hits.length).toBeGreaterThan(0);
    const r = await t.client.call('search.query', { query: 'dissection', kinds: ['memo'] });
    expect(r.hits.length).toBe(1);
  });
});
