// The run history: stored runs, the two picked for comparison, and their difference.
import { create } from 'zustand';
import type { RunListItem } from '../../shared/ipc/channels';
import type { RunDiff } from '../../shared/engine/compare';
import { api } from '../api';
import { useRun } from './run';

interface HistoryState {
  runs: RunListItem[];
  total: number;
  notice: string | null;
  database: string | null;
  error: string | null;
  picked: number[];
  diff: RunDiff | null;
  diffIds: [number, number] | null;
  load(): Promise<void>;
  pick(id: number): void;
  compare(): Promise<void>;
  closeCompare(): void;
  open(id: number): Promise<void>;
  rejudge(id: number): Promise<void>;
  remove(id: number): Promise<void>;
}

export const useHistory = create<HistoryState>((set, get) => ({
  runs: [],
  total: 0,
  notice: null,
  database: null,
  error: null,
  picked: [],
  diff: null,
  diffIds: null,
  load: async () => {
    try {
      const r = await api.invoke('runs:list', { host: null, limit: 200, offset: 0 });
      set({ runs: r.runs, total: r.total, notice: r.notice, database: r.database, error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  // Keeps the two most recently picked runs, older first (before → after).
  pick: (id) =>
    set((s) => {
      const picked = s.picked.includes(id)
        ? s.picked.filter((x) => x !== id)
        : [...s.picked, id].slice(-2);
      return { picked: [...picked].sort((a, b) => a - b) };
    }),
  compare: async () => {
    const [a, b] = get().picked;
    if (a === undefined || b === undefined) return;
    try {
      set({ diff: await api.invoke('runs:diff', { a, b }), diffIds: [a, b], error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  closeCompare: () => set({ diff: null, diffIds: null }),
  open: (id) => useRun.getState().openStored(id),
  rejudge: async (id) => {
    await useRun.getState().rejudgeStored(id);
    await get().load();
  },
  remove: async (id) => {
    await api.invoke('runs:delete', { id });
    set((s) => ({ picked: s.picked.filter((x) => x !== id) }));
    await get().load();
  },
}));
