import type { Turn } from '../../../shared/api/entities';

/** The line the caret is on (or the selected words), within its turn: what “Mark Line as Not Speech” takes. */
export function lineAt(text: string, turn: Turn, at: number, end: number | null): { start: number; end: number } {
  if (end !== null && end > at) return { start: Math.max(turn.start, at), end: Math.min(turn.end, end) };
  const before = text.lastIndexOf('\n', Math.max(turn.start, at - 1));
  const after = text.indexOf('\n', at);
  return { start: Math.max(turn.start, before + 1), end: Math.min(turn.end, after === -1 ? turn.end : after) };
}
