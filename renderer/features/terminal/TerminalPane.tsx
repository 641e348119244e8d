// The terminal pane: the run and fix log (every system), and on the NDES server in the desktop app
// an interactive PowerShell (ConPTY) with copy/paste and resize. Elsewhere it says why there is none.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShellInfo } from '../../../shared/ipc/channels';
import { api } from '../../api';
import { useTerminal } from '../../stores/terminal';
import { createPaneTerminal } from './xterm';
import type { PaneTerminal } from './xterm';

const COLORS = { info: '', warn: '\x1b[33m', error: '\x1b[31m' } as const;

type PaneTab = 'log' | 'shell';

export function TerminalPane() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<ShellInfo | null>(null);
  const [tab, setTab] = useState<PaneTab>('log');
  const [shellOpened, setShellOpened] = useState(false);
  const active = useRef<PaneTerminal | null>(null);
  const log = useRef<PaneTerminal | null>(null);
  const shell = useRef<PaneTerminal | null>(null);

  useEffect(() => {
    api
      .invoke('shell:info', null)
      .then(setInfo)
      .catch(() => setInfo(null));
  }, []);
  useEffect(() => {
    active.current = tab === 'log' ? log.current : shell.current;
    active.current?.fit();
    active.current?.term.focus();
  }, [tab, shellOpened]);

  const choose = (next: PaneTab) => {
    if (next === 'shell') setShellOpened(true);
    setTab(next);
  };
  return (
    <section className="terminal" aria-label={t('terminal.label')} data-terminal-tab={tab}>
      <div className="terminal-bar">
        <div role="tablist" aria-label={t('terminal.label')}>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'log'}
            className={tab === 'log' ? 'tab active' : 'tab'}
            data-terminal-show="log"
            onClick={() => choose('log')}
          >
            {t('terminal.log')}
          </button>
          {info?.available && (
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'shell'}
              className={tab === 'shell' ? 'tab active' : 'tab'}
              data-terminal-show="shell"
              onClick={() => choose('shell')}
            >
              {info.elevated ? t('terminal.elevated', { label: info.label }) : info.label}
            </button>
          )}
        </div>
        {info?.available && info.elevated === false && (
          <span className="muted" data-shell-not-elevated>
            {t('terminal.notElevated')}
          </span>
        )}
        {info && !info.available && info.reason && (
          <span className="muted" data-shell-unavailable={info.reason}>
            {t(`terminal.noShell.${info.reason}`)}
          </span>
        )}
        <span className="spacer" />
        <button
          type="button"
          data-action="terminal-copy"
          title={t('terminal.copyHint')}
          onClick={() => void active.current?.copy()}
        >
          {t('terminal.copy')}
        </button>
        {tab === 'shell' && (
          <button
            type="button"
            data-action="terminal-paste"
            title={t('terminal.pasteHint')}
            onClick={() => void active.current?.paste()}
          >
            {t('terminal.paste')}
          </button>
        )}
      </div>
      <div className="terminal-views">
        <LogView hidden={tab !== 'log'} onReady={(p) => (log.current = p)} />
        {shellOpened && <ShellView hidden={tab !== 'shell'} onReady={(p) => (shell.current = p)} />}
      </div>
    </section>
  );
}

/** The run and fix log, kept in the terminal store so it survives the pane being hidden. */
function LogView({ hidden, onReady }: { hidden: boolean; onReady: (p: PaneTerminal) => void }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const pane = createPaneTerminal(host.current, {
      convertEol: true,
      disableStdin: true,
      allText: () =>
        useTerminal
          .getState()
          .lines.map((l) => l.text)
          .join('\n'),
    });
    onReady(pane);
    const write = (count: number) => {
      const lines = useTerminal.getState().lines;
      for (const l of lines.slice(Math.max(0, lines.length - count))) {
        pane.term.writeln(`${COLORS[l.level]}${l.text}${l.level === 'info' ? '' : '\x1b[0m'}`);
      }
    };
    let seq = useTerminal.getState().seq;
    write(useTerminal.getState().lines.length);
    const unsub = useTerminal.subscribe((s) => {
      if (s.seq > seq) write(s.seq - seq);
      seq = s.seq;
    });
    return () => {
      unsub();
      pane.dispose();
    };
  }, []);
  return <div ref={host} className="terminal-host" data-terminal="log" hidden={hidden} />;
}

/** The interactive shell: started when its tab is first opened, ended with the pane. */
function ShellView({ hidden, onReady }: { hidden: boolean; onReady: (p: PaneTerminal) => void }) {
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
