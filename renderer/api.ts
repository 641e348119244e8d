// The only module that talks to the main process: Electron's preload (`window.api`) when present,
// otherwise the browser-mode HTTP bridge (same channel map, same handlers).
import type {
  EventChannel,
  EventChannels,
  InvokeChannel,
  InvokeChannels,
  RendererApi,
} from '../shared/ipc/channels';
import { EVENT_CHANNELS } from '../shared/ipc/channels';

declare global {
  interface Window {
    api?: RendererApi;
  }
}

function httpBridge(): RendererApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const connect = () => {
    if (source) return;
    source = new EventSource('/api/events');
    for (const name of Object.keys(EVENT_CHANNELS)) {
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
        listeners.get(name)?.forEach((l) => l(payload));
      });
    }
  };
  return {
    async invoke<C extends InvokeChannel>(channel: C, req: InvokeChannels[C]['req']) {
      const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(req),
        credentials: 'same-origin',
      });
      const body = (await res.json()) as { ok?: boolean; value?: unknown; error?: string };
      if (!res.ok || !body.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      return body.value as InvokeChannels[C]['res'];
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void) {
      connect();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
}

export const api: RendererApi = window.api ?? httpBridge();

/** True in the browser mode (uploads instead of native dialogs). */
export const isBrowserMode = window.api === undefined;

/** Browser mode: uploads picked or dropped files as one bundle; returns the upload id. */
export async function uploadBundle(files: { file: File; path: string }[]): Promise<string> {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  for (const { file, path } of files) {
    const res = await fetch(`/api/upload?id=${id}&path=${encodeURIComponent(path)}`, {
      method: 'PUT',
      body: file,
      credentials: 'same-origin',
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      throw new Error(`${path}: ${body.error ?? `upload failed (HTTP ${res.status})`}`);
    }
  }
  return id;
}
