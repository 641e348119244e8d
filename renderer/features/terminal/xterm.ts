// One xterm set-up for both tabs of the terminal pane: theme from the OS, fitted to its box, and
// copy/paste the way Windows consoles do it (Ctrl+Shift+C/V; Ctrl+C copies when text is selected;
// a right click copies the selection, or pastes when there is none).
import { Terminal } from '@xterm/xterm';
import type { ITerminalInitOnlyOptions, ITerminalOptions } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

export interface PaneTerminal {
  term: Terminal;
  fit(): void;
  copy(): Promise<void>;
  paste(): Promise<void>;
  dispose(): void;
}

export function createPaneTerminal(
  host: HTMLElement,
  opts: ITerminalOptions &
    ITerminalInitOnlyOptions & {
      /** Text copied when nothing is selected. */ allText?: () => string;
    },
): PaneTerminal {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const { allText, ...termOpts } = opts;
  const term = new Terminal({
    fontSize: 12,
    rows: 8,
    theme: dark
      ? { background: '#0d1117' }
      : {
          background: '#f6f8fa',
          foreground: '#1f2328',
          cursor: '#1f2328',
          selectionBackground: '#b6d7ff',
        },
    ...termOpts,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.open(host);
  const copy = async () => {
    const text = term.getSelection() || allText?.() || '';
    if (text) await navigator.clipboard.writeText(text);
  };
  const paste = async () => {
    if (termOpts.disableStdin) return;
    const text = await navigator.clipboard.readText();
    if (text) term.paste(text);
    term.focus();
  };
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown') return true;
    const key = e.key.toLowerCase();
    if (e.ctrlKey && e.shiftKey && key === 'c') return (void copy(), false);
    if (e.ctrlKey && e.shiftKey && key === 'v') return (void paste(), false);
    if (e.ctrlKey && !e.shiftKey && key === 'c' && term.hasSelection()) {
      void copy().then(() => term.clearSelection());
      return false;
    }
    return true;
  });
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    if (term.hasSelection()) void copy().then(() => term.clearSelection());
    else void paste();
  };
  host.addEventListener('contextmenu', onContextMenu);
  const fit = () => {
    // A hidden tab has no size: fitting it would shrink the terminal to nothing.
    if (host.offsetWidth > 0 && host.offsetHeight > 0) fitAddon.fit();
  };
  const ro = new ResizeObserver(fit);
  ro.observe(host);
  return {
    term,
    fit,
    copy,
    paste,
    dispose: () => {
      ro.disconnect();
      host.removeEventListener('contextmenu', onContextMenu);
      term.dispose();
    },
  };
}
