import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportPreview } from '../../shared/api/methods/reports';
import { makeTestApp, type TestApp } from './support/app';

// #23 item 8: a thematic analysis prints themes → subthemes → codes, each code with its quotes,
// attributed by the participant attributes the author names (role and year here).

const TRANSCRIPT = [
  'P1: Night shifts felt lighter once we took tea together at four.',
  'P2: I covered for a new colleague, and she did the same for me later.',
  'P1: The ward is quiet by then.',
  'P2: Mostly, yes.',
].join('\n\n');

async function thematicStudy(t: TestApp): Promise<void> {
  await t.client.call('project.create', { path: t.file(), title: 'Night shifts', methodology: 'thematic-analysis' });
  const { files } = await t.client.call('import.preview', { sources: [{ kind: 'text', name: 'Ward 3 interviews', text: TRANSCRIPT }] });
  if (!files[0].ok) throw new Error(files[0].error.message);
  const done = await t.client.call('import.commit', { previewId: files[0].preview.previewId, segment: 'turn', document: { title: 'Ward 3', kind: 'interview' } });
  const coder = await t.client.call('coders.create', { name: 'Noor Aziz' });
  await t.client.call('coders.setCurrent', { coderId: coder.id });
  const people = await t.client.call('participants.list', {});
  const role = await t.client.call('attributes.create', { name: 'Role', type: 'text' });
  const year = await t.client.call('attributes.create', { name: 'Year', type: 'number' });
  for (const [label, r, y] of [
    ['P1', 'Nurse', '2021'],
    ['P2', 'Midwife', '2019'],
  ]) {
    const p = people.find((x) => x.label === label)!;
    await t.client.call('participants.update', { id: p.id, pseudonym: label === 'P1' ? 'Ines' : 'Sam' });
    await t.client.call('participants.setValue', { participantIds: [p.id], attributeId: role.id, value: r });
    await t.client.call('participants.setValue', { participantIds: [p.id], attributeId: year.id, value: y });
  }
  const theme = await t.client.call('codebook.create', { name: 'Keeping each other going', level: 'theme' });
  const sub = await t.client.call('codebook.create', { name: 'Small rituals', level: 'subtheme', parentId: theme.id });
  const cover = await t.client.call('codebook.create', { name: 'Covering for each other', level: 'subtheme', parentId: theme.id });
  const tea = await t.client.call('codebook.create', { name: 'Tea at four', parentId: sub.id });
  const swap = await t.client.call('codebook.create', { name: 'Swapping shifts', parentId: cover.id });
  const units = (await t.client.call('documents.get', { id: done.documentId })).units;
  for (const [unit, code] of [
    [units[0], tea],
    [units[1], swap],
  ] as const) {
    await t.client.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [code.id] });
    await t.client.call('quotes.set', { nodeId: code.id, unitId: unit.id, quote: true });
  }
}

function table(preview: ReportPreview) {
  const block = preview.document!.sections[0].blocks.find((b) => b.kind === 'table');
  if (!block || block.kind !== 'table') throw new Error('no table');
  return block;
}

describe('the theme table of a thematic analysis', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = makeTestApp();
    await thematicStudy(t);
  });
  afterEach(() => t.close());

  it('prints themes, subthemes and codes with each code’s quotes, attributed by role and year, and says which attributes it used', async () => {
    const preview = await t.client.call('reports.preview', { kind: 'themes', options: { attribution: '{Role:lower}, {Year}' } });
    const tbl = table(preview);
    expect(tbl.title).toBe('Themes, subthemes, codes and exemplar quotes');
    expect(tbl.columns.map((c) => c.label)).toEqual(['Theme', 'Subtheme', 'Code', 'Exemplar quotes']);
    const text = tbl.rows.map((r) => r.cells.map((c) => c.paras.map((p) => p.runs.map((x) => x.text).join('')).join(' / ')));
    expect(text).toEqual([
      ['Keeping each other going', 'Small rituals', 'Tea at four', '“Night shifts felt lighter once we took tea together at four.” (nurse, 2021)'],
      ['Keeping each other going', 'Covering for each other', 'Swapping shifts', '“I covered for a new colleague, and she did the same for me later.” (midwife, 2019)'],
    ]);
    expect(tbl.note).toBe('Participants are named by pseudonym. Quotes are attributed by Role and Year.');

    // The spreadsheet holds the same rows, a quote per row.
    const sheet = preview.sheets[0];
    expect(sheet.columns).toEqual(['Theme', 'Subtheme', 'Code', 'Quote', 'Attribution', 'Chosen']);
    expect(sheet.rows.map((r) => r[4])).toEqual(['nurse, 2021', 'midwife, 2019']);
  });
});
