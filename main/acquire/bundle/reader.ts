// Reads an NDES host bundle from a folder or a .zip (BUNDLE-FORMAT.md). Zip reading is defensive:
// unsafe names, links, oversized or over-compressed entries are refused with the entry named.
import { createReadStream, promises as fsp } from 'node:fs';
import type { Readable } from 'node:stream';
import path from 'node:path';
import yauzl from 'yauzl';

/** A bundle that cannot be opened or read; `file` names the bundle or the entry at fault. */
export class BundleError extends Error {
  constructor(
    public readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'BundleError';
  }
}

/** One file of a bundle. */
export interface BundleEntry {
  /** Relative path with `/` separators. */
  path: string;
  /** Uncompressed size in bytes. */
  size: number;
}

/** Caps that keep a hostile zip from exhausting the machine. */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Entries above `ratioMinBytes` whose size/compressed ratio exceeds this are refused. */
  maxRatio: number;
  ratioMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 32 * 1024 ** 3,
  maxRatio: 200,
  ratioMinBytes: 16 * 1024 ** 2,
};

/** Read access to a bundle's files, whatever the container. */
export interface BundleSource {
  kind: 'folder' | 'zip';
  /** Path of the folder or zip. */
  location: string;
  /** Every file, sorted by path. */
  entries: BundleEntry[];
  /** The entry at `rel`, compared case-sensitively first, then case-insensitively. */
  entry(rel: string): BundleEntry | undefined;
  /** Reads a file whole. Refuses files larger than `maxBytes`. */
  read(rel: string, maxBytes?: number): Promise<Uint8Array>;
  /** Streams a file. */
  stream(rel: string): Promise<Readable>;
  close(): Promise<void>;
}

const DEFAULT_READ_CAP = 512 * 1024 ** 2;

/** Opens a folder or a `.zip` as a bundle. */
export async function openBundle(
  location: string,
  limits = DEFAULT_ZIP_LIMITS,
): Promise<BundleSource> {
  let stat;
  try {
    stat = await fsp.stat(location);
  } catch (err) {
    throw new BundleError(
      location,
      `cannot open: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  if (stat.isDirectory()) return openFolder(location);
  if (stat.isFile()) return openZip(location, limits);
  throw new BundleError(location, 'is neither a folder nor a zip file');
}

function makeLookup(entries: BundleEntry[]) {
  const exact = new Map(entries.map((e) => [e.path, e]));
  const lower = new Map(entries.map((e) => [e.path.toLowerCase(), e]));
  return (rel: string) => exact.get(rel) ?? lower.get(rel.toLowerCase());
}

async function openFolder(root: string): Promise<BundleSource> {
  const entries: BundleEntry[] = [];
  async function walk(dir: string, rel: string): Promise<void> {
    const items = await fsp.readdir(dir, { withFileTypes: true });
    for (const item of items) {
      const r = rel ? `${rel}/${item.name}` : item.name;
      // Links are not followed: a bundle is plain files, and a link could point anywhere.
      if (item.isSymbolicLink()) continue;
      if (item.isDirectory()) await walk(path.join(dir, item.name), r);
      else if (item.isFile()) {
        const s = await fsp.stat(path.join(dir, item.name));
        entries.push({ path: r, size: s.size });
      }
    }
  }
  await walk(root, '');
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entry = makeLookup(entries);
  const resolve = (rel: string) => {
    const e = entry(rel);
    if (!e) throw new BundleError(rel, 'not in the bundle');
    return { e, abs: path.join(root, ...e.path.split('/')) };
  };
  return {
    kind: 'folder',
    location: root,
    entries,
    entry,
    async read(rel, maxBytes = DEFAULT_READ_CAP) {
      const { e, abs } = resolve(rel);
      if (e.size > maxBytes)
        throw new BundleError(rel, `too large to read whole (${e.size} bytes)`);
      return new Uint8Array(await fsp.readFile(abs));
    },
    async stream(rel) {
      return createReadStream(resolve(rel).abs, { highWaterMark: 4 * 1024 * 1024 });
    },
    async close() {},
  };
}

function unsafeName(name: string): string | null {
  if (name.includes('\\')) return 'backslash in name';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'absolute path';
  if (name.split('/').some((p) => p === '..')) return 'parent directory (..) in path';
  if (name.includes('\0')) return 'NUL in name';
  return null;
}

async function openZip(file: string, limits: ZipLimits): Promise<BundleSource> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, z) =>
        err || !z
          ? reject(
              new BundleError(file, `damaged or not a zip: ${err?.message ?? 'unknown error'}`),
            )
          : resolve(z),
    );
  });
  const byPath = new Map<string, yauzl.Entry>();
  const entries: BundleEntry[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(new BundleError(file, `damaged zip: ${err.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (e: yauzl.Entry) => {
        const raw = e.fileName as unknown as Buffer;
        const utf8 = (e.generalPurposeBitFlag & 0x800) !== 0;
        const name = raw.toString(utf8 ? 'utf8' : 'latin1');
        const bad = unsafeName(name);
        if (bad) return reject(new BundleError(file, `unsafe entry "${name}": ${bad}`));
        const mode = (e.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000)
          return reject(new BundleError(file, `unsafe entry "${name}": symbolic link`));
        if (entries.length >= limits.maxEntries) {
          return reject(new BundleError(file, `more than ${limits.maxEntries} entries`));
        }
        total += e.uncompressedSize;
        if (total > limits.maxTotalBytes) {
          return reject(
            new BundleError(file, `uncompressed size exceeds ${limits.maxTotalBytes} bytes`),
          );
        }
        if (
          e.uncompressedSize > limits.ratioMinBytes &&
          e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio
        ) {
          return reject(
            new BundleError(file, `entry "${name}" is compressed suspiciously well (zip bomb?)`),
          );
        }
        if (!name.endsWith('/')) {
          byPath.set(name, e);
          entries.push({ path: name, size: e.uncompressedSize });
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    throw err;
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entry = makeLookup(entries);
  const open = (rel: string) =>
    new Promise<Readable>((resolve, reject) => {
      const e = entry(rel);
      const ze = e && byPath.get(e.path);
      if (!ze) return reject(new BundleError(rel, 'not in the bundle'));
      zip.openReadStream(ze, (err, s) =>
        err || !s
          ? reject(new BundleError(rel, `cannot read from zip: ${err?.message}`))
          : resolve(s),
      );
    });
  return {
    kind: 'zip',
    location: file,
    entries,
    entry,
    async read(rel, maxBytes = DEFAULT_READ_CAP) {
      const e = entry(rel);
      if (e && e.size > maxBytes)
        throw new BundleError(rel, `too large to read whole (${e.size} bytes)`);
      const s = await open(rel);
      const chunks: Buffer[] = [];
      try {
        for await (const c of s) chunks.push(c as Buffer);
      } catch (err) {
        throw new BundleError(rel, `damaged zip entry: ${(err as Error).message}`);
      }
      return new Uint8Array(Buffer.concat(chunks));
    },
    stream: open,
    async close() {
      zip.close();
    },
  };
}
