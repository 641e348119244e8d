// The main window and the guards every page gets (STYLE principle 9, Electron's security
// checklist): sandboxed renderer without Node, strict CSP, no navigation, no new windows, no
// permissions. Links to https pages open in the system browser; nothing else leaves the app.
import { app, BrowserWindow, shell } from 'electron';
import type { Session } from 'electron';
import { CSP } from '../web/static';
import { APP_INDEX_URL, externalHttpsUrl, isAppPageUrl } from './url-policy';

function openExternally(url: string): void {
  const safe = externalHttpsUrl(url);
  if (safe) void shell.openExternal(safe);
}

/** Session-wide: CSP on every http(s) response, every permission request and check refused. */
export function setupSessionSecurity(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] },
    });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** App-wide: applies to every webContents Electron creates, including ones we did not expect. */
export function setupNavigationGuards(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      openExternally(event.url);
    });
    contents.on('will-redirect', (event) => {
      if (!isAppPageUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });
}

export function createMainWindow(o: { preload: string; dev: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    title: 'NDES Doctor',
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: o.dev,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX_URL);
  return win;
}
