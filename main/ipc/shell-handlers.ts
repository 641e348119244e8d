// The terminal pane's interactive shell channels. A shell is offered only when the host gives one:
// the desktop app on Windows (node-pty / ConPTY). The browser mode never does: a shell on the NDES
// server must not be reachable over HTTP, even on 127.0.0.1 with a token.
import type { ShellInfo } from '../../shared/ipc/channels';
import { ShellSessions } from '../shell/shell-sessions';
import type { Handlers, SessionContext } from './session';

type ShellChannels = 'shell:info' | 'shell:start' | 'shell:input' | 'shell:resize' | 'shell:stop';

export function shellHandlers(ctx: SessionContext): {
  handlers: Pick<Handlers, ShellChannels>;
  closeAll(): void;
} {
  const option = ctx.host.mode === 'electron' ? ctx.host.shell : undefined;
  const sessions = option ? new ShellSessions(option, ctx.host.emit) : null;
  const info = (): ShellInfo => {
    if (sessions) return { available: true, label: sessions.label, reason: null };
    const reason =
      (ctx.host.platform ?? process.platform) !== 'win32'
        ? 'not-windows'
        : ctx.host.mode === 'browser'
          ? 'browser-mode'
          : 'no-pty';
    return { available: false, label: null, reason };
  };
  const need = (): ShellSessions => {
    if (!sessions) throw new Error(`No interactive shell here (${info().reason}).`);
    return sessions;
  };
  return {
    handlers: {
      'shell:info': async () => info(),
      'shell:start': async ({ cols, rows }) => ({ id: need().start(cols, rows) }),
      'shell:input': async ({ id, data }) => (need().input(id, data), null),
      'shell:resize': async ({ id, cols, rows }) => (need().resize(id, cols, rows), null),
      'shell:stop': async ({ id }) => (need().stop(id), null),
    },
    closeAll: () => sessions?.closeAll(),
  };
}
