import { registerAction } from '../../commands/registry';
import { useAppStore } from '../../state/app-store';
import { createStore } from '../../state/create-store';

export type RefiDialog = 'export-project' | 'export-codebook' | 'import-project' | 'import-codebook';

export const useRefi = createStore<{ readonly dialog: RefiDialog | null }>(() => ({ dialog: null }));

export function openRefiDialog(dialog: RefiDialog | null): void {
  useRefi.setState({ dialog });
}

const hasProject = () => useAppStore.getState().project !== null;

export function registerRefiActions(): void {
  registerAction('refi.exportProject', () => openRefiDialog('export-project'), hasProject);
  registerAction('refi.exportCodebook', () => openRefiDialog('export-codebook'), hasProject);
  registerAction('refi.importProject', () => openRefiDialog('import-project'));
  registerAction('refi.importCodebook', () => openRefiDialog('import-codebook'), hasProject);
}

export function base64Url(base64: string, mime: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: mime }));
}

/** A file name without characters file systems refuse. */
export function safeFileName(title: string): string {
  return title.replace(/[\\/:*?"<>|]/g, '').trim() || 'project';
}
