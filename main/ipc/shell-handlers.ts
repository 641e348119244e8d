// The terminal pane's interactive shell channels. A shell is offered only when the host gives one:
// the desktop app on Windows (node-pty / ConPTY). The browser mode never does: a shell on the NDES
// server must not be reachable over HTTP, even on 127.0.0.1 with a token.
import type { ShellInfo } from '../../shared/ipc/channels';
import { ShellSessions } from '../shell/shell-sessions';
import type { Handlers, SessionContext } from './session';
import { detectElevation } from '../acquire/windows/elevation';
import { defaultToolMap, Executor } from '../acquire/windows/executor';

type ShellChannels = 'shell:info' | 'shell:start' | 'shell:input' | 'shell:resize' | 'shell:stop';

export function shellHandlers(ctx: SessionContext): {
  handlers: Pick<Handlers, ShellChannels>;
  /** Ends every shell; resolves once they have all reported their end. */
  closeAll(): Promise<void>;
} {
  const option = ctx.host.mode === 'electron' ? ctx.host.shell : undefined;
  const sessions = option ? new ShellSessions(option, ctx.host.emit) : null;
  // The shell has the app's rights: asked once, on Windows, the way live collection asks.
  let elevated: Promise<boolean | null> | null = null;
  const isElevated = () =>
    (elevated ??=
      (ctx.host.platform ?? process.platform) === 'win32'
        ? detectElevation(new Executor(defaultToolMap())).catch(() => null)
        : Promise.resolve(null));
  const info = async (): Promise<ShellInfo> => {
    if (sessions)
      return { available: true, label: sessions.label, elevated: await isElevated(), reason: null };
    const reason =
      (ctx.host.platform ?? process.platform) !== 'win32'
        ? 'not-windows'
        : ctx.host.mode === 'browser'
          ? 'browser-mode'
          : 'no-pty';
    return { available: false, label: null, elevated: null, reason };
  };
  const need = async (): Promise<ShellSessions> => {
    if (!sessions) throw new Error(`No interactive shell here (${(await info()).reason}).`);
    return sessions;
  };
  return {
    handlers: {
      'shell:info': info,
      'shell:start': async ({ cols, rows }) => ({ id: (await need()).start(cols, rows) }),
      'shell:input': async ({ id, data }) => ((await need()).input(id, data), null),
      'shell:resize': async ({ id, cols, rows }) => ((await need()).resize(id, cols, rows), null),
      'shell:stop': async ({ id }) => ((await need()).stop(id), null),
    },
    closeAll: async () => {
      sessions?.closeAll();
      await sessions?.ended();
    },
  };
}
