import { createClient, type Client, type ClientHooks, type Envelope, type Transport } from '../../shared/api/client';
import { socketTransport } from '../../shared/api/socket-transport';

/** What the Electron preload exposes; absent in browser mode. */
export interface DesktopBridge {
  call(method: string, params: unknown): Promise<Envelope>;
  onCommand(listener: (commandId: string) => void): void;
  onOpen(listener: (path: string) => void): void;
}

declare global {
  interface Window {
    condensa?: DesktopBridge;
  }
}

export function desktopBridge(): DesktopBridge | null {
  return typeof window !== 'undefined' && window.condensa ? window.condensa : null;
}

function browserTransport(): Transport {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const socket = new WebSocket(`ws://${window.location.host}/api?token=${encodeURIComponent(token)}`);
  return socketTransport(socket);
}

/** Connects to the application: over Electron IPC when inside the desktop app, else over the socket. */
export function connect(hooks: ClientHooks): Client {
  const bridge = desktopBridge();
  const transport: Transport = bridge ? (m, p) => bridge.call(m, p) : browserTransport();
  return createClient(transport, hooks);
}
