import type { Envelope, Transport } from './client';
import type { AppEvent } from './events';
import { IMPORT_MAX_BYTES } from './methods/import';

/** The part of a WebSocket both the browser's and the `ws` package's provide. */
export interface MinimalSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { readonly code?: number }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;
/** The close code a WebSocket peer sends for a message over its size limit. */
const MESSAGE_TOO_BIG = 1009;

/**
 * The most one message may carry, in bytes of UTF-8. The largest request the contract allows is a
 * pasted text of IMPORT_MAX_BYTES characters; at up to 3 bytes a character (any script but
 * emoji, which take 2 per character) it fits, with room for the envelope.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 3 * IMPORT_MAX_BYTES + 2 * 1024 * 1024;

const megabytes = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;

function tooLarge(bytes: number): Envelope {
  const message = `This request is ${megabytes(bytes)}, more than the ${megabytes(MAX_SOCKET_MESSAGE_BYTES)} Condensa accepts at once, so it was not sent. Split the text into parts and import them one by one.`;
  return { ok: false, error: { code: 'REQUEST_TOO_LARGE', message } };
}

/** UTF-8 length of a string, counted only when it could be over the limit (3 bytes per unit at most). */
function overLimit(text: string): number | null {
  if (text.length * 3 <= MAX_SOCKET_MESSAGE_BYTES) return null;
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair; JSON.stringify has already escaped any lone half
      i += 1;
    } else bytes += 3;
  }
  return bytes > MAX_SOCKET_MESSAGE_BYTES ? bytes : null;
}

/**
 * A transport over one WebSocket: numbered requests, answers matched by number. Every request
 * names the project this connection works in, learnt from the answers that opened or closed one,
 * so the server refuses it (PROJECT_CHANGED) once another tab has opened a different project.
 */
export function socketTransport(socket: MinimalSocket): Transport & { close(): void; onEvent(listener: (event: AppEvent) => void): () => void } {
  let next = 1;
  let project: string | null = null;
  const pending = new Map<number, (e: Envelope) => void>();
  const listeners = new Set<(event: AppEvent) => void>();
  const opened = new Promise<void>((resolve, reject) => {
    if (socket.readyState === OPEN) resolve();
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('The connection to Condensa was refused.')));
  });
  const failAll = (envelope: Envelope) => {
    for (const settle of pending.values()) settle(envelope);
    pending.clear();
  };
  socket.addEventListener('message', (event) => {
    const msg = JSON.parse(String(event.data)) as { id: number; envelope: Envelope } | { event: AppEvent };
    // Pushed by the server beside the answers: another page's change, how far long work is.
    if ('event' in msg) {
      for (const listener of listeners) listener(msg.event);
      return;
    }
    if (msg.envelope.project !== undefined) project = msg.envelope.project;
    const settle = pending.get(msg.id);
    pending.delete(msg.id);
    settle?.(msg.envelope);
  });
  socket.addEventListener('close', (event) =>
    failAll(
      event.code === MESSAGE_TOO_BIG
        ? { ok: false, error: { code: 'REQUEST_TOO_LARGE', message: `A request was more than the ${megabytes(MAX_SOCKET_MESSAGE_BYTES)} Condensa accepts at once, and the connection was closed. Reload this page, then send less at once.` } }
        : { ok: false, error: { code: 'CONNECTION_LOST', message: 'The connection to Condensa was closed. Restart it and reload this page.' } },
    ),
  );

  // Sent at once when the socket is open: a request waits for no render or other task.
  const transport = (method: string, params: unknown): Promise<Envelope> =>
    new Promise<Envelope>((resolve, reject) => {
      const id = next++;
      const send = () => {
        const text = JSON.stringify({ id, method, params, project });
        const bytes = overLimit(text);
        if (bytes !== null) return resolve(tooLarge(bytes));
        pending.set(id, resolve);
        socket.send(text);
      };
      if (socket.readyState === OPEN) send();
      else opened.then(send, reject);
    });
  const onEvent = (listener: (event: AppEvent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return Object.assign(transport, { close: () => socket.close(), onEvent });
}
