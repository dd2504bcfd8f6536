import { isTrustedSender } from './security';

/** The part of Electron's IPC event the connect handler reads. */
export interface ConnectEvent<Port> {
  readonly senderFrame: { readonly url: string } | null;
  readonly sender: { postMessage(channel: string, message: unknown, transfer: Port[]): void };
}

export const CONNECT_CHANNEL = 'condensa:connect';
export const PORT_CHANNEL = 'condensa:port';

/**
 * The page asks for its way to the core once its preload runs (again after every reload). Only the
 * app's own page gets one: a port straight to the core's process, so its calls and their answers
 * (a whole transcript) never pass through the main process, which stays free for menus and dialogs.
 */
export function createConnectHandler<Port>(rendererUrl: string, connectWindow: () => Port) {
  return (event: ConnectEvent<Port>): void => {
    if (!event.senderFrame || !isTrustedSender(event.senderFrame.url, rendererUrl)) return;
    event.sender.postMessage(PORT_CHANNEL, null, [connectWindow()]);
  };
}
