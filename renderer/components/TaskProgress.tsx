import { useEffect } from 'react';
import { callQuietly, useAppStore } from '../state/app-store';

/** Asks the long work under way to stop; it then fails with CANCELLED, having undone what it did. */
export function cancelTask(): void {
  void callQuietly('tasks.cancel', {});
}

/**
 * How far the long work under way has come (a project imported from a large file), as the
 * application's progress events tell it: a bar, and in words what it is doing.
 */
export function TaskProgressBar() {
  const task = useAppStore((s) => s.task);
  useEffect(() => {
    // Work that began before this bar was shown has told its progress already: asked once.
    void callQuietly('tasks.progress', {}).then((r) => r && useAppStore.setState((s) => (s.task ? {} : { task: r.task })));
  }, []);
  if (!task) return null;
  return (
    <div className="task-progress" role="status">
      <progress max={task.total} value={task.done} aria-label="Progress" /> <span className="small">{task.cancelling ? 'Stopping…' : `${task.what}…`}</span>
    </div>
  );
}
