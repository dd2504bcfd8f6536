import { dialogInTheWay, registerAction, selectionRange, typingIn } from '../../commands/registry';
import { attempt, useAppStore } from '../../state/app-store';
import { selectUnit, useWorkspace } from '../../state/workspace-store';
import { useCoding } from '../coding/coding-store';
import { openImport } from '../import/import-store';
import { offsetAt } from './dom-offsets';
import { findAll, requestScroll, useTranscript } from './transcript-store';
import { registerTurnRepairActions } from './turn-repair';

const hasProject = () => useAppStore.getState().project !== null;
const inTranscript = () => hasProject() && useAppStore.getState().view === 'transcript' && useWorkspace.getState().detail !== null && !dialogInTheWay();

function typing(): boolean {
  return typingIn(document.activeElement);
}

function transcriptRoot(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.transcript');
}

/** The words selected in the transcript, as document offsets. */
export function selectedRange(): { start: number; end: number } | null {
  const root = transcriptRoot();
  const r = selectionRange();
  if (!root || !r || r.collapsed) return null;
  const start = offsetAt(root, r.startContainer, r.startOffset);
  const end = offsetAt(root, r.endContainer, r.endOffset);
  return start !== null && end !== null && end > start ? { start, end } : null;
}

/** The unit the caret is in, and where. */
function caretInUnit(): { unitId: string; at: number } | null {
  const root = transcriptRoot();
  const r = selectionRange();
  if (!root || !r || !r.collapsed) return null;
  const at = offsetAt(root, r.endContainer, r.endOffset);
  const host = r.startContainer.nodeType === Node.TEXT_NODE ? r.startContainer.parentElement : (r.startContainer as Element);
  const unitId = host?.closest<HTMLElement>('[data-unit-id]')?.dataset.unitId;
  return at !== null && unitId ? { unitId, at } : null;
}

export async function makeUnitFromSelection(): Promise<void> {
  const detail = useWorkspace.getState().detail;
  const range = selectedRange() ?? useCoding.getState().selection;
  if (!detail || !range) return;
  const unit = await attempt('units.create', { documentId: detail.document.id, start: range.start, end: range.end });
  if (unit) {
    window.getSelection()?.removeAllRanges();
    useCoding.setState({ selection: null });
    selectUnit(unit.id);
  }
}

export async function splitAtCaret(): Promise<void> {
  const caret = caretInUnit();
  if (!caret) return;
  const r = await attempt('units.split', { unitId: caret.unitId, at: caret.at });
  if (r) selectUnit(r.second.id);
}

export async function mergeWithNext(unitId: string | null = useWorkspace.getState().unitId): Promise<void> {
  if (!unitId) return;
  const merged = await attempt('units.merge', { unitId });
  if (merged) selectUnit(merged.id);
}

export async function removeUnit(unitId: string | null = useWorkspace.getState().unitId): Promise<void> {
  if (!unitId) return;
  await attempt('units.delete', { unitIds: [unitId] });
}

export function openFind(): void {
  useTranscript.setState({ findOpen: true });
  // Focus after the bar has rendered.
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.find-bar input')?.select());
}

export function setQuery(query: string): void {
  const text = useWorkspace.getState().detail?.text ?? '';
  const matches = findAll(text, query);
  useTranscript.setState({ query, matches, current: matches.length ? 0 : -1 });
  if (matches.length) requestScroll(matches[0].start);
}

export function stepMatch(delta: number): void {
  const { matches, current } = useTranscript.getState();
  if (matches.length === 0) return;
  const next = (current + delta + matches.length) % matches.length;
  useTranscript.setState({ current: next });
  requestScroll(matches[next].start);
  const unit = useWorkspace.getState().detail?.units.find((u) => u.start <= matches[next].start && matches[next].start < u.end);
  if (unit) useWorkspace.setState({ unitId: unit.id });
}

export function closeFind(): void {
  useTranscript.setState({ findOpen: false, matches: [], current: -1 });
}

export function registerTranscriptActions(): void {
  registerAction('document.import', () => openImport(), hasProject);
  registerAction('document.segment', () => useTranscript.setState({ segmentOpen: true }), () => inTranscript());
  // U and S act only where they make sense, so the keys stay free for code shortcuts otherwise.
  registerAction('unit.create', makeUnitFromSelection, () => inTranscript() && (selectedRange() !== null || useCoding.getState().selection !== null));
  registerAction('unit.split', splitAtCaret, () => inTranscript() && caretInUnit() !== null);
  registerAction('unit.mergeNext', () => mergeWithNext(), () => inTranscript() && useWorkspace.getState().unitId !== null && !typing());
  registerAction('unit.delete', () => removeUnit(), () => inTranscript() && useWorkspace.getState().unitId !== null);
  registerAction('transcript.find', openFind, () => hasProject() && useAppStore.getState().view === 'transcript');
  registerAction('view.participants', () => useAppStore.setState({ view: 'participants' }), hasProject);
  registerAction('view.documents', () => useAppStore.setState({ view: 'documents' }), hasProject);
  registerTurnRepairActions();
}

/** Shift+M merges with the next unit: a key of the transcript, not a menu accelerator (those would catch a typed "M"). */
export function handleUnitKeys(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing() || !inTranscript()) return;
  if (e.shiftKey && e.key.toLowerCase() === 'm') {
    e.preventDefault();
    void mergeWithNext();
  }
}
