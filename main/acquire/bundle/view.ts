// The exported bundle as the analysis sees it, before the zip is closed: a BundleSource whose
// files are the export's outputs (kept in memory when small, produced again from the source with
// the same, now complete, tokenizer when large). Diagnosing it gives the report that goes into the
// zip: it matches the redacted files line for line and cannot quote anything they do not hold.
import { createReadStream } from 'node:fs';
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
      if (f.size > maxBytes) throw new BundleError(rel, `too large to read whole (${f.size} bytes)`);
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
