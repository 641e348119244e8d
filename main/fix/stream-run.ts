// Runs one fix command through the collector's Executor (argument arrays, timeout, tree kill,
// cancellation) and streams its stdout to the terminal pane as it grows in a file the Executor
// writes; stderr arrives when the process ends (the Executor keeps it, capped).
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Executor, RunResult, RunSpec } from '../acquire/windows/executor';
import { psErrorText } from '../acquire/windows/powershell';

/** Output above this is not kept in the records (the pane still shows it all). */
const TAIL_CHARS = 8 * 1024;
const POLL_MS = 100;

export interface StreamedRun {
  result: RunResult;
  /** The last 8 KiB of stdout and stderr text, for the fix record. */
  output: string;
}

export async function runStreaming(
  exec: Executor,
  spec: Omit<RunSpec, 'stdoutTo'>,
  opts: { signal?: AbortSignal; onChunk?: (text: string) => void; powershell?: boolean } = {},
): Promise<StreamedRun> {
  const file = path.join(os.tmpdir(), `ndes-doctor-fix-${randomUUID()}.out`);
  const decoder = new TextDecoder('utf-8');
  let tail = '';
  const emit = (text: string): void => {
    if (text === '') return;
    tail = (tail + text).slice(-TAIL_CHARS);
    opts.onChunk?.(text);
  };
  let offset = 0;
  const drain = async (): Promise<void> => {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch {
      return; // not created yet
    }
    try {
      const buf = Buffer.alloc(64 * 1024);
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
        emit(decoder.decode(buf.subarray(0, bytesRead), { stream: true }));
      }
    } finally {
      await handle.close();
    }
  };
  let done = false;
  const running = exec.run({ ...spec, stdoutTo: file }, opts.signal).finally(() => {
    done = true;
  });
  const poller = (async () => {
    while (!done) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      await drain();
    }
  })();
  try {
    const result = await running;
    await poller;
    await drain();
    emit(decoder.decode());
    const stderr = new TextDecoder('utf-8').decode(result.stderr);
    const errText = opts.powershell ? psErrorText(stderr) : stderr.trim();
    if (errText !== '') emit(`${tail.endsWith('\n') || tail === '' ? '' : '\r\n'}${errText}\r\n`);
    return { result, output: tail };
  } finally {
    await fsp.rm(file, { force: true });
  }
}
