import { contract, type MethodName, type Params, type Result } from './contract';
import { errorFromPayload, type ErrorPayload } from './errors';
import type { ChangeEvent } from './events';

/**
 * What every transport answers: a result, or an error payload with a stable code; `project` is set
 * when the call opened, created or closed a project (the path now open, null for none); `change`
 * when it changed the project (the event everyone else is sent).
 */
export type Envelope = ({ readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: ErrorPayload }) & {
  readonly project?: string | null;
  readonly change?: ChangeEvent;
};

/** A transport moves one call to the application and brings back its envelope. */
export type Transport = (method: string, params: unknown) => Promise<Envelope>;

export interface Client {
  call<K extends MethodName>(method: K, params: Params<K>): Promise<Result<K>>;
}

export interface ClientHooks {
  /** Called after every successful mutating call, with the change it made (none when it changed nothing): stores refresh from here. */
  readonly onMutation?: (method: MethodName, change: ChangeEvent | undefined) => void;
  readonly onCallStart?: (method: MethodName) => void;
  readonly onCallEnd?: (method: MethodName, ok: boolean) => void;
}

export function createClient(transport: Transport, hooks: ClientHooks = {}): Client {
  return {
    async call(method, params) {
      // The request goes out before the hooks update any view.
      const answer = transport(method, params);
      hooks.onCallStart?.(method);
      let envelope: Envelope;
      try {
        envelope = await answer;
      } catch (err) {
        hooks.onCallEnd?.(method, false);
        throw err;
      }
      hooks.onCallEnd?.(method, envelope.ok);
      if (!envelope.ok) throw errorFromPayload(envelope.error);
      if (contract[method].mutates) hooks.onMutation?.(method, envelope.change);
      return envelope.result as Result<typeof method>;
    },
  };
}
