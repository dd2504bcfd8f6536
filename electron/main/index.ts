import { app, BrowserWindow, dialog, ipcMain, Menu, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Application } from '../core/application';
import { APP_VERSION } from '../core/version';
import { DISABLED_CHROMIUM_FEATURES } from './chromium-features';
import { buildMenuTemplate } from './menu';
import { createOpenRequests, projectPathFromArgv } from './open-file';
import { createCallHandler } from './ipc';
import { hardenContents, secureWebPreferences } from './security';
import { loadWindowState, saveWindowState } from './window-state';

app.commandLine.appendSwitch('disable-features', DISABLED_CHROMIUM_FEATURES.join(','));

const rendererIndex = path.join(__dirname, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();
let window: BrowserWindow | null = null;
let core: Application | null = null;
// A double-clicked project reaches us as an argument (Windows, Linux) or as open-file (macOS).
const openRequests = createOpenRequests((file) => window?.webContents.send('condensa:open', file));
const fileOnCommandLine = projectPathFromArgv(process.argv, process.cwd());
if (fileOnCommandLine) openRequests.request(fileOnCommandLine);

function send(commandId: string): void {
  window?.webContents.send('condensa:command', commandId);
}

function refreshMenu(): void {
  if (!core) return;
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    hasProject: core.project !== null,
    recent: core.preferences.recent().filter((r) => r.exists),
    send,
    openRecent: (p) => window?.webContents.send('condensa:open', p),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}

const onCall = createCallHandler(
  () => core!,
  rendererUrl,
  (method) => method.startsWith('project.') && refreshMenu(),
);

function createWindow(): void {
  const userData = app.getPath('userData');
  const state = loadWindowState(userData);
  window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Condensa',
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.cjs')),
  });
  hardenContents(window.webContents as never, rendererUrl);
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.on('close', () => {
    openRequests.pageGone();
    if (!window) return;
    const b = window.getNormalBounds();
    saveWindowState(userData, { ...b, maximized: window.isMaximized() });
  });
  window.webContents.on('did-start-loading', () => openRequests.pageGone());
  window.webContents.on('did-finish-load', () => openRequests.pageReady());
  window.on('closed', () => {
    window = null;
  });
  void window.loadFile(rendererIndex);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (double-click while running) hands its file to this window and quits.
  app.on('second-instance', (_e, argv, workingDirectory) => {
    const file = projectPathFromArgv(argv, workingDirectory);
    if (file) openRequests.request(file);
    if (window) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    }
  });
  // Registered before ready: macOS sends the double-clicked file before the app has launched.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openRequests.request(file);
    if (window) window.focus();
  });
  app.whenReady().then(() => {
    core = new Application({
      platform: 'electron',
      version: APP_VERSION,
      userDataFolder: app.getPath('userData'),
      projectsFolder: path.join(app.getPath('documents'), 'Condensa'),
      dialogs: {
        async chooseProjectPath(purpose, suggestedName) {
          const filters = [{ name: 'Condensa project', extensions: ['condensa'] }];
          if (purpose === 'open') {
            const r = await dialog.showOpenDialog(window!, { properties: ['openFile'], filters });
            return r.canceled ? null : (r.filePaths[0] ?? null);
          }
          const r = await dialog.showSaveDialog(window!, { defaultPath: suggestedName ? `${suggestedName}.condensa` : undefined, filters });
          return r.canceled ? null : (r.filePath ?? null);
        },
      },
    });
    ipcMain.handle('condensa:call', onCall);
    refreshMenu();
    createWindow();
  });
  app.on('window-all-closed', () => {
    core?.closeProject();
    app.quit();
  });
}
