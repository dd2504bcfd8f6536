import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../shared/api/entities';
import type { AgreementReport } from '../../shared/api/methods/agreement';
import { mergeSpans, unitizingAlpha, type UnitizedSpan } from '../../shared/domain/agreement';
import { unitizingTables } from '../../shared/format/agreement-format';
import { makeTestApp, type TestApp } from './support/app';
import { importAnswers, makeCoders } from './support/agreement-study';

// Unitizing agreement (#20 item 4) through the agreement service: coders code free passages of text,
// and the character level reports uα per code and |uα, cuα over all codes, for two coders and for three.

let t: TestApp;
let coders: Coder[];
let codes: { id: string; name: string }[];
let docs: { documentId: string }[];

async function span(coder: Coder, documentId: string, codeId: string, start: number, end: number): Promise<void> {
  await t.client.call('coders.setCurrent', { coderId: coder.id });
  await t.client.call('codings.applySpan', { documentId, start, end, codeIds: [codeId] });
}

beforeAll(async () => {
  t = makeTestApp();
  await t.client.call('project.create', { path: t.file('unitizing.condensa'), title: 'Unitizing' });
  coders = await makeCoders(t.client, ['Ann Abel', 'Bob Brandt', 'Cleo Chen']);
  codes = [];
  for (const name of ['Worry', 'Hope']) codes.push(await t.client.call('codebook.create', { name }));
  docs = await importAnswers(t.client, [
    { title: 'First', text: 'We waited 😟 for weeks and nobody called, then the letter came and we could breathe again.' },
    { title: 'Second', text: 'The new teacher listens 🎉 and my son likes school now, though the bus is still a worry.' },
  ]);
  const [ann, bob, cleo] = coders;
  const [worry, hope] = codes.map((c) => c.id);
  const [first, second] = docs.map((d) => d.documentId);
  // Worry: the three coders place the same passages a little apart; Hope: Cleo also codes what the others call Worry.
  for (const [coder, shift] of [[ann, 0], [bob, 2], [cleo, 4]] as const) {
    await span(coder, first, worry, 3 + shift, 40 + shift);
    await span(coder, second, worry, 60 + shift, 87);
  }
  for (const [coder, start] of [[ann, 50], [bob, 46], [cleo, 44]] as const) await span(coder, first, hope, start, 90);
  await span(ann, second, hope, 0, 40);
  await span(bob, second, hope, 4, 52);
  await span(cleo, second, hope, 0, 40);
  await span(cleo, first, hope, 10, 20);
  await t.client.call('agreement.reveal', { confirm: true });
});
afterAll(() => t.close());

/** The same figures from the domain, on the stored codings read back through the contract, documents end to end. */
async function expectedFor(report: AgreementReport, chosen: readonly Coder[]) {
  let offset = 0;
  const perCoder = chosen.map((): UnitizedSpan[] => []);
  for (const d of report.unitSet.documents) {
    const doc = await t.client.call('documents.get', { id: d.id });
    for (const [k, coder] of chosen.entries()) {
      for (const code of codes) {
        const spans = doc.codings.filter((c) => c.coderId === coder.id && c.codeId === code.id).map((c) => ({ start: c.start!, end: c.end! }));
        for (const s of mergeSpans(spans)) perCoder[k].push({ category: code.id, start: offset + s.start, end: offset + s.end });
      }
    }
    offset += doc.text.length;
  }
  return { characters: offset, result: unitizingAlpha({ length: offset, coders: perCoder }) };
}

function alphaOf(report: AgreementReport, codeId: string) {
  return report.unitizing!.codes.find((c) => c.nodeId === codeId)!.alpha;
}

describe('unitizing agreement through the agreement service', () => {
  it('reports uα per code and |uα, cuα over the codes for two coders, in UTF-16 code units', async () => {
    const chosen = coders.slice(0, 2);
    const report = await t.client.call('agreement.compute', { coderIds: chosen.map((c) => c.id), level: 'char', minPositiveUnits: 0 });
    expect(report.characters).not.toBeNull();
    const { characters, result } = await expectedFor(report, chosen);
    expect(report.unitizing!.characters).toBe(characters);
    expect(report.unitizing!.characters).toBe(report.characters!.characters);
    for (const c of result.categories) expect(alphaOf(report, c.category).value).toBeCloseTo(c.alpha.value!, 10);
    expect(report.unitizing!.overall.alpha.value).toBeCloseTo(result.alpha.value!, 10);
    expect(report.unitizing!.overall.binary.value).toBeCloseTo(result.binary.value!, 10);
    expect(report.unitizing!.overall.coding.value).toBeCloseTo(result.coding.value!, 10);
    // Close, not equal: the coders do not agree perfectly.
    expect(report.unitizing!.overall.binary.value!).toBeLessThan(1);
    expect(report.notes.join(' ')).toContain('uα');
  });

  it('withholds uα of a code with too few passages, keeping its number, in the words of the other statistics', async () => {
    const chosen = coders.slice(0, 2);
    const report = await t.client.call('agreement.compute', { coderIds: chosen.map((c) => c.id), level: 'char' });
    const { result } = await expectedFor(report, chosen);
    const worry = report.unitizing!.codes.find((c) => c.name === 'Worry')!;
    expect(worry.passages).toBe(2);
    expect(worry.tooFewToJudge).toBe(true);
    expect(worry.alpha).toMatchObject({ value: null, reason: 'withheld: 2 coded passages (fewer than 5)' });
    expect((worry.alpha as { withheld: number }).withheld).toBeCloseTo(result.categories.find((c) => c.category === worry.nodeId)!.alpha.value!, 10);
  });

  it('reports uα for three coders at the character level, where κ compares two at a time', async () => {
    const report = await t.client.call('agreement.compute', { coderIds: coders.map((c) => c.id), level: 'char', minPositiveUnits: 0 });
    expect(report.characters).toBeNull();
    const { characters, result } = await expectedFor(report, coders);
    expect(report.unitizing!.characters).toBe(characters);
    for (const c of result.categories) expect(alphaOf(report, c.category).value).toBeCloseTo(c.alpha.value!, 10);
    expect(report.unitizing!.overall.coding.value).toBeCloseTo(result.coding.value!, 10);
    // Cleo's Hope inside the others' Worry makes the coding disagree across codes.
    expect(report.unitizing!.overall.coding.value!).toBeLessThan(1);
    const twoOnly = await t.client.call('agreement.compute', { coderIds: coders.slice(0, 2).map((c) => c.id), level: 'char', minPositiveUnits: 0 });
    expect(report.unitizing!.overall.coding.value).not.toBeCloseTo(twoOnly.unitizing!.overall.coding.value!, 6);
  });

  it('compares three coders on the documents every one of them was handed, and says which it left out', async () => {
    const [ann, bob, cleo] = coders;
    // Cleo's copy holds the first two answers; a third comes in later and only Ann and Bob code it.
    await t.client.call('exchange.makeCoderCopy', { path: t.file('for-cleo'), coderId: cleo.id });
    const [third] = await importAnswers(t.client, [{ title: 'Third', text: 'Nobody told us about the change of timetable until the day itself.' }]);
    for (const coder of [ann, bob]) await span(coder, third.documentId, codes[0].id, 0, 30);
    const report = await t.client.call('agreement.compute', { coderIds: coders.map((c) => c.id), level: 'char', minPositiveUnits: 0 });
    expect(report.unitSet.documents.map((d) => d.title)).toEqual(['First', 'Second']);
    const { characters, result } = await expectedFor(report, coders);
    expect(report.unitizing!.characters).toBe(characters);
    expect(report.unitizing!.overall.alpha.value).toBeCloseTo(result.alpha.value!, 10);
    expect(report.notes.join(' ')).toContain('1 document in scope was not given to every coder and is left out of uα.');
    // Two coders who were both given the third answer compare it too.
    const pair = await t.client.call('agreement.compute', { coderIds: [ann.id, bob.id], level: 'char', minPositiveUnits: 0 });
    expect(pair.unitizing!.characters).toBe(pair.characters!.characters);
    expect(pair.unitizing!.characters).toBeGreaterThan(characters);
  });

  it('gives uα, |uα and cuα an interval from resampled documents when asked, from 10 documents on, the same for the same seed', async () => {
    const [ann, bob] = coders;
    const chosen = [ann.id, bob.id];
    const asked = { coderIds: chosen, level: 'char' as const, minPositiveUnits: 0, intervals: true, seed: 11 };
    // Three answers are too few to resample: the columns are there, empty, and the note says why.
    const few = (await t.client.call('agreement.compute', asked)).unitizing!;
    expect(few.bootstrap).toEqual({ seed: 11, draws: 1000, documents: 3 });
    expect([few.overall.alphaInterval, few.overall.binaryInterval, few.overall.codingInterval]).toEqual([null, null, null]);
    expect(unitizingTables(few)[1].note).toContain('No 95% CI: the intervals resample whole documents, and 3 documents are too few (10 or more are needed).');
    const plain = await t.client.call('agreement.compute', { coderIds: chosen, level: 'char', minPositiveUnits: 0 });
    expect(plain.unitizing!.bootstrap).toBeNull();
    expect(unitizingTables(plain.unitizing!)[1].columns).toEqual(['', 'Characters', 'uα', '|uα', 'cuα']);
    // Seven more answers, coded by both a little apart.
    const more = await importAnswers(
      t.client,
      Array.from({ length: 7 }, (_, i) => ({ title: `More ${i + 1}`, text: `Answer ${i + 1}: the bus was late again and the teacher ${'did not '.repeat(i % 3)}call us.` })),
    );
    for (const [i, d] of more.entries()) {
      await span(ann, d.documentId, codes[i % 2].id, 0, 20 + i);
      await span(bob, d.documentId, codes[i % 2].id, i % 3, 24);
      if (i % 3 === 0) await span(bob, d.documentId, codes[1 - (i % 2)].id, 30, 45);
    }
    const report = await t.client.call('agreement.compute', asked);
    const u = report.unitizing!;
    expect(u.bootstrap).toEqual({ seed: 11, draws: 1000, documents: 10 });
    for (const [interval, stat] of [
      [u.overall.alphaInterval, u.overall.alpha],
      [u.overall.binaryInterval, u.overall.binary],
      [u.overall.codingInterval, u.overall.coding],
      ...u.codes.map((c) => [c.alphaInterval, c.alpha] as const),
    ] as const) {
      expect(interval).not.toBeNull();
      expect(interval!.low).toBeLessThanOrEqual(stat.value! + 1e-12);
      expect(interval!.high).toBeGreaterThanOrEqual(stat.value! - 1e-12);
    }
    expect((await t.client.call('agreement.compute', asked)).unitizing).toEqual(u);
    const [perCode, overall] = unitizingTables(u);
    expect(perCode.columns).toEqual(['Code', 'Passages', 'uα', 'uα 95% CI', 'P(uα < .667 / .800)']);
    expect(overall.columns).toEqual(['', 'Characters', 'uα', 'uα 95% CI', 'P(uα < .667 / .800)', '|uα', '|uα 95% CI', 'P(|uα < .667 / .800)', 'cuα', 'cuα 95% CI', 'P(cuα < .667 / .800)']);
    expect(overall.rows[0].cells[2].text).toBe(`${u.overall.alphaInterval!.low.toFixed(3)}–${u.overall.alphaInterval!.high.toFixed(3)}`);
    expect(overall.note).toContain('resamples of the 10 documents');
  });

  it('leaves uα out at the unit level', async () => {
    const report = await t.client.call('agreement.compute', { coderIds: coders.map((c) => c.id) });
    expect(report.unitizing).toBeNull();
  });
});
