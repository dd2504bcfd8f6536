import { useEffect, useState } from 'react';
import type { TaskProgress } from '../../shared/api/methods/app';
import { callQuietly } from '../state/app-store';

/** Asks the long work under way to stop; it then fails with CANCELLED, having undone what it did. */
export function cancelTask(): void {
  void callQuietly('tasks.cancel', {});
}

/**
 * How far the long work under way has come (a project imported from a large file), asked for
 * every fifth of a second while shown: a bar, and in words what it is doing.
 */
export function TaskProgressBar() {
  const [task, setTask] = useState<TaskProgress | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const r = await callQuietly('tasks.progress', {});
      if (!live) return;
      setTask(r?.task ?? null);
      timer = setTimeout(() => void poll(), 200);
    };
    timer = setTimeout(() => void poll(), 100);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  if (!task) return null;
  return (
    <div className="task-progress" role="status">
      <progress max={task.total} value={task.done} aria-label="Progress" /> <span className="small">{task.cancelling ? 'Stopping…' : `${task.what}…`}</span>
    </div>
  );
}
