/**
 * The Electron shell, kept thin: one window with a sandboxed, context-isolated renderer, the IPC handlers, and
 * nothing else. Everything it calls is plain Node code tested without Electron.
 */
import { BrowserWindow, app, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerIpc } from './ipc';
import { rendererDir } from './services/app-paths';
import { createAtlasService } from './services/create-service';
import { CONTENT_SECURITY_POLICY } from './web-server';

const indexHtml = join(rendererDir(), 'index.html');
const appUrlPrefix = pathToFileURL(rendererDir()).href;
const isTrustedUrl = (url: string) => url.startsWith(appUrlPrefix);

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
    },
  });
  // Links open in the system browser; the window never navigates away from the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  await win.loadFile(indexHtml);
}

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const api = await createAtlasService();
  registerIpc(ipcMain, api, isTrustedUrl);
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
