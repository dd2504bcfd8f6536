import type { Envelope } from '../../shared/api/client';
import { isTrustedSender } from './security';

/** The part of Electron's invoke event the handler reads. */
export interface CallEvent {
  readonly senderFrame: { readonly url: string } | null;
}

export interface Dispatcher {
  dispatch(method: string, params: unknown): Promise<Envelope>;
}

const REFUSED: Envelope = { ok: false, error: { code: 'BAD_REQUEST', message: 'Refused a call from an unknown sender.' } };

/**
 * The main process's one IPC handler: the sender must be the app's own page, and the payload is
 * validated against the contract by `dispatch` before anything runs.
 */
export function createCallHandler(core: () => Dispatcher, rendererUrl: string, afterCall: (method: string) => void = () => undefined) {
  return async (event: CallEvent, method: unknown, params: unknown): Promise<Envelope> => {
    if (!event.senderFrame || !isTrustedSender(event.senderFrame.url, rendererUrl) || typeof method !== 'string') return REFUSED;
    const envelope = await core().dispatch(method, params);
    afterCall(method);
    return envelope;
  };
}
