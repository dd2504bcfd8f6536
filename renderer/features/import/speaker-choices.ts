import type { ImportPreview, SpeakerDecision, SpeakerPreview } from '../../../shared/api/methods/import';

/** What becomes of a label: a new participant, an existing one, the same person as another label, or nobody. */
export type SpeakerChoice =
  | { readonly mode: 'new'; readonly name: string }
  | { readonly mode: 'existing'; readonly participantId: string }
  | { readonly mode: 'same'; readonly label: string }
  | { readonly mode: 'none' };

export type SameLabel = SpeakerPreview['sameLabel'][number];

export interface SpeakerRow {
  readonly label: string;
  readonly turnCount: number;
  readonly isPseudo: boolean;
  readonly isFacilitator: boolean;
  /** One turn only: the label to check first. */
  readonly heardOnce: boolean;
  readonly firstWords: string;
  /** The lines that carry the label, to mark as no label. */
  readonly lines: readonly number[];
  /** Participants already in the project under this label: offered, never applied by themselves. */
  readonly sameLabel: readonly SameLabel[];
  readonly choice: SpeakerChoice;
  /** Whether the user changed this row: untouched rows follow the dialog's "same label, same person" switch. */
  readonly touched: boolean;
}

/** The preview's guesses as editable rows: every label a new participant, pseudo speakers nobody. */
export function initialRows(preview: ImportPreview, previous: readonly SpeakerRow[] = []): SpeakerRow[] {
  const kept = new Map(previous.map((r) => [r.label, r]));
  return preview.speakers.map((s) => {
    const fresh = { turnCount: s.turnCount, heardOnce: s.heardOnce, firstWords: s.firstWords, lines: s.lines, sameLabel: s.sameLabel };
    const old = kept.get(s.label);
    if (old) return { ...old, ...fresh };
    const choice: SpeakerChoice = s.isPseudo ? { mode: 'none' } : { mode: 'new', name: s.label };
    return { label: s.label, isPseudo: s.isPseudo, isFacilitator: s.isFacilitator, choice, touched: false, ...fresh };
  });
}

/** The participant of the same label who speaks in the group this file goes into: the one to suggest. */
export function suggestedSamePerson(row: SpeakerRow, groupId: string | null): SameLabel | null {
  if (!groupId || row.isPseudo) return null;
  return row.sameLabel.find((p) => p.sessions.some((s) => s.groupId === groupId)) ?? null;
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
 * participant. A label the user left as it was is a new participant, unless `sameLabelSamePerson`
 * (the user's switch) says a label already used, here or in an earlier file, is the same person.
 */
export function toDecisions(rows: readonly SpeakerRow[], sameLabelSamePerson = false): SpeakerDecision[] {
  return rows.map((row) => {
    const choice = settle(rows, row);
    const base = { label: row.label, isFacilitator: row.isFacilitator };
    if (choice.mode === 'none') return { ...base, participant: false };
    if (choice.mode === 'existing') return { ...base, participant: true, participantId: choice.participantId };
    if (sameLabelSamePerson && !row.touched) return { ...base, participant: true, sameLabelSamePerson: true };
    return { ...base, participant: true, participantId: null, name: choice.name.trim() || row.label };
  });
}
