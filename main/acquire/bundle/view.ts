// The exported bundle as the analysis sees it, before the zip is closed: a BundleSource whose
// files are the export's outputs (kept in memory when small, produced again from the source with
// the same, now complete, tokenizer when large). Diagnosing it gives the report that goes into the
// zip: it matches the redacted files line for line and cannot quote anything they do not hold.
import { createReadStream, promises as fsp } from 'node:fs';
import type { createWriteStream } from 'node:fs';
import type yazl from 'yazl';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { BundleEntry, BundleSource } from './reader';
import { BundleError } from './reader';
import type { Chunks, PlannedFile } from './export-files';
import { produce } from './export-files';
import type { Fallback } from './redact-stream';
import type { Redactor } from '../../../shared/redact/redactor';

export interface ViewFile {
  file: PlannedFile | null;
  size: number;
  /** Output bytes when kept. */
  bytes: Buffer | null;
  /** Where the output sits in the zip being written. */
  zip?: { start: number; length: number; deflated: boolean };
}

export function exportView(
  source: BundleSource,
  location: string,
  files: Map<string, ViewFile>,
  r: Redactor,
  opts: { fallback: Fallback; renames: Map<string, string>; zipFile?: string },
): BundleSource {
  const entries: BundleEntry[] = [...files]
    .map(([path, f]) => ({ path, size: f.size }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const exact = new Map(entries.map((e) => [e.path, e]));
  const lower = new Map(entries.map((e) => [e.path.toLowerCase(), e]));
  const entry = (rel: string) => exact.get(rel) ?? lower.get(rel.toLowerCase());
  const get = (rel: string) => {
    const e = entry(rel);
    const f = e && files.get(e.path);
    if (!f) throw new BundleError(rel, 'not in the bundle');
    return f;
  };
  const chunks = async (rel: string): Promise<Chunks> => {
    const f = get(rel);
    if (f.bytes) return [f.bytes];
    if (f.zip && opts.zipFile) {
      const { start, length, deflated } = f.zip;
      if (length === 0) return [];
      const raw = createReadStream(opts.zipFile, {
        start,
        end: start + length - 1,
        highWaterMark: 1024 * 1024,
      });
      return (deflated ? raw.pipe(createInflateRaw()) : raw) as AsyncIterable<Buffer>;
    }
    if (!f.file) throw new BundleError(rel, 'not in the bundle');
    return produce(source, f.file, r, opts);
  };
  return {
    kind: 'folder',
    location,
    entries,
    entry,
    async read(rel, maxBytes = 512 * 1024 ** 2) {
      const f = get(rel);
      if (f.size > maxBytes)
        throw new BundleError(rel, `too large to read whole (${f.size} bytes)`);
      const parts: Buffer[] = [];
      for await (const c of await chunks(rel)) parts.push(c);
      return new Uint8Array(Buffer.concat(parts));
    },
    async stream(rel) {
      return Readable.from(await chunks(rel), { objectMode: false });
    },
    async close() {},
  };
}

/** yazl's bookkeeping of an entry (not in its typings; checked against the bytes before use). */
interface YazlEntry {
  utf8FileName: Buffer;
  state: number;
  relativeOffsetOfLocalHeader: number | null;
  compressedSize: number | null;
  compressionLevel: number;
}
const FILE_DATA_DONE = 3;

/**
 * Where each written entry's data sits in the partial zip, once yazl and the file are done with
 * it: the report then reads the exported bytes back instead of redacting the logs a second time.
 * Any doubt (unexpected layout) leaves the entry to be produced again from the source.
 */
export async function readBack(
  zip: yazl.ZipFile,
  ws: ReturnType<typeof createWriteStream>,
  partial: string,
  view: Map<string, ViewFile>,
): Promise<void> {
  const entries = (zip as unknown as { entries?: YazlEntry[] }).entries ?? [];
  const wanted = [...view.values()].filter((v) => !v.bytes && v.file);
  if (wanted.length === 0 || entries.length === 0) return;
  for (let i = 0; i < 12_000; i++) {
    const last = entries[entries.length - 1]!;
    if (last.state >= FILE_DATA_DONE && last.compressedSize !== null) {
      const end =
        (last.relativeOffsetOfLocalHeader ?? 0) +
        30 +
        last.utf8FileName.length +
        last.compressedSize;
      if (ws.bytesWritten >= end) break;
    }
    await new Promise((res) => setTimeout(res, 5));
  }
  const byName = new Map(entries.map((e) => [e.utf8FileName.toString('utf8'), e]));
  const fh = await fsp.open(partial, 'r');
  try {
    for (const v of wanted) {
      const e = byName.get(v.file!.path);
      if (
        !e ||
        e.state < FILE_DATA_DONE ||
        e.relativeOffsetOfLocalHeader === null ||
        e.compressedSize === null
      )
        continue;
      const header = Buffer.alloc(30 + e.utf8FileName.length);
      const { bytesRead } = await fh.read(header, 0, header.length, e.relativeOffsetOfLocalHeader);
      if (bytesRead !== header.length || header.readUInt32LE(0) !== 0x04034b50) continue;
      if (!header.subarray(30).equals(e.utf8FileName)) continue;
      v.zip = {
        start: e.relativeOffsetOfLocalHeader + header.length,
        length: e.compressedSize,
        deflated: e.compressionLevel !== 0,
      };
    }
  } finally {
    await fh.close();
  }
}
