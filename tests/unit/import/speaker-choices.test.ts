import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/api/methods/import';
import { initialRows, suggestedSamePerson, toDecisions, type SpeakerRow } from '../../../renderer/features/import/speaker-choices';

const anna = { participantId: 'p-anna', label: 'Anna', pseudonym: 'Mentee 1', sessions: [{ documentId: 'd1', title: 'Focus group 1', groupId: 'g-mentees' }] };
const preview = {
  speakers: [
    { label: 'Moderator', turnCount: 3, isFacilitator: true, isPseudo: false, heardOnce: false, firstWords: '', sameLabel: [] },
    { label: 'Anna', turnCount: 2, isFacilitator: false, isPseudo: false, heardOnce: false, firstWords: '', sameLabel: [anna] },
    { label: 'A. Berg', turnCount: 1, isFacilitator: false, isPseudo: false, heardOnce: true, firstWords: '', sameLabel: [] },
    { label: 'Break', turnCount: 2, isFacilitator: false, isPseudo: true, heardOnce: false, firstWords: '', sameLabel: [] },
  ],
} as unknown as ImportPreview;

const edit = (rows: SpeakerRow[], label: string, patch: Partial<SpeakerRow>) => rows.map((r) => (r.label === label ? { ...r, ...patch, touched: true } : r));

describe('speaker choices in the import dialog', () => {
  it('starts with every label a new person and pseudo speakers nobody; a known label is offered, not applied', () => {
    const rows = initialRows(preview);
    expect(rows.map((r) => r.choice)).toEqual([{ mode: 'new', name: 'Moderator' }, { mode: 'new', name: 'Anna' }, { mode: 'new', name: 'A. Berg' }, { mode: 'none' }]);
    expect(toDecisions(rows)).toEqual([
      { label: 'Moderator', isFacilitator: true, participant: true, participantId: null, name: 'Moderator' },
      { label: 'Anna', isFacilitator: false, participant: true, participantId: null, name: 'Anna' },
      { label: 'A. Berg', isFacilitator: false, participant: true, participantId: null, name: 'A. Berg' },
      { label: 'Break', isFacilitator: false, participant: false },
    ]);
    // Suggested where the earlier Anna speaks in the group this file goes into, not elsewhere.
    expect(suggestedSamePerson(rows[1], 'g-mentees')).toBe(anna);
    expect(suggestedSamePerson(rows[1], 'g-mentors')).toBeNull();
    expect(suggestedSamePerson(rows[1], null)).toBeNull();
    // The user's switch: untouched labels are matched by label when the file is imported.
    expect(toDecisions(rows, true)[0]).toEqual({ label: 'Moderator', isFacilitator: true, participant: true, sameLabelSamePerson: true });
  });

  it('"same person as" follows the other label, to an existing participant or to its new name', () => {
    let rows = edit(edit(initialRows(preview), 'Anna', { choice: { mode: 'existing', participantId: 'p-anna' } }), 'A. Berg', { choice: { mode: 'same', label: 'Anna' } });
    expect(toDecisions(rows)[2]).toEqual({ label: 'A. Berg', isFacilitator: false, participant: true, participantId: 'p-anna' });
    rows = edit(rows, 'Anna', { choice: { mode: 'new', name: 'P1' } });
    expect(toDecisions(rows).slice(1, 3).map((d) => d.name)).toEqual(['P1', 'P1']);
    // A loop settles on a participant of its own.
    rows = edit(rows, 'Anna', { choice: { mode: 'same', label: 'A. Berg' } });
    expect(toDecisions(rows)[1]).toMatchObject({ participantId: null, name: 'Anna' });
  });

  it('keeps the user’s edits when the preview is read again (detection or CSV columns changed)', () => {
    const rows = edit(initialRows(preview), 'Moderator', { isFacilitator: false });
    const again = initialRows({ ...preview, speakers: preview.speakers.map((s) => ({ ...s, turnCount: s.turnCount + 1 })) }, rows);
    expect(again[0]).toMatchObject({ isFacilitator: false, turnCount: 4, touched: true });
  });
});
