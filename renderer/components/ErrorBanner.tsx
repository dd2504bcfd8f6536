import { attempt, clearError, projectOpened, useAppStore } from '../state/app-store';
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

async function reopen(projectPath: string) {
  const project = await attempt('project.open', { path: projectPath });
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

/** API errors surface here as a sentence, never as a blank screen. */
export function ErrorBanner() {
  const error = useAppStore((s) => s.error);
  if (!error) return null;
  const backups = backupsOf(error.details);
  const left = projectLeft(error.code, error.details);
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
        <button type="button" className="link" onClick={clearError} aria-label="Dismiss">
          Dismiss
        </button>
      </span>
    </div>
  );
}
