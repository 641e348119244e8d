// Registers every channel of the shared map with ipcMain (STYLE principle 8). Each call is checked
// against the sender before a handler runs; answers travel as { ok, value | error } so the
// renderer sees a plain message, never a main-process stack.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { EventChannels, InvokeChannel } from '../../shared/ipc/channels';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import type { InvokeResult } from '../../preload/allowlist';
import type { createSession } from '../ipc/session';
import { isTrustedSender } from './url-policy';

export type Handlers = ReturnType<typeof createSession>['handlers'];
type GetWindow = () => BrowserWindow | null;

function senderOk(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(
    {
      webContentsId: event.sender.id,
      frameUrl: frame?.url ?? null,
      isMainFrame: frame?.parent === null,
    },
    win ? win.webContents.id : null,
  );
}

export function setupIpc(handlers: Handlers, getWindow: GetWindow): void {
  for (const channel of Object.keys(INVOKE_CHANNELS) as InvokeChannel[]) {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    ipcMain.handle(channel, async (event, req: unknown): Promise<InvokeResult> => {
      if (!senderOk(event, getWindow())) {
        return {
          ok: false,
          error: `${channel}: refused, the sender is not the NDES Doctor window`,
        };
      }
      try {
        return { ok: true, value: await handler(req ?? null) };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    });
  }
}

/** SessionHost.emit for the desktop app: events go to our window only. */
export function eventSender(getWindow: GetWindow) {
  return <E extends keyof EventChannels>(event: E, payload: EventChannels[E]): void => {
    const win = getWindow();
    if (win && !win.webContents.isDestroyed()) win.webContents.send(event, payload);
  };
}
