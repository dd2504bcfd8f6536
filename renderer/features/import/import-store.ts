import { createProjectStore } from '../../state/project-store';

interface ImportState {
  readonly open: boolean;
  /** Open on the paste tab rather than the file chooser. */
  readonly paste: boolean;
}

export const useImport = createProjectStore<ImportState>(() => ({ open: false, paste: false }));

export function openImport(paste = false): void {
  useImport.setState({ open: true, paste });
}

export function closeImport(): void {
  useImport.setState({ open: false, paste: false });
}
