// The sandboxed preload: exposes `window.api` (RendererApi) and nothing else. Only channels of the
// shared map pass; the IpcRendererEvent (and with it ipcRenderer) never reaches the page.
// Bundled to dist/preload.cjs because a sandboxed preload can only require 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { EventChannels, InvokeChannels, RendererApi } from '../shared/ipc/channels';
import { isAllowedEvent, isAllowedInvoke, unwrapResult } from './allowlist';

const api: RendererApi & { platform: string } = {
  async invoke(channel, req) {
    if (!isAllowedInvoke(channel)) throw new Error(`unknown channel ${String(channel)}`);
    const result: unknown = await ipcRenderer.invoke(channel, req);
    return unwrapResult(result) as InvokeChannels[typeof channel]['res'];
  },
  on(event, listener) {
    if (!isAllowedEvent(event)) throw new Error(`unknown event ${String(event)}`);
    const forward = (_e: IpcRendererEvent, payload: EventChannels[typeof event]) =>
      listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('api', api);
