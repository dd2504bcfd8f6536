import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../shared/api/entities';
import { makeTestApp, type TestApp } from './support/app';
import { importAnswers, makeCoders } from './support/agreement-study';

// Characters outside the BMP (#20 item 3): spans are stored in UTF-16 code units, so document
// lengths must be too. SQLite's length() counts code points, one short per emoji, and a coding
// that ran to the end of such a document used to fail as INTERNAL.

let t: TestApp;
let ann: Coder;
let bob: Coder;
let codeId: string;

beforeAll(async () => {
  t = makeTestApp();
  await t.client.call('project.create', { path: t.file('astral.condensa'), title: 'Astral' });
  [ann, bob] = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt']);
  codeId = (await t.client.call('codebook.create', { name: 'Feeling' })).id;
  await t.client.call('agreement.reveal', { confirm: true });
});
afterAll(() => t.close());

async function span(coder: Coder, documentId: string, start: number, end: number): Promise<void> {
  await t.client.call('coders.setCurrent', { coderId: coder.id });
  await t.client.call('codings.applySpan', { documentId, start, end, codeIds: [codeId] });
}

/** Marks every UTF-16 code unit each coder's stored codings cover: the count any reader of the text makes. */
async function expected(documentId: string) {
  const doc = await t.client.call('documents.get', { id: documentId });
  const marks = [ann, bob].map((c) => {
    const m = new Uint8Array(doc.text.length);
    for (const x of doc.codings.filter((k) => k.coderId === c.id)) m.fill(1, x.start ?? 0, x.end ?? 0);
    return m;
  });
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  marks[0].forEach((a, i) => {
    const b = marks[1][i];
    if (a && b) both += 1;
    else if (a) onlyA += 1;
    else if (b) onlyB += 1;
  });
  return { length: doc.text.length, both, onlyA, onlyB };
}

describe('character-level agreement on text with emoji', () => {
  it('counts a coding that runs to the end of a document with an emoji, without failing', async () => {
    const [doc] = await importAnswers(t.client, [{ title: 'Emoji', text: 'I felt 😀 so happy 🎉 today' }]);
    const stored = await t.client.call('documents.get', { id: doc.documentId });
    expect(stored.text.length).toBeGreaterThan([...stored.text].length);
    await span(ann, doc.documentId, 7, stored.text.length);
    await span(bob, doc.documentId, 0, stored.text.length);
    const report = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], level: 'char', documentIds: [doc.documentId], minPositiveUnits: 0 });
    const table = report.characters!.codes[0].documents[0];
    expect(table.length).toBe(stored.text.length);
    expect({ length: table.length, both: table.both, onlyA: table.onlyA, onlyB: table.onlyB }).toEqual(await expected(doc.documentId));
    expect(report.notes.join(' ')).toContain('UTF-16 code units');
  });

  it('agrees with marking every code unit, on random text with astral characters (property)', async () => {
    const piece = fc.constantFrom('a', 'é', ' ', 'ß', '😀', '𝔸', '🇳🇴', '中', '\u{10FFFD}', 'word ');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 3, maxLength: 40 }).map((p) => `Start ${p.join('')} end`),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        async (text, cuts) => {
          run += 1;
          const [doc] = await importAnswers(t.client, [{ title: `Random ${run}`, text }]);
          const length = (await t.client.call('documents.get', { id: doc.documentId })).text.length;
          for (const [first, x, y] of cuts) {
            const start = Math.min(x % length, y % length);
            // Every run ends one coding at the very end of the text, where the old count broke.
            const end = first ? length : Math.max(x % length, y % length);
            if (end > start) await span(first ? ann : bob, doc.documentId, start, end);
          }
          const report = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], level: 'char', documentIds: [doc.documentId], minPositiveUnits: 0 });
          const want = await expected(doc.documentId);
          expect(report.characters!.characters).toBe(want.length);
          const table = report.characters!.codes[0]?.documents[0];
          if (want.both + want.onlyA + want.onlyB === 0) expect(table).toBeUndefined();
          else expect({ length: table.length, both: table.both, onlyA: table.onlyA, onlyB: table.onlyB }).toEqual(want);
        },
      ),
      { numRuns: 25 },
    );
  });
});
