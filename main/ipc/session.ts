// The main-process side of the IPC contract: one set of handlers shared by Electron and the
// browser mode. Runs live here; the renderer only gets views of them.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  AppInfo,
  EventChannels,
  InvokeChannel,
  InvokeChannels,
  RunView,
} from '../../shared/ipc/channels';
import type { Snapshot } from '../../shared/model';
import { diagnoseBundle } from '../analysis/diagnose';
import { LineIndexCache } from './line-index';
import { bundleFiles, certificateViews, checkIntegrity } from './run-views';
import { exportHandlers } from './export-handlers';
import { fixHandlers } from './fix-handlers';
import { defaultDbPath, openStore } from '../store';
import { SettingsFile, cleanUrls } from '../app/settings';
import { runProbe } from '../probe/probe';
import { collectLive } from '../acquire/windows/cli-collect';
import { detectElevation, NEEDS_ELEVATION } from '../acquire/windows/elevation';
import { defaultToolMap, Executor } from '../acquire/windows/executor';
import type { RunStore } from '../store';
import type { FixIo } from '../fix/cli-fix-common';
import type { ShellOption } from '../shell/shell-sessions';
import { shellHandlers } from './shell-handlers';

/** What handlers need from their host (Electron or the HTTP server). */
export interface SessionHost {
  mode: 'electron' | 'browser';
  version: string;
  demoBundle: string;
  emit<E extends keyof EventChannels>(event: E, payload: EventChannels[E]): void;
  /** Electron: shows the open dialog; browser: undefined. */
  showOpenDialog?: () => Promise<string | null>;
  /** Browser: path of an uploaded bundle. */
  resolveUpload?: (uploadId: string) => string | null;
  /** Run history database; undefined = the default location, null = keep no history. */
  dbPath?: string | null;
  /** Desktop app on Windows: relaunches the app elevated. */
  relaunchElevated?: () => Promise<boolean>;
  /** Desktop: asks where to save a file (null when cancelled). */
  showSaveDialog?: (defaultName: string) => Promise<string | null>;
  /** Browser: makes a file downloadable once; returns its URL path. */
  offerDownload?: (file: string, name: string) => string;
  /** The terminal pane's interactive shell (desktop app on Windows); absent: none offered. */
  shell?: ShellOption;
  /** The platform the app runs on (default: this process's). */
  platform?: NodeJS.Platform;
  /** The fix commands' platform, executor, tools and collector (default: this host's). */
  fixIo?: Partial<Omit<FixIo, 'stdout' | 'stderr' | 'confirm' | 'onOutcome'>>;
}

export type Handlers = {
  [C in InvokeChannel]: (req: InvokeChannels[C]['req']) => Promise<InvokeChannels[C]['res']>;
};

/** A run the session knows: its view, its bundle (null when gone) and its snapshot. */
export interface RunEntry {
  view: RunView;
  location: string | null;
  snapshot: Snapshot;
}

/** What the handler groups share. */
export interface SessionContext {
  host: SessionHost;
  runs: Map<string, RunEntry>;
  log: (text: string, level?: 'info' | 'warn' | 'error') => void;
}

/** Creates the handlers for one app session. */
export function createSession(host: SessionHost): {
  handlers: Handlers;
  openInitial(p?: string): Promise<RunView>;
  /** Ends the session's interactive shells (the page reloads, the app quits). */
  closeShells(): Promise<void>;
} {
  const runs = new Map<string, RunEntry>();
  let current: RunView | null = null;
  let abort: AbortController | null = null;
  const lines = new LineIndexCache();
  const settings = SettingsFile.beside(host.dbPath ?? defaultDbPath());
  let store: RunStore | null | undefined;
  /** The run history, opened on first use; null when it cannot be opened (the app goes on without). */
  const history = (): RunStore | null => {
    if (store !== undefined) return store;
    if (host.dbPath === null) return (store = null);
    try {
      store = openStore(host.dbPath ?? defaultDbPath());
      if (store.notice) log(store.notice, 'warn');
    } catch (err) {
      log(`The run history cannot be opened: ${(err as Error).message}`, 'warn');
      store = null;
    }
    return store;
  };
  const log = (text: string, level: 'info' | 'warn' | 'error' = 'info') =>
    host.emit('log:line', { text, level });

  const ctx: SessionContext = { host, runs, log };
  const shell = shellHandlers(ctx);

  /** Collects this server into a bundle (read-only), then opens that bundle. */
  async function diagnoseLive(): Promise<RunView> {
    log('Collecting this server (read-only)…');
    const collected = await collectLive({
      onProgress: (e) => {
        if (e.phase === 'done')
          log(
            `  ${(e.status ?? '').padEnd(7)} ${e.artifact}`,
            e.status === 'error' ? 'warn' : 'info',
          );
        host.emit('run:progress', { runId: null, phase: 'collecting', file: e.artifact });
      },
    });
    log(`Collected into ${collected.bundlePath}`);
    return open(collected.bundlePath, false, 'live');
  }

  async function open(location: string, isDemo: boolean, kind?: 'live'): Promise<RunView> {
    abort?.abort();
    const controller = new AbortController();
    abort = controller;
    const started = Date.now();
    const runId = randomUUID();
    log(`Opening ${isDemo ? 'the built-in demo host' : location}`);
    let lastBytes = 0;
    let lastTime = started;
    try {
      const { snapshot, report } = await diagnoseBundle(location, {
        kind: kind ?? (isDemo ? 'demo' : 'bundle'),
        signal: controller.signal,
        onProgress: (p) => {
          let mbPerSecond: number | undefined;
          if (p.bytes !== undefined) {
            const now = Date.now();
            if (now - lastTime > 250) {
              mbPerSecond = (p.bytes - lastBytes) / 1e6 / ((now - lastTime) / 1000);
              lastBytes = p.bytes;
              lastTime = now;
            }
          } else if (p.file) log(`  reading ${p.file}`);
          host.emit('run:progress', {
            runId,
            phase: p.phase,
            file: p.file,
            bytes: p.bytes,
            mbPerSecond,
          });
        },
      });
      const files = await bundleFiles(location);
      const integrity = isDemo || kind === 'live' ? null : await checkIntegrity(location);
      if (integrity && !integrity.ok) log(integrity.message, 'warn');
      const durationMs = Date.now() - started;
      let storedId: number | null = null;
      try {
        storedId = history()?.saveRun({ report, snapshot, durationMs }).id ?? null;
      } catch (err) {
        log(`The run was not stored in the history: ${(err as Error).message}`, 'warn');
      }
      const view: RunView = {
        id: runId,
        sourceName: isDemo
          ? 'Demo host'
          : kind === 'live'
            ? 'This server (live)'
            : path.basename(location),
        isDemo,
        report,
        certificates: certificateViews(snapshot),
        files: files ?? [],
        durationMs,
        storedId,
        filesUnavailable: null,
        integrity,
      };
      const failing = report.findings.filter((f) => f.status === 'fail').length;
      log(
        `Diagnosis done in ${view.durationMs} ms: ${report.findings.length} checks, ${failing} failing.`,
      );
      runs.set(runId, { view, location, snapshot });
      current = view;
      return view;
    } catch (err) {
      log(`Could not open the bundle: ${(err as Error).message}`, 'error');
      throw err;
    } finally {
      if (abort === controller) abort = null;
    }
  }

  function runLocation(runId: string): string {
    const r = runs.get(runId);
    if (!r) throw new Error(`unknown run ${runId}`);
    if (!r.location)
      throw new Error(r.view.filesUnavailable ?? 'The bundle of this run is not available.');
    return r.location;
  }

  /** A stored run as a view: its bundle's files when the bundle is still where it was. */
  async function viewStored(id: number): Promise<RunView> {
    const db = history();
    const stored = db?.getRun(id);
    if (!db || !stored) throw new Error(`Run ${id} is not in the history.`);
    const location = stored.summary.bundleCopy ?? stored.summary.source.path;
    const files = location ? await bundleFiles(location) : null;
    const view: RunView = {
      id: randomUUID(),
      sourceName: `Run ${id}${stored.summary.label ? ` (${stored.summary.label})` : ''}`,
      isDemo: stored.summary.source.kind === 'demo',
      report: stored.report,
      certificates: certificateViews(stored.snapshot),
      files: files ?? [],
      durationMs: stored.summary.durationMs ?? 0,
      storedId: id,
      integrity: null,
      filesUnavailable: files
        ? null
        : `The bundle of run ${id} is no longer at ${location ?? 'its original place'}: its findings are shown as they were, without the files.`,
    };
    runs.set(view.id, { view, location: files ? location : null, snapshot: stored.snapshot });
    current = view;
    log(
      `Opened run ${id} from the history (${stored.summary.host}, collected ${stored.summary.collectedAt}).`,
    );
    return view;
  }

  const handlers: Handlers = {
    'app:info': async (): Promise<AppInfo> => ({
      mode: host.mode,
      version: host.version,
      platform: process.platform,
      canCollectLive: process.platform === 'win32',
      demoNotice:
        'Showing the built-in demo host (a sample NDES server with problems). Open a bundle to diagnose a real server.',
    }),
    'run:current': async () => current,
    'run:open-demo': async () => open(host.demoBundle, true),
    'run:open-path': async ({ path: p }) => open(p, false),
    'run:open-dialog': async () => {
      if (!host.showOpenDialog)
        throw new Error('The open dialog is only available in the desktop app.');
      const p = await host.showOpenDialog();
      return p ? open(p, false) : null;
    },
    'run:open-upload': async ({ uploadId }) => {
      const p = host.resolveUpload?.(uploadId);
      if (!p) throw new Error('Unknown upload.');
      return open(p, false);
    },
    'run:cancel': async () => {
      const had = abort !== null;
      abort?.abort();
      return { cancelled: had };
    },
    'runs:list': async ({ host: h, limit, offset }) => {
      const db = history();
      if (!db) return { runs: [], total: 0, notice: null, database: null };
      const opts = {
        host: h ?? undefined,
        limit: Math.min(Math.max(1, limit), 500),
        offset: Math.max(0, offset),
      };
      return {
        runs: db.listRuns(opts),
        total: db.countRuns(opts),
        notice: db.notice,
        database: db.path,
      };
    },
    'runs:open': async ({ id }) => viewStored(id),
    'runs:rejudge': async ({ id }) => {
      const saved = history()?.rejudge(id);
      if (!saved) throw new Error(`Run ${id} is not in the history.`);
      log(`Run ${id} judged again with the current rules: stored as run ${saved.id}.`);
      return viewStored(saved.id);
    },
    'runs:delete': async ({ id }) => ({ deleted: history()?.deleteRun(id) ?? false }),
    'runs:diff': async ({ a, b }) => {
      const diff = history()?.diffRuns(a, b);
      if (!diff) throw new Error(`Run ${a} or ${b} is not in the history.`);
      return diff;
    },
    'live:diagnose': async () => diagnoseLive(),
    'live:elevation': async () => {
      if (process.platform !== 'win32') return { elevated: null, missing: [] };
      const elevated = await detectElevation(new Executor(defaultToolMap()));
      return { elevated, missing: elevated === false ? NEEDS_ELEVATION : [] };
    },
    'live:relaunch-elevated': async () => ({ started: (await host.relaunchElevated?.()) ?? false }),
    ...exportHandlers(ctx),
    ...fixHandlers(ctx),
    ...shell.handlers,
    'settings:get': async () => settings.get(),
    'settings:set': async (change) => settings.set(change),
    'probe:run': async ({ url, enroll, challenge, raThumbprints }) => {
      const target = cleanUrls([url])[0];
      if (!target) throw new Error(`Not an http(s) URL: ${url}`);
      log(`Probing ${target}${enroll ? ' (with enrollment)' : ''}…`);
      const report = await runProbe(target, {
        enroll,
        challenge: challenge || undefined,
        localRaThumbprints: raThumbprints.filter((t) => /^[0-9A-F]{40}$/i.test(t)),
      });
      for (const step of report.steps) {
        log(
          `  ${step.verdict.toUpperCase().padEnd(5)} ${step.name} ${step.status ?? '-'} ${step.meaning}`,
          step.verdict === 'fail' ? 'error' : step.verdict === 'warn' ? 'warn' : 'info',
        );
      }
      return report;
    },
    'evidence:lines': async ({ runId, file, from, count }) =>
      lines.read(runLocation(runId), file, from, count),
    'evidence:find': async ({ runId, file, text, limit }) =>
      lines.find(runLocation(runId), file, text, limit),
  };
  return {
    handlers,
    closeShells: shell.closeAll,
    // With no bundle given: on the NDES server itself, diagnose it; elsewhere, the demo host.
    openInitial: async (p?: string) => {
      if (p) return open(p, false);
      if (process.platform === 'win32' && process.env.NDES_DOCTOR_DEMO !== '1') {
        try {
          return await diagnoseLive();
        } catch (err) {
          log(
            `Live diagnosis failed (${(err as Error).message}); showing the demo host instead.`,
            'warn',
          );
        }
      }
      return open(host.demoBundle, true);
    },
  };
}
