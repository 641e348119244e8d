// Native dialogs of the desktop app. Windows cannot pick "a file or a folder" in one dialog, so a
// zip bundle and a bundle folder have one dialog each.
import { dialog } from 'electron';
import type { BrowserWindow, MessageBoxOptions, OpenDialogOptions } from 'electron';

const strings = {
  openZipTitle: 'Open a bundle (.zip)',
  zipFilter: 'NDES Doctor bundle',
  openFolderTitle: 'Open a bundle folder',
  aboutTitle: 'About NDES Doctor',
  aboutDetail:
    'Diagnoses Windows NDES / Intune SCEP servers from a bundle of raw artifacts collected on the server.',
};

export type BundleKind = 'zip' | 'folder';

/** Shows the open dialog; the chosen path, or null when cancelled. */
export async function pickBundle(
  win: BrowserWindow | null,
  kind: BundleKind,
): Promise<string | null> {
  const options: OpenDialogOptions =
    kind === 'zip'
      ? {
          title: strings.openZipTitle,
          properties: ['openFile'],
          filters: [{ name: strings.zipFilter, extensions: ['zip'] }],
        }
      : { title: strings.openFolderTitle, properties: ['openDirectory'] };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

export async function showAbout(win: BrowserWindow | null, version: string): Promise<void> {
  const v = process.versions;
  const options: MessageBoxOptions = {
    type: 'info',
    title: strings.aboutTitle,
    message: `NDES Doctor ${version}`,
    detail: `${strings.aboutDetail}\n\nElectron ${v.electron}, Chromium ${v.chrome}, Node.js ${v.node}`,
    buttons: ['OK'],
  };
  if (win) await dialog.showMessageBox(win, options);
  else await dialog.showMessageBox(options);
}
