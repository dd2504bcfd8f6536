import { AppError } from '../../shared/api/errors';
import type { TaskProgress } from '../../shared/api/methods/app';

/**
 * What long work hands its progress to. `step` says what it is doing and how far it is, lets the
 * application answer other calls for a moment (how far it is, a request to stop), and throws
 * CANCELLED once the coder has asked it to stop: the work undoes what it did on the way out.
 */
export interface TaskStep {
  (what: string, done: number, total: number): Promise<void>;
}

/** The steps of work run outside a task (a test, the CLI, the bench): nothing to tell, nothing to stop it. */
export const noSteps: TaskStep = async () => {};

/** Progress events no more often than this: a bar needs no more, and every window gets each one. */
const PROGRESS_EVERY_MS = 100;

/** The one piece of long work under way, its progress, and a request to stop it. */
export class Tasks {
  private current: { progress: Omit<TaskProgress, 'cancelling'>; cancelling: boolean } | null = null;
  private toldAt = 0;

  /** `tell` hears the progress as it moves (at most every 100 ms), and null when the work ends. */
  constructor(private readonly tell: (progress: TaskProgress | null) => void = () => undefined) {}

  progress(): TaskProgress | null {
    return this.current ? { ...this.current.progress, cancelling: this.current.cancelling } : null;
  }

  /** Asks the work under way to stop; false when there is none. */
  cancel(): boolean {
    if (!this.current) return false;
    this.current.cancelling = true;
    this.tell(this.progress());
    return true;
  }

  /**
   * Runs `work` as the long work under way. The application runs calls one after another, so
   * there is never a second; `stopped` is the message of the CANCELLED failure a cancel brings.
   */
  async run<T>(kind: string, stopped: string, work: (step: TaskStep) => Promise<T>): Promise<T> {
    if (this.current) throw new AppError('INTERNAL', `${kind} started while ${this.current.progress.kind} was still running.`);
    const task = { progress: { kind, what: 'Starting', done: 0, total: 1 }, cancelling: false };
    this.current = task;
    const step: TaskStep = async (what, done, total) => {
      task.progress = { kind, what, done, total };
      const now = Date.now();
      if (now - this.toldAt >= PROGRESS_EVERY_MS) {
        this.toldAt = now;
        this.tell(this.progress());
      }
      // Each step lets the calls waiting beside it in: how far the work is, a request to stop.
      await new Promise((resolve) => setImmediate(resolve));
      if (task.cancelling) throw new AppError('CANCELLED', stopped);
    };
    try {
      await step('Starting', 0, 1);
      return await work(step);
    } finally {
      this.current = null;
      this.toldAt = 0;
      this.tell(null);
    }
  }
}
