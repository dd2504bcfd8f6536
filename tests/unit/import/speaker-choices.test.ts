import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/api/methods/import';
import { initialRows, toDecisions, type SpeakerRow } from '../../../renderer/features/import/speaker-choices';

const preview = {
  speakers: [
    { label: 'Moderator', turnCount: 3, isFacilitator: true, isPseudo: false, heardOnce: false, firstWords: '', suggestedParticipantId: null },
    { label: 'Anna', turnCount: 2, isFacilitator: false, isPseudo: false, heardOnce: false, firstWords: '', suggestedParticipantId: 'p-anna' },
    { label: 'A. Berg', turnCount: 1, isFacilitator: false, isPseudo: false, heardOnce: true, firstWords: '', suggestedParticipantId: null },
    { label: 'Break', turnCount: 2, isFacilitator: false, isPseudo: true, heardOnce: false, firstWords: '', suggestedParticipantId: null },
  ],
} as unknown as ImportPreview;

const edit = (rows: SpeakerRow[], label: string, patch: Partial<SpeakerRow>) => rows.map((r) => (r.label === label ? { ...r, ...patch, touched: true } : r));

describe('speaker choices in the import dialog', () => {
  it('starts from the preview’s guesses: known labels map, pseudo speakers are nobody', () => {
    const rows = initialRows(preview);
    expect(rows.map((r) => r.choice)).toEqual([{ mode: 'new', name: 'Moderator' }, { mode: 'existing', participantId: 'p-anna' }, { mode: 'new', name: 'A. Berg' }, { mode: 'none' }]);
    expect(toDecisions(rows)).toEqual([
      { label: 'Moderator', isFacilitator: true, participant: true },
      { label: 'Anna', isFacilitator: false, participant: true, participantId: 'p-anna' },
      { label: 'A. Berg', isFacilitator: false, participant: true },
      { label: 'Break', isFacilitator: false, participant: false },
    ]);
    // Sessions that number their speakers afresh: untouched labels make new participants.
    expect(toDecisions(rows, false)[0]).toEqual({ label: 'Moderator', isFacilitator: true, participant: true, participantId: null, name: 'Moderator' });
  });

  it('"same person as" follows the other label, to an existing participant or to its new name', () => {
    let rows = edit(initialRows(preview), 'A. Berg', { choice: { mode: 'same', label: 'Anna' } });
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
