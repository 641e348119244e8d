// Where a live collection is written (a new folder, or a .zip built from a staging folder) and the
// manifest.json that closes it (BUNDLE-FORMAT.md, format 1). The zip is streamed file by file with
// yazl, so a bundle with hundreds of MB of logs never sits in memory.
import { createWriteStream, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import type { Manifest, ManifestArtifact } from '../../../shared/model/manifest';
import { ENGINE_VERSION } from '../../../shared/engine/version';
import type { HostInfo } from './host-info';

export const COLLECTOR_NAME = 'NDES Doctor live collector';

export interface BundleOutput {
  kind: 'folder' | 'zip';
  /** What the admin asked for: the folder or the .zip. */
  target: string;
  /** The folder collectors write into (the target folder, or a staging folder for a zip). */
  root: string;
}

/** Refuses to write into a non-empty folder or over an existing file. */
export async function prepareOutput(target: string): Promise<BundleOutput> {
  const abs = path.resolve(target);
  if (/\.zip$/i.test(abs)) {
    if (await exists(abs)) throw new Error(`${abs} already exists`);
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'ndes-doctor-collect-'));
    return { kind: 'zip', target: abs, root };
  }
  let items: string[] = [];
  try {
    items = await fsp.readdir(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new Error(`${abs} is a file`, { cause: err });
    if (code !== 'ENOENT') throw err;
  }
  if (items.length > 0) throw new Error(`${abs} is not empty`);
  await fsp.mkdir(abs, { recursive: true });
  return { kind: 'folder', target: abs, root: abs };
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** UTC without milliseconds, the form BUNDLE-FORMAT.md shows. */
export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export function buildManifest(
  host: HostInfo,
  artifacts: ManifestArtifact[],
  collectedAt: Date,
): Manifest {
  return {
    format: 'ndes-host-bundle',
    version: 1,
    collectedAt: isoSeconds(collectedAt),
    host: {
      computerName: host.computerName,
      ...(host.dnsHostName ? { dnsHostName: host.dnsHostName } : {}),
      ...(host.domain ? { domain: host.domain } : {}),
    },
    collector: {
      name: COLLECTOR_NAME,
      version: ENGINE_VERSION,
      ...(host.elevated === null ? {} : { elevated: host.elevated }),
      ...(host.culture ? { culture: host.culture } : {}),
      ...(host.timeZone ? { timeZone: host.timeZone } : {}),
      ...(host.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: host.utcOffsetMinutes }),
    },
    redaction: null,
    artifacts,
  };
}

/** Writes manifest.json and, for a zip, packs the staging folder and removes it. */
export async function finishBundle(out: BundleOutput, manifest: Manifest): Promise<string> {
  await fsp.writeFile(
    path.join(out.root, 'manifest.json'),
    `${JSON.stringify(manifest, null, 2)}\n`,
    'utf8',
  );
  if (out.kind === 'folder') return out.target;
  try {
    await zipFolder(out.root, out.target);
  } finally {
    await fsp.rm(out.root, { recursive: true, force: true });
  }
  return out.target;
}

/** Drops what a cancelled or failed run wrote. */
export async function discardOutput(out: BundleOutput): Promise<void> {
  await fsp.rm(out.root, { recursive: true, force: true });
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  const items = await fsp.readdir(path.join(root, rel), { withFileTypes: true });
  for (const item of items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const r = rel ? `${rel}/${item.name}` : item.name;
    if (item.isDirectory()) out.push(...(await listFiles(root, r)));
    else if (item.isFile()) out.push(r);
  }
  return out;
}

export async function zipFolder(root: string, zipFile: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const files = await listFiles(root);
  // manifest.json last, as the fixture writer does: a reader can stop at the first entry it needs.
  files.sort((a, b) => Number(a === 'manifest.json') - Number(b === 'manifest.json'));
  for (const rel of files) {
    zip.addFile(path.join(root, ...rel.split('/')), rel, { mode: 0o100644 });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const dest = createWriteStream(zipFile);
    dest.on('close', () => resolve());
    dest.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(dest);
  });
}
