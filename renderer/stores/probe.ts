// The SCEP probe panel: which URLs to probe (kept in settings), options, and the reports.
import { create } from 'zustand';
import type { ProbeReport } from '../../shared/probe/types';
import { api } from '../api';

interface ProbeState {
  urls: string[];
  enroll: boolean;
  challenge: string;
  running: string | null;
  reports: Record<string, ProbeReport>;
  errors: Record<string, string>;
  load(): Promise<void>;
  setUrls(urls: string[]): Promise<void>;
  setEnroll(v: boolean): void;
  setChallenge(v: string): void;
  run(url: string, raThumbprints: string[]): Promise<void>;
}

export const useProbe = create<ProbeState>((set, get) => ({
  urls: [],
  enroll: false,
  challenge: '',
  running: null,
  reports: {},
  errors: {},
  load: async () => set({ urls: (await api.invoke('settings:get', null)).probeUrls }),
  setUrls: async (urls) =>
    set({ urls: (await api.invoke('settings:set', { probeUrls: urls })).probeUrls }),
  setEnroll: (enroll) => set({ enroll }),
  setChallenge: (challenge) => set({ challenge }),
  run: async (url, raThumbprints) => {
    set({ running: url });
    try {
      const { enroll, challenge } = get();
      const report = await api.invoke('probe:run', {
        url,
        enroll,
        challenge: challenge || null,
        raThumbprints,
      });
      set((s) => ({
        reports: { ...s.reports, [url]: report },
        errors: { ...s.errors, [url]: '' },
      }));
    } catch (err) {
      set((s) => ({ errors: { ...s.errors, [url]: (err as Error).message } }));
    } finally {
      set({ running: null });
    }
  },
}));
