import { LEVELS_BY_METHOD } from '../../../shared/domain/vocabulary';
import { projectLevelWord } from '../../state/level-words';
import { attempt, useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { selectNode, showNotice, useCoding } from '../coding/coding-store';
import { flattenCodebook, levelDraft, type NodeDraft } from './codebook-tree';
import { setCollapsed, useTree } from './tree-store';

const word = (level: NodeDraft['level']) => projectLevelWord(level).toLowerCase();

/** Opens a draft row for a new node: its branch is expanded, so the row shows where the node will go. */
export function startDraft(draft: NodeDraft): void {
  if (draft.parentId && useTree.getState().collapsed.has(draft.parentId)) setCollapsed([draft.parentId], false);
  useTree.setState({ draft, marked: new Set() });
}

/** A node of `level` under the selected node's branch (the toolbar's buttons, the New Code command). */
export function startNewNode(level: NodeDraft['level']): void {
  const nodes = useWorkspace.getState().nodes;
  const rows = flattenCodebook(nodes);
  const selectedId = useCoding.getState().nodeId;
  const focusPath = useTree.getState().focusPath;
  const selected = rows.find((r) => r.path === focusPath && r.node.id === selectedId) ?? rows.find((r) => r.node.id === selectedId);
  const levels = LEVELS_BY_METHOD[useAppStore.getState().project?.settings.methodology ?? 'content-analysis'];
  startDraft(levelDraft(level, selected, rows, nodes, levels));
}

/** Where the draft goes, in words: “under category “Support”” or “at the top of the codebook”. */
export function draftPlace(draft: NodeDraft): string {
  const parent = useWorkspace.getState().nodes.find((n) => n.id === draft.parentId);
  return parent ? `under ${word(parent.level)} “${parent.name}”` : 'at the top of the codebook';
}

/** Adds the named node in one step and selects its row; an empty name adds nothing. */
export async function commitDraft(draft: NodeDraft, name: string): Promise<boolean> {
  if (useTree.getState().draft !== draft) return false;
  const trimmed = name.trim();
  if (!trimmed) {
    useTree.setState({ draft: null });
    return false;
  }
  const node = await attempt('codebook.create', { level: draft.level, name: trimmed, parentId: draft.parentId, index: draft.index });
  if (!node) return false;
  showNotice(`Added ${word(draft.level)} “${node.name}” ${draftPlace(draft)}.`);
  selectNode(node.id);
  useTree.setState({ draft: null, focusPath: `${draft.parentPath}/${node.id}`, marked: new Set(), anchorPath: `${draft.parentPath}/${node.id}` });
  return true;
}

export function cancelDraft(): void {
  useTree.setState({ draft: null });
}
