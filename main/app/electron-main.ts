// Entry of the desktop app's main process: wires the setupX() pieces of main/app together. The
// handlers are the browser mode's (main/ipc/session.ts); security lives in window.ts and
// url-policy.ts.
import { app, dialog, session } from 'electron';
import type { BrowserWindow } from 'electron';
import type { InstanceData } from './args';
import { appPaths, bundleArg, secondInstanceBundle } from './args';
import { pickBundle, showAbout } from './dialogs';
import type { BundleKind } from './dialogs';
import { eventSender, setupIpc } from './ipc';
import { setupMenu } from './menu';
import { registerAppScheme, setupAppProtocol } from './protocol';
import { createDesktopSession } from './runs';
import { relaunchElevated } from '../acquire/windows/elevation';
import { defaultToolMap, Executor } from '../acquire/windows/executor';
import { createMainWindow, setupNavigationGuards, setupSessionSecurity } from './window';
import { windowsShell } from '../shell/shell-sessions';

const instanceData: InstanceData = { argv: process.argv, cwd: process.cwd() };

if (!app.requestSingleInstanceLock(instanceData)) {
  app.quit();
} else {
  registerAppScheme();
  start();
}

function start(): void {
  const dev = !app.isPackaged;
  const paths = appPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  let win: BrowserWindow | null = null;
  const getWindow = () => (win && !win.isDestroyed() ? win : null);

  const desktop = createDesktopSession(
    {
      mode: 'electron',
      version: app.getVersion(),
      ...(process.platform === 'win32'
        ? { shell: windowsShell(defaultToolMap()['powershell.exe']) }
        : {}),
      demoBundle: paths.demoBundle,
      emit: eventSender(getWindow),
      showOpenDialog: () => pickBundle(getWindow(), 'zip'),
      showSaveDialog: async (defaultName) => {
        const win = getWindow();
        const options = {
          defaultPath: defaultName,
          filters: [{ name: 'Support bundle', extensions: ['zip'] }],
        };
        const r = win
          ? await dialog.showSaveDialog(win, options)
          : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      relaunchElevated: async () => {
        const started = await relaunchElevated(
          new Executor(defaultToolMap()),
          process.execPath,
          process.argv.slice(1),
        );
        if (started) setTimeout(() => app.quit(), 500);
        return started;
      },
    },
    () => getWindow()?.webContents.reload(),
  );
  desktop.openInitial(bundleArg(process.argv));

  const openPicked = async (kind: BundleKind) => {
    const p = await pickBundle(getWindow(), kind);
    if (p) desktop.openFromMain((h) => h['run:open-path']({ path: p }));
  };
  const focus = () => {
    const w = getWindow();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.focus();
  };

  app.on('second-instance', (_event, argv, cwd, data) => {
    focus();
    const p = secondInstanceBundle(argv, cwd, data);
    if (p) desktop.openFromMain((h) => h['run:open-path']({ path: p }));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (e) => desktop.beforeQuit(e, () => app.quit()));
  setupNavigationGuards();

  void app.whenReady().then(() => {
    setupSessionSecurity(session.defaultSession);
    setupAppProtocol(paths.rendererDir);
    setupIpc(desktop.handlers, getWindow);
    setupMenu(
      {
        openZip: () => void openPicked('zip'),
        openFolder: () => void openPicked('folder'),
        openDemo: () => desktop.openFromMain((h) => h['run:open-demo'](null)),
        // The renderer owns the terminal pane and its Ctrl+` shortcut; the menu presses it.
        toggleTerminal: () => {
          const contents = getWindow()?.webContents;
          contents?.sendInputEvent({ type: 'keyDown', keyCode: '`', modifiers: ['control'] });
          contents?.sendInputEvent({ type: 'keyUp', keyCode: '`', modifiers: ['control'] });
        },
        about: () => void showAbout(getWindow(), app.getVersion()),
      },
      dev,
    );
    win = createMainWindow({ preload: paths.preload, dev });
    win.on('closed', () => {
      win = null;
    });
  });
}
