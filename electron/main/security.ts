// The window's security settings as plain data and functions, so tests check them without Electron.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  } as const;
}

/** Only the app's own page (app://condensa/index.html, served from the built renderer) may talk to the main process. */
export function isTrustedSender(url: string, rendererIndexUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(rendererIndexUrl);
    return a.protocol === 'app:' && a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/**
 * Where the spellchecker would fetch Hunspell dictionaries: a local address no server answers
 * (port 0), so dictionaries already on the machine are used and nothing is fetched from Google's CDN.
 */
export const SPELLCHECK_DICTIONARY_URL = 'http://127.0.0.1:0/';

/** Navigation away from the app page is refused; so is every new window. */
export function isAllowedNavigation(target: string, rendererIndexUrl: string): boolean {
  return isTrustedSender(target, rendererIndexUrl);
}

/** Minimal shape of the Electron objects we harden, so this file stays free of an Electron import. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: () => boolean): void;
    setSpellCheckerDictionaryDownloadURL(url: string): void;
    webRequest: {
      onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void): void;
    };
  };
}

export function hardenContents(contents: HardenableContents, rendererIndexUrl: string): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, rendererIndexUrl)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  contents.session.setSpellCheckerDictionaryDownloadURL(SPELLCHECK_DICTIONARY_URL);
  contents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
