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
  });
});
