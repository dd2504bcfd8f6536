import { contextBridge, ipcRenderer } from 'electron';

// The one narrow object the page gets: call a contract method, hear menu commands. Nothing generic.
contextBridge.exposeInMainWorld('condensa', {
  call: (method: string, params: unknown) => ipcRenderer.invoke('condensa:call', String(method), params),
  onCommand: (listener: (commandId: string) => void) => {
    ipcRenderer.on('condensa:command', (_event, id: unknown) => {
      if (typeof id === 'string') listener(id);
    });
  },
  onOpen: (listener: (path: string) => void) => {
    ipcRenderer.on('condensa:open', (_event, p: unknown) => {
      if (typeof p === 'string') listener(p);
    });
  },
});
