// The terminal pane's log tab: the run and fix log from the terminal store, read-only, copyable.
import { useEffect, useRef } from 'react';
import { useTerminal } from '../../stores/terminal';
import { createPaneTerminal } from './xterm';
import type { PaneTerminal } from './xterm';

const COLORS = { info: '', warn: '\x1b[33m', error: '\x1b[31m' } as const;

/** The run and fix log, kept in the terminal store so it survives the pane being hidden. */
export function LogView({
  hidden,
  onReady,
}: {
  hidden: boolean;
  onReady: (p: PaneTerminal) => void;
}) {
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
