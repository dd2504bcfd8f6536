import { useAppStore } from '../../state/app-store';
import { createStore } from '../../state/create-store';

interface ImportState {
  readonly open: boolean;
  /** Open on the paste tab rather than the file chooser. */
  readonly paste: boolean;
}

export const useImport = createStore<ImportState>(() => ({ open: false, paste: false }));

export function openImport(paste = false): void {
  useImport.setState({ open: true, paste });
}

export function closeImport(): void {
  useImport.setState({ open: false, paste: false });
}

useAppStore.subscribe((s, prev) => {
  if (s.project?.path !== prev.project?.path) closeImport();
});
