import { useEffect } from 'react';
import { attempt, clearError, projectOpened, useAppStore } from '../state/app-store';
import { createStore } from '../state/create-store';
import { resetWorkspace } from '../state/workspace-store';

function backupsOf(details: unknown): string[] {
  const list = (details as { backups?: unknown } | undefined)?.backups;
  return Array.isArray(list) ? list.filter((b): b is string => typeof b === 'string') : [];
}

/** The project this window was working in, when another window's open project refused its call. */
function projectLeft(code: string, details: unknown): string | null {
  const expected = (details as { expected?: unknown } | undefined)?.expected;
  return code === 'PROJECT_CHANGED' && typeof expected === 'string' ? expected : null;
}

/** The project another program holds, when opening it was refused for that: it can still be read. */
function heldElsewhere(code: string, details: unknown): string | null {
  const held = (details as { path?: unknown } | undefined)?.path;
  return code === 'PROJECT_LOCKED' && typeof held === 'string' ? held : null;
}

async function reopen(projectPath: string, readOnly = false) {
  const project = await attempt('project.open', { path: projectPath, readOnly });
  if (project) {
    resetWorkspace();
    projectOpened(project);
  }
}

async function restore(backup: string) {
  const project = await attempt('project.restoreBackup', { backupPath: backup });
  if (project) {
    resetWorkspace();
    projectOpened(project);
  }
}

// A modal dialog hides everything behind it from the keyboard and from assistive technology, so
// while one is open the banner is shown inside the topmost dialog instead, where its buttons
// (open the most recent backup, open the project again) can be reached.
const useOpenDialogs = createStore<{ readonly count: number }>(() => ({ count: 0 }));

/** Marks a dialog as open while the calling component is mounted. */
export function useDialogOpen(): void {
  useEffect(() => {
    useOpenDialogs.setState((s) => ({ count: s.count + 1 }));
    return () => useOpenDialogs.setState((s) => ({ count: s.count - 1 }));
  }, []);
}

/**
 * API errors surface here as a sentence, never as a blank screen. `inDialog` is the copy a dialog
 * shows; the window's own banner steps aside while a dialog is open.
 */
export function ErrorBanner({ inDialog = false }: { readonly inDialog?: boolean }) {
  const error = useAppStore((s) => s.error);
  const dialogs = useOpenDialogs((s) => s.count);
  if (!error || (!inDialog && dialogs > 0)) return null;
  const backups = backupsOf(error.details);
  const left = projectLeft(error.code, error.details);
  const held = heldElsewhere(error.code, error.details);
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      <span>{error.message}</span>
      <span className="error-actions">
        {backups.length > 0 && (
          <button type="button" onClick={() => void restore(backups[0])} title={backups[0]}>
            Open the most recent backup
          </button>
        )}
        {left && (
          <button type="button" onClick={() => void reopen(left)} title={left}>
            Open “{left.split(/[\\/]/).pop()}” again
          </button>
        )}
        {held && (
          <button type="button" onClick={() => void reopen(held, true)} title={held}>
            Open a read-only copy
          </button>
        )}
        <button type="button" className="link" onClick={clearError} aria-label="Dismiss">
          Dismiss
        </button>
      </span>
    </div>
  );
}
