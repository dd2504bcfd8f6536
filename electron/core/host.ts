// The core's own process in the desktop app (an Electron utilityProcess, built to out/core/index.cjs):
// the application runs here, so a long import never holds up the windows, menus or dialogs.
import type { MessagePortLike } from '../../shared/api/port-transport';
import { Application } from './application';
import { FileGrants } from './file-grants';
import { portServer, type PortServer } from './port-server';
import { APP_VERSION } from './version';

/** Electron's `process.parentPort` in a utility process: messages arrive as events carrying their ports. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { readonly data: unknown; readonly ports: readonly MessagePortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

/**
 * What the shell says on the parent port:
 * - `init` (with the shell's own port): build the application; the shell's port is trusted and
 *   carries its calls, the core's requests for native dialogs and events for the menus;
 * - `connect` (with a window's port): serve that window, every file it names checked against the grants;
 * - `grant`: the user chose this file outside a call (double-clicked, a recent project in the menu);
 * - `close`: close the open project cleanly, answered with `closed`.
 */
export type HostMessage =
  | { readonly type: 'init'; readonly userDataFolder: string; readonly projectsFolder: string }
  | { readonly type: 'connect' }
  | { readonly type: 'grant'; readonly path: string }
  | { readonly type: 'close' };

function readHostMessage(data: unknown): HostMessage | null {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return null;
  if (d.type === 'init') return typeof d.userDataFolder === 'string' && typeof d.projectsFolder === 'string' ? (d as HostMessage) : null;
  if (d.type === 'grant') return typeof d.path === 'string' ? (d as HostMessage) : null;
  return d.type === 'connect' || d.type === 'close' ? (d as HostMessage) : null;
}

export function startCoreHost(parent: ParentPortLike): void {
  let app: Application | null = null;
  let shell: PortServer | null = null;
  const grants = new FileGrants();
  let windows = 0;

  /**
   * One window's port: its calls checked against the grants and named as its own, the changes other
   * windows make to its project and the progress of long work pushed to it as `{type: 'event'}`.
   */
  const serveWindow = (core: Application, port: MessagePortLike, id: string) => {
    let project = core.project?.file.path ?? null;
    const server = portServer(port, {
      guard: (method, params) => grants.refusal(method, params),
      caller: () => ({ project, client: id }),
      onAnswer: (method, envelope) => {
        grants.learn(method, envelope);
        if (envelope.project === undefined) return;
        project = envelope.project;
        // The shell's menus follow the project the window works in.
        shell?.publish({ type: 'project', project });
      },
    });
    const stop = core.events.subscribe((event) => {
      if (event.type === 'change' && (event.project !== project || event.origin === id)) return;
      server.publish(event);
    });
    port.on('close', stop);
    server.serve(core);
  };

  parent.on('message', (event) => {
    const msg = readHostMessage(event.data);
    const port = event.ports[0];
    if (msg?.type === 'init' && !app && port) {
      const server = portServer(port);
      shell = server;
      app = new Application({
        platform: 'electron',
        version: APP_VERSION,
        userDataFolder: msg.userDataFolder,
        projectsFolder: msg.projectsFolder,
        dialogs: {
          chooseProjectPath: async (purpose, suggestedName) => {
            const chosen = await server.ask('chooseProjectPath', [purpose, suggestedName ?? null]);
            if (typeof chosen !== 'string') return null;
            grants.grant(chosen); // the user picked it in the dialog
            return chosen;
          },
          chooseFiles: async (purpose, multiple) => {
            const chosen = await server.ask('chooseFiles', [purpose, multiple]);
            const paths = Array.isArray(chosen) ? chosen.filter((p): p is string => typeof p === 'string') : [];
            for (const p of paths) grants.grant(p);
            return paths;
          },
        },
      });
      server.serve(app);
      parent.postMessage({ type: 'ready' });
    } else if (msg?.type === 'connect' && app && port) {
      serveWindow(app, port, `window-${++windows}`);
    } else if (msg?.type === 'grant') {
      grants.grant(msg.path);
    } else if (msg?.type === 'close') {
      app?.closeProject();
      parent.postMessage({ type: 'closed' });
    }
  });
}

const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) startCoreHost(parentPort);
