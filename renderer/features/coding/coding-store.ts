import type { MemoTarget } from '../../../shared/domain/vocabulary';
import { createProjectStore } from '../../state/project-store';

/** Words selected in a transcript, as offsets into the document. */
export interface TextSelection {
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Where to float the selection toolbar (viewport pixels). */
  readonly x: number;
  readonly y: number;
}

export interface MemoFocus {
  readonly targetType: MemoTarget;
  readonly targetId: string | undefined;
  readonly label: string;
}

interface CodingState {
  /** The other end of a unit range (Shift+click, Shift+J/K); null when one unit is selected. */
  readonly anchorUnitId: string | null;
  /** The code picker is open for these units (or for the words of `pickSelection`). */
  readonly pickerOpen: boolean;
  readonly pickerForUnits: readonly string[] | null;
  readonly pickerForSelection: TextSelection | null;
  readonly selection: TextSelection | null;
  readonly editingUnitId: string | null;
  /** The codebook node shown in the inspector and the codebook form. */
  readonly nodeId: string | null;
  /** What the inspector shows: the selected unit or the selected node. */
  readonly focus: 'unit' | 'node';
  readonly memo: MemoFocus | null;
  readonly journalOpen: boolean;
  readonly notice: string | null;
}

export const useCoding = createProjectStore<CodingState>(() => ({
  anchorUnitId: null,
  pickerOpen: false,
  pickerForUnits: null,
  pickerForSelection: null,
  selection: null,
  editingUnitId: null,
  nodeId: null,
  focus: 'unit',
  memo: null,
  journalOpen: false,
  notice: null,
}));

export function selectNode(nodeId: string | null): void {
  useCoding.setState({ nodeId, focus: nodeId ? 'node' : 'unit' });
}

let noticeTimer: ReturnType<typeof setTimeout> | null = null;

/** A short confirmation under the work surface ("Coded 3 units with …"), gone after a few seconds. */
export function showNotice(text: string): void {
  useCoding.setState({ notice: text });
  if (noticeTimer) clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => useCoding.setState({ notice: null }), 4000);
}
