// The preload's allowlist, derived from the one channel map (STYLE principle 8): INVOKE_CHANNELS
// and EVENT_CHANNELS are exhaustive records, so the renderer can reach exactly the channels of
// shared/ipc/channels.ts. Pure, so tests load it without Electron.
import type { EventChannel, InvokeChannel } from '../shared/ipc/channels';
import { isEventChannel, isInvokeChannel } from '../shared/ipc/channels';

/** How a main-process handler answers over IPC: the value, or a plain error message. */
export type InvokeResult<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

export function isAllowedInvoke(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && isInvokeChannel(name);
}

export function isAllowedEvent(name: unknown): name is EventChannel {
  return typeof name === 'string' && isEventChannel(name);
}

/**
 * Turns a handler's answer into its value or a thrown Error with just the handler's message
 * (Electron would otherwise prefix "Error invoking remote method …" and the main-process stack).
 */
export function unwrapResult(result: unknown): unknown {
  const r = result as Partial<{ ok: boolean; value: unknown; error: unknown }> | null;
  if (r && r.ok === true) return r.value;
  if (r && r.ok === false && typeof r.error === 'string') throw new Error(r.error);
  throw new Error('malformed answer from the main process');
}
