import type { Envelope, Transport } from './client';

/** The part of a WebSocket both the browser's and the `ws` package's provide. */
export interface MinimalSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;

/** A transport over one WebSocket: numbered requests, answers matched by number. */
export function socketTransport(socket: MinimalSocket): Transport & { close(): void } {
  let next = 1;
  const pending = new Map<number, (e: Envelope) => void>();
  const opened = new Promise<void>((resolve, reject) => {
    if (socket.readyState === OPEN) resolve();
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('The connection to Condensa was refused.')));
  });
  const failAll = (message: string) => {
    for (const settle of pending.values()) settle({ ok: false, error: { code: 'INTERNAL', message } });
    pending.clear();
  };
  socket.addEventListener('message', (event) => {
    const msg = JSON.parse(String(event.data)) as { id: number; envelope: Envelope };
    const settle = pending.get(msg.id);
    pending.delete(msg.id);
    settle?.(msg.envelope);
  });
  socket.addEventListener('close', () => failAll('The connection to Condensa was closed. Restart it and reload this page.'));

  // Sent at once when the socket is open: a request waits for no render or other task.
  const transport = (method: string, params: unknown): Promise<Envelope> =>
    new Promise<Envelope>((resolve, reject) => {
      const id = next++;
      const send = () => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      };
      if (socket.readyState === OPEN) send();
      else opened.then(send, reject);
    });
  return Object.assign(transport, { close: () => socket.close() });
}
