// Runs the main process starts on its own (start-up, menu, a second instance): the window reloads
// and the page picks the run up with `run:current`, which waits for the open in flight, exactly as
// the browser mode's start-up does. The channel map has no "run opened" event for this.
import type { RunView, InvokeChannels } from '../../shared/ipc/channels';
import { createSession } from '../ipc/session';
import type { SessionHost } from '../ipc/session';
import type { Handlers } from './ipc';

export interface DesktopSession {
  handlers: Handlers;
  /** Starts an open, then reloads the page so it shows the run (or its progress). */
  openFromMain(open: (h: Handlers) => Promise<RunView | null>): void;
  openInitial(bundle: string | null): void;
  /** Ends the interactive shells (they belong to the page: a reload starts afresh). */
  closeShells(): Promise<void>;
  /** `before-quit`: the first quit waits for the shells to end, then quits again. */
  beforeQuit(event: { preventDefault(): void }, quit: () => void): void;
}

export function createDesktopSession(host: SessionHost, reloadPage: () => void): DesktopSession {
  const session = createSession(host);
  let pending: Promise<unknown> = Promise.resolve();
  const handlers: Handlers = {
    ...session.handlers,
    'run:current': async (req: InvokeChannels['run:current']['req']) => {
      await pending;
      return session.handlers['run:current'](req);
    },
  };
  const openFromMain = (open: (h: Handlers) => Promise<RunView | null>) => {
    // Failures are logged by the session (log:line); run:current then keeps the previous run.
    pending = open(session.handlers).catch(() => null);
    void session.closeShells();
    reloadPage();
  };
  let shellsClosed = false;
  return {
    handlers,
    openFromMain,
    closeShells: session.closeShells,
    beforeQuit: (event, quit) => {
      if (shellsClosed) return;
      event.preventDefault();
      void session.closeShells().finally(() => {
        shellsClosed = true;
        quit();
      });
    },
    openInitial: (bundle) => openFromMain(() => session.openInitial(bundle ?? undefined)),
  };
}
