// The main-process side of the IPC contract: one set of handlers shared by Electron and the
// browser mode. Runs live here; the renderer only gets views of them.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  AppInfo,
  CertificateView,
  EventChannels,
  InvokeChannel,
  InvokeChannels,
  RunView,
} from '../../shared/ipc/channels';
import type { Snapshot } from '../../shared/model';
import { isOk } from '../../shared/model';
import { diagnoseBundle } from '../analysis/diagnose';
import { openBundle } from '../acquire/bundle/reader';
import { exportBundle } from '../acquire/bundle/export';
import { verifyBundle } from '../acquire/bundle/verify';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { LineIndexCache } from './line-index';
import { roleOf } from '../../shared/engine/computed/cert-roles';
import { defaultDbPath, openStore } from '../store';
import { SettingsFile, cleanUrls } from '../app/settings';
import { runProbe } from '../probe/probe';
import { collectLive } from '../acquire/windows/cli-collect';
import { planFix, wizardFor } from '../../shared/fixes';
import { isRefusal } from '../../shared/model/fix-plan';
import { dryRunPlan } from '../fix/commands';
import { defaultFixTools } from '../fix/executor';
import { fixCommand } from '../fix/cli-fix';
import { openFixRecords } from '../fix/records';
import { detectElevation, NEEDS_ELEVATION } from '../acquire/windows/elevation';
import { defaultToolMap, Executor } from '../acquire/windows/executor';
import type { RunStore } from '../store';

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
}

type Handlers = {
  [C in InvokeChannel]: (req: InvokeChannels[C]['req']) => Promise<InvokeChannels[C]['res']>;
};

interface RunEntry {
  view: RunView;
  location: string | null;
  snapshot: Snapshot;
}

/** Creates the handlers for one app session. */
export function createSession(host: SessionHost): {
  handlers: Handlers;
  openInitial(p?: string): Promise<RunView>;
} {
  const runs = new Map<string, RunEntry>();
  let current: RunView | null = null;
  let abort: AbortController | null = null;
  let exportAbort: AbortController | null = null;
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

  /** Runs the fix command with its output streamed to the terminal pane, line by line. */
  async function runFixCli(args: string[]): Promise<{ exitCode: number; output: string }> {
    let output = '';
    let pending = '';
    const write = (level: 'info' | 'error') => (chunk: string) => {
      output += chunk;
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const l of lines) log(l, level);
      return true;
    };
    const exitCode = await fixCommand(args, {
      stdout: { write: write('info') },
      stderr: { write: write('error') },
      confirm: async () => true,
    });
    if (pending) log(pending);
    return { exitCode, output };
  }

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
    'bundle:export': async ({ runId, redact }) => {
      const r = runs.get(runId);
      if (!r?.location) throw new Error('This run has no bundle to export.');
      const base = `${(r.view.report.host.computerName || 'ndes').replace(/[^\w.-]/g, '_')}-${r.view.report.collectedAt.slice(0, 10)}${redact === 'none' ? '' : `-${redact}`}.zip`;
      let out: string;
      if (host.showSaveDialog) {
        const picked = await host.showSaveDialog(base);
        if (!picked)
          return {
            cancelled: true,
            path: null,
            downloadUrl: null,
            fileName: base,
            zipBytes: 0,
            removed: [],
          };
        out = picked;
      } else {
        out = path.join(await fsp.mkdtemp(path.join(tmpdir(), 'ndes-doctor-export-')), base);
      }
      exportAbort?.abort();
      const controller = new AbortController();
      exportAbort = controller;
      log(`Exporting ${redact === 'none' ? '' : `(${redact}) `}to ${out}…`);
      const source = await openBundle(r.location);
      try {
        const result = await exportBundle({
          source,
          out,
          redact: redact === 'none' ? undefined : redact,
          report: r.view.report,
          signal: controller.signal,
          onProgress: (p) =>
            host.emit('run:progress', { runId, phase: 'export', file: p.file, bytes: p.bytesDone }),
        });
        log(`Exported ${result.files} files (${result.zipBytes} bytes) to ${result.out}.`);
        return {
          cancelled: false,
          path: host.showSaveDialog ? result.out : null,
          downloadUrl: host.offerDownload ? host.offerDownload(result.out, base) : null,
          fileName: base,
          zipBytes: result.zipBytes,
          removed: result.removed,
        };
      } finally {
        await source.close();
        if (exportAbort === controller) exportAbort = null;
      }
    },
    'bundle:cancel-export': async () => {
      const had = exportAbort !== null;
      exportAbort?.abort();
      return { cancelled: had };
    },
    'fix:plan': async ({ runId, checkId, params }) => {
      const r = runs.get(runId);
      const finding = r?.view.report.findings.find((f) => f.checkId === checkId);
      if (!r || !finding) throw new Error(`No finding ${checkId} in this run.`);
      const result = planFix(r.snapshot, finding, params);
      const commands = isRefusal(result)
        ? []
        : dryRunPlan(result, defaultFixTools(), {
            backupDir: '<backup folder>',
            iisBackupName: 'ndes-doctor-fix-<id>',
          }).map(({ stepId, phase, title, commandLine, summary }) => ({
            stepId,
            phase,
            title,
            commandLine,
            summary,
          }));
      const w = wizardFor(finding);
      const wizard = 'refused' in w ? null : w;
      const choices =
        wizard && 'choices' in wizard && typeof wizard.choices === 'function'
          ? (wizard.choices(r.snapshot) as Record<string, string[]>)
          : {};
      return {
        result,
        commands,
        params: [...(wizard?.meta.params ?? [])],
        choices,
        canApply: process.platform === 'win32' && !r.view.isDemo,
      };
    },
    'fix:apply': async ({ runId, checkId, params, dryRun, confirmed }) => {
      const r = runs.get(runId);
      if (!r?.location) throw new Error('This run has no bundle to plan from.');
      if (confirmed !== true) throw new Error('A fix runs only after explicit confirmation.');
      const args = ['apply', '--check', checkId, '--bundle', r.location, '--yes'];
      for (const [k, v] of Object.entries(params)) if (v) args.push('--param', `${k}=${v}`);
      if (dryRun) args.push('--dry-run');
      if (host.dbPath) args.push('--db', host.dbPath);
      return runFixCli(args);
    },
    'fix:undo': async ({ fixId, confirmed }) => {
      if (confirmed !== true) throw new Error('An undo runs only after explicit confirmation.');
      const args = ['undo', String(fixId), '--yes'];
      if (host.dbPath) args.push('--db', host.dbPath);
      return runFixCli(args);
    },
    'fix:history': async () => {
      const records = openFixRecords(host.dbPath ?? defaultDbPath());
      try {
        return records.listFixes({ limit: 200 }).map((f) => ({
          id: f.id,
          runId: f.runId,
          checkId: f.checkId,
          wizard: f.wizard,
          host: f.host,
          startedAt: f.startedAt,
          finishedAt: f.finishedAt,
          dryRun: f.dryRun,
          status: f.status,
          backupPath: f.backupPath,
          verified: f.verification ? f.verification.fixed : null,
        }));
      } finally {
        records.close();
      }
    },
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

/** Manifest hashes of an opened bundle, as a sentence for the admin. */
async function checkIntegrity(location: string): Promise<{ ok: boolean; message: string }> {
  try {
    const v = await verifyBundle(location);
    if (v.ok) return { ok: true, message: `All ${v.checked} files match the manifest hashes.` };
    const parts = [
      ...v.mismatches.map((m) => `${m.path} differs from the manifest`),
      ...v.missing.map((m) => `${m} is missing`),
    ];
    return {
      ok: false,
      message: `The bundle does not match its manifest: ${parts.slice(0, 10).join('; ')}${parts.length > 10 ? `; and ${parts.length - 10} more` : ''}.`,
    };
  } catch (err) {
    return {
      ok: false,
      message: `The manifest hashes could not be checked: ${(err as Error).message}`,
    };
  }
}

/** The files of a bundle, or null when it cannot be opened any more. */
async function bundleFiles(location: string): Promise<{ path: string; size: number }[] | null> {
  try {
    const bundle = await openBundle(location);
    const files = bundle.entries.map((e) => ({ path: e.path, size: e.size }));
    await bundle.close();
    return files;
  } catch {
    return null;
  }
}

function certificateViews(s: Snapshot): CertificateView[] {
  if (!isOk(s.certs)) return [];
  return s.certs.value.certs.map((c) => ({
    store: c.store,
    file: c.file,
    thumbprint: c.thumbprint,
    subject: c.subject,
    issuer: c.issuer,
    subjectCN: c.subjectCN,
    issuerCN: c.issuerCN,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    eku: c.eku,
    keyUsage: c.keyUsage,
    sanDns: c.sanDns,
    template: c.template,
    hasPrivateKey: c.index?.hasPrivateKey ?? null,
    keyProvider: c.index?.keyProvider ?? null,
    role: roleOf(s, c),
    isCA: c.isCA,
    selfIssued: c.selfIssued,
    aki: c.aki,
    ski: c.ski,
  }));
}
