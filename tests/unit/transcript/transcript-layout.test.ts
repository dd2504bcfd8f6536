import { describe, expect, it } from 'vitest';
import type { DocumentDetail, MeaningUnit, Turn } from '../../../shared/api/entities';
import { layoutTurns, rowAtOffset, speakerColours, speakerName } from '../../../renderer/features/transcript/transcript-layout';

function detail(text: string, turns: Partial<Turn>[], units: [number, number][]): DocumentDetail {
  return {
    document: {
      id: 'd', title: 'T', kind: 'interview', groupId: null, sourceName: null, length: text.length, turns: turns.length, units: units.length, codedUnits: 0, sort: 0, reference: null,
      sessionName: '', sessionDate: null, facilitator: '', durationMinutes: null, notes: '',
    },
    text,
    turns: turns.map((t, i) => ({ id: `t${i}`, participantId: null, speakerLabel: null, start: 0, end: 0, timestamp: null, isFacilitator: false, notSpeech: false, ...t })),
    units: units.map(([start, end], i): MeaningUnit => ({ id: `u${i}`, documentId: 'd', start, end, condensed: '', interpretive: '', version: 0 })),
    codings: [],
  };
}

describe('transcript layout', () => {
  it('covers each turn with units and the text between them, leaving out bare spaces', () => {
    const text = 'A: One. Two.\n\nB: Three.';
    const d = detail(text, [{ start: 3, end: 12, speakerLabel: 'A' }, { start: 17, end: 23, speakerLabel: 'B' }], [[3, 7]]);
    const rows = layoutTurns(d);
    expect(rows.map((r) => r.pieces.map((p) => [text.slice(p.start, p.end), p.unit?.id ?? null]))).toEqual([
      [
        ['One.', 'u0'],
        ['Two.', null],
      ],
      [['Three.', null]],
    ]);
    expect(rows.map((r) => r.first)).toEqual([true, true]);
  });

  it('cuts a long turn into rows of a few units, only the first carrying the speaker', () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${String(i).padStart(2, '0')}.`);
    const text = words.join(' ');
    const units = words.map((w, i): [number, number] => [i * 5, i * 5 + 4]);
    const rows = layoutTurns(detail(text, [{ start: 0, end: text.length, speakerLabel: 'P1' }], units));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.first)).toEqual([true, ...rows.slice(1).map(() => false)]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.flatMap((r) => r.pieces.map((p) => p.unit?.id))).toEqual(units.map((_, i) => `u${i}`));
    expect(rowAtOffset(rows, 0)).toBe(0);
    expect(rowAtOffset(rows, text.length - 1)).toBe(rows.length - 1);
  });

  it('splits text outside units at blank lines, so a document without units is not one enormous row', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${'x'.repeat(200)}`).join('\n\n');
    const rows = layoutTurns(detail(text, [], []));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.pieces.every((p) => !text.slice(p.start, p.end).includes('\n\n')))).toBe(true);
  });

  it('gives each speaker a colour in order of appearance and names the participant before the label', () => {
    const turns = [{ participantId: 'p1', speakerLabel: 'Anna' }, { participantId: null, speakerLabel: 'Break' }, { participantId: 'p1', speakerLabel: 'A. Berg' }].map(
      (t, i) => ({ id: `t${i}`, start: 0, end: 0, timestamp: null, isFacilitator: false, notSpeech: false, ...t }),
    );
    const colours = speakerColours(turns);
    expect([...colours.keys()]).toEqual(['p1', 'Break']);
    expect(colours.get('p1')).not.toBe(colours.get('Break'));
    const people = new Map([['p1', { id: 'p1', label: 'P1', pseudonym: '', notes: '', values: {}, documentIds: [], turns: 2 }]]);
    expect(turns.map((t) => speakerName(t, people))).toEqual(['P1', 'Break', 'P1']);
  });
});
