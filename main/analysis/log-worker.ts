// Worker thread that streams a bundle's IIS and HTTPERR logs through the accumulators while the
// main thread parses every other artifact: on a 2-core NDES server the two run side by side.
import { parentPort, workerData } from 'node:worker_threads';
import { BundleError, openBundle } from '../acquire/bundle/reader';
import type { BundleSource } from '../acquire/bundle/reader';
import { readFileChunks } from './line-stream';
import { accumulatorFor, bundleOpener, feedLogSet, readsFromDisk } from './log-sets';
import type { FedLogSet, LogOpener, LogSetKey } from './log-sets';

export interface LogWorkerInput {
  location: string;
  collectedAt: string;
  sets: { key: LogSetKey; files: string[] }[];
  /**
   * Absolute path of every file of `sets` when the bundle is a folder: they are read without
   * opening (walking) the bundle again.
   */
  paths?: Record<string, string>;
}

export type LogWorkerMessage =
  | { type: 'progress'; file: string; bytes?: number }
  | { type: 'done'; results: Partial<Record<LogSetKey, FedLogSet>> }
  | { type: 'error'; message: string };

async function run(input: LogWorkerInput): Promise<void> {
  const paths = input.paths;
  const bundle: BundleSource | null = paths ? null : await openBundle(input.location);
  if (bundle) readsFromDisk(bundle);
  const open: LogOpener = bundle
    ? bundleOpener(bundle)
    : async (file) => {
        const abs = paths?.[file];
        if (abs === undefined) throw new BundleError(file, 'not in the bundle');
        return readFileChunks(abs);
      };
  try {
    const results: Partial<Record<LogSetKey, FedLogSet>> = {};
    let last = 0;
    for (const set of input.sets) {
      results[set.key] = await feedLogSet(
        open,
        set.files,
        accumulatorFor(set.key, input.collectedAt),
        (file, bytes) => {
          const now = Date.now();
          if (bytes === undefined || now - last > 100) {
            last = now;
            parentPort?.postMessage({ type: 'progress', file, bytes } satisfies LogWorkerMessage);
          }
        },
      );
    }
    parentPort?.postMessage({ type: 'done', results } satisfies LogWorkerMessage);
  } finally {
    await bundle?.close();
  }
}

if (parentPort && workerData) {
  run(workerData as LogWorkerInput).catch((err: unknown) =>
    parentPort?.postMessage({
      type: 'error',
      message: (err as Error).message,
    } satisfies LogWorkerMessage),
  );
}
