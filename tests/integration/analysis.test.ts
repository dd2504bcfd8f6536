import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, type TestApp } from './support/app';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

// Independent SQL: every node's units, participants and documents, walking the hierarchy with a
// recursive CTE and finding speakers by range join (none of the analysis code is used).
function sqlTotals(t: TestApp, coderIds: readonly string[]) {
  const db = t.app.requireProject().db;
  return db
    .prepare(
      `WITH RECURSIVE below(root, id) AS (
         SELECT id, id FROM codebook_nodes
         UNION SELECT below.root, l.child_id FROM below JOIN codebook_links l ON l.parent_id = below.id)
       SELECT n.name AS name, count(DISTINCT c.unit_id) AS units, count(DISTINCT t.participant_id) AS participants, count(DISTINCT c.document_id) AS documents
       FROM codebook_nodes n JOIN below ON below.root = n.id
       LEFT JOIN codings c ON c.code_id = below.id AND c.coder_id IN (SELECT value FROM json_each(?))
       LEFT JOIN meaning_units u ON u.id = c.unit_id
       LEFT JOIN turns t ON t.document_id = u.document_id AND t.start <= u.start AND u.start < t."end"
       GROUP BY n.id`,
    )
    .all(JSON.stringify(coderIds)) as { name: string; units: number; participants: number; documents: number }[];
}

function sqlUnitsByRole(t: TestApp, nodeName: string, role: string, coderIds: readonly string[]): string[] {
  const db = t.app.requireProject().db;
  return db
    .prepare(
      `WITH RECURSIVE below(id) AS (
         SELECT id FROM codebook_nodes WHERE name = ?
         UNION SELECT l.child_id FROM below JOIN codebook_links l ON l.parent_id = below.id)
       SELECT DISTINCT c.unit_id FROM codings c
       JOIN meaning_units u ON u.id = c.unit_id
       JOIN turns t ON t.document_id = u.document_id AND t.start <= u.start AND u.start < t."end"
       JOIN participant_values v ON v.participant_id = t.participant_id
       JOIN attributes a ON a.id = v.attribute_id AND a.name = 'Role'
       WHERE c.code_id IN (SELECT id FROM below) AND v.value = ? AND c.coder_id IN (SELECT value FROM json_each(?))
       ORDER BY c.unit_id`,
    )
    .pluck()
    .all(nodeName, role, JSON.stringify(coderIds)) as string[];
}

describe('analysis on the sample study', () => {
  let t: SampleApp;
  afterEach(() => t?.close());

  const coderIds = (names: readonly string[]) => t.coders.filter((c) => names.includes(c.name)).map((c) => c.id);

  it('frequencies of every node agree with independent SQL, for one coder and for all coders', async () => {
    t = await makeSampleApp();
    for (const [choice, names] of [
      ['current', ['Amira Haddad']],
      ['all', ['Amira Haddad', 'Ben Okafor', 'Clara Lindqvist']],
    ] as const) {
      const f = await t.client.call('analysis.frequencies', { filter: { coder: choice } });
      const expected = new Map(sqlTotals(t, coderIds(names)).map((r) => [r.name, r]));
      expect(f.rows.length).toBe(expected.size);
      for (const row of f.rows) {
        const e = expected.get(row.name)!;
        expect({ name: row.name, units: row.total.units, participants: row.total.participants, documents: row.total.documents }).toEqual(e);
      }
    }
  });

  it('"Growing into the teacher role" emerged only from the mentors', async () => {
    t = await makeSampleApp();
    const role = (await t.client.call('attributes.list', {})).find((a) => a.name === 'Role')!;
    const f = await t.client.call('analysis.frequencies', { filter: { coder: 'all' }, split: { kind: 'attribute', attributeId: role.id } });
    expect(f.columns.map((c) => c.label)).toEqual(['Mentee', 'Mentor']);
    const teacher = f.rows.find((r) => r.name === 'Growing into the teacher role')!;
    expect(teacher.level).toBe('category');
    expect(teacher.byColumn[0].units).toBe(0);
    const all = coderIds(['Amira Haddad', 'Ben Okafor']);
    expect(teacher.byColumn[1].units).toBe(sqlUnitsByRole(t, 'Growing into the teacher role', 'Mentor', all).length);
    expect(teacher.byColumn[1].units).toBeGreaterThan(10);
    // The other categories are spoken about by both groups.
    for (const name of ['Finding a safe harbour', 'Navigating the hidden curriculum']) {
      const row = f.rows.find((r) => r.name === name)!;
      expect(row.byColumn[0].units).toBe(sqlUnitsByRole(t, name, 'Mentee', all).length);
      expect(row.byColumn[0].units).toBeGreaterThan(0);
    }
    // The same seen by document group: the category sits wholly in the mentor group.
    const m = await t.client.call('analysis.matrix', { filter: { coder: 'all' }, level: 'category', columns: { kind: 'group' } });
    const r = m.rows.findIndex((x) => x.name === 'Growing into the teacher role');
    expect(m.columns.map((c) => c.label)).toEqual(['Mentee groups', 'Mentor group']);
    expect(m.cells[r].map((c) => c.count)).toEqual([0, teacher.total.units]);
  });

  it('matrix cells hold exactly the units the SQL finds, and percentages add up', async () => {
    t = await makeSampleApp();
    const role = (await t.client.call('attributes.list', {})).find((a) => a.name === 'Role')!;
    const m = await t.client.call('analysis.matrix', { filter: { coder: 'current' }, level: 'subcategory', columns: { kind: 'attribute', attributeId: role.id } });
    const amira = coderIds(['Amira Haddad']);
    m.rows.forEach((row, i) => {
      m.columns.forEach((col, j) => {
        const expected = sqlUnitsByRole(t, row.name, col.key, amira);
        expect([...m.cells[i][j].unitIds].sort()).toEqual(expected);
        expect(m.cells[i][j].count).toBe(expected.length);
      });
      // Every unit has one speaker and so one role: the row total is the sum of its cells.
      expect(m.rowTotals[i]).toBe(m.cells[i].reduce((n, c) => n + c.count, 0));
    });
    const units = t.app.requireProject().db.prepare(`SELECT count(DISTINCT unit_id) FROM codings WHERE coder_id = ?`).pluck().get(amira[0]);
    expect(m.total).toBe(units);
  });

  it('co-occurrence pairs agree with a self-join of the codings', async () => {
    t = await makeSampleApp();
    const c = await t.client.call('analysis.cooccurrence', { filter: { coder: 'all' }, level: 'code' });
    const db = t.app.requireProject().db;
    const rows = db
      .prepare(
        `SELECT x.code_id AS a, y.code_id AS b, count(DISTINCT x.unit_id) AS n FROM codings x
         JOIN codings y ON y.unit_id = x.unit_id AND y.coder_id = x.coder_id AND y.code_id > x.code_id
         JOIN coders k ON k.id = x.coder_id AND k.role <> 'consensus'
         GROUP BY x.code_id, y.code_id`,
      )
      .all() as { a: string; b: string; n: number }[];
    const expected = new Map(rows.map((r) => [`${r.a}|${r.b}`, r.n]));
    const got = new Map(
      c.cells.map((cell) => {
        const [x, y] = [c.nodes[cell.a].nodeId, c.nodes[cell.b].nodeId].sort();
        return [`${x}|${y}`, cell.count];
      }),
    );
    expect(got).toEqual(expected);
    expect(c.cells.length).toBeGreaterThan(3);
  });

  it('sources per code use document order numbers', async () => {
    t = await makeSampleApp();
    const s = await t.client.call('analysis.sources', { filter: { coder: 'all' }, level: 'code' });
    expect(s.find((r) => r.name === 'Setting boundaries')!.label).toBe('Setting boundaries (3)');
    expect(s.find((r) => r.name === 'Hearing that struggling is normal')!.label).toBe('Hearing that struggling is normal (1–3)');
    expect(s.find((r) => r.name === 'Reading the hierarchy')!.documents.map((d) => d.title)).toEqual(['Focus group 2 – mentees', 'Focus group 3 – mentors']);
  });

  it('passages give the text and speaker of the units behind a cell', async () => {
    t = await makeSampleApp();
    const m = await t.client.call('analysis.matrix', { filter: { coder: 'current' }, level: 'category', columns: { kind: 'document' } });
    const cell = m.cells[0].find((x) => x.count > 0)!;
    const passages = await t.client.call('analysis.passages', { unitIds: cell.unitIds });
    expect(passages.map((p) => p.unitId).sort()).toEqual([...cell.unitIds].sort());
    // In reading order: document by document, then by position.
    const docOrder = (await t.client.call('documents.list', {})).map((d) => d.id);
    const keys = passages.map((p) => docOrder.indexOf(p.documentId) * 1e7 + p.start);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    for (const p of passages) {
      const doc = await t.client.call('documents.get', { id: p.documentId });
      const unit = doc.units.find((u) => u.id === p.unitId)!;
      expect(p.text).toBe(doc.text.slice(unit.start, unit.end));
      expect(p.condensed).toBe(unit.condensed);
      const turn = doc.turns.find((x) => x.start <= unit.start && unit.start < x.end)!;
      expect(p.speaker).toBe(turn.speakerLabel);
    }
    expect(passages.map((p) => p.start)).toEqual([...passages.map((p) => p.start)].sort((a, b) => a - b));
  });

  it('exports the matrix as CSV and XLSX that read back with the same numbers', async () => {
    t = await makeSampleApp();
    const options = { filter: { coder: 'all' as const }, level: 'category' as const, columns: { kind: 'group' as const } };
    const m = await t.client.call('analysis.matrix', options);
    const csvPath = t.file('matrix.csv');
    const csv = await t.client.call('analysis.exportMatrix', { ...options, format: 'csv', path: csvPath });
    const text = fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
    expect(Buffer.from(csv.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '')).toBe(text);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('"Category (meaning units, counts)",Mentee groups,Mentor group,Total (n)');
    expect(lines[3]).toBe(`Growing into the teacher role,0,${m.rowTotals[2]},${m.rowTotals[2]}`);
    expect(lines[4]).toBe(`Total (n),${m.columnTotals.join(',')},${m.total}`);

    const xlsx = await t.client.call('analysis.exportMatrix', { ...options, display: 'row', format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Matrix')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Category (meaning units, row %)');
    expect(sheet.getRow(4).getCell(1).value).toBe('Growing into the teacher role');
    expect(sheet.getRow(4).getCell(3).value).toBe(100);
    const first = m.cells[0][0].count / m.rowTotals[0];
    expect(sheet.getRow(2).getCell(2).value).toBeCloseTo(Math.round(first * 1000) / 10, 5);
  });

  it('a frequency row lists exactly the units the SQL finds for its node under the same filter', async () => {
    t = await makeSampleApp();
    const docs = await t.client.call('documents.list', {});
    const filter = { coder: 'all' as const, documentIds: [docs[0].id] };
    const f = await t.client.call('analysis.frequencies', { filter });
    const row = f.rows.find((r) => r.level === 'category' && r.total.units > 1)!;
    const passages = await t.client.call('analysis.passages', { node: { nodeId: row.nodeId, filter } });
    expect(passages.length).toBe(row.total.units);
    const db = t.app.requireProject().db;
    const expected = db
      .prepare(
        `WITH RECURSIVE below(id) AS (SELECT ? UNION SELECT l.child_id FROM below JOIN codebook_links l ON l.parent_id = below.id)
         SELECT DISTINCT c.unit_id FROM codings c JOIN coders k ON k.id = c.coder_id AND k.role <> 'consensus'
         WHERE c.code_id IN (SELECT id FROM below) AND c.document_id = ? AND c.unit_id IS NOT NULL ORDER BY c.unit_id`,
      )
      .pluck()
      .all(row.nodeId, docs[0].id) as string[];
    expect(passages.map((p) => p.unitId).sort()).toEqual(expected);
    expect(new Set(passages.map((p) => p.documentId))).toEqual(new Set([docs[0].id]));
    await expect(t.client.call('analysis.passages', { node: { nodeId: crypto.randomUUID(), filter } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exports the co-occurrence pairs as CSV and XLSX that read back with the same numbers', async () => {
    t = await makeSampleApp();
    const options = { filter: { coder: 'all' as const }, level: 'code' as const, mode: 'unit' as const };
    const c = await t.client.call('analysis.cooccurrence', options);
    const name = (i: number) => c.nodes[i].name;
    const csvPath = t.file('pairs.csv');
    const csv = await t.client.call('analysis.exportCooccurrence', { ...options, format: 'csv', path: csvPath });
    expect(csv).toMatchObject({ fileName: 'cooccurrence-code-unit.csv', mime: 'text/csv', path: csvPath });
    const raw = fs.readFileSync(csvPath);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Code,With code,Units with both,Jaccard,Code (units),With (units)');
    expect(c.cells.length).toBeGreaterThan(3);
    expect(lines.length).toBe(c.cells.length + 1);
    const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    c.cells.forEach((cell, i) => {
      const jaccard = Math.round(cell.jaccard! * 1000) / 1000;
      expect(lines[i + 1]).toBe([quote(name(cell.a)), quote(name(cell.b)), cell.count, jaccard, c.nodes[cell.a].units, c.nodes[cell.b].units].join(','));
    });

    const xlsx = await t.client.call('analysis.exportCooccurrence', { ...options, mode: 'overlap', format: 'xlsx' });
    expect(xlsx.path).toBeNull();
    const overlap = await t.client.call('analysis.cooccurrence', { ...options, mode: 'overlap' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Co-occurrence')!;
    expect(overlap.cells.length).toBeGreaterThan(0);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Code', 'With code', 'Overlapping stretches', 'Code (coded stretches)', 'With (coded stretches)']);
    overlap.cells.forEach((cell, i) => {
      const r = sheet.getRow(i + 2);
      expect([r.getCell(1).value, r.getCell(2).value, r.getCell(3).value]).toEqual([overlap.nodes[cell.a].name, overlap.nodes[cell.b].name, cell.count]);
      expect(r.getCell(4).value).toBe(overlap.nodes[cell.a].units);
    });
    expect(String(sheet.getRow(overlap.cells.length + 3).getCell(1).value)).toMatch(/^Pairs \(code level\) one coder applied to overlapping text\. Codings: /);
  });

  it('saving map positions is one undoable step; reopening keeps them', async () => {
    t = await makeSampleApp();
    const map = await t.client.call('analysis.map', { filter: { coder: 'all' } });
    expect(map.every((n) => n.x === null)).toBe(true);
    const theme = map.find((n) => n.level === 'theme')!;
    expect(theme.units).toBeGreaterThan(0);
    await t.client.call('analysis.savePositions', { positions: [{ id: theme.id, x: 120.04, y: -40 }] });
    let again = await t.client.call('analysis.map', { filter: { coder: 'all' } });
    expect(again.find((n) => n.id === theme.id)).toMatchObject({ x: 120, y: -40 });
    expect((await t.client.call('history.state', {})).undoLabel).toBe('Move a node on the thematic map');

    await t.client.call('analysis.savePositions', { positions: [{ id: theme.id, x: 300, y: 10 }] });
    await t.client.call('history.undo', {});
    again = await t.client.call('analysis.map', { filter: { coder: 'all' } });
    expect(again.find((n) => n.id === theme.id)).toMatchObject({ x: 120, y: -40 });
    await t.client.call('history.undo', {});
    again = await t.client.call('analysis.map', { filter: { coder: 'all' } });
    expect(again.find((n) => n.id === theme.id)).toMatchObject({ x: null, y: null });
    await t.client.call('history.redo', {});

    const file = t.app.requireProject().file.path;
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path: file });
    again = await t.client.call('analysis.map', { filter: { coder: 'all' } });
    expect(again.find((n) => n.id === theme.id)).toMatchObject({ x: 120, y: -40 });

    await expect(t.client.call('analysis.savePositions', { positions: [{ id: 'no-such-node', x: 1, y: 1 }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('renaming a theme keeps its old name in the history; undo and redo keep the history exact', async () => {
    t = await makeSampleApp();
    const db = t.app.requireProject().db;
    const theme = (await t.client.call('codebook.list', {})).find((n) => n.level === 'theme')!;
    const history = () => t.client.call('analysis.nameHistory', { nodeId: theme.id });

    await t.client.call('analysis.updateTheme', { id: theme.id, name: 'Belonging through a trusted other' });
    let h = await history();
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ name: theme.name, coderName: 'Amira Haddad' });
    expect((await t.client.call('history.state', {})).undoLabel).toBe(`Rename theme “${theme.name}” to “Belonging through a trusted other”`);

    await t.client.call('history.undo', {});
    expect(db.prepare('SELECT name FROM codebook_nodes WHERE id = ?').pluck().get(theme.id)).toBe(theme.name);
    expect(await history()).toEqual([]);
    await t.client.call('history.redo', {});
    expect(db.prepare('SELECT name FROM codebook_nodes WHERE id = ?').pluck().get(theme.id)).toBe('Belonging through a trusted other');
    h = await history();
    expect(h.map((x) => x.name)).toEqual([theme.name]);

    // Any rename path records history (the trigger lives in the file), e.g. a rename by another command.
    const session = t.app.requireProject();
    session.write('test.rename', 'Rename elsewhere', () => db.prepare('UPDATE codebook_nodes SET name = ? WHERE id = ?').run('Belonging', theme.id));
    expect((await history()).map((x) => x.name)).toEqual(['Belonging through a trusted other', theme.name]);
    const map = await t.client.call('analysis.map', { filter: { coder: 'all' } });
    expect(map.find((n) => n.id === theme.id)!.renamed).toBe(2);
    // Codes are renamed often while coding: their names are not kept.
    const code = (await t.client.call('codebook.list', {})).find((n) => n.level === 'code')!;
    await t.client.call('analysis.updateTheme', { id: code.id, name: 'Renamed code' });
    expect(await t.client.call('analysis.nameHistory', { nodeId: code.id })).toEqual([]);
  });

  it('status and definition of a theme change as recorded steps', async () => {
    t = await makeSampleApp();
    const category = (await t.client.call('codebook.list', {})).find((n) => n.level === 'category')!;
    const updated = await t.client.call('analysis.updateTheme', { id: category.id, status: 'reviewed', definition: 'Reviewed against the data.' });
    expect(updated).toMatchObject({ status: 'reviewed', definition: 'Reviewed against the data.' });
    expect((await t.client.call('history.state', {})).undoLabel).toBe(`Mark “${category.name}” as reviewed`);
    await t.client.call('history.undo', {});
    const back = (await t.client.call('codebook.list', {})).find((n) => n.id === category.id)!;
    expect(back).toMatchObject({ status: category.status, definition: category.definition });
  });

  it('blind coding narrows every analysis to the current coder', async () => {
    t = await makeSampleApp();
    await t.client.call('project.update', { blind: true });
    const blind = await t.client.call('analysis.matrix', { filter: { coder: 'all' }, level: 'theme', columns: { kind: 'group' } });
    expect(blind.source).toMatch(/blind coding/);
    const mine = await t.client.call('analysis.matrix', { filter: { coder: 'current' }, level: 'theme', columns: { kind: 'group' } });
    expect(blind.total).toBe(mine.total);
    await t.client.call('project.update', { blind: false });
    const all = await t.client.call('analysis.matrix', { filter: { coder: 'all' }, level: 'theme', columns: { kind: 'group' } });
    expect(all.total).toBeGreaterThan(mine.total);
  });
});
