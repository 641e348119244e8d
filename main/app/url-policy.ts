// Which URLs and senders count as the app itself. The renderer is served from app://ndes-doctor/
// (a privileged custom scheme instead of file://, Electron security checklist item 18), so another
// local file or a web page can neither call the main process nor be loaded in the window.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ndes-doctor';
export const APP_INDEX_PATH = '/index.html';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}${APP_INDEX_PATH}`;

function parse(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isAppOrigin(u: URL): boolean {
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** True for the renderer's own page (query and fragment ignored). */
export function isAppPageUrl(url: string | null | undefined): boolean {
  const u = parse(url);
  return u !== null && isAppOrigin(u) && u.pathname === APP_INDEX_PATH;
}

/** What the main process knows about the sender of an IPC message. */
export interface SenderInfo {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame?.url`; null when the frame is gone. */
  frameUrl: string | null;
  /** False for a message from a sub-frame. */
  isMainFrame: boolean;
}

/**
 * True when an IPC message comes from the app's page in our window: the right webContents, its
 * top frame, showing the app's own URL. Anything else (a devtools extension page, another window,
 * a frame that navigated away) is refused before a handler runs.
 */
export function isTrustedSender(sender: SenderInfo, windowWebContentsId: number | null): boolean {
  return (
    windowWebContentsId !== null &&
    sender.webContentsId === windowWebContentsId &&
    sender.isMainFrame &&
    isAppPageUrl(sender.frameUrl)
  );
}

/** The URL to hand to the system browser: https only (never file:, http:, custom schemes). */
export function externalHttpsUrl(url: string): string | null {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username !== '' || u.password !== '') return null;
  return u.href;
}

/**
 * Maps an app:// URL to a file of the built renderer, or null when it is not one (other host,
 * `..` escapes, encoded separators, NUL bytes).
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  const u = parse(url);
  if (!u || !isAppOrigin(u)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\\') || rel.includes('\0') || rel.includes(':')) return null;
  rel = rel === '/' ? 'index.html' : rel.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}
