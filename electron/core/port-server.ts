import type { Envelope } from '../../shared/api/client';
import { readPortMessage, type MessagePortLike } from '../../shared/api/port-transport';
import type { Caller } from './application';

export interface PortDispatcher {
  dispatch(method: string, params: unknown, caller?: Caller): Promise<Envelope>;
}

export interface PortServerOptions {
  /** Checked before a call runs (a window's file grants): an envelope here refuses the call. */
  readonly guard?: (method: string, params: unknown) => Envelope | null;
  /** Sees every answer before it goes back (grants learnt from it, a project opened). */
  readonly onAnswer?: (method: string, envelope: Envelope) => void;
  /** Who is calling, for calls that do not say (a window's port: its id and the project it works in). */
  readonly caller?: () => Caller;
}

export interface PortServer {
  /** Answers the calls that arrive on the port from now on. */
  serve(app: PortDispatcher): void;
  /** Asks the other side for platform work (a native dialog) and waits for its reply. */
  ask(what: string, args: readonly unknown[]): Promise<unknown>;
  /** Pushes an event (a change, progress) to the other side unasked: `{type: 'event', event}` on the port. */
  publish(event: unknown): void;
}

/**
 * The core's end of the port transport. Calls that arrive before `serve` wait for it: the
 * application can only be built once its dialogs (which ask over this same port) exist.
 */
export function portServer(port: MessagePortLike, options: PortServerOptions = {}): PortServer {
  let app: PortDispatcher | null = null;
  const early: { id: number; method: string; params: unknown; caller?: Caller }[] = [];
  let nextAsk = 1;
  const asked = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  const answer = (id: number, method: string, envelope: Envelope) => {
    options.onAnswer?.(method, envelope);
    port.postMessage({ type: 'answer', id, envelope });
  };
  const run = (a: PortDispatcher, call: (typeof early)[number]) => {
    const refused = options.guard?.(call.method, call.params);
    if (refused) return answer(call.id, call.method, refused);
    a.dispatch(call.method, call.params, call.caller).then(
      (envelope) => answer(call.id, call.method, envelope),
      (err: unknown) => answer(call.id, call.method, { ok: false, error: { code: 'INTERNAL', message: `Something went wrong: ${err instanceof Error ? err.message : String(err)}` } }),
    );
  };

  port.on('message', (received) => {
    const msg = readPortMessage(received);
    if (!msg) return;
    if (msg.type === 'call') {
      const caller = msg.project === undefined ? options.caller?.() : { project: msg.project };
      const call = { id: msg.id, method: msg.method, params: msg.params, caller };
      if (app) run(app, call);
      else early.push(call);
    } else if (msg.type === 'reply') {
      const waiting = asked.get(msg.id);
      asked.delete(msg.id);
      if (msg.ok) waiting?.resolve(msg.value);
      else waiting?.reject(new Error(String(msg.value)));
    }
  });
  port.start?.();

  return {
    serve(dispatcher) {
      app = dispatcher;
      for (const call of early.splice(0)) run(dispatcher, call);
    },
    ask(what, args) {
      const id = nextAsk++;
      return new Promise((resolve, reject) => {
        asked.set(id, { resolve, reject });
        port.postMessage({ type: 'ask', id, what, args });
      });
    },
    publish(event) {
      port.postMessage({ type: 'event', event });
    },
  };
}
