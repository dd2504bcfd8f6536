// Boots the built desktop app (out/main/index.cjs) where no Electron binary runs: a stand-in
// `electron` module records what the main process asks for, a worker thread stands in for the
// utility process and Node's MessageChannel for MessageChannelMain. Then a fake page loads the
// built preload and makes contract calls through its bridge, the port and the core.
// Usage: node scripts/lib/desktop-boot.mjs APP_ROOT   (APP_ROOT holds out/; prints one JSON line)
/* global Request, URL, setTimeout, setImmediate */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { forkInWorker } from './utility-process-stand-in.mjs';

/** Runs the boot against the app in `appRoot` and returns what happened, with every failed check. */
export async function bootDesktop(appRoot) {
  const steps = [];
  const failures = [];
  const step = (what, detail = {}) => steps.push({ what, ...detail });
  const check = (ok, message) => {
    if (!ok) failures.push(message);
    return ok;
  };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-boot-'));
  const electron = standInElectron(home, step);
  const originalLoad = Module._load;
  Module._load = function load(request, parent, isMain) {
    if (request === 'electron') return electron.module;
    return originalLoad.call(this, request, parent, isMain);
  };
  try {
    const main = path.join(appRoot, 'out/main/index.cjs');
    if (!check(fs.existsSync(main), `no main bundle at ${main}`)) return { steps, failures };
    createRequire(import.meta.url)(main);
    step('main loaded');
    electron.ready();
    const window = await electron.windowLoaded;

    // The window and its page.
    const prefs = window.options.webPreferences ?? {};
    const secure = { contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false };
    for (const [key, value] of Object.entries(secure)) check(prefs[key] === value, `webPreferences.${key} is ${prefs[key]}, not ${value}`);
    check(typeof prefs.preload === 'string' && fs.existsSync(prefs.preload), `the preload ${prefs.preload} does not exist`);
    const url = window.loadedUrl;
    check(typeof url === 'string' && url.startsWith('app://'), `the window loads ${url}, not an app:// URL`);
    const scheme = electron.privileged.find((s) => s.scheme === 'app');
    check(scheme?.privileges?.standard === true && scheme?.privileges?.secure === true, 'the app:// scheme is not registered as standard and secure before ready');
    const handler = electron.protocolHandlers.get('app');
    if (check(handler !== undefined, 'no handler serves app://')) {
      const page = await handler(new Request(url));
      const csp = page.headers.get('content-security-policy') ?? '';
      const html = await page.text();
      check(page.status === 200 && html.includes('<div id="root">'), `app:// served ${page.status} for the page`);
      check(/script-src 'self'/.test(csp) && !/unsafe-eval|script-src[^;]*unsafe-inline/.test(csp) && /object-src 'none'/.test(csp), `the page's CSP is not strict: ${csp}`);
      for (const asset of html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)) {
        const served = await handler(new Request(new URL(asset[1], url).toString()));
        check(served.status === 200, `app:// did not serve ${asset[1]} (${served.status})`);
      }
      check((await handler(new Request('app://condensa/../../package.json'))).status === 404, 'app:// served a file outside the renderer');
      step('page served', { status: page.status, csp });
    }

    // Every web contents is hardened.
    const contents = window.webContents;
    check(contents.hardened.windowOpen?.({ url: 'https://example.org' })?.action === 'deny', 'window.open is not denied');
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.org/');
    check(prevented, 'navigation away from the app is not prevented');
    let webview = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webview = true) }, {}, {});
    check(webview, 'a webview is not refused');
    let granted = null;
    contents.session.permissionRequest?.(contents, 'media', (g) => (granted = g));
    check(granted === false, 'a permission request is not denied');
    check(/^http:\/\/127\.0\.0\.1:0\//.test(contents.session.dictionaryUrl ?? ''), `spelling dictionaries may be fetched from ${contents.session.dictionaryUrl}`);

    // The core in its utility process.
    const fork = electron.forks[0];
    if (check(fork !== undefined, 'no utility process was started')) {
      check(fork.modulePath.startsWith(path.join(appRoot, 'out')) && fs.existsSync(fork.modulePath), `the core entry ${fork.modulePath} does not exist in out/`);
    }

    // A fake page: the built preload with the stand-in bridge, then calls through it.
    createRequire(import.meta.url)(prefs.preload);
    const bridge = electron.exposed.get('condensa');
    if (check(bridge !== undefined, 'the preload exposed no condensa bridge')) {
      const info = await bridge.call('app.info', {});
      check(info.ok && info.result.platform === 'electron' && info.result.nativeDialogs === true, `app.info through the bridge answered ${JSON.stringify(info).slice(0, 200)}`);
      const target = path.join(home, 'Study.condensa');
      electron.nextDialogPath = target;
      const chosen = await bridge.call('app.chooseProjectPath', { purpose: 'save', suggestedName: 'Study' });
      check(chosen.ok && chosen.result.path === target, `the save dialog's path did not come back: ${JSON.stringify(chosen).slice(0, 200)}`);
      const created = await bridge.call('project.create', { path: target, title: 'Boot study' });
      check(created.ok && fs.existsSync(target), `project.create through the bridge answered ${JSON.stringify(created).slice(0, 200)}`);
      const outside = await bridge.call('import.preview', { sources: [{ kind: 'path', path: path.join(appRoot, 'package.json') }] });
      check(!outside.ok && outside.error.code === 'FILE_NOT_GRANTED', `a file the user never picked was read: ${JSON.stringify(outside).slice(0, 200)}`);
      // A transcript picked in the open dialog is imported by its path: no file passes through the page.
      const transcript = path.join(home, 'focus group.txt');
      fs.writeFileSync(transcript, 'Interviewer: How was the first year?\n\nAnna: Hard, but the mentors helped.\n');
      electron.nextDialogPath = transcript;
      const files = await bridge.call('app.chooseFiles', { purpose: 'import' });
      check(files.ok && files.result.paths[0] === transcript, `the open dialog's files did not come back: ${JSON.stringify(files).slice(0, 200)}`);
      const preview = await bridge.call('import.preview', { sources: [{ kind: 'path', path: transcript }] });
      const outcome = preview.ok ? preview.result.files[0] : null;
      const imported = outcome?.ok ? await bridge.call('import.commit', { previewId: outcome.preview.previewId }) : preview;
      check(imported.ok, `the picked transcript was not imported by path: ${JSON.stringify(imported).slice(0, 200)}`);
      step('round trip', { info: info.ok, created: created.ok, imported: imported.ok, refused: outside.ok ? null : outside.error.code });
      // The menu follows the project the window opened.
      const menuShowsProject = await waitFor(() => electron.menus.at(-1)?.some((m) => JSON.stringify(m).includes('Boot study')));
      check(menuShowsProject, 'the menu did not list the project the window opened among the recent ones');
    }

    // Closing the last window closes the project and ends the core.
    electron.app.emit('window-all-closed');
    check(await waitFor(() => electron.quit), 'the app did not quit after its last window closed');
    check(await waitFor(() => fork?.exited), 'the core process did not end after the app closed');
    return { steps, failures };
  } catch (err) {
    failures.push(`the boot threw: ${err instanceof Error ? err.stack : String(err)}`);
    return { steps, failures };
  } finally {
    Module._load = originalLoad;
    for (const f of electron.forks) f.child.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

async function waitFor(condition, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Boolean(condition());
}

/** The parts of Electron the main process and the preload use, recording what they are asked. */
function standInElectron(home, step) {
  let markReady;
  const whenReady = new Promise((resolve) => (markReady = resolve));
  let windowLoaded;
  const loaded = new Promise((resolve) => (windowLoaded = resolve));
  const rendererListeners = new EventEmitter();
  const mainListeners = new EventEmitter();
  const state = {
    privileged: [],
    protocolHandlers: new Map(),
    forks: [],
    exposed: new Map(),
    menus: [],
    nextDialogPath: null,
    quit: false,
  };

  const app = Object.assign(new EventEmitter(), {
    commandLine: { appendSwitch: (name, value) => step('commandLine.appendSwitch', { name, value }) },
    enableSandbox: () => step('app.enableSandbox'),
    requestSingleInstanceLock: () => true,
    whenReady: () => whenReady,
    getPath: (name) => path.join(home, name),
    quit: () => {
      state.quit = true;
      step('app.quit');
    },
  });

  class WebContents extends EventEmitter {
    constructor(window) {
      super();
      this.window = window;
      this.hardened = {};
      this.session = {
        setPermissionRequestHandler: (h) => (this.session.permissionRequest = h),
        setPermissionCheckHandler: (h) => (this.session.permissionCheck = h),
        setSpellCheckerDictionaryDownloadURL: (u) => (this.session.dictionaryUrl = u),
        webRequest: { onHeadersReceived: (h) => (this.session.headers = h) },
      };
    }
    setWindowOpenHandler(h) {
      this.hardened.windowOpen = h;
    }
    send(channel, ...args) {
      rendererListeners.emit(channel, { ports: [] }, ...args);
    }
    postMessage(channel, message, transfer = []) {
      rendererListeners.emit(channel, { ports: transfer }, message);
    }
  }

  class BrowserWindow extends EventEmitter {
    constructor(options) {
      super();
      this.options = options;
      this.webContents = new WebContents(this);
      step('BrowserWindow', { webPreferences: options.webPreferences });
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url) {
      this.loadedUrl = url;
      step('loadURL', { url });
      this.webContents.emit('did-start-loading');
      setImmediate(() => {
        this.webContents.emit('did-finish-load');
        this.emit('ready-to-show');
        windowLoaded(this);
      });
      return Promise.resolve();
    }
    loadFile(file) {
      return this.loadURL(`file://${file}`);
    }
    maximize() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1360, height: 860 };
    }
  }

  const module = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        state.privileged.push(...schemes);
        step('protocol.registerSchemesAsPrivileged', { schemes: schemes.map((s) => s.scheme) });
      },
      handle: (scheme, handler) => {
        state.protocolHandlers.set(scheme, handler);
        step('protocol.handle', { scheme });
      },
    },
    utilityProcess: {
      fork: (modulePath, args, options) => {
        step('utilityProcess.fork', { modulePath, exists: fs.existsSync(modulePath), serviceName: options?.serviceName });
        const child = forkInWorker(modulePath);
        const record = { modulePath, child, exited: false };
        child.on('exit', () => (record.exited = true));
        state.forks.push(record);
        return child;
      },
    },
    MessageChannelMain: MessageChannel,
    ipcMain: {
      on: (channel, listener) => mainListeners.on(channel, listener),
      handle: (channel) => step('ipcMain.handle', { channel }),
    },
    Menu: {
      buildFromTemplate: (template) => template,
      setApplicationMenu: (menu) => state.menus.push(menu),
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: state.nextDialogPath === null, filePaths: state.nextDialogPath ? [state.nextDialogPath] : [] }),
      showSaveDialog: async () => ({ canceled: state.nextDialogPath === null, filePath: state.nextDialogPath ?? undefined }),
      showErrorBox: (title, content) => step('dialog.showErrorBox', { title, content }),
    },
    contextBridge: {
      exposeInMainWorld: (key, api) => {
        state.exposed.set(key, api);
        step('contextBridge.exposeInMainWorld', { key, methods: Object.keys(api) });
      },
    },
    ipcRenderer: {
      on: (channel, listener) => rendererListeners.on(channel, listener),
      once: (channel, listener) => rendererListeners.once(channel, listener),
      send: (channel, ...args) => {
        const window = state.window;
        const event = { senderFrame: { url: window?.loadedUrl ?? '' }, sender: window?.webContents };
        mainListeners.emit(channel, event, ...args);
      },
      invoke: async () => {
        throw new Error('The page makes no ipcRenderer.invoke calls: its calls go over its port.');
      },
    },
  };
  return {
    module,
    app,
    ready: () => {
      step('app ready');
      markReady();
    },
    windowLoaded: loaded.then((w) => {
      state.window = w;
      return w;
    }),
    get privileged() {
      return state.privileged;
    },
    get protocolHandlers() {
      return state.protocolHandlers;
    },
    get forks() {
      return state.forks;
    },
    get exposed() {
      return state.exposed;
    },
    get menus() {
      return state.menus;
    },
    get quit() {
      return state.quit;
    },
    set nextDialogPath(p) {
      state.nextDialogPath = p;
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await bootDesktop(path.resolve(process.argv[2] ?? '.'));
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(report.failures.length ? 1 : 0);
}
