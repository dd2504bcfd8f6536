import type { AppEvent } from '../../shared/api/events';

export type EventListener = (event: AppEvent) => void;

/**
 * What the application tells everyone connected, beside the answers to calls: the rows each
 * recorded command changed, and how far long work has come. Transports subscribe and forward.
 */
export class AppEvents {
  private readonly listeners = new Set<EventListener>();

  /** Calls `listener` with every event from now on; returns what ends that. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    // A listener that fails (a window gone) must not keep the event from the others or fail the call.
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        /* the transport drops that listener's window on its own */
      }
    }
  }
}
