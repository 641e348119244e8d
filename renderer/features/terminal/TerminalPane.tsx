// xterm pane showing the run log live (fix wizards will stream their commands here too).
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { useTranslation } from 'react-i18next';
import { useTerminal } from '../../stores/terminal';

const COLORS = { info: '', warn: '\x1b[33m', error: '\x1b[31m' } as const;

export function TerminalPane() {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    const term = new Terminal({
      convertEol: true,
      disableStdin: true,
      fontSize: 12,
      rows: 8,
      theme: dark
        ? { background: '#0d1117' }
        : { background: '#f6f8fa', foreground: '#1f2328', cursor: '#f6f8fa' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current);
    const write = (count: number) => {
      const lines = useTerminal.getState().lines;
      for (const l of lines.slice(Math.max(0, lines.length - count))) {
        term.writeln(`${COLORS[l.level]}${l.text}${l.level === 'info' ? '' : '\x1b[0m'}`);
      }
    };
    let seq = useTerminal.getState().seq;
    write(useTerminal.getState().lines.length);
    const unsub = useTerminal.subscribe((s) => {
      if (s.seq > seq) write(s.seq - seq);
      seq = s.seq;
    });
    const ro = new ResizeObserver(() => fit.fit());
    ro.observe(host.current);
    return () => {
      unsub();
      ro.disconnect();
      term.dispose();
    };
  }, []);
  return (
    <section className="terminal" aria-label={t('terminal.label')}>
      <div ref={host} className="terminal-host" data-terminal />
    </section>
  );
}
