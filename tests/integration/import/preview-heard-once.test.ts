import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { makeImportApp, previewOne } from './support';

// Two mentees speak once: the preview lists them with their first words and flags them to check.
const FOCUS_GROUP = [
  'Moderator: Thanks for coming. Who met their mentor in the first week?',
  'Mentee 1 (F): I did, at the induction.',
  'Mentee 2 (M): Mine wrote to me before term started, which was a relief to be honest with you all.',
  'Moderator: And the rest of you?',
  'Mentee 3 (F): Only in the second month.',
  'Mentee 1 (F): Same for the second meeting.',
].join('\n\n');

describe('import preview: labels heard once', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  it('lists every label with its turn count, first words and whether it was heard once', async () => {
    const p = await previewOne(t.client, { kind: 'text', name: 'mentees.txt', text: FOCUS_GROUP });
    expect(p.speakers.map((s) => [s.label, s.turnCount, s.heardOnce, s.firstWords])).toEqual([
      ['Moderator', 2, false, 'Thanks for coming. Who met their mentor in the first week?'],
      ['Mentee 1', 2, false, 'I did, at the induction.'],
      ['Mentee 2', 1, true, 'Mine wrote to me before term started, which was a relief to…'],
      ['Mentee 3', 1, true, 'Only in the second month.'],
    ]);
    expect(p.turns).toBe(6);
    // Each label names the lines it stands on, so the dialog can mark them as no label.
    expect(p.speakers.find((s) => s.label === 'Mentee 3')?.lines).toEqual([8]);
    expect(p.lines?.filter((l) => l.role === 'label').map((l) => [l.line, l.speaker])).toEqual([
      [0, 'Moderator'],
      [2, 'Mentee 1'],
      [4, 'Mentee 2'],
      [6, 'Moderator'],
      [8, 'Mentee 3'],
      [10, 'Mentee 1'],
    ]);
  });

  it('takes the user’s word on a line in the preview and in the import itself', async () => {
    const first = await previewOne(t.client, { kind: 'text', name: 'mentees.txt', text: FOCUS_GROUP });
    const decisions = { notLabelLines: [8], labelLines: [] };
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'preview', previewId: first.previewId }], ...decisions });
    const again = files[0].ok ? files[0].preview : null;
    expect(again?.speakers.map((s) => s.label)).toEqual(['Moderator', 'Mentee 1', 'Mentee 2']);
    expect(again?.turns).toBe(5);
    expect(again?.lines?.find((l) => l.line === 8)).toMatchObject({ role: 'text', decided: 'text', labelShape: true });

    const result = await t.client.call('import.commit', { previewId: first.previewId, ...decisions });
    expect(result.turns).toBe(5);
    const detail = await t.client.call('documents.get', { id: result.documentId });
    expect(detail.turns.map((turn) => turn.speakerLabel)).toEqual(['Moderator', 'Mentee 1', 'Mentee 2', 'Moderator', 'Mentee 1']);
    expect(detail.text.slice(detail.turns[3].start, detail.turns[3].end)).toBe('And the rest of you?\n\nMentee 3 (F): Only in the second month.');
  });

  it('a text without labels is one person’s when the user says so', async () => {
    const diary = 'Monday. The anatomy lab was cold.\n\nTuesday. Met my mentor at last.';
    const p = await previewOne(t.client, { kind: 'text', name: 'diary.txt', text: diary });
    expect(p.speakers).toEqual([]);
    expect(p.lines?.map((l) => l.role)).toEqual(['text', 'text']);
    const result = await t.client.call('import.commit', { previewId: p.previewId, oneSpeaker: 'Student 7' });
    const detail = await t.client.call('documents.get', { id: result.documentId });
    expect(detail.turns.map((turn) => turn.speakerLabel)).toEqual(['Student 7', 'Student 7']);
    expect(result.participantsCreated).toBe(1);
  });
});
