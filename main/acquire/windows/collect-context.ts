// Shared state of one live collection run: where the bundle is being written, the executor behind a
// concurrency limit, the manifest entries recorded so far (hashed as written), progress events and
// the messages that turn a failed command into an artifact's `error`.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStatus, ManifestArtifact } from '../../../shared/model/manifest';
import { decodeText } from '../../../shared/parse/text-decode';
import type { FallbackEncoding } from '../../../shared/parse/text-decode';
import type { Executor, RunResult, RunSpec } from './executor';
import type { HostPaths } from './host-paths';
import { psErrorText } from './powershell';

export interface CollectLimits {
  /** Per-command timeout (PowerShell, reg, netsh, appcmd, secedit, setspn, certutil). */
  commandTimeoutMs: number;
  /** Per-channel wevtutil timeout: the Application log can take a while. */
  eventsTimeoutMs: number;
  /** Output cap of one command. */
  commandMaxBytes: number;
  /** Output cap of one event channel. */
  eventsMaxBytes: number;
  /** wevtutil `/c:` (newest events kept). */
  eventCount: number;
}

export const DEFAULT_LIMITS: CollectLimits = {
  commandTimeoutMs: 120_000,
  eventsTimeoutMs: 300_000,
  commandMaxBytes: 64 * 1024 ** 2,
  eventsMaxBytes: 512 * 1024 ** 2,
  eventCount: 20_000,
};

export interface CollectProgress {
  /** The artifact (or artifact folder, e.g. `iis/logs/`) a collector produces. */
  artifact: string;
  phase: 'start' | 'done';
  /** Outcome, on `done`. */
  status?: ArtifactStatus;
  /** Collectors finished so far, and in all. */
  completed: number;
  total: number;
}

export interface RunSettings {
  days: number;
  /** Size cap of each log family (IIS, HTTPERR, connector logs). */
  logCapBytes: number;
  concurrency: number;
  limits: CollectLimits;
  now: () => Date;
  /**
   * Collect only these collector artifacts (task names); the others are recorded as skipped.
   * Absent: collect everything.
   */
  only?: (artifact: string) => boolean;
}

/** Why an artifact left out of a partial collection has no file. */
export const NOT_SELECTED = 'not collected: only the evidence asked for was collected again';

type Entry = ManifestArtifact & { order: number; seq: number };

export class CollectContext {
  private readonly entries: Entry[] = [];
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private completed = 0;
  total = 0;
  /** Host OEM code page for messages printed by console tools (from host-info.ps1). */
  oem: FallbackEncoding = 'cp437';
  /** Collection start: the log window ends here. */
  readonly startedAt: Date;

  constructor(
    readonly exec: Executor,
    /** Local folder the bundle is written into. */
    readonly root: string,
    readonly paths: HostPaths,
    readonly settings: RunSettings,
    readonly signal?: AbortSignal,
    private readonly onProgress: (e: CollectProgress) => void = () => {},
  ) {
    this.startedAt = settings.now();
  }

  /** Runs `fn` when a slot is free: at most `concurrency` processes or copies at once. */
  async limit<T>(fn: () => Promise<T>): Promise<T> {
    while (this.active >= this.settings.concurrency) {
      await new Promise<void>((r) => this.waiting.push(r));
    }
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  run(spec: RunSpec): Promise<RunResult> {
    return this.limit(() => this.exec.run(spec, this.signal));
  }

  /** Local path of a bundle file, its folder created. */
  async file(rel: string): Promise<string> {
    const abs = path.join(this.root, ...rel.split('/'));
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    return abs;
  }

  /** Removes a file a failed command left behind (folder entries end with `/` and have none). */
  async remove(rel: string): Promise<void> {
    if (rel.endsWith('/')) return;
    await fsp.rm(path.join(this.root, ...rel.split('/')), { force: true });
  }

  /** Records an artifact; an `ok` one is hashed from the file as written. */
  async record(order: number, a: ManifestArtifact): Promise<void> {
    const e: Entry = { ...a, order, seq: this.entries.length };
    if (a.status === 'ok') {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of createReadStream(path.join(this.root, ...a.path.split('/')))) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      e.sha256 = hash.digest('hex');
      e.bytes = bytes;
    } else {
      await this.remove(a.path);
    }
    this.entries.push(e);
  }

  /**
   * Copies at most `maxBytes` of a host file into the bundle. Streams open the source with full
   * sharing, so a log IIS is still writing can be read (a plain file copy may hit a sharing
   * violation).
   */
  async copy(src: string, rel: string, maxBytes?: number): Promise<void> {
    const dest = await this.file(rel);
    await this.limit(() =>
      pipeline(
        createReadStream(src, maxBytes === undefined ? {} : { end: Math.max(0, maxBytes - 1) }),
        createWriteStream(dest),
        { signal: this.signal },
      ),
    );
    if (maxBytes === 0) await fsp.writeFile(dest, new Uint8Array(0));
  }

  /** Manifest entries in collector order, then recording order. */
  artifacts(): ManifestArtifact[] {
    return [...this.entries]
      .sort((a, b) => a.order - b.order || a.seq - b.seq)
      .map(({ order: _o, seq: _s, ...a }) => a);
  }

  /** Wraps one collector with its progress events. */
  async task(artifact: string, fn: () => Promise<ArtifactStatus>): Promise<void> {
    this.signal?.throwIfAborted();
    const only = this.settings.only;
    if (only && artifact !== 'manifest.json' && !only(artifact)) {
      await this.record(Number.MAX_SAFE_INTEGER, {
        path: artifact,
        kind: 'collector',
        status: 'skipped',
        error: NOT_SELECTED,
      });
      this.completed++;
      return;
    }
    this.onProgress({
      artifact,
      phase: 'start',
      completed: this.completed,
      total: this.total,
    });
    let status: ArtifactStatus = 'error';
    try {
      status = await fn();
    } catch (err) {
      // A collector bug or an unexpected host state costs that artifact, not the whole run.
      if (this.signal?.aborted) throw err;
      if (artifact !== 'manifest.json' && !this.entries.some((e) => e.path === artifact)) {
        await this.record(Number.MAX_SAFE_INTEGER, {
          path: artifact,
          kind: 'collector',
          status: 'error',
          error: `collector failed: ${(err as Error).message}`,
        });
      }
    } finally {
      this.completed++;
      this.onProgress({
        artifact,
        phase: 'done',
        status,
        completed: this.completed,
        total: this.total,
      });
    }
  }

  /** Why a command failed, in one or two lines: the executor's reason, else its stderr. */
  failure(r: RunResult, label: string): string {
    if (r.error) return r.error;
    const text = psErrorText(decodeText(r.stderr, { fallback: this.oem }).text);
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const msg = lines.slice(0, 3).join(' ').slice(0, 500);
    return msg
      ? `${label} exited with ${r.exitCode}: ${msg}`
      : `${label} exited with ${r.exitCode}`;
  }
}

/** Status of a whole collector from the statuses of what it recorded. */
export function overall(statuses: ArtifactStatus[]): ArtifactStatus {
  if (statuses.length === 0) return 'absent';
  if (statuses.every((s) => s === statuses[0])) return statuses[0] ?? 'ok';
  return statuses.includes('error') ? 'error' : 'ok';
}
