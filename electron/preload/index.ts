import { contextBridge, ipcRenderer } from 'electron';
import { portTransport, type PortTransport } from '../../shared/api/port-transport';

// A double-clicked project can arrive before the page subscribes (React effects run after load):
// hold it here until the page asks to hear about opens.
let openListener: ((path: string) => void) | null = null;
const heldOpens: string[] = [];
ipcRenderer.on('condensa:open', (_event, p: unknown) => {
  if (typeof p !== 'string') return;
  if (openListener) openListener(p);
  else heldOpens.push(p);
});

// The page's calls go over a MessagePort straight to the core's process; the main process hands
// it over once, and calls made before it arrives wait for it.
interface PagePort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}
const core = new Promise<PortTransport>((resolve) => {
  ipcRenderer.once('condensa:port', (event) => {
    const port = event.ports[0] as unknown as PagePort;
    resolve(
      portTransport({
        postMessage: (m: unknown) => port.postMessage(m),
        on: (type: 'message' | 'close', listener: (message?: unknown) => void) => type === 'message' && port.addEventListener('message', (e) => listener(e.data)),
        start: () => port.start(),
      }),
    );
  });
});
ipcRenderer.send('condensa:connect');

// The one narrow object the page gets: call a contract method, hear the core's events and menu commands.
contextBridge.exposeInMainWorld('condensa', {
  call: async (method: string, params: unknown) => (await core)(String(method), params),
  onEvent: (listener: (event: unknown) => void) => {
    void core.then((t) => t.onEvent(listener));
  },
  onCommand: (listener: (commandId: string) => void) => {
    ipcRenderer.on('condensa:command', (_event, id: unknown) => {
      if (typeof id === 'string') listener(id);
    });
  },
  onOpen: (listener: (path: string) => void) => {
    openListener = listener;
    for (const p of heldOpens.splice(0)) listener(p);
  },
});
