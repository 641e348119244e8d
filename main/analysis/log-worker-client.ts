// Starts the log worker when its bundled script is present (the built CLI and app); under a
// TypeScript test runner there is none, and the logs are streamed in the calling thread instead.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FedLogSet, LogSetKey } from './log-sets';
import type { LogWorkerInput, LogWorkerMessage } from './log-worker';

/** Path of the bundled worker script, or null when not built next to this code. */
export function logWorkerScript(): string | null {
  const file = path.join(__dirname, 'log-worker.cjs');
  // In the packaged app the script is unpacked next to app.asar (electron-builder asarUnpack).
  const unpacked = file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  if (unpacked !== file && existsSync(unpacked)) return unpacked;
  return existsSync(file) ? file : null;
}

/** Streams the logs in a worker thread; resolves with each set's result. */
export function runLogWorker(
  script: string,
  input: LogWorkerInput,
  onProgress: (file: string, bytes?: number) => void,
  signal?: AbortSignal,
): Promise<Partial<Record<LogSetKey, FedLogSet>>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    const abort = () => {
      void worker.terminate();
      reject(signal?.reason ?? new Error('cancelled'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    const finish = () => signal?.removeEventListener('abort', abort);
    worker.on('message', (m: LogWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.file, m.bytes);
      else if (m.type === 'done') {
        finish();
        resolve(m.results);
        void worker.terminate();
      } else {
        finish();
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', (err) => {
      finish();
      reject(err);
    });
    worker.on('exit', (code) => {
      if (code !== 0) {
        finish();
        reject(new Error(`the log worker stopped with exit code ${code}`));
      }
    });
  });
}
