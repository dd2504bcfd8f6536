import { portTransport, type MessagePortLike, type PortTransport } from '../../shared/api/port-transport';

/** The part of Electron's UtilityProcess the shell uses (a worker or child process stands in for it in tests). */
export interface UtilityProcessLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** What starting the core needs from Electron: utilityProcess.fork and a MessageChannelMain. */
export interface CoreProcessPlatform {
  fork(modulePath: string, args: string[], options: { readonly serviceName: string }): UtilityProcessLike;
  channel(): { readonly port1: MessagePortLike; readonly port2: MessagePortLike };
}

export interface CoreProcess {
  /** The shell's own way to the core (the menu's recent projects, and events such as a project opened). */
  readonly transport: PortTransport;
  /**
   * A new channel between a window and the core: the core gets one end, the caller hands the other
   * to the window's page, whose calls then never pass through this process.
   */
  connectWindow(): unknown;
  /** The user chose this file outside a call (double-clicked, a recent project in the menu): the window may open it. */
  grant(file: string): void;
  /** Closes the open project cleanly, then ends the process (at most `waitMs` later). */
  close(waitMs?: number): Promise<void>;
}

export interface CoreProcessOptions {
  /** The built core entry (out/core/index.cjs). */
  readonly entry: string;
  readonly userDataFolder: string;
  readonly projectsFolder: string;
  /** Platform work the core asks for (a native dialog). */
  readonly answerAsk: (what: string, args: readonly unknown[]) => Promise<unknown>;
  /** The process ended on its own (a crash): calls now fail with CONNECTION_LOST. */
  readonly onExit?: (code: number) => void;
}

/**
 * Starts the application in a process of its own and connects to it over a message port: one end
 * stays here, the other is handed to the core with its folders.
 */
export function startCoreProcess(platform: CoreProcessPlatform, options: CoreProcessOptions): CoreProcess {
  const child = platform.fork(options.entry, [], { serviceName: 'Condensa core' });
  const { port1, port2 } = platform.channel();
  const transport = portTransport(port1, { answerAsk: options.answerAsk });
  let exited = false;
  const closedWaiters = new Set<() => void>();
  child.on('message', (message) => {
    if ((message as { type?: unknown } | null)?.type === 'closed') for (const done of closedWaiters) done();
  });
  child.on('exit', (code) => {
    exited = true;
    transport.lost();
    for (const done of closedWaiters) done();
    options.onExit?.(code);
  });
  child.postMessage({ type: 'init', userDataFolder: options.userDataFolder, projectsFolder: options.projectsFolder }, [port2]);
  return {
    transport,
    connectWindow() {
      const { port1: forWindow, port2: forCore } = platform.channel();
      child.postMessage({ type: 'connect' }, [forCore]);
      return forWindow;
    },
    grant(file) {
      child.postMessage({ type: 'grant', path: file });
    },
    async close(waitMs = 5000) {
      if (exited) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        closedWaiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
        child.postMessage({ type: 'close' });
      });
      port1.close?.();
      if (!exited) child.kill();
    },
  };
}
