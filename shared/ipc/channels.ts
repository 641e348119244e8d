// The one IPC contract between the renderer and the main process (STYLE principle 8). Electron's
// preload and the browser-mode HTTP bridge are both derived from this map, so a channel that is
// not listed here cannot be called from the renderer.
import type { CheckStatus, Health, Report, StepHealth, StepId } from '../model';
import type { RunDiff } from '../engine/compare';
import type { ProbeReport } from '../probe/types';
import type { FixParamSpec, FixPlanResult, FixVerification } from '../model/fix-plan';

/** How the app runs. */
export interface AppInfo {
  mode: 'electron' | 'browser';
  version: string;
  platform: string;
  /** True on Windows, where live collection of this server is possible. */
  canCollectLive: boolean;
  /** Why the demo host is shown, when it is. */
  demoNotice: string | null;
}

/** A finished diagnosis as the renderer sees it. */
export interface RunView {
  /** Run id (stable within this app session). */
  id: string;
  /** Display name of the source: demo, folder or zip name. */
  sourceName: string;
  isDemo: boolean;
  report: Report;
  /** Certificates of the snapshot, for the certificate views. */
  certificates: CertificateView[];
  /** Bundle files that can be opened in the evidence viewer (path, size). */
  files: { path: string; size: number }[];
  /** Diagnosis duration in ms. */
  durationMs: number;
  /** Id in the run history, when the run is stored there. */
  storedId: number | null;
  /** Why bundle files cannot be shown (a past run whose bundle has moved), or null. */
  filesUnavailable: string | null;
  /** Manifest hash check of an opened bundle: null when not checked (demo, live, history). */
  integrity: { ok: boolean; message: string } | null;
}

/** A stored run as the history lists it. */
export interface RunListItem {
  id: number;
  storedAt: string;
  host: string;
  dnsHostName: string | null;
  source: {
    kind: 'live' | 'bundle' | 'demo' | 'rejudge';
    path: string | null;
    parentId?: number | null;
  };
  collectedAt: string;
  durationMs: number | null;
  engineVersion: string;
  rulesetVersion: string;
  counts: Record<CheckStatus, number>;
  steps: { id: StepId; health: Health }[];
  label: string | null;
}

/** A certificate as the certificate views show it. */
export interface CertificateView {
  store: string;
  file: string;
  thumbprint: string;
  subject: string;
  issuer: string;
  subjectCN: string | null;
  issuerCN: string | null;
  notBefore: string;
  notAfter: string;
  eku: string[] | null;
  keyUsage: string[] | null;
  sanDns: string[];
  template: string | null;
  hasPrivateKey: boolean | null;
  keyProvider: string | null;
  /** Why this certificate matters to NDES: `ra-cep-encryption`, `ra-enrollment-agent`, `tls`, `connector`, `root`, `ca`, or null. */
  role: string | null;
  isCA: boolean | null;
  selfIssued: boolean;
  aki: string | null;
  ski: string | null;
}

/** One command of a fix plan as it would run (the dry-run view). */
export interface FixCommandLine {
  stepId: string;
  phase: string;
  title: string;
  commandLine: string;
  summary: string;
}

/** An applied (or dry-run) fix as the history shows it. */
export interface FixHistoryItem {
  id: number;
  runId: number | null;
  checkId: string;
  wizard: string;
  host: string;
  startedAt: string;
  finishedAt: string | null;
  dryRun: boolean;
  status: string;
  backupPath: string | null;
  verified: boolean | null;
}

/** How an applied fix ended, for the wizard: what to offer next and the before/after. */
export interface FixOutcomeView {
  fixId: number;
  /** applied | failed | refused | cancelled | rolled-back */
  status: string;
  /** Change steps still in effect: after a failure, what a rollback would reverse. */
  applied: string[];
  failedStep: string | null;
  message: string | null;
  rebootRequired: boolean;
  backupDir: string;
  verification: FixVerification | null;
  /** The run before the fix against the same run with the re-run checks (null when not verified). */
  diff: RunDiff | null;
  /** Step health after the fix (the re-run checks in place of the earlier ones). */
  afterSteps: StepHealth[] | null;
}

/** Settings kept between sessions. */
export interface AppSettings {
  /** External SCEP URLs the Intune profiles use (the local one is added by the app). */
  probeUrls: string[];
}

/** A window of lines of a bundle file, for the virtualized viewer. */
export interface LinesRequest {
  runId: string;
  file: string;
  /** 0-based first line. */
  from: number;
  count: number;
}

export interface LinesResponse {
  file: string;
  from: number;
  lines: string[];
  /** Total number of lines in the file. */
  total: number;
}

/** Progress of a running diagnosis. */
export interface ProgressEvent {
  runId: string | null;
  phase: string;
  file?: string;
  /** Bytes of logs read so far. */
  bytes?: number;
  /** Log throughput, MB/s. */
  mbPerSecond?: number;
}

/** One line for the terminal pane. */
export interface LogEvent {
  text: string;
  level: 'info' | 'warn' | 'error';
}

/** Whether the terminal pane can open an interactive shell here, and if not, why. */
export interface ShellInfo {
  available: boolean;
  /** The shell's name (e.g. "Windows PowerShell"). */
  label: string | null;
  /** Whether it runs with administrator rights (null: not known, or no shell). */
  elevated: boolean | null;
  /** not-windows: the shell is the NDES server's; browser-mode: not offered over HTTP; no-pty: the terminal module did not load. */
  reason: 'not-windows' | 'browser-mode' | 'no-pty' | null;
}

/** Request/response channels: name → types. */
export interface InvokeChannels {
  'app:info': { req: null; res: AppInfo };
  'run:current': { req: null; res: RunView | null };
  'run:open-demo': { req: null; res: RunView };
  /** Opens a bundle by path on the machine running the main process (Electron dialog, CLI). */
  'run:open-path': { req: { path: string }; res: RunView };
  /** Electron only: shows the open dialog and opens what the admin picked (null when cancelled). */
  'run:open-dialog': { req: null; res: RunView | null };
  /** Browser mode: opens a bundle uploaded with the file picker or drag and drop. */
  'run:open-upload': { req: { uploadId: string }; res: RunView };
  'run:cancel': { req: null; res: { cancelled: boolean } };
  'runs:list': {
    req: { host: string | null; limit: number; offset: number };
    res: { runs: RunListItem[]; total: number; notice: string | null; database: string | null };
  };
  /** Opens a past run as it was (diagram, findings, evidence). */
  'runs:open': { req: { id: number }; res: RunView };
  /** Judges a past run's snapshot with the current rules (stored as a new run). */
  'runs:rejudge': { req: { id: number }; res: RunView };
  'runs:delete': { req: { id: number }; res: { deleted: boolean } };
  /** Compares run `a` (before) with run `b` (after). */
  'runs:diff': { req: { a: number; b: number }; res: RunDiff };
  /** Windows: collects this server (read-only) and diagnoses it. */
  'live:diagnose': { req: null; res: RunView };
  /** Windows: whether the app runs elevated, and what a non-elevated collection misses. */
  'live:elevation': {
    req: null;
    res: { elevated: boolean | null; missing: { artifact: string; why: string }[] };
  };
  /** Desktop app on Windows: starts an elevated copy of the app (this one then closes). */
  'live:relaunch-elevated': { req: null; res: { started: boolean } };
  /**
   * Exports the run's bundle as a support zip (+ report.json / report.html), optionally redacted.
   * Desktop: written where the admin chooses; browser: offered as a download (`downloadUrl`).
   */
  'bundle:export': {
    req: { runId: string; redact: 'none' | 'pseudonymize' | 'strict' };
    res: {
      cancelled: boolean;
      path: string | null;
      downloadUrl: string | null;
      fileName: string;
      zipBytes: number;
      removed: string[];
    };
  };
  'bundle:cancel-export': { req: null; res: { cancelled: boolean } };
  /** The wizard's plan for a finding of a run (pure: nothing runs), with its exact commands. */
  'fix:plan': {
    req: { runId: string; checkId: string; params: Record<string, string> };
    res: {
      result: FixPlanResult;
      commands: FixCommandLine[];
      /** The parameters the wizard asks for, with the values the host offers (e.g. published templates). */
      params: FixParamSpec[];
      choices: Record<string, string[]>;
      canApply: boolean;
    };
  };
  /**
   * Runs a plan (Windows, elevated) or only shows it (`dryRun`); output goes to the terminal pane.
   * A failing step stops the run and keeps the steps already applied: `fix` says which, and
   * `fix:undo` rolls them back when the admin agrees.
   */
  'fix:apply': {
    req: {
      runId: string;
      checkId: string;
      params: Record<string, string>;
      dryRun: boolean;
      confirmed: true;
    };
    res: { exitCode: number; output: string; fix: FixOutcomeView | null };
  };
  /** Stops the fix being applied: the running command is ended and nothing after it runs. */
  'fix:cancel': { req: null; res: { cancelled: boolean } };
  'fix:undo': {
    req: { fixId: number; confirmed: true };
    res: { exitCode: number; output: string };
  };
  'fix:history': { req: null; res: FixHistoryItem[] };
  /** Writes a recorded fix's commands, output and result to the terminal pane's log. */
  'fix:log': { req: { fixId: number }; res: null };
  'settings:get': { req: null; res: AppSettings };
  'settings:set': { req: Partial<AppSettings>; res: AppSettings };
  /** Probes one SCEP URL the way devices use it (only that URL is contacted). */
  'probe:run': {
    req: { url: string; enroll: boolean; challenge: string | null; raThumbprints: string[] };
    res: ProbeReport;
  };
  'evidence:lines': { req: LinesRequest; res: LinesResponse };
  /** The terminal pane's interactive shell (desktop app on Windows): start, type, resize, close. */
  'shell:info': { req: null; res: ShellInfo };
  'shell:start': { req: { cols: number; rows: number }; res: { id: number } };
  'shell:input': { req: { id: number; data: string }; res: null };
  'shell:resize': { req: { id: number; cols: number; rows: number }; res: null };
  'shell:stop': { req: { id: number }; res: null };
  'evidence:find': {
    req: { runId: string; file: string; text: string; limit: number };
    res: { lines: number[]; truncated: boolean };
  };
}

/** Events pushed from main to the renderer. */
export interface EventChannels {
  'run:progress': ProgressEvent;
  'log:line': LogEvent;
  /** Output of the terminal pane's interactive shell. */
  'shell:output': { id: number; data: string };
  'shell:exit': { id: number; exitCode: number };
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;

/**
 * Every invoke channel, as an exhaustive record: adding a channel to the map without listing it
 * here (or listing one that does not exist) does not compile.
 */
export const INVOKE_CHANNELS: Record<InvokeChannel, true> = {
  'app:info': true,
  'run:current': true,
  'run:open-demo': true,
  'run:open-path': true,
  'run:open-dialog': true,
  'run:open-upload': true,
  'run:cancel': true,
  'runs:list': true,
  'runs:open': true,
  'runs:rejudge': true,
  'runs:delete': true,
  'runs:diff': true,
  'live:diagnose': true,
  'live:elevation': true,
  'live:relaunch-elevated': true,
  'bundle:export': true,
  'bundle:cancel-export': true,
  'fix:plan': true,
  'fix:apply': true,
  'fix:cancel': true,
  'fix:undo': true,
  'fix:history': true,
  'fix:log': true,
  'settings:get': true,
  'settings:set': true,
  'probe:run': true,
  'shell:info': true,
  'shell:start': true,
  'shell:input': true,
  'shell:resize': true,
  'shell:stop': true,
  'evidence:lines': true,
  'evidence:find': true,
};

export const EVENT_CHANNELS: Record<EventChannel, true> = {
  'run:progress': true,
  'log:line': true,
  'shell:output': true,
  'shell:exit': true,
};

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(INVOKE_CHANNELS, name);
}

export function isEventChannel(name: string): name is EventChannel {
  return Object.prototype.hasOwnProperty.call(EVENT_CHANNELS, name);
}

/** The API the preload exposes as `window.api` (and the browser bridge implements). */
export interface RendererApi {
  invoke<C extends InvokeChannel>(
    channel: C,
    req: InvokeChannels[C]['req'],
  ): Promise<InvokeChannels[C]['res']>;
  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void): () => void;
}
