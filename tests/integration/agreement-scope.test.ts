import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';

import { krippendorffAlpha } from '../../shared/domain/agreement';
import { agreementText } from '../../shared/format/agreement-format';
import { parseAgreementArgs } from '../../electron/cli/agreement-command';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { makeTestApp, type TestApp } from './support/app';
import { codeAs, importAnswers, makeCoders } from './support/agreement-study';

// Scope (#20 items 1 and 2): the documents compared are those the coders were given, a document a
// coder left uncoded counts as "no code" there, and with many coders a value is missing only where
// the coder was not given the document.

let t: TestApp;
let other: Application | null = null;

beforeEach(async () => {
  t = makeTestApp();
  await t.client.call('project.create', { path: t.file('answers.condensa'), title: 'Open answers' });
});
afterEach(() => {
  other?.closeProject();
  other = null;
  t.close();
});

const answers = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ title: `Answer ${from + i + 1}`, text: `Answer number ${from + i + 1} says something worth coding.` }));

/** Cohen's κ written out for a 2×2 table. */
function cohen(both: number, onlyA: number, onlyB: number, neither: number): number {
  const n = both + onlyA + onlyB + neither;
  const po = (both + neither) / n;
  const pe = ((both + onlyA) / n) * ((both + onlyB) / n) + ((onlyB + neither) / n) * ((onlyA + neither) / n);
  return (po - pe) / (1 - pe);
}

async function openElsewhere(file: string): Promise<Client> {
  other = new Application(
    { platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(t.dir, 'elsewhere'), userDataFolder: path.join(t.dir, 'elsewhere-data') },
    { validateResults: true },
  );
  const client = createClient(directTransport(other));
  await client.call('project.open', { path: file });
  return client;
}

describe('two coders: every document both were given is compared', () => {
  it('keeps answers only one coder coded, as “no code” for the other, and lists them', async () => {
    const docs = await importAnswers(t.client, answers(10));
    const [ann, bob] = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt']);
    const code = await t.client.call('codebook.create', { name: 'Worth' });
    const unit = (i: number) => docs[i].unitIds[0];
    // Both: 0-2; Ann only: 3-5 (Bob coded nothing at all there); Bob only: 6; neither: 7-9.
    await codeAs(t.client, ann, [0, 1, 2, 3, 4, 5].map(unit), code.id);
    await codeAs(t.client, bob, [0, 1, 2, 6].map(unit), code.id);
    await t.client.call('agreement.reveal', { confirm: true });

    const report = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], unitSet: 'all-units' });
    const figures = report.pair!.codes[0].figures;
    expect([figures.both, figures.onlyA, figures.onlyB, figures.neither]).toEqual([3, 3, 1, 3]);
    expect(figures.kappa.value).toBeCloseTo(cohen(3, 3, 1, 3), 10);
    expect(report.scope).toMatchObject({ source: 'all', documents: 10, units: 10 });
    expect(report.scope.line).toContain('every document in the project, 10 documents (10 meaning units');
    // Bob left answers 4-6 and 8-10 uncoded; they are listed, with a warning, never dropped.
    const bobs = report.scope.uncoded.find((u) => u.coderId === bob.id)!;
    expect(bobs.documents.map((d) => d.title)).toEqual(['Answer 4', 'Answer 5', 'Answer 6', 'Answer 8', 'Answer 9', 'Answer 10']);
    expect(report.scope.warnings.join(' ')).toContain('Bob Brandt coded nothing in 6 of the 10 documents in scope');
    expect(agreementText(report)).toContain('Warning: Bob Brandt coded nothing in 6 of the 10 documents');

    // The default unit set keeps units either coder coded: the disagreements stay in.
    const byDefault = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id] });
    const f = byDefault.pair!.codes[0].figures;
    expect([f.both, f.onlyA, f.onlyB, f.neither]).toEqual([3, 3, 1, 0]);

    // The discrepancy list covers the same documents: Ann's answers 4-6 are there for the resolver.
    const list = await t.client.call('agreement.discrepancies', { coderAId: ann.id, coderBId: bob.id });
    expect(list.items.map((d) => d.documentTitle).sort()).toEqual(['Answer 4', 'Answer 5', 'Answer 6', 'Answer 7']);

    // The character level uses the same scope: every character of all ten answers.
    const chars = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], level: 'char' });
    const lengths = (await t.client.call('documents.list', {})).reduce((s, d) => s + d.length, 0);
    expect(chars.characters!.characters).toBe(lengths);
    expect(chars.scope.documents).toBe(10);
  });

  it('compares only the documents the user picks', async () => {
    const docs = await importAnswers(t.client, answers(4));
    const [ann, bob] = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt']);
    const code = await t.client.call('codebook.create', { name: 'Worth' });
    await codeAs(t.client, ann, docs.map((d) => d.unitIds[0]), code.id);
    await codeAs(t.client, bob, [docs[0].unitIds[0]], code.id);
    await t.client.call('agreement.reveal', { confirm: true });
    const picked = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], documentIds: [docs[0].documentId, docs[1].documentId] });
    expect(picked.scope).toMatchObject({ source: 'picked', documents: 2 });
    expect(picked.scope.line).toContain('the documents you chose');
    const f = picked.pair!.codes[0].figures;
    expect([f.both, f.onlyA, f.onlyB]).toEqual([1, 1, 0]);
    await expect(t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], documentIds: ['00000000-0000-4000-8000-000000000000'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('says so in a sentence when a coder coded nothing, and never fails', async () => {
    const docs = await importAnswers(t.client, answers(3));
    const [ann, bob] = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt']);
    const code = await t.client.call('codebook.create', { name: 'Worth' });
    await codeAs(t.client, ann, docs.map((d) => d.unitIds[0]), code.id);
    await t.client.call('agreement.reveal', { confirm: true });
    for (const level of ['unit', 'char'] as const) {
      const report = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], level });
      expect(report.scope.warnings.join(' ')).toContain('Bob Brandt coded nothing in the 3 documents in scope');
    }
  });

  it('refuses a unit set at the character level, where every character is a unit', async () => {
    const [ann, bob] = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt']);
    await t.client.call('agreement.reveal', { confirm: true });
    await expect(t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], level: 'char', unitSet: 'coded-by-any' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('every character of the documents in scope is a unit'),
    });
    const ok = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], level: 'char', unitSet: 'all-units' });
    expect(ok.scope.documents).toBe(0);
    expect(ok.scope.warnings[0]).toContain('No document is in scope');
  });
});

describe('hand-out records', () => {
  it('compare the documents both coders were handed by default; “all” widens the scope', async () => {
    const first = await importAnswers(t.client, answers(4));
    const [lead, sam] = await makeCoders(t.client, ['Lena Lead', 'Sam Second']);
    const code = await t.client.call('codebook.create', { name: 'Worth' });
    await t.client.call('agreement.reveal', { confirm: true });
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-sam'), coderId: sam.id });
    // Two answers arrive after the hand-out: Sam never saw them.
    const later = await importAnswers(t.client, answers(2, 4));
    await codeAs(t.client, lead, [...first, ...later].map((d) => d.unitIds[0]), code.id);

    const c = await openElsewhere(copy.path);
    await c.call('coders.setCurrent', { coderId: sam.id });
    await c.call('codings.apply', { target: { unitIds: [first[0].unitIds[0], first[1].unitIds[0]] }, codeIds: [code.id] });
    other!.closeProject();
    other = null;
    await t.client.call('exchange.merge', { path: copy.path });

    const report = await t.client.call('agreement.compute', { coderIds: [lead.id, sam.id] });
    expect(report.scope).toMatchObject({ source: 'handed-out', documents: 4 });
    expect(report.unitSet.documents.map((d) => d.title)).toEqual(['Answer 1', 'Answer 2', 'Answer 3', 'Answer 4']);
    expect(report.scope.warnings.join(' ')).toContain('No hand-out record for Lena Lead');
    expect(report.scope.warnings.join(' ')).toContain('2 documents were left out because only one of the two coders was given them');
    const f = report.pair!.codes[0].figures;
    expect([f.both, f.onlyA, f.onlyB]).toEqual([2, 2, 0]);

    const all = await t.client.call('agreement.compute', { coderIds: [lead.id, sam.id], documents: 'all' });
    expect(all.scope).toMatchObject({ source: 'all', documents: 6 });
    const g = all.pair!.codes[0].figures;
    expect([g.both, g.onlyA, g.onlyB]).toEqual([2, 4, 0]);
  });

  it('make a value missing only where a coder was not handed the document (three coders)', async () => {
    const first = await importAnswers(t.client, answers(6));
    const [ann, bob, cat] = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt', 'Cat Cole']);
    const code = await t.client.call('codebook.create', { name: 'Worth' });
    await t.client.call('agreement.reveal', { confirm: true });
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-cat'), coderId: cat.id });
    const later = await importAnswers(t.client, answers(4, 6));
    const docs = [...first, ...later];
    const unit = (i: number) => docs[i].unitIds[0];
    await codeAs(t.client, ann, [0, 1, 2, 6, 7].map(unit), code.id);
    await codeAs(t.client, bob, [0, 1, 3, 6, 8].map(unit), code.id);
    const c = await openElsewhere(copy.path);
    await c.call('coders.setCurrent', { coderId: cat.id });
    await c.call('codings.apply', { target: { unitIds: [0, 2].map(unit) }, codeIds: [code.id] });
    other!.closeProject();
    other = null;
    await t.client.call('exchange.merge', { path: copy.path });

    const report = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id, cat.id], unitSet: 'all-units', minPositiveUnits: 0 });
    const marked = (k: number, i: number) => ([[0, 1, 2, 6, 7], [0, 1, 3, 6, 8], [0, 2]][k].includes(i) ? 1 : 0);
    // Cat was handed answers 1-6: there she is "absent" where she did not code, elsewhere missing.
    const data = [0, 1, 2].map((k) => docs.map((_, i) => (k === 2 && i >= 6 ? null : marked(k, i))));
    expect(report.multi!.codes[0].alpha.value).toBeCloseTo(krippendorffAlpha(data).value!, 10);
    expect(report.multi!.unitsRatedByAll).toBe(6);
    expect(report.notes.join(' ')).toContain('missing only for the units of documents they were not given');

    // Cat codes answer 8 in the study itself, which her copy never held: said, and left out.
    await codeAs(t.client, cat, [unit(7)], code.id);
    const after = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id, cat.id], unitSet: 'all-units', minPositiveUnits: 0 });
    expect(after.multi!.codes[0].alpha.value).toBeCloseTo(krippendorffAlpha(data).value!, 10);
    expect(after.scope.warnings.join(' ')).toContain('Cat Cole has codings in 1 document the hand-out record says Cat Cole was not given (Answer 8)');
  });

  it('without hand-outs, counts a coder who did not apply a code as absent, not missing (three coders)', async () => {
    const docs = await importAnswers(t.client, answers(8));
    const [ann, bob, cat] = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt', 'Cat Cole']);
    const code = await t.client.call('codebook.create', { name: 'Worth' });
    const sets = [[0, 1, 2, 5], [0, 1, 3, 5], [0, 2]];
    for (const [k, coder] of [ann, bob, cat].entries()) await codeAs(t.client, coder, sets[k].map((i) => docs[i].unitIds[0]), code.id);
    await t.client.call('agreement.reveal', { confirm: true });
    const report = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id, cat.id], unitSet: 'all-units', minPositiveUnits: 0 });
    const data = sets.map((set) => docs.map((_, i) => (set.includes(i) ? 1 : 0)));
    expect(report.multi!.codes[0].alpha.value).toBeCloseTo(krippendorffAlpha(data).value!, 10);
    expect(report.multi!.unitsRatedByAll).toBe(8);
  });
});

describe('condensa agreement --documents', () => {
  it('reads all, handed-out or a list of IDs, and refuses a unit set at the character level', () => {
    const parse = (...args: string[]) => parseAgreementArgs(['study.condensa', '--coders', 'A,B', ...args], '/tmp');
    expect(parse()).toMatchObject({ documents: 'auto', documentIds: undefined, unitSet: undefined });
    expect(parse('--documents', 'all')).toMatchObject({ documents: 'all' });
    expect(parse('--documents', 'handed-out')).toMatchObject({ documents: 'handed-out' });
    expect(parse('--documents', 'd1, d2')).toMatchObject({ documentIds: ['d1', 'd2'] });
    expect(parse('--level', 'char', '--unit-set', 'coded-by-any')).toContain('at the character level every character is a unit');
  });
});

