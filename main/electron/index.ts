/**
 * The Electron shell, kept thin: one window with a sandboxed, context-isolated renderer, the IPC handlers, the
 * menu (File > Open map…) and the maps named on the command line (`npm start -- FILE...`). Everything it calls is
 * plain Node code tested without Electron.
 */
import { BrowserWindow, app, dialog, ipcMain, screen, session, shell } from 'electron';
import { API_EVENT_CHANNEL } from '../../core/api/app-api';
import { MAPS_CHANGED_CHANNEL } from '../../core/api/map-api';
import { installAppMenu } from './app-menu';
import { SCENE_OPEN_CHANNEL } from '../../core/api/app-api';
import { AtlasError } from '../../core/errors';
import { openSceneForWindow } from '../services/scene-open';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerIpc } from './ipc';
import { isPresenterUrl, presenterBounds } from './presenter-window';
import { rendererDir } from '../services/app-paths';
import { createAtlasService } from '../services/create-service';
import { electronFileArgs, openMapFiles, resolveUserPath } from '../services/startup-maps';
import { CONTENT_SECURITY_POLICY } from '../web/web-server';

const indexHtml = join(rendererDir(), 'index.html');
const appUrlPrefix = pathToFileURL(rendererDir()).href;
const isTrustedUrl = (url: string) => url.startsWith(appUrlPrefix);

let mainWindow: BrowserWindow | null = null;

/** Tells the window that the list of open maps changed (the preload turns this into a DOM event). */
function notifyMapsChanged(): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MAPS_CHANGED_CHANNEL);
}

function showOpenErrors(errors: string[]): void {
  if (errors.length === 0) return;
  const options = { type: 'warning' as const, message: errors.join('\n') };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Brain Atlas Studio',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      // A middle click would open a link in a new window without passing the window-open handler's checks.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // Links open in the system browser; the window never navigates away from the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    // The lecture's presenter view: the app's own page, on the other screen where there is one, as locked down.
    if (isPresenterUrl(url, isTrustedUrl)) {
      const bounds = presenterBounds(screen.getAllDisplays(), screen.getDisplayMatching(win.getBounds()).id);
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          ...bounds,
          title: 'Brain Atlas Studio — presenter view',
          webPreferences: {
            preload: join(__dirname, 'preload.cjs'),
            contextIsolation: true,
            nodeIntegration: false,
            sandbox: true,
            webSecurity: true,
            disableBlinkFeatures: 'Auxclick',
          },
        },
      };
    }
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('did-create-window', (child) => {
    child.webContents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    child.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  // No <webview> may be attached: it would be a second, unconfined page.
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  mainWindow = win;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  await win.loadFile(indexHtml);
}

// Files handed to the app by the system (macOS: dropped on the Dock icon, "Open with"); before ready they wait.
const pendingFiles: string[] = [];
let openFiles: ((paths: string[]) => Promise<void>) | null = null;
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (openFiles) void openFiles([path]);
  else pendingFiles.push(path);
});

// One app at a time: `brain-atlas-studio FILE` while it runs hands FILE to the open window instead.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', (_event, argv, workingDirectory) => {
  const files = electronFileArgs(argv, process.defaultApp === true).map((p) =>
    resolveUserPath(p, {}, workingDirectory),
  );
  if (files.length > 0) {
    if (openFiles) void openFiles(files);
    else pendingFiles.push(...files);
  }
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // The app asks for no permission (camera, notifications, …): every request and check is refused.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const api = await createAtlasService();
  registerIpc(ipcMain, api, isTrustedUrl);
  // Download progress and other events reach the window as IPC messages; the preload re-dispatches them.
  api.events.on((e) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(API_EVENT_CHANNEL, e);
  });
  // A proper quit marks a clean exit; a crash or a killed process leaves none, and the next start offers to restore.
  app.on('will-quit', () => api.session?.endSync());
  // A mesh still being written to the disk cache is finished first (a fraction of a second), else the next start
  // meshes that atlas again.
  let cacheWritten = false;
  app.on('before-quit', (event) => {
    if (cacheWritten) return;
    event.preventDefault();
    cacheWritten = true;
    void api.meshCacheWritten().finally(() => app.quit());
  });
  const startupErrors: string[] = [];
  const startupFiles = [
    ...electronFileArgs(process.argv, process.defaultApp === true).map((p) => resolveUserPath(p)),
    ...pendingFiles,
  ];
  await openMapFiles(api.maps, startupFiles, (m) => startupErrors.push(m));
  openFiles = async (paths) => {
    const errors: string[] = [];
    await openMapFiles(api.maps, paths, (m) => errors.push(m));
    notifyMapsChanged();
    showOpenErrors(errors);
  };
  const openScene = async (file: string) => {
    try {
      const message = await openSceneForWindow(api, api.maps, file);
      notifyMapsChanged();
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(SCENE_OPEN_CHANNEL, message);
    } catch (e) {
      showOpenErrors([e instanceof AtlasError ? e.message : `${file}: could not open (${(e as Error).message})`]);
    }
  };
  installAppMenu(() => mainWindow, openFiles, openScene);
  await createWindow();
  showOpenErrors(startupErrors);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
