// The run log shown in the terminal pane (kept here so it survives the pane being hidden).
import { create } from 'zustand';
import type { LogEvent } from '../../shared/ipc/channels';

const MAX_LINES = 5000;

interface TerminalState {
  lines: LogEvent[];
  /** Increments on every append, so the pane can write only what is new. */
  seq: number;
  append(e: LogEvent): void;
}

export const useTerminal = create<TerminalState>((set) => ({
  lines: [],
  seq: 0,
  append: (e) =>
    set((st) => ({
      lines:
        st.lines.length >= MAX_LINES ? [...st.lines.slice(-MAX_LINES + 1), e] : [...st.lines, e],
      seq: st.seq + 1,
    })),
}));
