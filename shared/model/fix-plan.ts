// A fix as data (STYLE principle 7): a pure wizard plans the steps, commands, backups and undo
// commands from the snapshot; only the main-process executor runs them, after the admin confirms.
// Commands are argument arrays built from validated values, never strings for a shell.
import type { CheckStatus } from './step';

/** The Windows programs a fix may start directly (PowerShell scripts go through `powershell`). */
export type FixTool = 'reg.exe' | 'appcmd.exe' | 'certutil.exe' | 'secedit.exe' | 'iisreset.exe';

/**
 * One argument: literal text, or a reference the executor resolves when it knows the run's
 * backup folder: `backupFile` → that file's absolute path in the folder, `iisBackup` → the name
 * of this fix's `appcmd add backup` (e.g. `ndes-doctor-fix-12`).
 */
export type FixArg = string | { backupFile: string } | { iisBackup: true };

/** A program with its argument array. */
export interface ToolCommand {
  tool: FixTool;
  args: FixArg[];
}

/** A PowerShell parameter value; `backupFile` resolves like a FixArg. */
export type FixScriptParam = string | number | boolean | string[] | { backupFile: string };

/** The fix scripts the executor embeds (main/fix/scripts/<name>.ps1). */
export type FixScriptName =
  | 'install-features'
  | 'uninstall-features'
  | 'export-group-members'
  | 'add-group-member'
  | 'remove-group-member'
  | 'check-user-right-gpo'
  | 'grant-user-right'
  | 'restore-user-right'
  | 'request-ra-certificate'
  | 'remove-certificate'
  | 'export-key-acl'
  | 'grant-key-read'
  | 'restore-key-acl'
  | 'set-startup-type'
  | 'set-service-state';

/** A named script run with `powershell.exe -EncodedCommand`, parameters as PowerShell literals. */
export interface ScriptCommand {
  powershell: FixScriptName;
  params: Record<string, FixScriptParam>;
}

export type FixCommand = ToolCommand | ScriptCommand;

/** What a backup keeps, for the preview and the history. */
export type FixBackupKind =
  'registry' | 'iis-config' | 'certificate' | 'user-rights' | 'key-acl' | 'group-members';

/** A backup taken before any change of the plan is made. */
export interface FixBackup {
  kind: FixBackupKind;
  /** What is kept, as the admin reads it (a key path, a store and thumbprint, …). */
  what: string;
  /** File in the backup folder the command writes; absent for `iis-config` (IIS keeps it). */
  file?: string;
  /** The command that takes the backup. */
  command: FixCommand;
}

/** Something short of a reboot that must restart before a change takes effect. */
export interface FixRestart {
  kind: 'iis' | 'app-pool' | 'service';
  /** Pool or service name. */
  name?: string;
}

/**
 * `precheck`: read-only, runs before any backup; a failing precheck refuses the fix with nothing
 * changed. `change`: changes the host (has an undo unless noted). `restart`: reloads something so
 * a change takes effect; nothing to undo.
 */
export type FixStepKind = 'precheck' | 'change' | 'restart';

export interface FixStep {
  /** Unique within the plan, kebab-case. */
  id: string;
  kind: FixStepKind;
  title: string;
  /** Why this step is needed. */
  why: string;
  command: FixCommand;
  /** Taken before the first change of the plan. */
  backup?: FixBackup;
  /** Puts back what this step changed (from the backup or the values the bundle recorded). */
  undo?: FixCommand;
  /** The change takes effect only after a reboot (HTTP.sys, user rights; iisreset is not enough). */
  needsReboot: boolean;
  /** Restarts the change needs, besides a reboot. */
  restarts: FixRestart[];
  /** Exit codes that mean success (default `[0]`). */
  okExitCodes?: number[];
  /** An exit code that means "done, reboot required" (3010, ERROR_SUCCESS_REBOOT_REQUIRED). */
  rebootExitCode?: number;
  /** Per-step time limit; the executor's default applies when absent. */
  timeoutMs?: number;
}

/** Wizard parameters as the admin gives them (CLI `--param name=value`, the wizard form). */
export type FixParams = Record<string, string | undefined>;

/** A parameter a wizard asks for. */
export interface FixParamSpec {
  name: string;
  /** Validation pattern name in shared/fixes/validate.ts. */
  pattern: string;
  required: boolean;
  label: string;
  /** Help text: what the value means and where to find it. */
  help: string;
}

/** The wizard's plan for one finding on one host. */
export interface FixPlan {
  schema: 'ndes-doctor-fix-plan/1';
  wizard: string;
  /** The check whose finding the plan fixes. */
  checkId: string;
  title: string;
  /** Step 1 of the wizard: the finding, why it breaks enrollment, what will change. */
  explain: { finding: string; why: string; change: string };
  /** Parameters the plan was built with (validated). */
  params: Record<string, string>;
  steps: FixStep[];
  /** True when any step needs a reboot. */
  needsReboot: boolean;
  /** Every restart the steps need (deduplicated). */
  restarts: FixRestart[];
  /** Warnings and hints for the admin (GPO may revert it, what is left to do, …). */
  notes: string[];
  /** Wizards to run next when their checks also fail. */
  followUps: string[];
  /** Checks to re-run after applying (verification). */
  verifyChecks: string[];
}

/** A wizard that will not plan for this host, and why. */
export interface FixRefusal {
  refused: string;
  /** Parameters the admin must give before a plan can be made. */
  missingParams?: string[];
}

export type FixPlanResult = FixPlan | FixRefusal;

export function isRefusal(r: FixPlanResult): r is FixRefusal {
  return 'refused' in r;
}

/** Before/after of one re-run check (wizard step 6). */
export interface CheckChange {
  checkId: string;
  before: CheckStatus;
  after: CheckStatus;
  /** The after-finding's summary. */
  summary: string;
}

/** The result of verifying an applied fix. */
export interface FixVerification {
  /** When the fresh evidence was collected (UTC ISO). */
  collectedAt: string;
  /** Bundle paths collected again. */
  artifacts: string[];
  checks: CheckChange[];
  /** True when every re-run check passes (or is not applicable). */
  fixed: boolean;
  /** True when a pending reboot may still change the outcome. */
  rebootPending: boolean;
}
