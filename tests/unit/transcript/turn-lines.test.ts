import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../shared/api/entities';
import { lineAt } from '../../../renderer/features/transcript/turn-lines';

// “Mark Line as Not Speech” takes the line the caret is on, within its turn, or the selected words.
describe('the line at the caret', () => {
  const text = 'P2: Yes 👍.\nRecorded in Room 4\nAnd more.\n\nP3: Next.';
  const turn: Turn = { id: 't', participantId: null, speakerLabel: 'P2', start: 4, end: text.indexOf('\n\n'), timestamp: null, isFacilitator: false, notSpeech: false };
  const line = (at: number, end: number | null = null) => {
    const r = lineAt(text, turn, at, end);
    return text.slice(r.start, r.end);
  };

  it('is the line the caret is on, never beyond the turn', () => {
    expect(line(text.indexOf('Room'))).toBe('Recorded in Room 4');
    expect(line(text.indexOf('Recorded'))).toBe('Recorded in Room 4');
    expect(line(turn.start)).toBe('Yes 👍.');
    expect(line(text.indexOf('more'))).toBe('And more.');
  });

  it('is the selection when there is one', () => {
    const s = text.indexOf('Room 4');
    expect(line(s, s + 6)).toBe('Room 4');
  });
});
