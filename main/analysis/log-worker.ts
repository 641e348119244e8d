// Worker thread that streams a bundle's IIS and HTTPERR logs through the accumulators while the
// main thread parses every other artifact: on a 2-core NDES server the two run side by side.
import { parentPort, workerData } from 'node:worker_threads';
import { openBundle } from '../acquire/bundle/reader';
import { accumulatorFor, feedLogSet } from './log-sets';
import type { FedLogSet, LogSetKey } from './log-sets';

export interface LogWorkerInput {
  location: string;
  collectedAt: string;
  sets: { key: LogSetKey; files: string[] }[];
}

export type LogWorkerMessage =
  | { type: 'progress'; file: string; bytes?: number }
  | { type: 'done'; results: Partial<Record<LogSetKey, FedLogSet>> }
  | { type: 'error'; message: string };

async function run(input: LogWorkerInput): Promise<void> {
  const bundle = await openBundle(input.location);
  try {
    const results: Partial<Record<LogSetKey, FedLogSet>> = {};
    let last = 0;
    for (const set of input.sets) {
      results[set.key] = await feedLogSet(
        bundle,
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
    await bundle.close();
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
