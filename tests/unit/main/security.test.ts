import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, hardenContents, isTrustedSender, secureWebPreferences, type HardenableContents } from '../../../electron/main/security';

const APP = 'app://condensa/index.html';

describe('Electron window security', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('has a strict CSP: own scripts only, no remote connections or plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('trusts only the app page as an IPC sender', () => {
    expect(isTrustedSender(APP, APP)).toBe(true);
    expect(isTrustedSender(`${APP}#x`, APP)).toBe(true);
    expect(isTrustedSender('https://evil.example/index.html', APP)).toBe(false);
    expect(isTrustedSender('file:///tmp/other.html', APP)).toBe(false);
    expect(isTrustedSender('file:///opt/Condensa/resources/app.asar/out/renderer/index.html', APP)).toBe(false);
    expect(isTrustedSender('app://other/index.html', APP)).toBe(false);
    expect(isTrustedSender('app://condensa/other.html', APP)).toBe(false);
    expect(isTrustedSender('not a url', APP)).toBe(false);
  });

  it('blocks navigation, new windows, webviews and every permission request', () => {
    const listeners: Record<string, (e: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: (() => { action: string }) | null = null;
    let permission: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let dictionaryUrl = 'https://redirector.gvt1.com/edgedl/chrome/dict/';
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    const contents = {
      on: (event: string, l: (e: { preventDefault(): void }, url?: string) => void) => {
        listeners[event] = l;
      },
      setWindowOpenHandler: (h: () => { action: string }) => {
        openHandler = h;
      },
      session: {
        setPermissionRequestHandler: (h: typeof permission) => {
          permission = h;
        },
        setPermissionCheckHandler: vi.fn(),
        setSpellCheckerDictionaryDownloadURL: (url: string) => (dictionaryUrl = url),
        webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
      },
    } as unknown as HardenableContents;
    hardenContents(contents, APP);

    const prevent = vi.fn();
    listeners['will-navigate']({ preventDefault: prevent }, 'https://evil.example');
    expect(prevent).toHaveBeenCalledTimes(1);
    listeners['will-navigate']({ preventDefault: prevent }, APP);
    expect(prevent).toHaveBeenCalledTimes(1);
    listeners['will-redirect']({ preventDefault: prevent }, 'http://x');
    expect(prevent).toHaveBeenCalledTimes(2);
    listeners['will-attach-webview']({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(3);
    expect(openHandler!()).toEqual({ action: 'deny' });
    const granted = vi.fn();
    permission!(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    const cb = vi.fn();
    headers!({ responseHeaders: { 'x-a': ['1'] } }, cb);
    expect(cb.mock.calls[0][0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    // Spelling dictionaries are never fetched from a server off this machine.
    expect(new URL(dictionaryUrl).hostname).toBe('127.0.0.1');
    expect(new URL(dictionaryUrl).port).toBe('0');
  });
});
