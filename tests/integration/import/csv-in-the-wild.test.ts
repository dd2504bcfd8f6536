import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { makeImportApp, previewOne, writeTemp } from './support';

// CSV of turns as transcription services and note-takers export them: HTML entities in the cells,
// labels written with their colon, rows that are no speech, and a column of tags.
const EXPORT = [
  'Speaker,Text,Tags',
  'DB:,"We&#39;re &quot;fine&quot; &amp; ready","support; belonging"',
  'Anna:,It&rsquo;s hard at first.,belonging',
  ',https://example.org/recording/42,',
  'Notes:,Room was cold.,',
  'Anna:,,',
  'DB:,Why?,',
  'Anna:,Exams. Nobody explains them.,exams;support',
].join('\n');

describe('CSV of turns in the wild', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  it('decodes entities, keeps labels without their colon, and flags rows that are no speech', async () => {
    const preview = await previewOne(t.client, { kind: 'path', path: writeTemp(t, 'export.csv', EXPORT) });
    expect(preview.speakers.map((s) => s.label)).toEqual(['DB', 'Anna', 'Notes']);
    expect(preview.excerpt).toContain('DB: We\'re "fine" & ready');
    expect(preview.excerpt).toContain('Anna: It’s hard at first.');
    expect(preview.excerpt).not.toMatch(/&[#a-z0-9]+;|::/i);
    expect(preview.csv?.nonSpeech).toEqual({ link: 1, note: 1, empty: 1 });
    expect(preview.csv?.nonSpeechRows.map((r) => [r.row, r.kind])).toEqual([[3, 'link'], [4, 'note'], [5, 'empty']]);
    expect(preview.csv?.sampleKinds).toEqual(['speech', 'speech', 'link', 'note', 'empty']);
    expect(preview.csv?.choice).toMatchObject({ tagColumn: 2, importTags: true, skipNonSpeech: false });
    expect(preview.csv?.tags).toEqual([{ name: 'support', turns: 2 }, { name: 'belonging', turns: 2 }, { name: 'exams', turns: 1 }]);
  });

  it('leaves the rows that are no speech out on request and imports the tags as the coder\'s codings of those turns', async () => {
    const preview = await previewOne(t.client, { kind: 'path', path: writeTemp(t, 'export.csv', EXPORT) });
    await t.client.call('codebook.create', { level: 'code', name: 'Belonging', parentId: null });
    const coder = await t.client.call('coders.create', { name: 'Dana Berg', initials: 'DB' });
    await t.client.call('coders.setCurrent', { coderId: coder.id });
    const csv = { ...preview.csv!.choice, skipNonSpeech: true };
    const result = await t.client.call('import.commit', { previewId: preview.previewId, csv, segment: 'sentence', unitsInFacilitatorTurns: true });
    const detail = await t.client.call('documents.get', { id: result.documentId });
    expect(detail.turns.map((x) => x.speakerLabel)).toEqual(['DB', 'Anna', 'DB', 'Anna']);
    expect(detail.text).not.toMatch(/example\.org|Room was cold/);
    const codebook = await t.client.call('codebook.list', {});
    const codes = codebook.filter((n) => n.level === 'code').map((n) => n.name).sort();
    // "belonging" is the existing "Belonging"; "support" and "exams" are made.
    expect(codes).toEqual(['Belonging', 'exams', 'support']);
    expect(result.codesCreated).toBe(2);
    const byCode = new Map(codebook.map((n) => [n.id, n.name]));
    const coded = detail.codings.map((c) => `${byCode.get(c.codeId)} @ ${detail.text.slice(...unitRange(detail, c.unitId))}`).sort();
    expect(coded).toEqual([
      'Belonging @ It’s hard at first.',
      'Belonging @ We\'re "fine" & ready',
      'exams @ Exams.',
      'exams @ Nobody explains them.',
      'support @ Exams.',
      'support @ Nobody explains them.',
      'support @ We\'re "fine" & ready',
    ]);
    expect(result.codings).toBe(7);
    expect(new Set(detail.codings.map((c) => c.coderId))).toEqual(new Set([coder.id]));
  });

  it('without the request, a note row stays a turn and no tag is applied', async () => {
    const preview = await previewOne(t.client, { kind: 'path', path: writeTemp(t, 'export.csv', EXPORT) });
    // No coder is chosen in this project: tags left out, the import goes through.
    const csv = { ...preview.csv!.choice, importTags: false };
    const result = await t.client.call('import.commit', { previewId: preview.previewId, csv });
    const detail = await t.client.call('documents.get', { id: result.documentId });
    expect(detail.turns).toHaveLength(6);
    expect(result).toMatchObject({ codings: 0, codesCreated: 0 });
  });

  it('tags asked for without a chosen coder: refused with a reason, nothing stored', async () => {
    const preview = await previewOne(t.client, { kind: 'path', path: writeTemp(t, 'export.csv', EXPORT) });
    await expect(t.client.call('import.commit', { previewId: preview.previewId, csv: preview.csv!.choice })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/no coder is chosen/) });
    const summary = await t.client.call('project.get', {});
    expect(summary.counts.documents).toBe(0);
  });
});

function unitRange(detail: { units: readonly { id: string; start: number; end: number }[] }, unitId: string | null): [number, number] {
  const unit = detail.units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`no unit ${unitId}`);
  return [unit.start, unit.end];
}
