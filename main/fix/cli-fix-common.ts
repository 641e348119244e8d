// What the `fix` subcommands share: their messages, the I/O and test seams, usage and input
// errors (exit 2), --param parsing, and reading a bundle into a diagnosis.
import path from 'node:path';
import type { Finding } from '../../shared/model';
import type { FixParams } from '../../shared/model/fix-plan';
import { fill } from '../../shared/engine/computed/text';
import { diagnoseBundle } from '../analysis/diagnose';
import type { Diagnosis } from '../analysis/diagnose';
import type { Executor } from '../acquire/windows/executor';
import type { ExecuteStatus, FixToolMap } from './executor';
import type { CollectFn, VerifyResult } from './verify';

export const STRINGS = {
  needBundle: 'fix {sub} needs --bundle <folder|zip>',
  needCheck: 'fix {sub} needs --check <check id>',
  needBundleOffWindows:
    'fix apply --dry-run off Windows needs --bundle <folder|zip> (there is no live host to read)',
  windowsOnly:
    'fix {sub} changes the NDES server: it runs on that server (Windows), elevated. Use --dry-run to see the exact commands here.',
  notElevated: 'fix {sub} needs an elevated prompt (Run as administrator).',
  unknownCheck: 'no check "{check}" in the report of {host}',
  badParam: '--param must be NAME=VALUE, not "{param}"',
  unknownSub: 'unknown fix command "{sub}"',
  badId: '"{id}" is not a fix id (a number from `fix history`)',
  badRunId: '--run takes a run id (a number from `runs list`), not "{id}"',
  noRun: 'no run {id} of {host} in {db}',
  noFix: 'no fix {id} in {db}',
  collecting: 'Collecting this server again…',
  confirm: 'Apply these {n} step(s) on {host}? Type "yes" to go on: ',
  confirmUndo: 'Undo {n} step(s) of fix {id} on {host}? Type "yes" to go on: ',
  confirmRollback: 'Step "{step}" failed. Roll back the {n} step(s) already applied? Type "yes": ',
  declined: 'Nothing was changed.',
  noTty: 'fix {sub} asks for confirmation: run it in a terminal, or pass --yes.',
  stored: 'Recorded as fix {id} (ndes-doctor fix undo {id} reverses it). Backups: {dir}',
  dryStored: 'Recorded as dry run {id}; nothing was run.',
  runNotStored: 'the diagnosis was not stored: {why}',
  result: 'Result: {status}.',
  rebootNow: 'Restart the server now for the change to take effect.',
  nothingToUndo: 'Fix {id} has nothing to undo (status {status}).',
  undone: 'Fix {id} undone.',
  undoIncomplete: 'Undo of fix {id} incomplete; still applied: {steps}.',
  verifyFailed: 'verification failed: {why}',
};

export /** Where output goes and the seams tests use (default: this process, the real host). */
interface FixIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  /** Answers a yes/no question (default: a prompt on the terminal). */
  confirm?: (question: string) => Promise<boolean>;
  platform?: NodeJS.Platform;
  /** Default: host-info.ps1's check of the Administrators SID. */
  isElevated?: () => Promise<boolean>;
  exec?: Executor;
  tools?: FixToolMap;
  /** Collects this host (default: the live collector). */
  collect?: CollectFn;
  signal?: AbortSignal;
  /** Told what `fix apply` did, once it has finished (the app's wizard shows it). */
  onOutcome?: (o: ApplyOutcome) => void;
}

/** What one `fix apply` did: its record, how it ended, and the verification with its findings. */
export interface ApplyOutcome {
  fixId: number;
  status: ExecuteStatus;
  /** Change steps still in effect (what `fix undo` would reverse). */
  applied: string[];
  failedStep: string | null;
  message: string | null;
  rebootRequired: boolean;
  backupDir: string;
  verification: VerifyResult | null;
  /** The diagnosis the plan was made from. */
  before: Diagnosis;
}

/** Bad usage: exit 2 with the usage text. */
export class UsageError extends Error {}
/** A well-formed request that cannot be carried out here (input, platform, rights): exit 2. */
export class InputError extends Error {}

export interface Values {
  bundle?: string;
  check?: string;
  param?: string[];
  json?: boolean;
  yes?: boolean;
  'dry-run'?: boolean;
  'no-verify'?: boolean;
  'keep-on-failure'?: boolean;
  run?: string;
  db?: string;
  host?: string;
  limit?: string;
}

export interface Ctx {
  io: FixIo;
  v: Values;
  platform: NodeJS.Platform;
  db: string;
  confirm: (q: string) => Promise<boolean>;
}

export function params(v: Values): FixParams {
  const out: FixParams = {};
  for (const p of v.param ?? []) {
    const m = /^([A-Za-z][A-Za-z0-9]{0,31})=(.*)$/s.exec(p);
    if (!m) throw new UsageError(fill(STRINGS.badParam, { param: p }));
    out[m[1]!] = m[2];
  }
  return out;
}

export function json(io: FixIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export async function diagnose(location: string): Promise<Diagnosis> {
  try {
    return await diagnoseBundle(path.resolve(location));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

export function findingOf(d: Diagnosis, check: string): Finding {
  const f = d.report.findings.find((x) => x.checkId === check);
  if (!f)
    throw new InputError(fill(STRINGS.unknownCheck, { check, host: d.report.host.computerName }));
  return f;
}
