// Bundle → snapshot: reads each artifact named in BUNDLE-FORMAT.md, hands its bytes to the pure
// parser, and records what could not be used (state + error naming the file) so rules answer
// `unknown` instead of guessing. Logs are streamed, never read whole.
import type { BundleSource } from '../acquire/bundle/reader';
import { BundleError } from '../acquire/bundle/reader';
import type { Ev, Manifest, ManifestArtifact, Snapshot } from '../../shared/model';
import { parseManifest } from '../../shared/parse/manifest';
import { decodeText } from '../../shared/parse/text-decode';
import { parseRegFile } from '../../shared/parse/reg-file';
import { parseSeceditInf } from '../../shared/parse/secedit-inf';
import { parsePsJson } from '../../shared/parse/ps-json';
import { parseNetshSslCert } from '../../shared/parse/netsh-sslcert';
import { parseSetspn } from '../../shared/parse/setspn';
import { parseCertutilPing, parseCertutilTemplates } from '../../shared/parse/certutil';
import { parseEventXml } from '../../shared/parse/event-xml';
import { parseAppcmdAppPools, parseAppcmdSites } from '../../shared/parse/appcmd-xml';
import { describe } from './describe-error';
import { folderFilePath, LOG_SETS, logSetEvidence, planLogSet, streamLogs } from './log-sets';
import type { LogSet } from './log-sets';
import { logWorkerScript, runLogWorker } from './log-worker-client';
import type { HttpErrSummary, IisLogSummary } from '../../shared/parse/iis-log-summary';

/** Progress of a snapshot build, for the UI. */
export interface BuildProgress {
  phase: 'manifest' | 'artifacts' | 'logs' | 'certificates' | 'done';
  file?: string;
  bytes?: number;
}

export interface BuildOptions {
  onProgress?: (p: BuildProgress) => void;
  signal?: AbortSignal;
}

/** A text artifact's parser: decoded text in, structure out (may throw ParseError). */
type TextParser<T> = (text: string) => T;

/** Reads everything the rules need from an open bundle. Throws only for an unusable manifest. */
export async function buildSnapshot(
  bundle: BundleSource,
  opts: BuildOptions = {},
): Promise<Snapshot> {
  const progress = opts.onProgress ?? (() => {});
  progress({ phase: 'manifest', file: 'manifest.json' });
  if (!bundle.entry('manifest.json')) {
    throw new BundleError(
      bundle.location,
      'manifest.json is missing: this is not an NDES host bundle',
    );
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(decodeText(await bundle.read('manifest.json', 16 * 1024 ** 2)).text);
  } catch (err) {
    throw new BundleError(`${bundle.location}: manifest.json`, (err as Error).message);
  }
  const ctx = new ArtifactReader(bundle, manifest, progress);
  // Logs are the bulk of a bundle: a worker thread streams them while this thread parses the rest.
  // A worker failure is not the bundle's fault: the logs are then streamed in this thread.
  const logsInWorker = startLogs(ctx, opts.signal).catch(() => null);
  // Loaded once the worker is under way: the certificate library takes a while to start.
  const { buildIisConfig, buildCertStores, buildProbe } = await import('./build-parts');
  const text = <T>(path: string, parse: TextParser<T>) => ctx.text(path, parse);
  const reg = (name: string) => text(`registry/${name}.reg`, parseRegFile);
  const json = (name: string) => text(`commands/${name}.json`, parsePsJson);
  const events = (channel: string) =>
    text(`events/${channel}.xml`, (t) => {
      const r = parseEventXml(t);
      return { value: r.events, warnings: r.warnings };
    }).then(unwrapWarnings);
  opts.signal?.throwIfAborted();

  const s: Snapshot = {
    schema: 'ndes-doctor-snapshot/1',
    manifest,
    os: await json('os'),
    computer: await json('computer'),
    windowsFeatures: await json('windows-features'),
    services: await json('services'),
    installedProducts: await json('installed-products'),
    localGroups: await json('local-groups'),
    serviceAccount: await json('service-account'),
    templateOids: await json('template-oids'),
    userRights: await text('commands/secedit-user-rights.inf', parseSeceditInf),
    appPools: await text('commands/appcmd-list-apppool.xml', parseAppcmdAppPools),
    sites: await text('commands/appcmd-list-site.xml', parseAppcmdSites),
    sslBindings: await text('commands/netsh-http-show-sslcert.txt', parseNetshSslCert),
    setspn: await text('commands/setspn-L.txt', parseSetspn),
    certutilPing: await text('commands/certutil-ping.txt', (t) => ({
      text: t,
      parsed: parseCertutilPing(t),
    })),
    caTemplates: await text('commands/certutil-catemplates.txt', (t) => ({
      text: t,
      parsed: parseCertutilTemplates(t),
    })),
    regMscep: await reg('mscep'),
    regHttpParameters: await reg('http-parameters'),
    regIntune: await reg('microsoft-intune'),
    regIeEscAdmins: await reg('ie-esc-admins'),
    regIeEscUsers: await reg('ie-esc-users'),
    regDotnet: await reg('dotnet-ndp-v4-full'),
    regSchannel: await reg('schannel-protocols'),
    regNetfx: await reg('netfx-v4'),
    regNetfxWow64: await reg('netfx-v4-wow64'),
    regNtCurrentVersion: await reg('windows-nt-currentversion'),
    regRebootCbs: await reg('reboot-pending-cbs'),
    regRebootWu: await reg('reboot-required-wu'),
    regSessionManager: await reg('session-manager'),
    iisConfig: await buildIisConfig(ctx),
    iisLogs: { state: 'missing', path: 'iis/logs/' },
    httpErr: { state: 'missing', path: 'iis/httperr/' },
    certs: { state: 'missing', path: 'certs/' },
    eventsApplication: await events('Application'),
    eventsSystem: await events('System'),
    eventsCapi2: await events('Microsoft-Windows-CAPI2%4Operational'),
    eventsConnectorAdmin: await events('Microsoft-Intune-CertificateConnectors%4Admin'),
    eventsConnectorOperational: await events('Microsoft-Intune-CertificateConnectors%4Operational'),
    eventsLegacyConnector: await events('Microsoft Intune Connector'),
    eventsDeployment: await events('Microsoft-Windows-CertificateServices-Deployment%4Operational'),
    ndesPluginLog: await text('logs/NDESPolicyModule/NDESPlugin.log', linesOf),
    setupMsiLog: await text('logs/NDESConnectorSetup/SetupMsi.log', linesOf),
    probe: { state: 'missing', path: 'probe/mscep.json' },
  };
  opts.signal?.throwIfAborted();
  progress({ phase: 'certificates', file: 'certs/index.json' });
  s.certs = await buildCertStores(ctx, s.templateOids);
  s.probe = await buildProbe(ctx);
  progress({ phase: 'logs' });
  const logs = (await logsInWorker) ?? (await streamLogs(ctx, opts.signal));
  s.iisLogs = logs.iis;
  s.httpErr = logs.httpErr;
  progress({ phase: 'done' });
  return s;
}

/** Starts streaming the logs in the worker, when it is available (null otherwise). */
function startLogs(
  r: ArtifactReader,
  signal?: AbortSignal,
): Promise<{ iis: LogSet<IisLogSummary>; httpErr: LogSet<HttpErrSummary> } | null> {
  const script = logWorkerScript();
  if (!script || (r.bundle.kind !== 'folder' && r.bundle.kind !== 'zip'))
    return Promise.resolve(null);
  const plans = LOG_SETS.map((set) => ({ set, plan: planLogSet(r, set.prefix) }));
  const sets = plans
    .filter((p) => !p.plan.done)
    .map((p) => ({ key: p.set.key, files: p.plan.files }));
  return runLogWorker(
    script,
    {
      location: r.bundle.location,
      collectedAt: r.manifest.collectedAt,
      sets,
      paths: folderPaths(
        r.bundle,
        sets.flatMap((s) => s.files),
      ),
    },
    (file, bytes) => r.progress({ phase: 'logs', file, bytes }),
    signal,
  ).then((results) => {
    const out: Record<string, LogSet<unknown>> = {};
    for (const { set, plan } of plans) {
      const fed = results[set.key];
      out[set.key] =
        plan.done ??
        (fed
          ? logSetEvidence(plan, fed)
          : { state: 'error', path: set.prefix, error: 'not streamed' });
    }
    return {
      iis: out.iis as LogSet<IisLogSummary>,
      httpErr: out.httpErr as LogSet<HttpErrSummary>,
    };
  });
}

/** Absolute paths of the files of a folder bundle on disk, or undefined (another source). */
function folderPaths(bundle: BundleSource, files: string[]): Record<string, string> | undefined {
  const paths: Record<string, string> = {};
  for (const file of files) {
    const abs = folderFilePath(bundle, file);
    if (abs === null) return undefined;
    paths[file] = abs;
  }
  return paths;
}

function linesOf(t: string): { text: string; parsed: string[] } {
  return { text: '', parsed: t.split(/\r\n|\n|\r/) };
}

function unwrapWarnings<T>(ev: Ev<{ value: T; warnings: string[] }>): Ev<T> {
  if (ev.state !== 'ok' || !ev.value) return { ...ev, value: undefined } as Ev<T>;
  const warnings = [...(ev.warnings ?? []), ...ev.value.warnings];
  return { ...ev, value: ev.value.value, warnings: warnings.length ? warnings : undefined };
}

/** Reads artifacts with the manifest's statuses applied. */
export class ArtifactReader {
  private readonly byPath: Map<string, ManifestArtifact>;
  /** OEM code page for command output redirected by cmd (depends on the host's culture). */
  readonly oem: 'cp437' | 'cp850';

  constructor(
    readonly bundle: BundleSource,
    readonly manifest: Manifest,
    readonly progress: (p: BuildProgress) => void,
  ) {
    this.byPath = new Map(manifest.artifacts.map((a) => [a.path.toLowerCase(), a]));
    const culture = (manifest.collector.culture ?? 'en-US').toLowerCase();
    this.oem = culture.startsWith('en') ? 'cp437' : 'cp850';
  }

  /** The manifest entry for a path (case-insensitive). */
  artifact(path: string): ManifestArtifact | undefined {
    return this.byPath.get(path.toLowerCase());
  }

  /** Manifest entries under a folder prefix. */
  artifactsUnder(prefix: string): ManifestArtifact[] {
    const p = prefix.toLowerCase();
    return this.manifest.artifacts.filter((a) => a.path.toLowerCase().startsWith(p));
  }

  /**
   * State of an artifact before reading: the manifest status, or `missing` when the manifest
   * does not list it or lists it as ok while the file is not in the bundle.
   */
  precheck(path: string): Ev<never> | null {
    const a = this.artifact(path);
    const inBundle = this.bundle.entry(path) !== undefined;
    if (!a) {
      if (inBundle) return null;
      return { state: 'missing', path, error: 'not collected (not in the manifest)' };
    }
    if (a.status !== 'ok') {
      return { state: a.status, path, error: a.error, exitCode: a.exitCode };
    }
    if (!inBundle) {
      return {
        state: 'missing',
        path,
        error: 'listed in the manifest but missing from the bundle',
        exitCode: a.exitCode,
      };
    }
    return null;
  }

  /** Reads, decodes and parses a text artifact. */
  async text<T>(path: string, parse: TextParser<T>): Promise<Ev<T>> {
    const pre = this.precheck(path);
    if (pre) return pre;
    const exitCode = this.artifact(path)?.exitCode;
    this.progress({ phase: 'artifacts', file: path });
    try {
      const bytes = await this.bundle.read(path);
      const { text } = decodeText(bytes, { fallback: this.oem });
      const warnings: string[] = [];
      if (!this.artifact(path))
        warnings.push('present in the bundle but not listed in the manifest');
      if (bytes.length === 0 && !allowsEmpty(path)) {
        return { state: 'unparseable', path, error: `${path}: empty file (0 bytes)`, exitCode };
      }
      const value = parse(text);
      const lost = dataLoss(value);
      if (lost) return { state: 'unparseable', path, error: `${path}: ${lost}`, exitCode };
      return {
        state: 'ok',
        path,
        value,
        exitCode,
        warnings: warnings.length ? warnings : undefined,
      };
    } catch (err) {
      return { state: 'unparseable', path, error: describe(path, err), exitCode };
    }
  }
}

/**
 * A parser that keeps what it could read reports truncation or broken markup as a warning; such a
 * file lost data, so rules must not judge it as if complete.
 */
function dataLoss(value: unknown): string | null {
  const warnings = (value as { warnings?: unknown } | null)?.warnings;
  if (!Array.isArray(warnings)) return null;
  const w = warnings.find((x) => typeof x === 'string' && /\btruncated\b|malformed XML/i.test(x));
  return typeof w === 'string' ? `incomplete: ${w}` : null;
}

function allowsEmpty(path: string): boolean {
  // wevtutil writes nothing for an empty channel; command outputs can legitimately be empty.
  return (
    path.startsWith('events/') ||
    path.startsWith('commands/certutil') ||
    path.startsWith('commands/setspn')
  );
}
