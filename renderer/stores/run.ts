// The current diagnosis: loading / ready / error, its progress, and how to open another bundle.
import { create } from 'zustand';
import type { ProgressEvent, RunView } from '../../shared/ipc/channels';
import { api, uploadBundle } from '../api';

export type AppState = 'loading' | 'ready' | 'error';

interface RunState {
  appState: AppState;
  run: RunView | null;
  error: string | null;
  progress: ProgressEvent | null;
  /** Loads the run the main process opened at start-up (demo or --bundle). */
  init(): Promise<void>;
  openDemo(): Promise<void>;
  openDialog(): Promise<void>;
  openFiles(files: { file: File; path: string }[]): Promise<void>;
  cancel(): Promise<void>;
  openStored(id: number): Promise<void>;
  openLive(): Promise<void>;
  rejudgeStored(id: number): Promise<void>;
  setProgress(p: ProgressEvent): void;
}

export const useRun = create<RunState>((set, get) => {
  const attempt = async (load: () => Promise<RunView | null>) => {
    const previous = get().run;
    set({ appState: 'loading', error: null, progress: null });
    try {
      const run = await load();
      if (run) set({ appState: 'ready', run, progress: null });
      else set({ appState: previous ? 'ready' : 'error', run: previous });
    } catch (err) {
      set({ appState: 'error', error: (err as Error).message, progress: null });
    }
  };
  return {
    appState: 'loading',
    run: null,
    error: null,
    progress: null,
    init: () =>
      attempt(
        async () =>
          (await api.invoke('run:current', null)) ?? (await api.invoke('run:open-demo', null)),
      ),
    openDemo: () => attempt(() => api.invoke('run:open-demo', null)),
    openDialog: () => attempt(() => api.invoke('run:open-dialog', null)),
    openFiles: (files) =>
      attempt(async () => {
        const uploadId = await uploadBundle(files);
        return api.invoke('run:open-upload', { uploadId });
      }),
    openStored: (id) => attempt(() => api.invoke('runs:open', { id })),
    openLive: () => attempt(() => api.invoke('live:diagnose', null)),
    rejudgeStored: (id) => attempt(() => api.invoke('runs:rejudge', { id })),
    cancel: async () => {
      await api.invoke('run:cancel', null);
    },
    setProgress: (p) => set({ progress: p }),
  };
});
