import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodebookNode } from '../../shared/api/entities';
import { parseCsv } from '../../shared/text/csv-turns';
import { makeSampleApp, makeTestApp, type TestApp } from './support/app';
import { coderNamed, nodeNamed, one, sampleDocuments } from './support/workbench';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

/** The names of a code's ancestors at one level, found by walking parent links in the test itself. */
function ancestorsAt(nodes: readonly CodebookNode[], codeId: string, level: CodebookNode['level']): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Set<string>();
  const walk = (id: string) => {
    for (const p of byId.get(id)?.parentIds ?? []) {
      const parent = byId.get(p)!;
      if (parent.level === level) out.add(parent.name);
      walk(p);
    }
  };
  walk(codeId);
  return [...out];
}

describe('the abstraction table', () => {
  let t: SampleApp | TestApp;
  afterEach(() => t?.close());

  it('has one row per meaning unit with its condensation, codes, subcategory, category and theme (content analysis)', async () => {
    t = await makeSampleApp();
    const amira = coderNamed(t as SampleApp, 'Amira Haddad');
    const table = await t.client.call('table.abstraction', {});
    expect(table.columns).toEqual(['subcategory', 'category', 'theme']);
    expect(table.rows.length).toBe(one<number>(t, `SELECT count(*) FROM meaning_units`));
    const nodes = await t.client.call('codebook.list', {});
    const docs = await sampleDocuments(t);
    let checked = 0;
    for (const row of table.rows) {
      const doc = docs.find((d) => d.document.id === row.documentId)!;
      expect(row.text).toBe(doc.text.slice(row.start, row.end));
      expect(row.condensed).toBe(doc.units.find((u) => u.id === row.unitId)!.condensed);
      // By default the table shows the current coder's codes.
      const mine = doc.codings.filter((c) => c.unitId === row.unitId && c.coderId === amira).map((c) => c.codeId);
      expect(row.codes.map((c) => c.id).sort()).toEqual([...mine].sort());
      for (const [i, level] of table.columns.entries()) {
        const expected = new Set(mine.flatMap((id) => ancestorsAt(nodes, id, level)));
        expect(new Set(row.levels[i].map((n) => n.name))).toEqual(expected);
      }
      if (mine.length) checked += 1;
    }
    expect(checked).toBeGreaterThan(20);
    // Every coded unit reaches the single theme.
    const coded = table.rows.filter((r) => r.codes.length > 0);
    expect(coded.every((r) => r.levels[2].map((n) => n.name).join() === 'Learning to belong in medicine through a trusted other')).toBe(true);
    // Rows come in document order, then text order.
    const first = table.rows.filter((r) => r.documentId === docs[0].document.id);
    expect(first.map((r) => r.start)).toEqual([...first.map((r) => r.start)].sort((a, b) => a - b));
    expect(table.rows[0].documentId).toBe(docs[0].document.id);
  });

  it('uses code → subtheme → theme for thematic analysis', async () => {
    t = makeTestApp();
    await t.client.call('project.create', { path: t.file(), title: 'TA', methodology: 'thematic-analysis' });
    const table = await t.client.call('table.abstraction', {});
    expect(table.columns).toEqual(['subtheme', 'theme']);
    expect(table.rows).toEqual([]);
  });

  it('filters by document, participant, attribute value and code, and sorts by any column', async () => {
    t = await makeSampleApp();
    const c = t.client;
    const docs = await sampleDocuments(t);
    const byDoc = await c.call('table.abstraction', { documentIds: [docs[1].document.id] });
    expect(byDoc.rows.length).toBe(docs[1].units.length);
    expect(byDoc.rows.every((r) => r.documentId === docs[1].document.id)).toBe(true);

    const participants = await c.call('participants.list', {});
    const p3 = participants.find((p) => p.label === 'P3')!;
    const byPerson = await c.call('table.abstraction', { participantIds: [p3.id] });
    expect(byPerson.rows.length).toBeGreaterThan(0);
    expect(byPerson.rows.every((r) => r.participantId === p3.id && r.speaker === 'P3' && r.pseudonym === p3.pseudonym)).toBe(true);

    const attributes = await c.call('attributes.list', {});
    const campus = attributes.find((a) => a.name === 'Campus')!;
    const northgate = await c.call('table.abstraction', { attributes: [{ attributeId: campus.id, value: 'Northgate' }] });
    const northgatePeople = new Set(participants.filter((p) => p.values[campus.id] === 'Northgate').map((p) => p.id));
    expect(northgate.rows.length).toBeGreaterThan(0);
    expect(northgate.rows.every((r) => r.participantId !== null && northgatePeople.has(r.participantId))).toBe(true);

    const category = await nodeNamed(t, 'Finding a safe harbour');
    const byCode = await c.call('table.abstraction', { nodeIds: [category.id] });
    expect(byCode.rows.length).toBeGreaterThan(0);
    expect(byCode.rows.every((r) => r.levels[1].some((n) => n.id === category.id))).toBe(true);
    const codedOnly = await c.call('table.abstraction', { codedOnly: true });
    expect(codedOnly.rows.every((r) => r.codes.length > 0)).toBe(true);

    const asc = await c.call('table.abstraction', { sortBy: 'condensed' });
    const names = asc.rows.map((r) => r.condensed).filter(Boolean);
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    expect(names).toEqual([...names].sort(collator.compare));
    const desc = await c.call('table.abstraction', { sortBy: 'condensed', descending: true });
    expect(desc.rows.map((r) => r.condensed).filter(Boolean)).toEqual([...names].sort((a, b) => collator.compare(b, a)));
    const byCategory = await c.call('table.abstraction', { sortBy: 'level1', codedOnly: true });
    const cats = byCategory.rows.map((r) => r.levels[1].map((n) => n.name).join(', '));
    expect(cats).toEqual([...cats].sort(collator.compare));
  });

  it('shows everyone’s codings, or one coder’s, when asked', async () => {
    t = await makeSampleApp();
    const ben = coderNamed(t as SampleApp, 'Ben Okafor');
    const all = await t.client.call('table.abstraction', { coder: 'all' });
    expect(all.rows.reduce((n, r) => n + r.codes.length, 0)).toBe(one<number>(t, `SELECT count(*) FROM codings WHERE unit_id IS NOT NULL`));
    const benOnly = await t.client.call('table.abstraction', { coder: ben });
    expect(benOnly.rows.flatMap((r) => r.codes).every((c) => c.coderId === ben)).toBe(true);
  });

  it('exports the filtered table as RFC 4180 CSV to a file and as text', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    // A condensation with a comma, a quote and a line break must survive the round trip.
    await t.client.call('units.condense', { unitId: doc.units[0].id, condensed: 'Said "hello",\nthen left' });
    // One that a spreadsheet program would run as a formula must open as text.
    await t.client.call('units.condense', { unitId: doc.units[1].id, condensed: '=HYPERLINK("http://example.org","notes")' });
    const r = await t.client.call('table.exportCsv', { documentIds: [doc.document.id], path: 'exports/table.csv' });
    expect(r.path).toBe(path.join(t.app.ports.projectsFolder, 'exports', 'table.csv'));
    const onDisk = fs.readFileSync(r.path!, 'utf8');
    expect(onDisk).toBe(r.csv);
    expect(onDisk.startsWith('\uFEFF')).toBe(true);
    expect(onDisk).toContain('\r\n');
    const parsed = parseCsv(onDisk, { delimiter: ',' });
    expect(parsed[0]).toEqual(['Document', 'Speaker', 'Participant', 'Meaning unit', 'Condensed meaning unit', 'Interpretive condensation', 'Code(s)', 'Subcategory', 'Category', 'Theme']);
    expect(parsed.length - 1).toBe(r.rows);
    expect(r.rows).toBe(doc.units.length);
    const table = await t.client.call('table.abstraction', { documentIds: [doc.document.id] });
    const asText = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
    parsed.slice(1).forEach((line, i) => {
      const row = table.rows[i];
      expect(line[3]).toBe(asText(row.text));
      expect(line[4]).toBe(asText(row.condensed));
      expect(line[6]).toBe([...new Set(row.codes.map((c) => c.name))].join('; '));
      expect(line[9]).toBe(row.levels[2].map((n) => n.name).join('; '));
    });
    expect(parsed[1][4]).toBe('Said "hello",\nthen left');
    expect(parsed[2][4]).toBe(`'=HYPERLINK("http://example.org","notes")`);
    // Without a path only the text comes back.
    expect((await t.client.call('table.exportCsv', { documentIds: [doc.document.id] })).path).toBeNull();
    // A folder in the way gives an actionable error.
    fs.mkdirSync(path.join(t.app.ports.projectsFolder, 'busy.csv'), { recursive: true });
    await expect(t.client.call('table.exportCsv', { path: 'busy.csv' })).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
  });

  it('exports the audit log with who, when, what and each row before and after', async () => {
    t = await makeSampleApp();
    const code = await nodeNamed(t, 'Easing exam nerves');
    await t.client.call('codebook.update', { id: code.id, name: 'Calming exam nerves' });
    await t.client.call('history.undo', {});
    const r = await t.client.call('audit.exportCsv', { path: 'audit.csv' });
    const parsed = parseCsv(fs.readFileSync(r.path!, 'utf8'), { delimiter: ',' });
    expect(parsed[0]).toEqual(['Step', 'When (UTC)', 'Who', 'Command', 'What', 'Table', 'Row', 'Change', 'Before', 'After']);
    expect(r.steps).toBe(2);
    const rename = parsed.find((l) => l[4] === 'Rename “Easing exam nerves” to “Calming exam nerves”')!;
    expect(rename).toBeDefined();
    expect(rename[2]).toBe('Amira Haddad');
    expect(rename[3]).toBe('codebook.update');
    expect(rename[5]).toBe('codebook_nodes');
    expect(JSON.parse(rename[8]).name).toBe('Easing exam nerves');
    expect(JSON.parse(rename[9]).name).toBe('Calming exam nerves');
    const undo = parsed.find((l) => l[4].startsWith('Undo: Rename'))!;
    expect(JSON.parse(undo[9]).name).toBe('Easing exam nerves');
  });
});
