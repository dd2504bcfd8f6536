import { createClient, type Client, type ClientHooks, type Envelope, type Transport } from '../../shared/api/client';
import type { AppEvent } from '../../shared/api/events';
import { socketTransport } from '../../shared/api/socket-transport';
import { UPLOAD_PATH, UPLOAD_TOKEN_HEADER, type UploadAnswer } from '../../shared/api/uploads';

/** What the Electron preload exposes; absent in browser mode. */
export interface DesktopBridge {
  call(method: string, params: unknown): Promise<Envelope>;
  onCommand(listener: (commandId: string) => void): void;
  onOpen(listener: (path: string) => void): void;
  /** Changes other windows made and progress of long work, as the core pushes them. */
  onEvent?(listener: (event: AppEvent) => void): void;
}

declare global {
  interface Window {
    condensa?: DesktopBridge;
  }
}

export function desktopBridge(): DesktopBridge | null {
  return typeof window !== 'undefined' && window.condensa ? window.condensa : null;
}

const pageToken = () => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

/**
 * Browser mode: sends a chosen file to the server as it is (the browser streams it from disk), and
 * answers the path the server wrote it to, which the contract's import calls then name.
 */
export async function uploadFile(file: File): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, { method: 'PUT', body: file, headers: { [UPLOAD_TOKEN_HEADER]: pageToken() } });
  } catch {
    throw new Error(`“${file.name}” could not be sent to Condensa: the connection was lost. Reload the page and choose the file again.`);
  }
  if (!response.ok) throw new Error(`“${file.name}” could not be sent to Condensa: ${(await response.text()) || response.statusText}`);
  return ((await response.json()) as UploadAnswer).path;
}

function browserTransport(onEvent: (event: AppEvent) => void): Transport {
  const token = pageToken();
  const socket = new WebSocket(`ws://${window.location.host}/api?token=${encodeURIComponent(token)}`);
  const transport = socketTransport(socket);
  transport.onEvent(onEvent);
  return transport;
}

/**
 * Connects to the application: over Electron IPC when inside the desktop app, else over the
 * socket. `onEvent` hears what the application pushes (other windows' changes, progress).
 */
export function connect(hooks: ClientHooks, onEvent: (event: AppEvent) => void): Client {
  const bridge = desktopBridge();
  bridge?.onEvent?.(onEvent);
  const transport: Transport = bridge ? (m, p) => bridge.call(m, p) : browserTransport(onEvent);
  return createClient(transport, hooks);
}
