// Live collection entry points: `ndes-doctor collect --out <folder|zip>` and the collection behind
// `diagnose --live` / "Diagnose this server". Read-only by design: it runs queries and copies
// files into the bundle, and never installs, changes or asks anything on the host.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Manifest } from '../../../shared/model/manifest';
import { probeExchangesForBundle } from '../../probe/bundle-probe';
import { CollectContext, DEFAULT_LIMITS } from './collect-context';
import type { CollectLimits, CollectProgress } from './collect-context';
import type { ProbeFn } from './collectors-ad';
import { artifactSelection, runCollectors } from './collectors';
import { NEEDS_ELEVATION } from './elevation';
import { defaultToolMap, Executor } from './executor';
import type { ToolMap } from './executor';
import { windowsHostPaths } from './host-paths';
import type { HostPaths } from './host-paths';
import { buildManifest, discardOutput, finishBundle, prepareOutput } from './write-bundle';

export type { ProbeFn, ProbeResult } from './collectors-ad';
export type { CollectProgress } from './collect-context';

export const UNSUPPORTED = 'live collection runs on the NDES server (Windows)';

export class LiveCollectionUnsupported extends Error {
  constructor() {
    super(UNSUPPORTED);
    this.name = 'LiveCollectionUnsupported';
  }
}

export interface CollectLiveOptions {
  /** Folder (must be new or empty) or `.zip`; default: a new folder in the temp directory. */
  out?: string;
  /** Log and event window in days (default 14). */
  days?: number;
  /** Size cap per log family in MB (default 500). */
  logCapMb?: number;
  /** The local SCEP probe (probe/): default the built-in one; null: not run, recorded as skipped. */
  probe?: ProbeFn | null;
  /** Why there is no probe, for the manifest (default: turned off). */
  probeOffReason?: string;
  /**
   * Collect only the artifacts behind these bundle paths (folders end in `/`) and what they need;
   * the others are recorded as skipped. Default: everything.
   */
  only?: readonly string[];
  concurrency?: number;
  limits?: Partial<CollectLimits>;
  signal?: AbortSignal;
  onProgress?: (e: CollectProgress) => void;
  /** Test seams: the tools, the host's file system, the platform and the clock. */
  tools?: ToolMap;
  paths?: HostPaths;
  platform?: NodeJS.Platform;
  now?: () => Date;
}

export interface CollectLiveResult {
  bundlePath: string;
  manifest: Manifest;
}

/** The SCEP probe against this server: GetCACaps, GetCACert, long URLs; it never enrolls. */
export const builtInProbe: ProbeFn = (urls) => probeExchangesForBundle(urls);

const DEFAULT_DAYS = 14;
const DEFAULT_LOG_CAP_MB = 500;

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').slice(0, 15);
}

/** Collects this host into a bundle. Throws LiveCollectionUnsupported off Windows. */
export async function collectLive(opts: CollectLiveOptions = {}): Promise<CollectLiveResult> {
  const platform = opts.platform ?? process.platform;
  if (platform !== 'win32' && !opts.paths) throw new LiveCollectionUnsupported();
  const now = opts.now ?? (() => new Date());
  const days = opts.days ?? DEFAULT_DAYS;
  const capMb = opts.logCapMb ?? DEFAULT_LOG_CAP_MB;
  if (!(days > 0)) throw new Error(`--days must be a positive number, not ${days}`);
  if (!(capMb > 0)) throw new Error(`--log-cap-mb must be a positive number, not ${capMb}`);
  const target = opts.out ?? path.join(os.tmpdir(), `ndes-doctor-${os.hostname()}-${stamp(now())}`);
  const out = await prepareOutput(target);
  const exec = new Executor(opts.tools ?? defaultToolMap(), platform);
  const ctx = new CollectContext(
    exec,
    out.root,
    opts.paths ?? windowsHostPaths(),
    {
      days,
      logCapBytes: Math.round(capMb * 1024 * 1024),
      concurrency: opts.concurrency ?? 4,
      limits: { ...DEFAULT_LIMITS, ...opts.limits },
      now,
      ...(opts.only ? { only: artifactSelection(opts.only) } : {}),
    },
    opts.signal,
    opts.onProgress,
  );
  try {
    const host = await runCollectors(ctx, {
      probe: opts.probe === undefined ? builtInProbe : opts.probe,
      probeOffReason: opts.probeOffReason ?? 'the SCEP probe was turned off (--no-probe)',
    });
    const manifest = buildManifest(host, ctx.artifacts(), now());
    return { bundlePath: await finishBundle(out, manifest), manifest };
  } catch (err) {
    await discardOutput(out);
    throw err;
  }
}

export interface CollectIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  signal?: AbortSignal;
  /** Options merged into collectLive's (tests, the built-in probe). */
  live?: Partial<CollectLiveOptions>;
}

const USAGE =
  'usage: ndes-doctor collect --out <folder|zip> [--days N] [--log-cap-mb N] [--no-probe]';

/** `ndes-doctor collect`: 0 when a bundle was written, 2 for bad usage or when off Windows. */
export async function collectCommand(args: string[], io: CollectIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => void process.stderr.write(t));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        days: { type: 'string' },
        'log-cap-mb': { type: 'string' },
        'no-probe': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    stderr(`ndes-doctor: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.out) {
    stderr(`ndes-doctor: collect needs --out <folder|zip>\n${USAGE}\n`);
    return 2;
  }
  const days = values.days === undefined ? undefined : Number(values.days);
  const cap = values['log-cap-mb'] === undefined ? undefined : Number(values['log-cap-mb']);
  const controller = io.signal ? null : new AbortController();
  const onSigint = (): void => controller?.abort(new Error('collection cancelled (Ctrl+C)'));
  if (controller) process.once('SIGINT', onSigint);
  try {
    const live = io.live ?? {};
    const { bundlePath, manifest } = await collectLive({
      ...live,
      out: values.out,
      days,
      logCapMb: cap,
      probe: values['no-probe'] ? null : live.probe,
      signal: io.signal ?? controller?.signal,
      onProgress: (e) => {
        if (e.phase === 'done') stderr(`[${e.completed}/${e.total}] ${e.artifact}: ${e.status}\n`);
      },
    });
    stderr(summary(manifest));
    stdout(`${bundlePath}\n`);
    return 0;
  } catch (err) {
    stderr(`ndes-doctor: ${(err as Error).message}\n`);
    return 2;
  } finally {
    if (controller) process.removeListener('SIGINT', onSigint);
  }
}

/** Counts per status, and what elevation would have added. */
export function summary(manifest: Manifest): string {
  const counts = new Map<string, number>();
  for (const a of manifest.artifacts) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const parts = ['ok', 'absent', 'skipped', 'error'].map((s) => `${counts.get(s) ?? 0} ${s}`);
  let text = `Collected ${manifest.artifacts.length} artifacts: ${parts.join(', ')}.\n`;
  if (manifest.collector.elevated === false) {
    text += 'Not elevated: run NDES Doctor as administrator to also collect:\n';
    text += NEEDS_ELEVATION.map((n) => `  ${n.artifact}: ${n.why}\n`).join('');
  }
  return text;
}
