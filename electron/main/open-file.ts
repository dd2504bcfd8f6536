import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_EXTENSION = '.condensa';

/**
 * The project file named on a command line, resolved against the directory it was typed in.
 * Windows passes the double-clicked file as an argument, Linux desktop entries may pass a
 * file:// URL (%U), and Chromium adds its own switches to a second instance's argv.
 */
export function projectPathFromArgv(
  argv: readonly string[],
  workingDirectory: string,
  platformPath: Pick<typeof path, 'resolve'> = path,
): string | null {
  // argv[0] is the executable; the last project named wins, as the newest request.
  for (const arg of [...argv.slice(1)].reverse()) {
    if (arg.startsWith('-')) continue;
    const candidate = arg.toLowerCase().startsWith('file://') ? fileUrlToPathOrNull(arg) : arg;
    if (candidate && candidate.toLowerCase().endsWith(PROJECT_EXTENSION)) {
      return platformPath.resolve(workingDirectory, candidate);
    }
  }
  return null;
}

function fileUrlToPathOrNull(url: string): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

export interface OpenRequests {
  /** Ask the window to open a project: now if its page listens, else once it does. */
  request(filePath: string): void;
  /** The page has loaded (its preload listens from here on). */
  pageReady(): void;
  /** The page went away (window closed or reloading): hold requests again. */
  pageGone(): void;
  readonly pending: string | null;
}

/**
 * Holds the file a user double-clicked until the window's page can take it: macOS sends
 * open-file before the app is ready, and a second instance may arrive while the page loads.
 */
export function createOpenRequests(deliver: (filePath: string) => void): OpenRequests {
  let ready = false;
  let pending: string | null = null;
  return {
    request(filePath) {
      if (ready) deliver(filePath);
      else pending = filePath;
    },
    pageReady() {
      ready = true;
      if (pending === null) return;
      const filePath = pending;
      pending = null;
      deliver(filePath);
    },
    pageGone() {
      ready = false;
    },
    get pending() {
      return pending;
    },
  };
}
