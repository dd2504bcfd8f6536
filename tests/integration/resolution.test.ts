import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Coder } from '../../shared/api/entities';
import type { Discrepancy } from '../../shared/api/methods/agreement';
import { makeSampleApp, type TestApp } from './support/app';

// The resolver's session: every discrepancy classified, decided with a rationale, and the
// decisions (plus everything the coders agreed on) built into a consensus coding.

type Sample = TestApp & { coders: Coder[] };

let t: Sample;
let amira: Coder;
let ben: Coder;
let clara: Coder;

beforeEach(async () => {
  t = (await makeSampleApp()) as Sample;
  amira = t.coders.find((c) => c.initials === 'AH')!;
  ben = t.coders.find((c) => c.initials === 'BO')!;
  clara = t.coders.find((c) => c.initials === 'CL')!;
  await t.client.call('coders.setCurrent', { coderId: clara.id });
});
afterEach(() => t.close());

const pair = () => ({ coderAId: amira.id, coderBId: ben.id });
const ids = (codes: readonly { id: string }[]) => codes.map((c) => c.id).sort();

async function discrepancies(): Promise<Discrepancy[]> {
  return (await t.client.call('agreement.discrepancies', pair())).items;
}

function consensusOn(unitId: string): string[] {
  const db = t.app.project!.db;
  return (
    db.prepare(`SELECT code_id FROM codings WHERE unit_id = ? AND coder_id = (SELECT id FROM coders WHERE role = 'consensus')`).pluck().all(unitId) as string[]
  ).sort();
}

describe('the discrepancy list', () => {
  it('finds the 14 units where the sample’s coders differ, classified, with text, speaker and session', async () => {
    const list = await t.client.call('agreement.discrepancies', pair());
    expect(list.total).toBe(14);
    expect(list.open).toBe(14);
    expect(list.byType['one-coder-only'] + list.byType['different-code']).toBe(14);
    for (const d of list.items) {
      expect(d.unitId).not.toBeNull();
      expect(d.text.length).toBeGreaterThan(10);
      expect(d.speaker).toMatch(/^P\d+$/);
      expect(d.sessionName).not.toBe('');
      const onlyA = d.codesA.filter((c) => !d.common.some((x) => x.id === c.id));
      const onlyB = d.codesB.filter((c) => !d.common.some((x) => x.id === c.id));
      expect(d.type).toBe(onlyA.length > 0 && onlyB.length > 0 ? 'different-code' : 'one-coder-only');
    }
    // Cross-check against the raw rows: units whose two code sets differ.
    const db = t.app.project!.db;
    const rows = db.prepare(`SELECT unit_id AS u, coder_id AS k, code_id AS c FROM codings WHERE coder_id IN (?, ?)`).all(amira.id, ben.id) as { u: string; k: string; c: string }[];
    const sets = new Map<string, { a: string[]; b: string[] }>();
    for (const r of rows) {
      const s = sets.get(r.u) ?? { a: [], b: [] };
      (r.k === amira.id ? s.a : s.b).push(r.c);
      sets.set(r.u, s);
    }
    const differing = [...sets].filter(([, s]) => s.a.sort().join() !== s.b.sort().join()).map(([u]) => u);
    expect(list.items.map((d) => d.unitId).sort()).toEqual(differing.sort());
  });

  it('filters by status, type, code and document', async () => {
    const all = await discrepancies();
    const type = all[0].type;
    expect((await t.client.call('agreement.discrepancies', { ...pair(), type })).items.every((d) => d.type === type)).toBe(true);
    const code = all[0].codesA[0] ?? all[0].codesB[0];
    const byCode = (await t.client.call('agreement.discrepancies', { ...pair(), codeId: code.id })).items;
    expect(byCode.length).toBeGreaterThan(0);
    expect(byCode.every((d) => [...d.codesA, ...d.codesB].some((c) => c.id === code.id))).toBe(true);
    const doc = all[all.length - 1].documentId;
    expect((await t.client.call('agreement.discrepancies', { ...pair(), documentId: doc })).items.every((d) => d.documentId === doc)).toBe(true);
    await t.client.call('resolutions.decide', { ...pair(), key: all[0].key, decision: 'keep-a', rationale: 'Matches the inclusion criteria.' });
    const resolved = await t.client.call('agreement.discrepancies', { ...pair(), status: 'resolved' });
    expect(resolved.items.map((d) => d.key)).toEqual([all[0].key]);
    expect(resolved.total).toBe(14);
    expect((await t.client.call('agreement.discrepancies', { ...pair(), status: 'open' })).items).toHaveLength(13);
  });

  it('shows a discrepancy in context: neighbouring turns, both coders’ codes, definitions and memos', async () => {
    const normalise = (await t.client.call('codebook.list', {})).find((n) => n.name === 'Hearing that struggling is normal')!;
    const withMemo = (await discrepancies()).find((d) => [...d.codesA, ...d.codesB].some((c) => c.id === normalise.id))!;
    const detail = await t.client.call('agreement.discrepancy', { ...pair(), key: withMemo.key });
    expect(detail.turn?.text).toContain(withMemo.text);
    expect(detail.turn!.text.slice(detail.highlight!.start, detail.highlight!.end)).toBe(withMemo.text);
    expect(detail.before.length + detail.after.length).toBeGreaterThan(0);
    const def = detail.definitions.find((d) => d.id === normalise.id)!;
    expect(def.definition).toBe(normalise.definition);
    expect(def.path.length).toBeGreaterThan(0);
    // The sample's memo on this code ("Where does context end?") is shown with its author.
    expect(detail.memos.some((m) => m.title === 'Where does context end?' && m.authorName === 'Amira Haddad')).toBe(true);
  });
});

describe('deciding', () => {
  it('requires a rationale, and a code for “another code”', async () => {
    const [d] = await discrepancies();
    await expect(t.client.call('resolutions.decide', { ...pair(), key: d.key, decision: 'keep-a', rationale: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('resolutions.decide', { ...pair(), key: d.key, decision: 'keep-a', rationale: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.client.call('resolutions.decide', { ...pair(), key: d.key, decision: 'other-code', rationale: 'Neither fits.' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(t.client.call('resolutions.decide', { ...pair(), key: 'u:nope', decision: 'keep-a', rationale: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.client.call('resolutions.list', pair())).toEqual([]);
  });

  it('builds the consensus from each kind of decision, and records resolver, time and rationale', async () => {
    const items = await discrepancies();
    const different = items.filter((d) => d.type === 'different-code');
    const oneOnly = items.filter((d) => d.type === 'one-coder-only');
    expect(different.length).toBeGreaterThanOrEqual(4);
    const other = (await t.client.call('codebook.list', {})).find((n) => n.name === 'Setting boundaries')!;
    const cases = [
      { d: different[0], decision: 'keep-a' as const, expected: ids(different[0].codesA) },
      { d: different[1], decision: 'keep-b' as const, expected: ids(different[1].codesB) },
      { d: different[2], decision: 'keep-both' as const, expected: [...new Set([...ids(different[2].codesA), ...ids(different[2].codesB)])].sort() },
      { d: different[3], decision: 'neither' as const, expected: ids(different[3].common) },
      { d: oneOnly[0], decision: 'other-code' as const, otherCodeId: other.id, expected: [...new Set([...ids(oneOnly[0].common), other.id])].sort() },
      { d: oneOnly[1], decision: 'change-codebook' as const, expected: ids(oneOnly[1].common) },
    ];
    const before = Date.now();
    for (const c of cases) {
      const r = await t.client.call('resolutions.decide', { ...pair(), key: c.d.key, decision: c.decision, otherCodeId: c.otherCodeId, rationale: `Because ${c.decision}.` });
      expect(ids(r.consensus)).toEqual(c.expected);
      expect(consensusOn(c.d.unitId!)).toEqual(c.expected);
      expect(r.resolution).toMatchObject({ decision: c.decision, rationale: `Because ${c.decision}.`, resolverId: clara.id, resolverName: 'Clara Lindqvist', coderAName: 'Amira Haddad', coderBName: 'Ben Okafor' });
      expect(Date.parse(r.resolution.decidedAt)).toBeGreaterThanOrEqual(before - 1000);
    }
    const log = await t.client.call('resolutions.list', pair());
    expect(log.map((r) => r.decision)).toEqual(cases.map((c) => c.decision));
    // "Change the codebook" leaves a memo on the codes involved.
    const involved = [...oneOnly[1].codesA, ...oneOnly[1].codesB][0];
    const memos = await t.client.call('memos.list', { targetType: 'node', targetId: involved.id });
    expect(memos.some((m) => m.title === 'Codebook change decided in a resolution' && m.body === 'Because change-codebook.')).toBe(true);
    // Both coders' own codings are untouched.
    const db = t.app.project!.db;
    expect(db.prepare(`SELECT count(*) FROM codings WHERE coder_id IN (?, ?)`).pluck().get(amira.id, ben.id)).toBe(84 + 82);
  });

  it('puts agreed codings into the consensus automatically, and a later decision replaces an earlier one', async () => {
    const r = await t.client.call('consensus.rebuild', pair());
    const db = t.app.project!.db;
    // Every code both coders applied to the same unit, and nothing else yet.
    const agreed = db
      .prepare(`SELECT count(*) FROM codings a JOIN codings b ON a.unit_id = b.unit_id AND a.code_id = b.code_id WHERE a.coder_id = ? AND b.coder_id = ?`)
      .pluck()
      .get(amira.id, ben.id) as number;
    expect(r.added).toBe(agreed);
    expect((await t.client.call('consensus.codings', { coderView: 'consensus' })).codings).toHaveLength(agreed);
    expect((await t.client.call('consensus.rebuild', pair())).added).toBe(0);

    const [d] = (await discrepancies()).filter((x) => x.type === 'different-code');
    await t.client.call('resolutions.decide', { ...pair(), key: d.key, decision: 'keep-a', rationale: 'First reading.' });
    await t.client.call('resolutions.decide', { ...pair(), key: d.key, decision: 'keep-b', rationale: 'On reflection, B.' });
    expect(consensusOn(d.unitId!)).toEqual(ids(d.codesB));
    const detail = await t.client.call('agreement.discrepancy', { ...pair(), key: d.key });
    expect(detail.history.map((h) => h.rationale)).toEqual(['First reading.', 'On reflection, B.']);
    expect(detail.discrepancy.resolution?.decision).toBe('keep-b');

    // Undo takes back the decision and its consensus change together.
    await t.client.call('history.undo', {});
    expect(consensusOn(d.unitId!)).toEqual(ids(d.codesA));
    // The same pair asked the other way round reads the same decisions.
    const reversed = await t.client.call('agreement.discrepancies', { coderAId: ben.id, coderBId: amira.id, status: 'resolved' });
    expect(reversed.items.map((x) => x.key)).toEqual([d.key]);
  });

  it('shows codings by view: consensus, everyone without it, one coder', async () => {
    await t.client.call('consensus.rebuild', pair());
    const doc = (await t.client.call('documents.list', {}))[0];
    const all = await t.client.call('consensus.codings', { documentId: doc.id, coderView: 'all' });
    expect(new Set(all.codings.map((c) => c.coderId))).toEqual(new Set([amira.id, ben.id]));
    const one = await t.client.call('consensus.codings', { documentId: doc.id, coderView: ben.id });
    expect(one.codings.every((c) => c.coderId === ben.id)).toBe(true);
    const consensus = await t.client.call('consensus.codings', { documentId: doc.id, coderView: 'consensus' });
    expect(consensus.coderId).not.toBeNull();
    expect(consensus.codings.length).toBeGreaterThan(0);
    // The abstraction table (another feature) reads the consensus by its coder id.
    const table = await t.client.call('table.abstraction', { coder: consensus.coderId!, documentIds: [doc.id], codedOnly: true });
    expect(table.rows.length).toBeGreaterThan(0);
    expect(table.rows.every((row) => row.codes.every((c) => c.coderId === consensus.coderId))).toBe(true);
  });
});

describe('free spans', () => {
  it('classifies overlapping spans with other boundaries and other codes, and resolves them', async () => {
    const db = t.app.project!.db;
    const doc = (await t.client.call('documents.list', {}))[1];
    const nodes = await t.client.call('codebook.list', {});
    const x = nodes.find((n) => n.name === 'Reading the hierarchy')!.id;
    const y = nodes.find((n) => n.name === 'Hesitating to bother a senior')!.id;
    const insert = db.prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, start, "end", created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, '2026-03-01')`);
    insert.run(randomUUID(), x, amira.id, doc.id, 100, 160); // boundaries differ
    insert.run(randomUUID(), x, ben.id, doc.id, 110, 170);
    insert.run(randomUUID(), x, amira.id, doc.id, 300, 340); // same text, other code
    insert.run(randomUUID(), y, ben.id, doc.id, 300, 340);
    insert.run(randomUUID(), y, amira.id, doc.id, 500, 540); // identical: agreed
    insert.run(randomUUID(), y, ben.id, doc.id, 500, 540);
    const spans = (await discrepancies()).filter((d) => d.unitId === null);
    expect(spans.map((d) => [d.type, d.start, d.end])).toEqual([
      ['boundaries', 100, 170],
      ['different-code', 300, 340],
    ]);
    expect(spans[0].spansA).toEqual([{ codeId: x, start: 100, end: 160 }]);
    const r = await t.client.call('resolutions.decide', { ...pair(), key: spans[0].key, decision: 'keep-b', rationale: 'B’s span holds the whole sentence.' });
    expect(r.resolution.start).toBe(100);
    const consensusSpans = db
      .prepare(`SELECT code_id AS c, start, "end" AS e FROM codings WHERE unit_id IS NULL AND document_id = ? AND coder_id = (SELECT id FROM coders WHERE role = 'consensus') ORDER BY start`)
      .all(doc.id);
    expect(consensusSpans).toEqual([
      { c: x, start: 110, e: 170 },
      { c: y, start: 500, e: 540 },
    ]);
    const char = await t.client.call('agreement.compute', { ...{ coderIds: [amira.id, ben.id] }, level: 'char' });
    expect(char.characters!.codes.find((c) => c.nodeId === x)!.documents.length).toBeGreaterThan(0);
  });
});

describe('exports', () => {
  it('writes the list and the log as CSV and XLSX that read back', async () => {
    const [d] = await discrepancies();
    await t.client.call('resolutions.decide', { ...pair(), key: d.key, decision: 'keep-both', rationale: 'Both apply, "quoted", and with a comma.' });
    const csv = await t.client.call('agreement.exportDiscrepancies', { ...pair(), path: t.file('list'), format: 'csv' });
    expect(csv.rows).toBe(14);
    const text = fs.readFileSync(csv.path, 'utf8');
    expect(text.split('\r\n')[0]).toContain('Codes by Amira Haddad');
    expect(text).toContain('"Both apply, ""quoted"", and with a comma."');
    const xlsx = await t.client.call('resolutions.export', { ...pair(), path: t.file('log.xlsx'), format: 'xlsx' });
    expect(xlsx.path.endsWith('log.xlsx')).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const sheet = book.getWorksheet('Resolution log')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Resolver');
    expect(sheet.getRow(2).getCell(2).value).toBe('Clara Lindqvist');
    expect(sheet.getRow(2).getCell(11).value).toBe('Keep both');
    expect(sheet.getRow(2).getCell(13).value).toBe('Both apply, "quoted", and with a comma.');
    const listXlsx = await t.client.call('agreement.exportDiscrepancies', { ...pair(), status: 'open', path: t.file('open'), format: 'xlsx' });
    expect(listXlsx.rows).toBe(13);
  });
});

describe('the words a decision quotes', () => {
  it('are the unit’s own words when emoji stand before them in the transcript (offsets in UTF-16, not code points)', async () => {
    const db = t.app.project!.db;
    const unitOf = (id: string) => db.prepare(`SELECT start, "end" FROM meaning_units WHERE id = ?`).get(id) as { start: number; end: number };
    const earlierTurn = (documentId: string, before: number) =>
      db.prepare(`SELECT id, start, "end" FROM turns WHERE document_id = ? AND "end" <= ? ORDER BY start DESC LIMIT 1`).get(documentId, before) as
        | { id: string; start: number; end: number }
        | undefined;
    // A discrepancy with a turn before its unit's, where the emoji go.
    const d = (await discrepancies()).find((x) => earlierTurn(x.documentId, unitOf(x.unitId!).start) !== undefined)!;
    const turn = earlierTurn(d.documentId, unitOf(d.unitId!).start)!;
    const text = () => db.prepare(`SELECT text FROM documents WHERE id = ?`).pluck().get(d.documentId) as string;
    const words = text().slice(unitOf(d.unitId!).start, unitOf(d.unitId!).end);
    // Three emoji in that earlier turn, each two UTF-16 code units and one code point.
    const said = text().slice(turn.start, turn.end);
    const cut = said.indexOf(' ') + 1;
    await t.client.call('turns.editText', { turnId: turn.id, text: `${said.slice(0, cut)}😀🎉👍 ${said.slice(cut)}` });
    const moved = unitOf(d.unitId!);
    expect(text().slice(moved.start, moved.end)).toBe(words);

    await t.client.call('resolutions.decide', { ...pair(), key: d.key, decision: 'keep-a', rationale: 'Fits the definition.' });
    const logged = (await t.client.call('resolutions.list', pair())).find((r) => r.unitId === d.unitId)!;
    expect(logged.text).toBe(words);
  });
});
