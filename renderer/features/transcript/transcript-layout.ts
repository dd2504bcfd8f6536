import type { Coding, DocumentDetail, MeaningUnit, Turn } from '../../../shared/api/entities';

export interface TurnPiece {
  readonly start: number;
  readonly end: number;
  readonly unit: MeaningUnit | null;
}

export interface TurnRow {
  readonly turn: Turn;
  readonly pieces: readonly TurnPiece[];
}

/** Splits each turn's text into the stretches inside and between meaning units. */
export function layoutTurns(detail: DocumentDetail): TurnRow[] {
  const units = detail.units;
  let u = 0;
  const turns: Turn[] =
    detail.turns.length > 0
      ? detail.turns
      : [{ id: 'whole', participantId: null, speakerLabel: null, start: 0, end: detail.text.length, timestamp: null, isFacilitator: false }];
  return turns.map((turn) => {
    const pieces: TurnPiece[] = [];
    let at = turn.start;
    while (u < units.length && units[u].end <= turn.start) u += 1;
    let k = u;
    while (k < units.length && units[k].start < turn.end) {
      const unit = units[k];
      if (unit.start > at) pieces.push({ start: at, end: unit.start, unit: null });
      pieces.push({ start: Math.max(unit.start, turn.start), end: Math.min(unit.end, turn.end), unit });
      at = Math.min(unit.end, turn.end);
      k += 1;
    }
    if (at < turn.end) pieces.push({ start: at, end: turn.end, unit: null });
    return { turn, pieces };
  });
}

export function codingsByUnit(codings: readonly Coding[]): Map<string, Coding[]> {
  const map = new Map<string, Coding[]>();
  for (const c of codings) {
    if (!c.unitId) continue;
    const list = map.get(c.unitId) ?? [];
    list.push(c);
    map.set(c.unitId, list);
  }
  return map;
}
