// Checks a bundle (folder or zip) against its manifest: every artifact listed `ok` with a sha256 is
// hashed (streamed, so gigabytes of logs are fine) and compared with the recorded hash and size.
// Opening goes through the defensive reader, so hostile zips are refused before anything is read.
import { createHash } from 'node:crypto';
import { openBundle, BundleError } from './reader';
import type { ZipLimits } from './reader';
import { DEFAULT_ZIP_LIMITS } from './reader';
import { parseManifest } from '../../../shared/parse/manifest';
import { decodeText } from '../../../shared/parse/text-decode';
import type { Manifest } from '../../../shared/model';

export interface VerifyMismatch {
  path: string;
  /** sha256 (lower-case hex) recorded in the manifest. */
  expected: string;
  /** sha256 of the file as it is. */
  actual: string;
  expectedBytes?: number;
  actualBytes: number;
}

export interface VerifyResult {
  /** No mismatch and nothing missing. */
  ok: boolean;
  mismatches: VerifyMismatch[];
  /** Listed `ok` with a hash, but not in the bundle. */
  missing: string[];
  /** In the bundle but not listed (report/ files of older exports, files added by hand). */
  extra: string[];
  /** Listed `ok` without a sha256: present, but nothing to compare with. */
  unverified: string[];
  /** Files hashed. */
  checked: number;
  manifest: Manifest;
}

export interface VerifyOptions {
  limits?: ZipLimits;
  signal?: AbortSignal;
  onProgress?: (p: { file: string; done: number; total: number }) => void;
}

/** Verifies a bundle's files against its manifest. Throws BundleError when it cannot be read. */
export async function verifyBundle(
  location: string,
  opts: VerifyOptions = {},
): Promise<VerifyResult> {
  const bundle = await openBundle(location, opts.limits ?? DEFAULT_ZIP_LIMITS);
  try {
    if (!bundle.entry('manifest.json')) {
      throw new BundleError(location, 'manifest.json is missing: this is not an NDES host bundle');
    }
    let manifest: Manifest;
    try {
      manifest = parseManifest(decodeText(await bundle.read('manifest.json', 16 * 1024 ** 2)).text);
    } catch (err) {
      if (err instanceof BundleError) throw err;
      throw new BundleError(`${location}: manifest.json`, (err as Error).message);
    }
    const result: VerifyResult = {
      ok: false,
      mismatches: [],
      missing: [],
      extra: [],
      unverified: [],
      checked: 0,
      manifest,
    };
    const listed = new Set<string>(['manifest.json']);
    const toCheck = manifest.artifacts.filter((a) => a.status === 'ok' || bundle.entry(a.path));
    let done = 0;
    for (const a of toCheck) {
      opts.signal?.throwIfAborted();
      const e = bundle.entry(a.path);
      if (e) listed.add(e.path);
      if (!a.sha256) {
        if (e && a.status === 'ok') result.unverified.push(a.path);
        continue;
      }
      if (!e) {
        result.missing.push(a.path);
        continue;
      }
      opts.onProgress?.({ file: a.path, done, total: toCheck.length });
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        for await (const chunk of (await bundle.stream(e.path)) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          bytes += chunk.length;
        }
      } catch (err) {
        throw new BundleError(
          `${location}: ${a.path}`,
          `cannot be read: ${(err as Error).message}`,
        );
      }
      const actual = hash.digest('hex');
      result.checked++;
      done++;
      const sizeDiffers = a.bytes !== undefined && a.bytes !== bytes;
      if (actual !== a.sha256.toLowerCase() || sizeDiffers) {
        result.mismatches.push({
          path: a.path,
          expected: a.sha256.toLowerCase(),
          actual,
          expectedBytes: a.bytes,
          actualBytes: bytes,
        });
      }
    }
    result.extra = bundle.entries.map((x) => x.path).filter((p) => !listed.has(p));
    result.ok = result.mismatches.length === 0 && result.missing.length === 0;
    return result;
  } finally {
    await bundle.close();
  }
}
