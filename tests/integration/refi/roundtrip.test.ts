import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, makeTestApp, type TestApp } from '../support/app';
import { codedText, EMOJI_TEXT, enrichSample, tableRows } from './support';

// The one column that legitimately differs after a round trip: attribute values carry no GUID in REFI-QDA.
const VOLATILE: Readonly<Record<string, readonly string[]>> = {
  participant_values: ['id'],
};
const TABLES = [
  'coders',
  'document_groups',
  'documents',
  'attributes',
  'participants',
  'participant_values',
  'turns',
  'meaning_units',
  'codebook_nodes',
  'codebook_links',
  'codings',
  'memos',
  'journal_entries',
  'quotes',
];

describe('REFI-QDA round trip (Condensa → .qdpx → Condensa)', () => {
  let t: TestApp | null = null;
  afterEach(() => {
    t?.close();
    t = null;
  });

  it('exports the sample study and re-imports it with every row identical', async () => {
    t = await makeSampleApp();
    const { documentId } = enrichSample(t);
    const original = t.app.requireProject().db;
    const before = Object.fromEntries(TABLES.map((table) => [table, tableRows(original, table, VOLATILE[table])]));
    const textsBefore = codedText(original);
    const settingsBefore = await t.client.call('project.get', {});

    const out = await t.client.call('refi.exportProject', { path: path.join(t.dir, 'sample.qdpx') });
    expect(out.path).toBe(path.join(t.dir, 'sample.qdpx'));
    expect(out.base64).toBeNull();
    expect(out.counts).toMatchObject({ documents: 4, coders: 3 });

    const files = unzipSync(fs.readFileSync(out.path));
    expect(Object.keys(files)).toContain('project.qde');
    // Each source travels as UTF-8 text named by its GUID, exactly as stored (no BOM).
    expect(new TextDecoder().decode(files[`sources/${documentId}.txt`])).toBe(EMOJI_TEXT);
    const qde = new TextDecoder().decode(files['project.qde']);
    expect(qde).toContain('xmlns="urn:QDA-XML:project:1.0"');
    expect(qde).toContain('[Category]');

    const imported = await t.client.call('refi.importProject', { sourcePath: out.path, targetPath: path.join(t.dir, 'copy.condensa') });
    expect(imported.report.fromCondensa).toBe(true);
    expect(imported.report.positions).toMatchObject({ unit: 'code-points', newlines: 'as-in-source' });
    expect(imported.report.items.filter((i) => i.kind === 'skipped')).toEqual([]);
    expect(imported.project.path).toBe(path.join(t.dir, 'copy.condensa'));

    const copy = t.app.requireProject().db;
    for (const table of TABLES) expect({ table, rows: tableRows(copy, table, VOLATILE[table]) }).toEqual({ table, rows: before[table] });
    expect(codedText(copy)).toEqual(textsBefore);
    expect(imported.project.settings).toEqual(settingsBefore.settings);
    expect(imported.project.id).toBe(settingsBefore.id);
    // The emoji-bearing codings still cover the same words.
    const spans = [...codedText(copy).values()];
    expect(spans).toContain('🎉🎉 Yes!');
    expect(spans).toContain('Honestly 👩🏽‍⚕️ she saved my term');
  });

  it('keeps levels, meaning units, condensations, codings, cases and memos through the standard layer alone', async () => {
    // What survives when another program drops Condensa's exchange record: the visible convention.
    t = await makeSampleApp();
    enrichSample(t);
    const original = t.app.requireProject().db;
    const textsBefore = codedText(original);
    const nodesBefore = await t.client.call('codebook.list', {});
    const unitsBefore = tableRows(original, 'meaning_units');
    const participantsBefore = (await t.client.call('participants.list', {})).map((p) => ({ label: p.label, notes: p.notes, values: Object.values(p.values).sort() }));
    const attributesBefore = (await t.client.call('attributes.list', {})).map((a) => ({ name: a.name, type: a.type, choices: a.choices }));
    // Without the record the copy is a new project with its own id: project memos point at it.
    const projectless = (rows: Record<string, unknown>[]) => rows.map((m) => (m.target_type === 'project' ? { ...m, target_id: 'the project' } : m));
    const memosBefore = projectless(tableRows(original, 'memos', ['created_at', 'updated_at'])).filter((m) => m.target_type !== 'participant');

    const out = await t.client.call('refi.exportProject', { path: 'plain.qdpx' });
    const files = unzipSync(fs.readFileSync(out.path));
    const qde = new TextDecoder().decode(files['project.qde']);
    const stripped = qde.replace(/\s*<Note [^>]*name="Condensa exchange record"[\s\S]*?<\/Note>/, '').replace(/\s*<NoteRef targetGUID="[^"]+"\/>\s*<\/Project>/, '\n</Project>');
    expect(stripped).not.toContain('condensa-refi');
    files['project.qde'] = new TextEncoder().encode(stripped);
    const r = await t.client.call('refi.importProject', { base64: Buffer.from(zipSync(files)).toString('base64'), targetPath: 'plain-copy' });
    expect(r.report.fromCondensa).toBe(false);

    const copy = t.app.requireProject().db;
    expect(codedText(copy)).toEqual(textsBefore);
    expect(tableRows(copy, 'meaning_units')).toEqual(unitsBefore);
    const shape = (nodes: typeof nodesBefore) =>
      nodes.map((n) => ({ id: n.id, name: n.name, level: n.level, colour: n.colour, definition: n.definition, inclusion: n.inclusion, exclusion: n.exclusion, firstParent: n.parentIds[0] ?? null })).sort((a, b) => a.id.localeCompare(b.id));
    expect(shape(await t.client.call('codebook.list', {}))).toEqual(shape(nodesBefore));
    expect((await t.client.call('participants.list', {})).map((p) => ({ label: p.label, notes: p.notes, values: Object.values(p.values).sort() }))).toEqual(participantsBefore);
    expect((await t.client.call('attributes.list', {})).map((a) => ({ name: a.name, type: a.type, choices: a.choices }))).toEqual(attributesBefore);
    // Participant memos have no place in the standard (a Case takes no NoteRef): they come back as project memos.
    const memosAfter = projectless(tableRows(copy, 'memos', ['created_at', 'updated_at']));
    expect(memosAfter.filter((m) => memosBefore.some((b) => b.id === m.id))).toEqual(memosBefore);
  });

  it('writes a .qdc codebook whose codes import into another project with their levels', async () => {
    t = await makeSampleApp();
    const nodesBefore = await t.client.call('codebook.list', {});
    const out = await t.client.call('refi.exportCodebook', { path: 'codebook', includeBytes: true });
    expect(out.path.endsWith('codebook.qdc')).toBe(true);
    expect(Buffer.from(out.base64!, 'base64').toString('utf8')).toBe(fs.readFileSync(out.path, 'utf8'));

    await t.client.call('project.create', { path: path.join(t.dir, 'empty.condensa'), title: 'Empty' });
    const r = await t.client.call('refi.importCodebook', { sourcePath: out.path });
    expect(r.report.counts.codes).toBe(nodesBefore.length);
    const nodesAfter = await t.client.call('codebook.list', {});
    const shape = (nodes: typeof nodesBefore) =>
      nodes.map((n) => ({ id: n.id, name: n.name, level: n.level, colour: n.colour, definition: n.definition, inclusion: n.inclusion, exclusion: n.exclusion, parents: n.parentIds })).sort((a, b) => a.id.localeCompare(b.id));
    expect(shape(nodesAfter)).toEqual(shape(nodesBefore));

    // Importing the same codebook again adds nothing, and the import was one undoable step.
    const again = await t.client.call('refi.importCodebook', { sourcePath: out.path });
    expect(again.report.counts.codes).toBe(0);
    expect((await t.client.call('codebook.list', {})).length).toBe(nodesBefore.length);
    await t.client.call('history.undo', {});
    expect((await t.client.call('codebook.list', {})).length).toBe(0);
  });

  it('refuses to export an empty codebook as .qdc, and exports an empty project as a valid archive', async () => {
    t = makeTestApp();
    await t.client.call('project.create', { path: t.file('empty.condensa'), title: 'Nothing yet' });
    await expect(t.client.call('refi.exportCodebook', { path: 'x.qdc' })).rejects.toMatchObject({ code: 'REFI_EMPTY_CODEBOOK' });
    const out = await t.client.call('refi.exportProject', { path: 'empty.qdpx' });
    const files = unzipSync(fs.readFileSync(out.path));
    expect(Object.keys(files)).toEqual(['project.qde']);
    const r = await t.client.call('refi.importProject', { sourcePath: out.path, targetPath: 'empty-copy' });
    expect(r.project.settings.title).toBe('Nothing yet');
    expect(r.project.counts.documents).toBe(0);
  });
});
