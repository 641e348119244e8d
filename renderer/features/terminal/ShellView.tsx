// The terminal pane's shell tab: one interactive shell of the main process, fed keystrokes and
// pastes, resized with the pane, with a way to start a new one after it ends.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { createPaneTerminal } from './xterm';
import type { PaneTerminal } from './xterm';

/** The interactive shell: started when its tab is first opened, ended with the pane. */
export function ShellView({
  hidden,
  onReady,
}: {
  hidden: boolean;
  onReady: (p: PaneTerminal) => void;
}) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [generation, setGeneration] = useState(0);
  const [exited, setExited] = useState<number | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const pane = createPaneTerminal(host.current, { cursorBlink: true, rows: 8 });
    onReady(pane);
    pane.fit();
    let id: number | null = null;
    let closed = false;
    const offOutput = api.on('shell:output', (e) => {
      if (e.id === id) pane.term.write(e.data);
    });
    const offExit = api.on('shell:exit', (e) => {
      if (e.id !== id) return;
      id = null;
      setExited(e.exitCode);
    });
    const input = pane.term.onData((data) => {
      if (id !== null) void api.invoke('shell:input', { id, data }).catch(() => {});
    });
    const resize = pane.term.onResize(({ cols, rows }) => {
      if (id !== null) void api.invoke('shell:resize', { id, cols, rows }).catch(() => {});
    });
    api
      .invoke('shell:start', { cols: pane.term.cols, rows: pane.term.rows })
      .then((r) => {
        if (closed) void api.invoke('shell:stop', { id: r.id }).catch(() => {});
        else id = r.id;
      })
      .catch((err: Error) => pane.term.writeln(`\x1b[31m${err.message}\x1b[0m`));
    const stop = () => {
      if (id !== null) void api.invoke('shell:stop', { id }).catch(() => {});
    };
    window.addEventListener('beforeunload', stop);
    return () => {
      closed = true;
      window.removeEventListener('beforeunload', stop);
      stop();
      offOutput();
      offExit();
      input.dispose();
      resize.dispose();
      pane.dispose();
    };
  }, [generation]);
  return (
    <div className="terminal-shell" hidden={hidden}>
      {exited !== null && (
        <div className="terminal-exited" data-shell-exited={exited}>
          {t('terminal.exited', { code: exited })}{' '}
          <button
            type="button"
            data-action="shell-restart"
            onClick={() => {
              setExited(null);
              setGeneration((g) => g + 1);
            }}
          >
            {t('terminal.restart')}
          </button>
        </div>
      )}
      <div ref={host} className="terminal-host" data-terminal="shell" key={generation} />
    </div>
  );
}
