import type { EventEmitter } from 'node:events';

export interface WorkerUtilityProcess extends EventEmitter {
  readonly threadId: number;
  postMessage(message: unknown, transfer?: unknown[]): void;
  kill(): boolean;
}

export function forkInWorker(modulePath: string): WorkerUtilityProcess;
