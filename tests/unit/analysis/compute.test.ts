import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCooccurrence, computeFrequencies, computeMatrix, computeSources, cooccurrenceTable } from '../../../electron/core/analysis';
import { unitsUnderNode } from '../../../electron/core/analysis/node-units';
import type { Matrix } from '../../../shared/api/methods/analysis';
import { ProjectSession } from '../../../electron/core/session';

// A study small enough to count by hand (speaker of each unit in brackets):
//   d1 (group G1): u1 [p1 Mentee] u2 [p1 Mentee] u3 [p2 Mentor], and coder A's free span 10–60 with c
//   d2 (group G2): u4 [p3, no role] u5 [p1 Mentee]
//   d3 (no group): u6 [p2 Mentor]
// Codebook: theme T > category C1 > codes a, b; T > category C2 > code c; code d on its own.
// Coder A: u1 a b | u2 a | u3 c | u4 a c | u5 b | u6 a b c     Coder B: u1 a | u3 b | u5 b c     Consensus K: u1 a
const ID = (s: string) => `00000000-0000-4000-8000-${s.padStart(12, '0')}`;

function fill(db: Database.Database): void {
  const now = '2024-01-01T00:00:00.000Z';
  const run = (sql: string, ...rows: unknown[][]) => {
    const s = db.prepare(sql);
    for (const r of rows) s.run(...r);
  };
  run(`INSERT INTO coders (id, name, initials, colour, role, created_at) VALUES (?, ?, ?, '#000000', ?, ?)`, [ID('a1'), 'A', 'A', 'coder', now], [ID('b1'), 'B', 'B', 'coder', now], [ID('c0'), 'K', 'K', 'consensus', now]);
  run(`INSERT INTO attributes (id, name, type, choices) VALUES (?, 'Role', 'choice', ?)`, [ID('r0'), JSON.stringify(['Mentee', 'Mentor', 'Facilitator'])]);
  run(`INSERT INTO participants (id, label, sort, created_at) VALUES (?, ?, ?, ?)`, [ID('91'), 'P1', 1, now], [ID('92'), 'P2', 2, now], [ID('93'), 'P3', 3, now]);
  run(`INSERT INTO participant_values (id, participant_id, attribute_id, value) VALUES (?, ?, ?, ?)`, [ID('v1'), ID('91'), ID('r0'), 'Mentee'], [ID('v2'), ID('92'), ID('r0'), 'Mentor']);
  run(`INSERT INTO document_groups (id, name, sort) VALUES (?, ?, ?)`, [ID('f1'), 'G1', 1], [ID('f2'), 'G2', 2]);
  const text = 'x'.repeat(200);
  run(
    `INSERT INTO documents (id, title, kind, text, group_id, sort, created_at) VALUES (?, ?, 'interview', ?, ?, ?, ?)`,
    [ID('d1'), 'Doc one', text, ID('f1'), 0, now],
    [ID('d2'), 'Doc two', text, ID('f2'), 1, now],
    [ID('d3'), 'Doc three', text, null, 2, now],
  );
  run(
    `INSERT INTO turns (id, document_id, participant_id, start, "end") VALUES (?, ?, ?, ?, ?)`,
    [ID('e1'), ID('d1'), ID('91'), 0, 100],
    [ID('e2'), ID('d1'), ID('92'), 100, 200],
    [ID('e3'), ID('d2'), ID('93'), 0, 100],
    [ID('e4'), ID('d2'), ID('91'), 100, 200],
    [ID('e5'), ID('d3'), ID('92'), 0, 100],
  );
  run(
    `INSERT INTO meaning_units (id, document_id, start, "end") VALUES (?, ?, ?, ?)`,
    [ID('1'), ID('d1'), 0, 50],
    [ID('2'), ID('d1'), 50, 100],
    [ID('3'), ID('d1'), 100, 150],
    [ID('4'), ID('d2'), 0, 50],
    [ID('5'), ID('d2'), 100, 150],
    [ID('6'), ID('d3'), 0, 50],
  );
  const node = (key: string, level: string, sort: number) => [ID(key), level, key, sort, now];
  run(`INSERT INTO codebook_nodes (id, level, name, sort, created_at) VALUES (?, ?, ?, ?, ?)`, node('T', 'theme', 0), node('C1', 'category', 0), node('C2', 'category', 1), node('a', 'code', 0), node('b', 'code', 1), node('c', 'code', 0), node('d', 'code', 9));
  run(
    `INSERT INTO codebook_links (id, parent_id, child_id, sort) VALUES (?, ?, ?, ?)`,
    [ID('l1'), ID('T'), ID('C1'), 0],
    [ID('l2'), ID('T'), ID('C2'), 1],
    [ID('l3'), ID('C1'), ID('a'), 0],
    [ID('l4'), ID('C1'), ID('b'), 1],
    [ID('l5'), ID('C2'), ID('c'), 0],
  );
  const docOf: Record<string, string> = { '1': 'd1', '2': 'd1', '3': 'd1', '4': 'd2', '5': 'd2', '6': 'd3' };
  const codings: [string, string, string][] = [
    ['a1', '1', 'a'], ['a1', '1', 'b'], ['a1', '2', 'a'], ['a1', '3', 'c'], ['a1', '4', 'a'], ['a1', '4', 'c'], ['a1', '5', 'b'], ['a1', '6', 'a'], ['a1', '6', 'b'], ['a1', '6', 'c'],
    ['b1', '1', 'a'], ['b1', '3', 'b'], ['b1', '5', 'b'], ['b1', '5', 'c'],
    ['c0', '1', 'a'],
  ];
  const s = db.prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  codings.forEach(([coder, unit, code], i) => s.run(ID(`900${i}`), ID(code), ID(coder), ID(docOf[unit]), ID(unit), now));
  db.prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, start, "end", created_at) VALUES (?, ?, ?, ?, 10, 60, ?)`).run(ID('span'), ID('c'), ID('a1'), ID('d1'), now);
}

const A = { coder: ID('a1') };
const grid = (m: Matrix) => Object.fromEntries(m.rows.map((r, i) => [r.name, m.cells[i].map((c) => c.count)]));

describe('analyses on a hand-counted study', () => {
  let dir = '';
  let session: ProjectSession;
  let db: Database.Database;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-analysis-'));
    session = ProjectSession.create(path.join(dir, 'small.condensa'), 'Small', 'content-analysis', fill);
    db = session.db;
  });
  afterAll(() => {
    session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('code × role matrix: units per cell, totals, a "no role" column, and the units behind each cell', () => {
    const m = computeMatrix(db, { filter: A, level: 'code', columns: { kind: 'attribute', attributeId: ID('r0') } });
    // Facilitator is a choice nobody coded here holds: no column for it.
    expect(m.columns.map((c) => c.label)).toEqual(['Mentee', 'Mentor', 'No role']);
    expect(grid(m)).toEqual({ a: [2, 1, 1], b: [2, 1, 0], c: [0, 2, 1], d: [0, 0, 0] });
    expect(m.rowTotals).toEqual([4, 3, 3, 0]);
    expect(m.columnTotals).toEqual([3, 2, 1]);
    expect(m.total).toBe(6);
    expect(m.cells[0][0].unitIds.sort()).toEqual([ID('1'), ID('2')]);
    expect(m.cells[2][1].unitIds.sort()).toEqual([ID('3'), ID('6')]);
  });

  it('rolls codes up to categories and the theme, counting a unit once per cell', () => {
    const cat = computeMatrix(db, { filter: A, level: 'category', columns: { kind: 'attribute', attributeId: ID('r0') } });
    expect(grid(cat)).toEqual({ C1: [3, 1, 1], C2: [0, 2, 1] });
    const theme = computeMatrix(db, { filter: A, level: 'theme', columns: { kind: 'group' } });
    expect(theme.columns.map((c) => c.label)).toEqual(['G1', 'G2', 'No group']);
    expect(grid(theme)).toEqual({ T: [3, 2, 1] });
  });

  it('counts codings and participants when asked, free spans included in codings', () => {
    const codings = computeMatrix(db, { filter: A, level: 'code', columns: { kind: 'attribute', attributeId: ID('r0') }, measure: 'codings' });
    expect(grid(codings).c).toEqual([1, 2, 1]);
    const people = computeMatrix(db, { filter: A, level: 'category', columns: { kind: 'group' }, measure: 'participants' });
    // C1 in G1: p1 (u1, u2); C2 in G1: p2 (u3) and p1 (the span).
    expect(grid(people)).toEqual({ C1: [1, 2, 1], C2: [2, 1, 1] });
    expect(people.rowTotals).toEqual([3, 3]);
  });

  it('code × document matrix keeps every document the filter lets through', () => {
    const m = computeMatrix(db, { filter: { ...A, groupIds: [ID('f1'), ''] }, level: 'code', columns: { kind: 'document' } });
    expect(m.columns.map((c) => c.label)).toEqual(['Doc one', 'Doc three']);
    expect(grid(m)).toEqual({ a: [2, 1], b: [1, 1], c: [1, 1], d: [0, 0] });
  });

  it('frequencies: codings, units, participants and documents per node, in total and per group', () => {
    const f = computeFrequencies(db, { filter: A, split: { kind: 'group' } });
    const row = (name: string) => f.rows.find((r) => r.name === name)!;
    expect(f.rows.map((r) => `${r.name}@${r.depth}`)).toEqual(['T@0', 'C1@1', 'a@2', 'b@2', 'C2@1', 'c@2', 'd@0']);
    expect(row('T').total).toEqual({ codings: 11, units: 6, participants: 3, documents: 3 });
    expect(row('C1').total).toEqual({ codings: 7, units: 5, participants: 3, documents: 3 });
    expect(row('C2').total).toEqual({ codings: 4, units: 3, participants: 3, documents: 3 });
    expect(row('d').total).toEqual({ codings: 0, units: 0, participants: 0, documents: 0 });
    expect(row('T').byColumn).toEqual([
      { codings: 5, units: 3, participants: 2, documents: 1 },
      { codings: 3, units: 2, participants: 2, documents: 1 },
      { codings: 3, units: 1, participants: 1, documents: 1 },
    ]);
    expect(row('b').sources).toEqual([1, 2, 3]);
  });

  it('sources per code, numbered in document order', () => {
    const s = computeSources(db, { filter: { ...A, documentIds: [ID('d1'), ID('d3')] }, level: 'code' });
    expect(s.map((r) => r.label)).toEqual(['a (1, 3)', 'b (1, 3)', 'c (1, 3)', 'd']);
    expect(s[0].documents.map((d) => d.title)).toEqual(['Doc one', 'Doc three']);
  });

  it('co-occurrence on the same unit counts only codes one coder applied together', () => {
    const one = computeCooccurrence(db, { filter: A, level: 'code' });
    const pairs = (c: typeof one) => Object.fromEntries(c.cells.map((x) => [`${c.nodes[x.a].name}-${c.nodes[x.b].name}`, x.count]));
    expect(pairs(one)).toEqual({ 'a-b': 2, 'a-c': 2, 'b-c': 1 });
    expect(one.nodes.map((n) => n.units)).toEqual([4, 3, 3, 0]);
    const ab = one.cells.find((x) => one.nodes[x.a].name === 'a' && one.nodes[x.b].name === 'b')!;
    expect(ab.jaccard).toBeCloseTo(2 / 5);
    expect(ab.unitIds.sort()).toEqual([ID('1'), ID('6')]);
    // u3 carries A's c and B's b: no pair, since no one coder applied both.
    const all = computeCooccurrence(db, { filter: { coder: 'all' }, level: 'code' });
    expect(pairs(all)).toEqual({ 'a-b': 2, 'a-c': 2, 'b-c': 2 });
  });

  it('co-occurrence by overlapping text includes free spans and records where they overlap', () => {
    const c = computeCooccurrence(db, { filter: A, level: 'code', mode: 'overlap' });
    const cell = (x: string, y: string) => c.cells.find((p) => c.nodes[p.a].name === x && c.nodes[p.b].name === y)!;
    expect(cell('a', 'b').count).toBe(2);
    expect(cell('b', 'c').count).toBe(2);
    expect(cell('a', 'c').count).toBe(4);
    const where = cell('a', 'c').ranges.map((r) => `${r.documentId === ID('d1') ? 'd1' : r.documentId === ID('d2') ? 'd2' : 'd3'}:${r.start}-${r.end}`);
    expect(where.sort()).toEqual(['d1:10-50', 'd1:50-60', 'd2:0-50', 'd3:0-50']);
    expect(cell('a', 'c').jaccard).toBeNull();
  });

  it('co-occurrence exports as the table on screen: a row per pair, most frequent first, with each node’s own count', () => {
    const unit = cooccurrenceTable(computeCooccurrence(db, { filter: A, level: 'code' }), 'code');
    expect(unit.header).toEqual(['Code', 'With code', 'Units with both', 'Jaccard', 'Code (units)', 'With (units)']);
    expect(unit.rows).toEqual([
      ['a', 'b', 2, 0.4, 4, 3],
      ['a', 'c', 2, 0.4, 4, 3],
      ['b', 'c', 1, 0.2, 3, 3],
    ]);
    expect(unit.numberFormats).toEqual({ 3: '0.000' });
    expect(unit.note).toMatch(/same meaning unit.*Codings: A\.$/);
    const overlap = cooccurrenceTable(computeCooccurrence(db, { filter: A, level: 'category', mode: 'overlap' }), 'category');
    expect(overlap.header).toEqual(['Category', 'With category', 'Overlapping stretches', 'Category (coded stretches)', 'With (coded stretches)']);
    expect(overlap.rows.map((r) => r.slice(0, 2))).toEqual([['C1', 'C2']]);
    expect(overlap.note).toMatch(/overlapping text, each counting the codes beneath it/);
  });

  it('the units behind a frequency row are the units it counts, under the same filter', () => {
    const names = (ids: readonly string[]) => ids.map((id) => id.slice(-1));
    const node = (name: string) => ID(name);
    expect(names(unitsUnderNode(db, node('C1'), { coder: ID('a1') }))).toEqual(['1', '2', '4', '5', '6']);
    expect(names(unitsUnderNode(db, node('b'), { coder: 'all' }))).toEqual(['1', '3', '5', '6']);
    expect(names(unitsUnderNode(db, node('T'), { coder: ID('a1'), groupIds: [ID('f2')] }))).toEqual(['4', '5']);
    // The free span has no unit: it counts as a coding of c but lists no unit.
    expect(names(unitsUnderNode(db, node('c'), { coder: ID('a1'), documentIds: [ID('d1')] }))).toEqual(['3']);
    expect(unitsUnderNode(db, node('d'), { coder: ID('a1') })).toEqual([]);
    for (const filter of [A, { coder: 'all' }, { ...A, attributes: [{ attributeId: ID('r0'), values: ['Mentee'] }] }]) {
      for (const row of computeFrequencies(db, { filter, split: { kind: 'none' } }).rows) {
        expect(unitsUnderNode(db, row.nodeId, filter).length, row.name).toBe(row.total.units);
      }
    }
    expect(() => unitsUnderNode(db, ID('gone'), A)).toThrow(/not in the codebook/);
  });

  it('filters by document, group and attribute value through the same path', () => {
    const units = (filter: object) => computeFrequencies(db, { filter: { ...A, ...filter }, split: { kind: 'none' } }).rows[0].total.units;
    expect(units({ documentIds: [ID('d1')] })).toBe(3);
    expect(units({ groupIds: [''] })).toBe(1);
    expect(units({ groupIds: [ID('f2')] })).toBe(2);
    expect(units({ attributes: [{ attributeId: ID('r0'), values: ['Mentor'] }] })).toBe(2);
    expect(units({ attributes: [{ attributeId: ID('r0'), values: ['Mentor', 'Mentee'] }], documentIds: [ID('d2')] })).toBe(1);
  });

  it('chooses whose codings: one coder, every coder but the consensus, the consensus, blind coding', () => {
    const aUnits = (choice: string, ctx = { currentCoderId: null as string | null, blindCoderId: null as string | null }) =>
      computeMatrix(db, { filter: { coder: choice }, level: 'code', columns: { kind: 'group' } }, ctx).rowTotals[0];
    expect(aUnits(ID('a1'))).toBe(4);
    expect(aUnits(ID('b1'))).toBe(1);
    expect(aUnits('all')).toBe(4);
    expect(aUnits('consensus')).toBe(1);
    expect(aUnits('current', { currentCoderId: ID('b1'), blindCoderId: null })).toBe(1);
    // Blind coding shows only your own codings, whatever is asked for.
    expect(aUnits('consensus', { currentCoderId: ID('b1'), blindCoderId: ID('b1') })).toBe(1);
    expect(() => aUnits('current')).toThrow(/Choose who is coding/);
  });
});
