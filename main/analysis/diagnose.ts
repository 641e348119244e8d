// One diagnosis run: open the bundle, build the snapshot, run every rule.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { openBundle } from '../acquire/bundle/reader';
import { buildSnapshot } from './build-snapshot';
import { readsFromDisk } from './log-sets';
import type { BuildOptions } from './build-snapshot';
import type { Report, Snapshot } from '../../shared/model';

export interface Diagnosis {
  snapshot: Snapshot;
  report: Report;
}

/** Diagnoses a bundle folder or zip. Throws BundleError when the bundle cannot be read at all. */
export async function diagnoseBundle(
  location: string,
  opts: BuildOptions & { kind?: 'bundle' | 'demo' | 'live' } = {},
): Promise<Diagnosis> {
  const bundle = await openBundle(location);
  readsFromDisk(bundle);
  try {
    const snapshot = await buildSnapshot(bundle, opts);
    const sha256 = bundle.kind === 'zip' ? await fileSha256(location) : null;
    const { judgeSnapshot } = await import('./judge');
    const report = judgeSnapshot(snapshot, {
      kind: opts.kind ?? 'bundle',
      path: location,
      sha256,
    });
    return { snapshot, report };
  } finally {
    await bundle.close();
  }
}

async function fileSha256(file: string): Promise<string | null> {
  try {
    await fsp.access(file);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}
