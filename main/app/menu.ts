// The application menu. Reload and DevTools exist only in development builds (the packaged app
// also has devTools disabled in its webPreferences).
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

const strings = {
  file: '&File',
  openZip: 'Open bundle…',
  openFolder: 'Open bundle folder…',
  openDemo: 'Open demo host',
  quit: 'Quit',
  view: '&View',
  toggleTerminal: 'Toggle terminal',
  reload: 'Reload',
  toggleDevTools: 'Toggle DevTools',
  help: '&Help',
  about: 'About NDES Doctor',
};

export interface MenuActions {
  openZip(): void;
  openFolder(): void;
  openDemo(): void;
  toggleTerminal(): void;
  about(): void;
}

/** The renderer's own shortcut for the terminal pane; the menu item presses it (see electron-main). */
export const TERMINAL_SHORTCUT = 'Ctrl+`';

export function setupMenu(actions: MenuActions, dev: boolean): void {
  const devItems: MenuItemConstructorOptions[] = dev
    ? [
        { type: 'separator' },
        { label: strings.reload, role: 'reload' },
        { label: strings.toggleDevTools, role: 'toggleDevTools' },
      ]
    : [];
  const template: MenuItemConstructorOptions[] = [
    {
      label: strings.file,
      submenu: [
        { label: strings.openZip, accelerator: 'CmdOrCtrl+O', click: () => actions.openZip() },
        { label: strings.openFolder, click: () => actions.openFolder() },
        { label: strings.openDemo, click: () => actions.openDemo() },
        { type: 'separator' },
        { label: strings.quit, role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: strings.view,
      submenu: [
        {
          label: strings.toggleTerminal,
          accelerator: TERMINAL_SHORTCUT,
          // The key itself goes to the page, which toggles the pane; registering it here would
          // toggle twice.
          registerAccelerator: false,
          click: () => actions.toggleTerminal(),
        },
        ...devItems,
      ],
    },
    { label: strings.help, submenu: [{ label: strings.about, click: () => actions.about() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
