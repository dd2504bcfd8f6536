import { contextBridge, ipcRenderer } from 'electron';

// A double-clicked project can arrive before the page subscribes (React effects run after load):
// hold it here until the page asks to hear about opens.
let openListener: ((path: string) => void) | null = null;
const heldOpens: string[] = [];
ipcRenderer.on('condensa:open', (_event, p: unknown) => {
  if (typeof p !== 'string') return;
  if (openListener) openListener(p);
  else heldOpens.push(p);
});

// The one narrow object the page gets: call a contract method, hear menu commands. Nothing generic.
contextBridge.exposeInMainWorld('condensa', {
  call: (method: string, params: unknown) => ipcRenderer.invoke('condensa:call', String(method), params),
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
