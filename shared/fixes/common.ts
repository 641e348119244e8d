// Building blocks every wizard shares: the wizard shape, plan assembly (reboot and restart roll-up),
// refusals, and the exact reg.exe / appcmd.exe argument arrays with their undo commands. Old values
// for undo come from the bundle and are validated like any other value before they are used.
import type { Ev, Finding, Snapshot } from '../model';
import type {
  FixBackup,
  FixParamSpec,
  FixParams,
  FixPlan,
  FixPlanResult,
  FixRefusal,
  FixRestart,
  FixStep,
  ToolCommand,
} from '../model/fix-plan';
import type { RegData, RegFile } from '../parse/reg-file';
import { regLookup } from '../engine/computed/registry';
import { fill } from '../engine/computed/text';
import { FixValidationError, dword, valid } from './validate';

/** What a wizard is: its id, the checks whose CHECKS.md "fix wizard" names it, its text. */
export interface WizardMeta {
  id: string;
  /** Checks this wizard fixes (CHECKS.md "fix wizard" lines naming it). */
  checks: readonly string[];
  /** Checks re-run after applying (config checks; log-based ones keep old lines for 14 days). */
  verifies: readonly string[];
  title: string;
  params?: readonly FixParamSpec[];
}

/** Shared refusal texts (translatable). */
export const COMMON_STRINGS = {
  notThisWizard: 'The check {check} is not fixed by the {wizard} wizard.',
  nothingToFix: 'The check {check} is {status}: there is nothing for this wizard to fix.',
  notJudged:
    'The check {check} is {status}: its evidence could not be judged, so the wizard will not guess. Collect again, then retry.',
  invalid: 'Refused: {message}.',
  noBackupKeyAbsent: '{key} does not exist yet; nothing to back up (undo deletes the values).',
};

/** A wizard module as the registry holds it. */
export interface FixWizard {
  meta: WizardMeta;
  strings: Record<string, string>;
  plan(snapshot: Snapshot, finding: Finding, params: FixParams): FixPlanResult;
  /** Values the admin can choose from for each parameter (e.g. templates the CA publishes). */
  choices?(snapshot: Snapshot): Record<string, string[]>;
}

export function refuse(reason: string, missingParams?: string[]): FixRefusal {
  return missingParams ? { refused: reason, missingParams } : { refused: reason };
}

/**
 * Common guards around a wizard's plan: the finding must be one of its checks and fail or warn;
 * a value that fails validation anywhere in the plan refuses it with the reason.
 */
export function guardPlan(
  meta: WizardMeta,
  finding: Finding,
  build: () => FixPlanResult,
): FixPlanResult {
  const values = { check: finding.checkId, wizard: meta.id, status: finding.status };
  if (!meta.checks.includes(finding.checkId))
    return refuse(fill(COMMON_STRINGS.notThisWizard, values));
  if (finding.status === 'unknown' || finding.status === 'error')
    return refuse(fill(COMMON_STRINGS.notJudged, values));
  if (finding.status !== 'fail' && finding.status !== 'warn')
    return refuse(fill(COMMON_STRINGS.nothingToFix, values));
  try {
    return build();
  } catch (err) {
    if (err instanceof FixValidationError)
      return refuse(fill(COMMON_STRINGS.invalid, { message: err.message }));
    throw err;
  }
}

/** Assembles a plan: reboot flag and restarts rolled up from the steps. */
export function buildPlan(
  meta: WizardMeta,
  finding: Finding,
  parts: {
    why: string;
    change: string;
    steps: FixStep[];
    params?: Record<string, string>;
    notes?: string[];
    followUps?: string[];
  },
): FixPlan {
  const restarts: FixRestart[] = [];
  for (const r of parts.steps.flatMap((s) => s.restarts)) {
    if (!restarts.some((x) => x.kind === r.kind && x.name === r.name)) restarts.push(r);
  }
  return {
    schema: 'ndes-doctor-fix-plan/1',
    wizard: meta.id,
    checkId: finding.checkId,
    title: meta.title,
    explain: { finding: finding.summary, why: parts.why, change: parts.change },
    params: parts.params ?? {},
    steps: parts.steps,
    needsReboot: parts.steps.some((s) => s.needsReboot),
    restarts,
    notes: parts.notes ?? [],
    followUps: parts.followUps ?? [],
    verifyChecks: [...meta.verifies],
  };
}

/** A required or optional parameter after validation; missing required ones are listed. */
export function readParam(
  spec: FixParamSpec,
  params: FixParams,
  check: (value: string) => string,
): string | undefined {
  const raw = params[spec.name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  return check(raw);
}

// ---- reg.exe ---------------------------------------------------------------------------------

/** A registry value a step writes. */
export type RegWrite = { type: 'REG_DWORD'; value: number } | { type: 'REG_SZ'; value: string };

/** `reg add <key> /v <name> /t <type> /d <data> /f` (DWORD data in decimal, which reg.exe takes). */
export function regAdd(key: string, name: string, data: RegWrite): ToolCommand {
  valid('registryKey', 'registry key', key);
  valid('registryValueName', 'registry value name', name);
  const d =
    data.type === 'REG_DWORD'
      ? String(dword(`${name} value`, data.value))
      : valid('templateValue', `${name} value`, data.value);
  return { tool: 'reg.exe', args: ['add', key, '/v', name, '/t', data.type, '/d', d, '/f'] };
}

/** `reg delete <key> /v <name> /f`. */
export function regDeleteValue(key: string, name: string): ToolCommand {
  valid('registryKey', 'registry key', key);
  valid('registryValueName', 'registry value name', name);
  return { tool: 'reg.exe', args: ['delete', key, '/v', name, '/f'] };
}

/** Undo of a value write: the value the bundle recorded, or deletion when there was none. */
export function regRestore(key: string, name: string, old: RegData | undefined): ToolCommand {
  if (!old) return regDeleteValue(key, name);
  if (old.type === 'REG_DWORD') return regAdd(key, name, old);
  if (old.type === 'REG_SZ') return regAdd(key, name, { type: 'REG_SZ', value: old.value });
  throw new FixValidationError(
    `${name} (current ${old.type} value)`,
    old.type,
    'only REG_DWORD and REG_SZ values can be restored by undo; restore it from the .reg backup',
  );
}

/** `reg export <key> <backup>\<file> /y`: the whole key, as the admin can re-import it. */
export function regExportBackup(key: string, file: string): FixBackup {
  valid('registryKey', 'registry key', key);
  valid('backupFile', 'backup file', file);
  return {
    kind: 'registry',
    what: key,
    file,
    command: { tool: 'reg.exe', args: ['export', key, { backupFile: file }, '/y'] },
  };
}

/** True when the export holds the key itself. */
export function regKeyExists(ev: Ev<RegFile>, key: string): boolean {
  return regLookup(ev, key, '').key !== undefined;
}

/** The value the bundle recorded (undefined when missing). */
export function regOld(ev: Ev<RegFile>, key: string, name: string): RegData | undefined {
  return regLookup(ev, key, name).value?.data;
}

/** One step setting a registry value, with the precise undo. */
export function regStep(opts: {
  id: string;
  title: string;
  why: string;
  key: string;
  name: string;
  data: RegWrite;
  old: RegData | undefined;
  backup?: FixBackup;
  needsReboot: boolean;
  restarts?: FixRestart[];
}): FixStep {
  return {
    id: opts.id,
    kind: 'change',
    title: opts.title,
    why: opts.why,
    command: regAdd(opts.key, opts.name, opts.data),
    ...(opts.backup ? { backup: opts.backup } : {}),
    undo: regRestore(opts.key, opts.name, opts.old),
    needsReboot: opts.needsReboot,
    restarts: opts.restarts ?? [],
  };
}

// ---- appcmd.exe ------------------------------------------------------------------------------

/** `appcmd add backup ndes-doctor-fix-<id>`: applicationHost.config and its companions. */
export const IIS_BACKUP: FixBackup = {
  kind: 'iis-config',
  what: 'IIS configuration (%windir%\\system32\\inetsrv\\backup\\<name>)',
  command: { tool: 'appcmd.exe', args: ['add', 'backup', { iisBackup: true }] },
};

/** `appcmd set config "<path>" -section:<section> -<attr>:<value> … [-commit:apphost]`. */
export function appcmdSetConfig(
  configPath: string,
  section: string,
  attrs: [string, string | number | boolean][],
  commitApphost: boolean,
): ToolCommand {
  valid('iisConfigPath', 'IIS configuration path', configPath);
  if (!/^system\.webServer(\/[A-Za-z]{1,64}){1,4}$/.test(section))
    throw new FixValidationError('IIS section', section, 'system.webServer/… section path');
  const args = ['set', 'config', configPath, `-section:${section}`];
  for (const [name, value] of attrs) {
    if (!/^[A-Za-z]{1,32}(\.[A-Za-z]{1,32})?$/.test(name))
      throw new FixValidationError('IIS attribute', name, 'attribute or element.attribute');
    const v = typeof value === 'number' ? String(dword(name, value)) : String(value);
    if (!/^(true|false|[0-9]{1,10})$/.test(v))
      throw new FixValidationError(name, v, 'true, false or a whole number');
    args.push(`-${name}:${v}`);
  }
  if (commitApphost) args.push('-commit:apphost');
  return { tool: 'appcmd.exe', args };
}

/** `appcmd <verb> apppool /apppool.name:<pool>`. */
export function appcmdPool(verb: 'start' | 'stop' | 'recycle', pool: string): ToolCommand {
  valid('appPool', 'application pool', pool);
  return { tool: 'appcmd.exe', args: [verb, 'apppool', `/apppool.name:${pool}`] };
}

/** `iisreset /restart`: reloads RA certificates and the policy module (SEED-D2N). */
export function iisResetStep(id: string, title: string, why: string): FixStep {
  return {
    id,
    kind: 'restart',
    title,
    why,
    command: { tool: 'iisreset.exe', args: ['/restart'] },
    needsReboot: false,
    restarts: [{ kind: 'iis' }],
    timeoutMs: 300_000,
  };
}
