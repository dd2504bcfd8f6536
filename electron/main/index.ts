import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, type MessagePortMain, utilityProcess, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, mediaDocumentOf, RENDERER_URL, serveAppRequest, serveMediaRequest } from './app-protocol';
import { DISABLED_CHROMIUM_FEATURES } from './chromium-features';
import { IMPORT_FILE_EXTENSIONS } from '../../shared/api/methods/import';
import { MEDIA_EXTENSIONS } from '../../shared/api/methods/media';
import { startCoreProcess, type CoreProcess } from './core-process';
import { buildMenuTemplate } from './menu';
import { createOpenRequests, projectPathFromArgv } from './open-file';
import { CONNECT_CHANNEL, createConnectHandler } from './ipc';
import { hardenContents, secureWebPreferences } from './security';
import { loadWindowState, saveWindowState } from './window-state';

// The main process keeps windows, menus and dialogs only. The application runs in a utility
// process of its own (out/core/index.cjs); each window's page gets a MessagePort straight to it,
// so no import, export or agreement, and no large answer, ever holds up a menu or a window.

// Before ready: the app's own scheme behaves like https (same-origin rules, secure context).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.commandLine.appendSwitch('disable-features', DISABLED_CHROMIUM_FEATURES.join(','));
// Every renderer sandboxed, whatever a window asks for.
app.enableSandbox();

const rendererRoot = path.join(__dirname, '../renderer');
const coreEntry = path.join(__dirname, '../core/index.cjs');
let window: BrowserWindow | null = null;
let core: CoreProcess | null = null;
let hasProject = false;
let recent: readonly { path: string; title: string; exists: boolean }[] = [];

// A double-clicked project reaches us as an argument (Windows, Linux) or as open-file (macOS):
// the user chose that file, so the window may open it.
const openRequests = createOpenRequests((file) => {
  core?.grant(file);
  window?.webContents.send('condensa:open', file);
});
const fileOnCommandLine = projectPathFromArgv(process.argv, process.cwd());
if (fileOnCommandLine) openRequests.request(fileOnCommandLine);

function send(commandId: string): void {
  window?.webContents.send('condensa:command', commandId);
}

function refreshMenu(): void {
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    hasProject,
    recent: recent.filter((r) => r.exists),
    send,
    openRecent: (p) => {
      core?.grant(p);
      window?.webContents.send('condensa:open', p);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}

/** The core says when a window opened or closed a project: the menu follows, with the recent projects. */
function onCoreEvent(event: unknown): void {
  const e = event as { type?: unknown; project?: unknown } | null;
  if (e?.type !== 'project') return;
  hasProject = typeof e.project === 'string';
  void loadRecent();
}

/** The recent projects for the menu, asked of the core and never waited on. */
async function loadRecent(): Promise<void> {
  if (!core) return;
  const answer = await core.transport('app.recent', {});
  if (answer.ok) recent = answer.result as typeof recent;
  refreshMenu();
}

/** The recording linked to a document of the open project, as the core finds it: null unless it is where it was linked. */
async function linkedRecording(documentId: string): Promise<string | null> {
  const answer = core ? await core.transport('media.get', { documentId }) : null;
  if (!answer?.ok) return null;
  const state = answer.result as { status: string; link: { path: string } | null };
  return state.status === 'found' && state.link ? state.link.path : null;
}

async function chooseProjectPath(purpose: unknown, suggestedName: unknown): Promise<string | null> {
  const filters = [{ name: 'Condensa project', extensions: ['condensa'] }];
  let chosen: string | null;
  if (purpose === 'open') {
    const r = window ? await dialog.showOpenDialog(window, { properties: ['openFile'], filters }) : await dialog.showOpenDialog({ properties: ['openFile'], filters });
    chosen = r.canceled ? null : (r.filePaths[0] ?? null);
  } else {
    const options = { defaultPath: typeof suggestedName === 'string' ? `${suggestedName}.condensa` : undefined, filters };
    const r = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    chosen = r.canceled ? null : (r.filePath ?? null);
  }
  return chosen;
}

/** The kinds of file each purpose offers first in the open dialog (All files is always there too). */
const FILE_FILTERS: Readonly<Record<string, { name: string; extensions: readonly string[] }>> = {
  import: { name: 'Transcripts', extensions: IMPORT_FILE_EXTENSIONS },
  'refi-project': { name: 'REFI-QDA projects', extensions: ['qdpx', 'qde'] },
  codebook: { name: 'Codebooks', extensions: ['qdc', 'qdpx', 'qde', 'csv', 'tsv', 'txt', 'xlsx'] },
  attributes: { name: 'Tables', extensions: ['csv', 'tsv', 'txt', 'xlsx'] },
  media: { name: 'Recordings', extensions: MEDIA_EXTENSIONS },
};

/** Files to import, chosen in the system's open dialog (the window then imports them by path). */
async function chooseFiles(purpose: unknown, multiple: unknown): Promise<string[]> {
  const offered = FILE_FILTERS[typeof purpose === 'string' ? purpose : ''] ?? FILE_FILTERS.import;
  const options = {
    properties: multiple === false ? ['openFile' as const] : ['openFile' as const, 'multiSelections' as const],
    filters: [{ name: offered.name, extensions: [...offered.extensions] }, { name: 'All files', extensions: ['*'] }],
  };
  const r = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return r.canceled ? [] : r.filePaths;
}

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
  void window.loadURL(RENDERER_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every web contents the app ever makes: no navigation away, no new windows, no webviews, no permissions.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents as never, RENDERER_URL));
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
    protocol.handle(APP_SCHEME, (request) => (mediaDocumentOf(request.url) !== null ? serveMediaRequest(request, linkedRecording) : serveAppRequest(request, rendererRoot)));
    const started = startCoreProcess(
      {
        fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
        channel: () => new MessageChannelMain(),
      },
      {
        entry: coreEntry,
        userDataFolder: app.getPath('userData'),
        projectsFolder: path.join(app.getPath('documents'), 'Condensa'),
        answerAsk: (what, args) => {
          if (what === 'chooseProjectPath') return chooseProjectPath(args[0], args[1]);
          if (what === 'chooseFiles') return chooseFiles(args[0], args[1]);
          return Promise.reject(new Error(`No platform work called “${what}”.`));
        },
        onExit: (code) => {
          if (core === started && code !== 0) dialog.showErrorBox('Condensa', `Condensa’s core stopped unexpectedly (code ${code}). Every change it saved is in the project file; restart Condensa to go on.`);
        },
      },
    );
    core = started;
    started.transport.onEvent(onCoreEvent);
    ipcMain.on(CONNECT_CHANNEL, createConnectHandler(RENDERER_URL, () => started.connectWindow() as MessagePortMain));
    refreshMenu();
    void loadRecent();
    createWindow();
  });
  app.on('window-all-closed', () => {
    const closing = core;
    core = null;
    void (closing ? closing.close() : Promise.resolve()).finally(() => app.quit());
  });
}
