// Support-bundle export (BUNDLE-FORMAT.md, report/ and Redaction): the bundle zipped entry by entry
// through yazl, every file streamed from the source and redacted line by line on the way, sha256
// and size recomputed into a new manifest, plus report/report.json and report/report.html.
// The report is the diagnosis of the exported files themselves (view.ts), not the original report
// with its strings rewritten: it then quotes the redacted lines with their real line numbers and
// certificate summaries with their real file names, and it cannot leak a value the redaction missed
// in a truncated or reformatted string. Secrets are removed in every mode.
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { deflateRawSync } from 'node:zlib';
import yazl from 'yazl';
import type { BundleSource } from './reader';
import { BundleError } from './reader';
import { asReadable, parseCertificates, planFiles, produce } from './export-files';
import type { Excluded, PlannedFile } from './export-files';
import type { Fallback } from './redact-stream';
import { exportView, readBack } from './view';
import { buildManifest } from './export-manifest';
import type { ViewFile } from './view';
import { discoveryTexts } from './export-discovery';
import { buildSnapshot } from '../../analysis/build-snapshot';
import { runRules } from '../../../shared/engine/run-rules';
import { RULES } from '../../../shared/rules';
import { parseManifest } from '../../../shared/parse/manifest';
import { decodeText } from '../../../shared/parse/text-decode';
import type { Manifest, Report } from '../../../shared/model';
import { Redactor } from '../../../shared/redact/redactor';
import type { RedactMode } from '../../../shared/redact/redactor';
import { discover } from '../../../shared/redact/discover';
import { scrubSecrets } from '../../../shared/redact/secrets';
import { renderHtml } from '../../../shared/report/html';
import { toJsonReport } from '../../../shared/report/json';

export interface ExportProgress {
  phase: 'prepare' | 'files' | 'report' | 'finish' | 'done';
  file?: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ExportOptions {
  source: BundleSource;
  /** The .zip to write (replaced when it exists; written to a temporary name first). */
  out: string;
  redact?: 'pseudonymize' | 'strict';
  /** The run's report: used as is for an unredacted export, compared with for a redacted one. */
  report?: Report;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** Where to write original → token pairs for the admin; never inside the zip. */
  mappingOut?: string;
  /** Clock for `redaction.at` (tests). */
  now?: () => Date;
}

export interface ExportResult {
  out: string;
  mode: RedactMode;
  /** Files written, report and manifest included. */
  files: number;
  /** Bytes read from the source bundle files. */
  bytesIn: number;
  /** Size of the zip. */
  zipBytes: number;
  excluded: Excluded[];
  /** What was removed or replaced besides tokens (kinds). */
  removed: string[];
  report: Report;
  /** Checks whose status differs from `options.report` (a redaction bug when not empty). */
  statusChanges: { checkId: string; before: string; after: string }[];
  mappingOut: string | null;
}

/** Outputs up to this size are kept for the report's look at the export. */
const KEEP_BYTES = 4 * 1024 ** 2;
const KEEP_TOTAL = 96 * 1024 ** 2;
const SAMPLE_BYTES = 128 * 1024;

/** OEM code page of cmd.exe outputs, from the host culture (as build-snapshot reads them). */
function oemOf(m: Manifest): Fallback {
  return (m.collector.culture ?? 'en-US').toLowerCase().startsWith('en') ? 'cp437' : 'cp850';
}

/** Store big incompressible files (IIS logs full of base64 SCEP messages) instead of deflating. */
async function levelFor(src: BundleSource, f: PlannedFile): Promise<number> {
  if (f.bytes || f.size <= KEEP_BYTES) return 6;
  const s = await src.stream(f.src);
  let sample = Buffer.alloc(0);
  try {
    for await (const c of s as AsyncIterable<Buffer>) {
      sample = Buffer.concat([sample, c]);
      if (sample.length >= SAMPLE_BYTES) break;
    }
  } finally {
    s.destroy();
  }
  if (sample.length === 0) return 6;
  const head = sample.subarray(0, SAMPLE_BYTES);
  return deflateRawSync(head, { level: 1 }).length / head.length > 0.6 ? 0 : 1;
}

function scrubReport(report: Report): Report {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubSecrets(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(report) as Report;
}

/** Exports a bundle as a support zip. Throws BundleError for an unusable source. */
export async function exportBundle(o: ExportOptions): Promise<ExportResult> {
  const mode: RedactMode = o.redact ?? 'none';
  const at = (o.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const src = o.source;
  const out = path.resolve(o.out);
  if (o.mappingOut && path.resolve(o.mappingOut) === out) {
    throw new BundleError(o.mappingOut, 'the mapping file cannot be the exported zip');
  }
  if (!src.entry('manifest.json')) {
    throw new BundleError(
      src.location,
      'manifest.json is missing: this is not an NDES host bundle',
    );
  }
  const manifestText = decodeText(await src.read('manifest.json', 16 * 1024 ** 2)).text;
  let manifest: Manifest;
  try {
    manifest = parseManifest(manifestText);
  } catch (err) {
    throw new BundleError(`${src.location}: manifest.json`, (err as Error).message);
  }
  const raw = JSON.parse(manifestText.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  const r = new Redactor(mode);
  const fallback = oemOf(manifest);
  let filesDone = 0;
  let bytesDone = 0;
  let bytesTotal = 0;
  let filesTotal = 0;
  const progress = (phase: ExportProgress['phase'], file?: string) =>
    o.onProgress?.({ phase, file, filesDone, filesTotal, bytesDone, bytesTotal });

  progress('prepare');
  const certs = mode === 'none' ? new Map() : await parseCertificates(src);
  if (r.tok) {
    const texts = await discoveryTexts(src, fallback);
    discover(r.tok, {
      host: manifest.host,
      texts,
      certs: [...certs.values()].flatMap((c) => c ?? []),
    });
  }
  o.signal?.throwIfAborted();
  const { files, excluded } = await planFiles(src, r, certs);
  for (const f of files) f.path = r.names(f.path);
  const renames = new Map<string, string>();
  for (const f of files) {
    if (f.path !== f.src && /^certs\//i.test(f.src)) {
      renames.set(f.src.slice(6).toLowerCase(), f.path.slice(6));
    }
  }
  filesTotal = files.length;
  bytesTotal = files.reduce((n, f) => n + f.size, 0);

  const partial = `${out}.partial-${process.pid}`;
  await fsp.mkdir(path.dirname(out), { recursive: true });
  const zip = new yazl.ZipFile();
  const ws = createWriteStream(partial, { highWaterMark: 4 * 1024 ** 2 });
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) => {
    const fail = (err: Error) => {
      failure ??= err;
      reject(err);
    };
    ws.on('error', fail);
    zip.outputStream.on('error', fail);
    zip.on('error', fail);
  });
  failed.catch(() => {});
  const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
  zip.outputStream.pipe(ws);
  const mtime = new Date(manifest.collectedAt);
  const view = new Map<string, ViewFile>();
  const outputs = new Map<string, { sha256: string; bytes: number }>();
  let kept = 0;
  let current: ReturnType<typeof asReadable> | null = null;

  try {
    for (const f of files) {
      o.signal?.throwIfAborted();
      progress('files', f.path);
      const level = await levelFor(src, f);
      const hash = createHash('sha256');
      let size = 0;
      const keep: Buffer[] | null =
        f.bytes || (f.size <= KEEP_BYTES && kept < KEEP_TOTAL) ? [] : null;
      const chunks = await produce(src, f, r, { fallback, renames, signal: o.signal });
      const tap = async function* (): AsyncGenerator<Buffer> {
        let last = 0;
        for await (const c of chunks) {
          o.signal?.throwIfAborted();
          hash.update(c);
          size += c.length;
          keep?.push(c);
          yield c;
          if (size - last > 8 * 1024 ** 2) {
            last = size;
            progress('files', f.path);
          }
        }
      };
      const readable = asReadable(tap());
      current = readable;
      zip.addReadStreamLazy(f.path, { mtime, mode: 0o100644, compressionLevel: level }, (cb) =>
        cb(null, readable),
      );
      await Promise.race([finished(readable), failed]);
      const bytes = keep ? Buffer.concat(keep) : null;
      if (bytes) kept += bytes.length;
      outputs.set(f.path, { sha256: hash.digest('hex'), bytes: size });
      view.set(f.path, { file: f, size, bytes });
      filesDone++;
      bytesDone += f.size;
    }

    progress('report');
    await readBack(zip, ws, partial, view);
    const newManifest = buildManifest(raw, manifest, files, excluded, outputs, r, mode, at);
    const manifestBytes = (m: unknown) => Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
    view.set('manifest.json', { file: null, size: 0, bytes: manifestBytes(newManifest) });
    view.get('manifest.json')!.size = view.get('manifest.json')!.bytes!.length;
    const label = r.names(path.basename(out));
    let report: Report;
    if (mode === 'none' && o.report) {
      // The run's own report, pointing at the zip instead of the admin's local path.
      report = scrubReport({
        ...o.report,
        source: { ...o.report.source, path: label, sha256: null },
      });
    } else {
      const snapshot = await buildSnapshot(
        exportView(src, label, view, r, { fallback, renames, zipFile: partial }),
        { signal: o.signal },
      );
      report = runRules(RULES, snapshot, { source: { kind: 'bundle', path: label, sha256: null } });
    }
    const statusChanges = o.report && mode !== 'none' ? compareStatuses(o.report, report) : [];

    progress('finish');
    const json = Buffer.from(`${JSON.stringify(toJsonReport(report), null, 2)}\n`, 'utf8');
    const html = Buffer.from(renderHtml(report), 'utf8');
    const artifacts = newManifest['artifacts'] as Record<string, unknown>[];
    for (const [p, b, source] of [
      ['report/report.json', json, 'ndes-doctor report (JSON)'],
      ['report/report.html', html, 'ndes-doctor report (HTML)'],
    ] as const) {
      zip.addBuffer(b, p, { mtime, mode: 0o100644 });
      const sha256 = createHash('sha256').update(b).digest('hex');
      artifacts.push({ path: p, kind: 'report', source, status: 'ok', sha256, bytes: b.length });
    }
    zip.addBuffer(manifestBytes(newManifest), 'manifest.json', { mtime, mode: 0o100644 });
    zip.end();
    await Promise.race([closed, failed]);
    if (failure) throw failure;
    await fsp.rename(partial, out);

    let mappingOut: string | null = null;
    if (o.mappingOut && r.tok) {
      mappingOut = path.resolve(o.mappingOut);
      const doc = {
        format: 'ndes-doctor-redaction-map/1',
        mode,
        at,
        bundle: path.basename(out),
        mappings: r.tok.mappings,
      };
      await fsp.writeFile(mappingOut, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
    }
    const zipBytes = (await fsp.stat(out)).size;
    filesDone = files.length;
    progress('done');
    return {
      out,
      mode,
      files: files.length + 3,
      bytesIn: bytesTotal,
      zipBytes,
      excluded,
      removed: [...r.removed].sort(),
      report,
      statusChanges,
      mappingOut,
    };
  } catch (err) {
    current?.destroy();
    zip.outputStream.unpipe(ws);
    (zip.outputStream as PassThrough).destroy();
    ws.destroy();
    await closed.catch(() => {});
    await fsp.rm(partial, { force: true });
    throw err;
  }
}

function compareStatuses(before: Report, after: Report): ExportResult['statusChanges'] {
  const now = new Map(after.findings.map((f) => [f.checkId, f.status]));
  const changes: ExportResult['statusChanges'] = [];
  for (const f of before.findings) {
    const s = now.get(f.checkId) ?? 'missing';
    if (s !== f.status) changes.push({ checkId: f.checkId, before: f.status, after: s });
  }
  return changes;
}
