// The terminal pane: the run and fix log (every system), and on the NDES server in the desktop app
// an interactive PowerShell (ConPTY) with copy/paste and resize. Elsewhere it says why there is none.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShellInfo } from '../../../shared/ipc/channels';
import { api } from '../../api';
import type { PaneTerminal } from './xterm';
import { LogView } from './LogView';
import { ShellView } from './ShellView';

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
  const tabs: [PaneTab, string][] = [['log', t('terminal.log')]];
  if (info?.available)
    tabs.push([
      'shell',
      info.elevated ? t('terminal.elevated', { label: info.label }) : (info.label ?? ''),
    ]);
  return (
    <section className="terminal" aria-label={t('terminal.label')} data-terminal-tab={tab}>
      <div className="terminal-bar">
        <div role="tablist" aria-label={t('terminal.label')}>
          {tabs.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={tab === id ? 'tab active' : 'tab'}
              data-terminal-show={id}
              onClick={() => choose(id)}
            >
              {label}
            </button>
          ))}
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
