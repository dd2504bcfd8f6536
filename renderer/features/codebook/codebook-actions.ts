import { registerAction } from '../../commands/registry';
import { useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { useCoding } from '../coding/coding-store';
import { startNewNode } from './new-node';
import { openTreeDialog, useTree } from './tree-store';

// The codebook tab shows the tree these act on; elsewhere they would move what the user cannot see.
const onCodebookWithSelection = () =>
  useAppStore.getState().project !== null &&
  useAppStore.getState().view === 'codebook' &&
  (useTree.getState().marked.size > 0 || useWorkspace.getState().nodes.some((n) => n.id === useCoding.getState().nodeId));

export function registerCodebookActions(): void {
  // On the codebook tab, where the new code's row shows under the selected node, waiting for its name.
  registerAction(
    'codebook.newCode',
    () => {
      useAppStore.setState({ view: 'codebook' });
      startNewNode('code');
    },
    () => useAppStore.getState().project !== null,
  );
  registerAction('codebook.moveTo', () => openTreeDialog('move'), onCodebookWithSelection);
  registerAction('codebook.mergeSelected', () => openTreeDialog('merge'), onCodebookWithSelection);
}
