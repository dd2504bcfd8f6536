import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { makeTestApp, type TestApp } from './support/app';

// #23 item 8: a meta-synthesis cites the studies it synthesises by their reference numbers. Each
// document carries its number (set by the author, or numbered in list order for the author to change).

/** A meta-synthesis of `count` published studies, each an article document, in list order. */
async function metaSynthesis(t: TestApp, count: number): Promise<{ docIds: string[] }> {
  await t.client.call('project.create', { path: t.file(), title: 'Mentoring competencies', methodology: 'meta-synthesis' });
  const docIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = `Study ${i + 1} reports that mentors build teamwork skills and give feedback on clinical reasoning.`;
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'text', name: `Study ${i + 1}`, text }] });
    if (!files[0].ok) throw new Error(files[0].error.message);
    const done = await t.client.call('import.commit', { previewId: files[0].preview.previewId, segment: 'paragraph', document: { title: `Study ${String(i + 1).padStart(2, '0')}`, kind: 'article' } });
    docIds.push(done.documentId);
  }
  return { docIds };
}

describe('reference numbers of documents', () => {
  let t: TestApp;
  beforeEach(() => {
    t = makeTestApp();
  });
  afterEach(() => t.close());

  it('are unset at first, set and cleared by the author, and numbered in list order after the highest one set', async () => {
    const { docIds } = await metaSynthesis(t, 4);
    expect((await t.client.call('documents.list', {})).map((d) => d.reference)).toEqual([null, null, null, null]);

    const set = await t.client.call('documents.update', { id: docIds[1], reference: ' 45 ' });
    expect(set.reference).toBe('45');
    await t.client.call('documents.update', { id: docIds[2], reference: '12a' });
    // The others get the next whole numbers after 45, in the list's order; the ones typed stay.
    expect(await t.client.call('documents.numberByOrder', {})).toEqual({ numbered: 2 });
    expect((await t.client.call('documents.list', {})).map((d) => d.reference)).toEqual(['46', '45', '12a', '47']);

    await t.client.call('documents.update', { id: docIds[0], reference: '' });
    expect((await t.client.call('documents.list', {}))[0].reference).toBeNull();
    // One undo step per command: undoing the clearing brings the number back.
    await t.client.call('history.undo', {});
    expect((await t.client.call('documents.list', {}))[0].reference).toBe('46');
  });

  it('refuses a reference longer than a reference list prints, with a clear code', async () => {
    const { docIds } = await metaSynthesis(t, 1);
    const e = await t.client.call('documents.update', { id: docIds[0], reference: 'x'.repeat(41) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_REQUEST');
  });
});
