import type { ImportPreview, SpeakerDecision } from '../../../shared/api/methods/import';

/** What becomes of a label: a new participant, an existing one, the same person as another label, or nobody. */
export type SpeakerChoice =
  | { readonly mode: 'new'; readonly name: string }
  | { readonly mode: 'existing'; readonly participantId: string }
  | { readonly mode: 'same'; readonly label: string }
  | { readonly mode: 'none' };

export interface SpeakerRow {
  readonly label: string;
  readonly turnCount: number;
  readonly isPseudo: boolean;
  readonly isFacilitator: boolean;
  readonly choice: SpeakerChoice;
  /** Whether the user changed this row: untouched new speakers may still match a participant made by an earlier file. */
  readonly touched: boolean;
}

/** The preview's guesses as editable rows: known labels map to their participant, pseudo speakers to nobody. */
export function initialRows(preview: ImportPreview, previous: readonly SpeakerRow[] = []): SpeakerRow[] {
  const kept = new Map(previous.map((r) => [r.label, r]));
  return preview.speakers.map((s) => {
    const old = kept.get(s.label);
    if (old) return { ...old, turnCount: s.turnCount };
    const choice: SpeakerChoice = s.isPseudo
      ? { mode: 'none' }
      : s.suggestedParticipantId
        ? { mode: 'existing', participantId: s.suggestedParticipantId }
        : { mode: 'new', name: s.label };
    return { label: s.label, turnCount: s.turnCount, isPseudo: s.isPseudo, isFacilitator: s.isFacilitator, choice, touched: false };
  });
}

// "Same person as" may point at a label that itself points on; follow the chain to a real choice.
function settle(rows: readonly SpeakerRow[], row: SpeakerRow): Exclude<SpeakerChoice, { mode: 'same' }> {
  let current = row;
  for (let hop = 0; hop <= rows.length; hop += 1) {
    const choice = current.choice;
    if (choice.mode !== 'same') return choice.mode === 'new' && choice.name.trim() === '' ? { mode: 'new', name: current.label } : choice;
    const next = rows.find((r) => r.label === choice.label);
    if (!next || next === row) break;
    current = next;
  }
  return { mode: 'new', name: row.label };
}

/**
 * The decisions import.commit takes: labels that share a name (or "same person as") become one
 * participant. With `sameLabelSamePerson`, a label left as it was is matched at import time to a
 * participant of that label, e.g. one an earlier file of the same import made.
 */
export function toDecisions(rows: readonly SpeakerRow[], sameLabelSamePerson = true): SpeakerDecision[] {
  return rows.map((row) => {
    const choice = settle(rows, row);
    const base = { label: row.label, isFacilitator: row.isFacilitator };
    if (choice.mode === 'none') return { ...base, participant: false };
    if (choice.mode === 'existing') return { ...base, participant: true, participantId: choice.participantId };
    if (sameLabelSamePerson && !row.touched) return { ...base, participant: true };
    return { ...base, participant: true, participantId: null, name: choice.name.trim() || row.label };
  });
}
