import type { Envelope, Transport } from './client';

/**
 * One end of a message channel. Electron's MessagePortMain hands its listener an event whose
 * `data` is the message; Node's worker_threads MessagePort hands over the message itself. Both fit.
 */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  /** The other end is gone (its window closed or reloaded). */
  on(event: 'close', listener: () => void): unknown;
  /** Electron's ports deliver nothing until started; Node's start when listened to. */
  start?(): void;
  close?(): void;
}

/**
 * What travels on the port. The shell sends calls and answers the core's requests for platform
 * work (a native dialog); the core sends answers, those requests, and events it pushes unasked
 * (`event`: a change or progress that every window should hear about).
 */
export type PortMessage =
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly params: unknown; readonly project?: string | null }
  | { readonly type: 'answer'; readonly id: number; readonly envelope: Envelope }
  | { readonly type: 'event'; readonly event: unknown }
  | { readonly type: 'ask'; readonly id: number; readonly what: string; readonly args: readonly unknown[] }
  | { readonly type: 'reply'; readonly id: number; readonly ok: boolean; readonly value: unknown };

/** The message itself, whichever kind of port delivered it (Electron wraps it in an event with its ports). */
export function messageData(received: unknown): unknown {
  if (received && typeof received === 'object' && 'data' in received && 'ports' in received && Array.isArray((received as { ports: unknown }).ports)) {
    return (received as { data: unknown }).data;
  }
  return received;
}

export function readPortMessage(received: unknown): PortMessage | null {
  const msg = messageData(received);
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as { type?: unknown; id?: unknown };
  if (m.type === 'event') return msg as PortMessage;
  if (typeof m.id !== 'number') return null;
  return m.type === 'call' || m.type === 'answer' || m.type === 'ask' || m.type === 'reply' ? (msg as PortMessage) : null;
}

const LOST: Envelope = { ok: false, error: { code: 'CONNECTION_LOST', message: 'The connection to Condensa’s core was closed. Restart Condensa; every saved change is in the project file.' } };

export interface PortTransport extends Transport {
  /** Events the core pushes (changes, progress): every listener hears every one. */
  onEvent(listener: (event: unknown) => void): () => void;
  /** The core is gone: calls waiting for an answer fail with CONNECTION_LOST, later ones at once. */
  lost(): void;
}

export interface PortTransportOptions {
  /** Platform work the core asks of this side (a native dialog): the value goes back as the reply. */
  readonly answerAsk?: (what: string, args: readonly unknown[]) => Promise<unknown>;
}

/** The contract over a message port (the desktop app's core in its own process): numbered calls, answers matched by number. */
export function portTransport(port: MessagePortLike, options: PortTransportOptions = {}): PortTransport {
  let next = 1;
  let gone = false;
  const pending = new Map<number, (e: Envelope) => void>();
  const listeners = new Set<(event: unknown) => void>();
  port.on('message', (received) => {
    const msg = readPortMessage(received);
    if (!msg) return;
    if (msg.type === 'answer') {
      const settle = pending.get(msg.id);
      pending.delete(msg.id);
      settle?.(msg.envelope);
    } else if (msg.type === 'event') {
      for (const listener of listeners) listener(msg.event);
    } else if (msg.type === 'ask') {
      const ask = options.answerAsk ?? (() => Promise.reject(new Error(`This side answers no “${msg.what}”.`)));
      ask(msg.what, msg.args).then(
        (value) => port.postMessage({ type: 'reply', id: msg.id, ok: true, value }),
        (err: unknown) => port.postMessage({ type: 'reply', id: msg.id, ok: false, value: err instanceof Error ? err.message : String(err) }),
      );
    }
  });
  port.start?.();
  const transport = (method: string, params: unknown): Promise<Envelope> =>
    new Promise<Envelope>((resolve) => {
      if (gone) return resolve(LOST);
      const id = next++;
      pending.set(id, resolve);
      port.postMessage({ type: 'call', id, method, params });
    });
  return Object.assign(transport, {
    onEvent(listener: (event: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lost() {
      gone = true;
      for (const settle of pending.values()) settle(LOST);
      pending.clear();
    },
  });
}
