import type { Turn } from '../../../shared/api/entities';
import { dialogInTheWay, registerAction } from '../../commands/registry';
import { attempt, useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { caretOffset, offsetAt } from './dom-offsets';
import { useTranscript, type TurnRepairRequest } from './transcript-store';
import { lineAt } from './turn-lines';

// Repairs of the transcript (#19 item 5): correct a turn's words, split a turn where the caret is
// and say who speaks after it, change a turn's speaker, merge it with the next, mark a line as not
// speech. Each is one step of the core (one undo, one audit entry); the dialog is TurnRepairDialog.

const inTranscript = () =>
  useAppStore.getState().project !== null && useAppStore.getState().view === 'transcript' && useWorkspace.getState().detail !== null && !dialogInTheWay();

interface Position {
  readonly at: number;
  readonly end: number | null;
  readonly fromCaret: boolean;
}

/** The caret as it was last in the transcript: the palette or a menu takes the selection away before a command runs. */
let lastCaret: (Position & { readonly turns: readonly Turn[] }) | null = null;

function caretInTranscript(): Position | null {
  const root = document.querySelector<HTMLElement>('.transcript');
  const sel = window.getSelection();
  if (root && sel && sel.rangeCount > 0 && sel.anchorNode && root.contains(sel.anchorNode)) {
    const range = sel.getRangeAt(0);
    if (sel.isCollapsed) {
      const at = caretOffset(root);
      if (at !== null) return { at, end: null, fromCaret: true };
    } else {
      const start = offsetAt(root, range.startContainer, range.startOffset);
      const end = offsetAt(root, range.endContainer, range.endOffset);
      if (start !== null) return { at: start, end, fromCaret: true };
    }
  }
  return null;
}

/** Keeps where the caret was in the transcript, for commands run from the palette or a menu. */
export function trackTranscriptCaret(): () => void {
  const onChange = () => {
    const p = caretInTranscript();
    const turns = useWorkspace.getState().detail?.turns;
    if (p && turns) lastCaret = { ...p, turns };
  };
  document.addEventListener('selectionchange', onChange);
  return () => document.removeEventListener('selectionchange', onChange);
}

/** Where the user is in the transcript: the caret (or the start of the selection), else the selected unit. */
function position(): Position | null {
  const here = caretInTranscript();
  if (here) return here;
  const { detail, unitId } = useWorkspace.getState();
  // A caret kept from before a repair (the turns reloaded since) no longer points at the same words.
  if (lastCaret && lastCaret.turns === detail?.turns) return lastCaret;
  const unit = detail?.units.find((u) => u.id === unitId);
  return unit ? { at: unit.start, end: null, fromCaret: false } : null;
}

/** The turn the caret (or the selected unit) is in. */
export function currentTurn(): Turn | null {
  const detail = useWorkspace.getState().detail;
  const p = position();
  if (!detail || !p) return null;
  return detail.turns.find((t) => t.start <= p.at && p.at <= t.end) ?? null;
}

function open(request: TurnRepairRequest): void {
  useTranscript.setState({ repair: request });
}

export function correctTurn(turn: Turn | null = currentTurn()): void {
  if (turn) open({ mode: 'correct', turnId: turn.id });
}

export function changeSpeaker(turn: Turn | null = currentTurn()): void {
  if (turn) open({ mode: 'speaker', turnId: turn.id });
}

/** Asks who speaks from the caret on, then splits there. */
export function splitTurnHere(): void {
  const turn = currentTurn();
  const p = position();
  if (turn && p?.fromCaret) open({ mode: 'split', turnId: turn.id, at: p.at });
}

export async function mergeTurnWithNext(turn: Turn | null = currentTurn()): Promise<void> {
  if (turn) await attempt('turns.mergeWithNext', { turnId: turn.id });
}

/** Marks the caret's line (or the selection, or the whole turn of the selected unit) as not speech; a turn already marked becomes speech again. */
export async function toggleNotSpeech(): Promise<void> {
  const detail = useWorkspace.getState().detail;
  const turn = currentTurn();
  const p = position();
  if (!detail || !turn || !p) return;
  if (turn.notSpeech) {
    await attempt('turns.markNotSpeech', { turnId: turn.id, notSpeech: false });
    return;
  }
  const line = p.fromCaret ? lineAt(detail.text, turn, p.at, p.end) : { start: turn.start, end: turn.end };
  await attempt('turns.markNotSpeech', { turnId: turn.id, start: line.start, end: line.end, notSpeech: true });
}

export function registerTurnRepairActions(): void {
  const onTurn = () => inTranscript() && currentTurn() !== null;
  registerAction('turn.correct', () => correctTurn(), onTurn);
  registerAction('turn.split', splitTurnHere, () => onTurn() && position()?.fromCaret === true);
  registerAction('turn.changeSpeaker', () => changeSpeaker(), onTurn);
  registerAction('turn.mergeNext', () => mergeTurnWithNext(), () => {
    const turn = onTurn() ? currentTurn() : null;
    const turns = useWorkspace.getState().detail?.turns ?? [];
    return turn !== null && turns[turns.length - 1]?.id !== turn.id;
  });
  registerAction('turn.notSpeech', toggleNotSpeech, onTurn);
}
