import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../shared/api/entities';
import { AppError } from '../../shared/api/errors';
import { AGREEMENT_LEVELS, UNIT_SET_MODES } from '../../shared/domain/agreement-options';
import { agreementText } from '../../shared/format/agreement-format';
import { makeTestApp, type TestApp } from './support/app';
import { importAnswers, makeCoders } from './support/agreement-study';

// #20 "Bad input": any request the contract accepts, on any coding, gets figures or a sentence with
// a stable code, never INTERNAL. Codings and texts are random, astral characters included.

let t: TestApp;
let coders: Coder[];
let docs: { documentId: string; unitIds: string[] }[];
let codes: string[];

beforeAll(async () => {
  t = makeTestApp();
  await t.client.call('project.create', { path: t.file('bad.condensa'), title: 'Bad input' });
  docs = await importAnswers(t.client, [
    { title: 'Empty-ish', text: '.' },
    { title: 'Emoji', text: 'Fine 😀 and\n\nthen 🎉 not fine at all 𝔸.' },
    { title: 'Plain', text: 'One line.\n\nTwo lines here.\n\nThree.' },
  ]);
  coders = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt', 'Cat Cole', 'Dan Doe']);
  codes = [];
  for (const name of ['A', 'B', 'C']) codes.push((await t.client.call('codebook.create', { name })).id);
  await t.client.call('agreement.reveal', { confirm: true });
});
afterAll(() => t.close());

const NOWHERE = '00000000-0000-4000-8000-000000000000';

describe('agreement.compute on random codings and options', () => {
  it('answers with figures or a sentence and a stable code, never INTERNAL (property)', async () => {
    const units = () => docs.flatMap((d) => d.unitIds);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(3), fc.nat(50), fc.nat(2), fc.boolean(), fc.nat(200), fc.nat(200)), { maxLength: 12 }),
        fc.record({
          coders: fc.uniqueArray(fc.nat(4), { minLength: 2, maxLength: 4 }),
          level: fc.option(fc.constantFrom(...AGREEMENT_LEVELS), { nil: undefined }),
          unitSet: fc.option(fc.constantFrom(...UNIT_SET_MODES), { nil: undefined }),
          documents: fc.constantFrom('auto' as const, 'all' as const, 'handed-out' as const),
          pick: fc.option(fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 4 }), { nil: undefined }),
          minPositiveUnits: fc.nat(12),
          intervals: fc.boolean(),
          seed: fc.option(fc.nat({ max: 4_294_967_295 }), { nil: undefined }),
        }),
        async (codings, o) => {
          for (const [k, u, c, onUnit, x, y] of codings) {
            await t.client.call('coders.setCurrent', { coderId: coders[k].id });
            if (onUnit) {
              const all = units();
              await t.client.call('codings.apply', { target: { unitIds: [all[u % all.length]] }, codeIds: [codes[c]] });
            } else {
              const d = docs[u % docs.length];
              const length = (await t.client.call('documents.get', { id: d.documentId })).text.length;
              const [start, end] = [Math.min(x, y) % length, (Math.max(x, y) % length) + 1];
              await t.client.call('codings.applySpan', { documentId: d.documentId, start, end: Math.max(end, start + 1), codeIds: [codes[c]] }).catch((err: unknown) => {
                if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
              });
            }
          }
          const coderIds = o.coders.map((i) => (i === 4 ? NOWHERE : coders[i].id));
          const documentIds = o.pick?.map((i) => (i === 3 ? NOWHERE : docs[i].documentId));
          try {
            const report = await t.client.call('agreement.compute', { coderIds, level: o.level, unitSet: o.unitSet, documents: o.documents, documentIds, minPositiveUnits: o.minPositiveUnits, intervals: o.intervals, seed: o.seed });
            expect(report.scope.line).toMatch(/^Scope: /);
            // The tables print whatever the figures hold, intervals included.
            expect(agreementText(report)).toContain(report.scope.line);
          } catch (err) {
            expect(err).toBeInstanceOf(AppError);
            expect((err as AppError).code).not.toBe('INTERNAL');
            expect((err as AppError).message).toMatch(/[.!]$/);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
