// The run history's public surface for the CLI, the IPC handlers and the bench (main process only).
export { openStore } from './db';
export { defaultDbPath } from './location';
export { readsOf } from './runs';
export { runsCommand, runsUsage, storeDiagnosis } from './cli-runs';
export type { RunsIo } from './cli-runs';
export { StoreError } from './errors';
export type * from './types';
