// `ndes-doctor fix apply` and `fix undo`: plan from a bundle or a fresh collection, show it, ask,
// back up and apply with streamed output, offer the rollback, verify, and record every step; undo
// reverses the applied steps of a recorded fix. Both change the host: Windows, elevated only.
import type { EvidenceKey } from '../../shared/model';
import type { FixPlan } from '../../shared/model/fix-plan';
import { isRefusal } from '../../shared/model/fix-plan';
import { planFix } from '../../shared/fixes';
import { EVIDENCE_PATHS, bundlePathsOf } from '../../shared/fixes/evidence-paths';
import { fill } from '../../shared/engine/computed/text';
import type { Diagnosis } from '../analysis/diagnose';
import { defaultToolMap, Executor } from '../acquire/windows/executor';
import { readHostInfo } from '../acquire/windows/host-info';
import { openStore, storeDiagnosis } from '../store';
import { defaultFixTools, dryRunPlan, executePlan, undoPlan } from './executor';
import type { ExecuteOptions, FixToolMap } from './executor';
import { defaultBackupDir, openFixRecords } from './records';
import type { FixRecords } from './records';
import { liveCollect, verifyFix } from './verify';
import type { CollectFn, VerifyResult } from './verify';
import {
  formatDryRun,
  formatPlan,
  formatStepEnd,
  formatStepStart,
  formatVerification,
} from './cli-fix-format';
import {
  InputError,
  STRINGS,
  UsageError,
  diagnose,
  findingOf,
  json,
  params,
} from './cli-fix-common';
import type { Ctx } from './cli-fix-common';

async function defaultIsElevated(): Promise<boolean> {
  const info = await readHostInfo(new Executor(defaultToolMap()), {
    timeoutMs: 60_000,
    now: new Date(),
  });
  return info.elevated === true;
}

/** The diagnosis the plan starts from: the given bundle, or this host collected now. */
async function startingPoint(c: Ctx, collect: CollectFn): Promise<Diagnosis> {
  if (c.v.bundle) return diagnose(c.v.bundle);
  c.io.stderr.write(`${STRINGS.collecting}\n`);
  const all = bundlePathsOf(Object.keys(EVIDENCE_PATHS) as EvidenceKey[]);
  return diagnose(await collect(all, c.io.signal));
}

/** `--run`: a stored run of the same host, which the fix is recorded against. */
function givenRun(c: Ctx, d: Diagnosis, id: number): number {
  const host = d.report.host.computerName;
  const store = openStore(c.db);
  try {
    const run = store.getSummary(id);
    if (run?.host.toLowerCase() !== host.toLowerCase())
      throw new InputError(fill(STRINGS.noRun, { id, host, db: store.path }));
    return id;
  } finally {
    store.close();
  }
}

/** The stored run the fix is recorded against: the one given, or the diagnosis stored now. */
function storeRun(c: Ctx, d: Diagnosis): number | null {
  if (c.v.run !== undefined) return givenRun(c, d, Number(c.v.run));
  try {
    return storeDiagnosis(c.db, d, d.report.source, 0).id;
  } catch (err) {
    c.io.stderr.write(
      `ndes-doctor: ${fill(STRINGS.runNotStored, { why: (err as Error).message })}\n`,
    );
    return null;
  }
}

function runOptions(c: Ctx, backupDir: string, id: number | string): ExecuteOptions {
  return {
    backupDir,
    iisBackupName: `ndes-doctor-fix-${id}`,
    ...(c.io.exec ? { exec: c.io.exec } : {}),
    ...(c.io.tools ? { tools: c.io.tools } : {}),
    signal: c.io.signal,
    onOutput: (_step, chunk) => c.io.stdout.write(chunk),
    onEvent: (e) =>
      e.type === 'step-start'
        ? c.io.stdout.write(formatStepStart(e))
        : c.io.stdout.write(formatStepEnd(e.record)),
  };
}

async function mustBeHostAdmin(c: Ctx, sub: string): Promise<void> {
  if (c.platform !== 'win32') throw new InputError(fill(STRINGS.windowsOnly, { sub }));
  const elevated = await (c.io.isElevated ?? defaultIsElevated)();
  if (!elevated) throw new InputError(fill(STRINGS.notElevated, { sub }));
}

export async function apply(c: Ctx): Promise<number> {
  if (!c.v.check) throw new UsageError(fill(STRINGS.needCheck, { sub: 'apply' }));
  if (c.v.run !== undefined && !/^\d{1,15}$/.test(c.v.run))
    throw new UsageError(fill(STRINGS.badRunId, { id: c.v.run }));
  const dry = c.v['dry-run'] === true;
  if (dry && c.platform !== 'win32' && !c.v.bundle)
    throw new UsageError(STRINGS.needBundleOffWindows);
  if (!dry) await mustBeHostAdmin(c, 'apply');
  const p = params(c.v);
  const live = c.io.collect ? { collect: c.io.collect, cleanup: async () => {} } : liveCollect();
  try {
    const d = await startingPoint(c, live.collect);
    const result = planFix(d.snapshot, findingOf(d, c.v.check), p);
    if (isRefusal(result)) {
      if (c.v.json) json(c.io, { refused: result.refused, missingParams: result.missingParams });
      else c.io.stdout.write(`${result.refused}\n`);
      return 1;
    }
    if (!c.v.json) c.io.stdout.write(formatPlan(result));
    const host = d.report.host.computerName;
    const runId = storeRun(c, d);
    const records = openFixRecords(c.db);
    try {
      if (dry) return dryRun(c, result, records, runId, host);
      if (!c.v.yes && !(await c.confirm(fill(STRINGS.confirm, { n: result.steps.length, host })))) {
        c.io.stdout.write(`${STRINGS.declined}\n`);
        return 1;
      }
      const id = records.startFix({ runId, host, plan: result });
      const backupDir = defaultBackupDir(records.path, id);
      records.setBackupPath(id, backupDir);
      const out = await executePlan(result, {
        ...runOptions(c, backupDir, id),
        rollback: c.v['keep-on-failure']
          ? false
          : c.v.yes
            ? true
            : (f) =>
                c.confirm(fill(STRINGS.confirmRollback, { step: f.stepId, n: f.applied.length })),
      });
      records.finishFix(id, out);
      c.io.stdout.write(`\n${fill(STRINGS.result, { status: out.status })}\n`);
      if (out.message && out.status !== 'applied') c.io.stdout.write(`${out.message}\n`);
      c.io.stdout.write(`${fill(STRINGS.stored, { id, dir: backupDir })}\n`);
      const outcome = {
        fixId: id,
        status: out.status,
        applied: out.applied,
        failedStep: out.failedStep,
        message: out.message,
        rebootRequired: out.rebootRequired,
        backupDir,
        verification: null as VerifyResult | null,
        before: d,
      };
      if (out.status !== 'applied') {
        c.io.onOutcome?.(outcome);
        return 1;
      }
      if (!c.v['no-verify']) {
        try {
          const v = await verifyFix({
            before: d.snapshot,
            beforeReport: d.report,
            checks: result.verifyChecks,
            collect: live.collect,
            rebootPending: out.rebootRequired,
            signal: c.io.signal,
          });
          const { findings: _f, snapshot: _s, ...verification } = v;
          records.setVerification(id, verification);
          c.io.stdout.write(formatVerification(verification));
          outcome.verification = v;
        } catch (err) {
          c.io.stderr.write(
            `ndes-doctor: ${fill(STRINGS.verifyFailed, { why: (err as Error).message })}\n`,
          );
        }
      }
      if (out.rebootRequired) c.io.stdout.write(`${STRINGS.rebootNow}\n`);
      c.io.onOutcome?.(outcome);
      return 0;
    } finally {
      records.close();
    }
  } finally {
    await live.cleanup();
  }
}

function dryRun(
  c: Ctx,
  plan: FixPlan,
  records: FixRecords,
  runId: number | null,
  host: string,
): number {
  const id = records.startFix({ runId, host, plan, dryRun: true });
  const backupDir = defaultBackupDir(records.path, id);
  const lines = dryRunPlan(plan, shownTools(c), {
    backupDir,
    iisBackupName: `ndes-doctor-fix-${id}`,
  });
  records.finishFix(id, {
    status: 'dry-run',
    records: [],
    applied: [],
    failedStep: null,
    rebootRequired: plan.needsReboot,
    backupDir,
    message: null,
  });
  if (c.v.json) json(c.io, { id, plan, backupDir, commands: lines });
  else c.io.stdout.write(`\n${formatDryRun(lines)}${fill(STRINGS.dryStored, { id })}\n`);
  return 0;
}

/** The tool paths a dry run shows: this host's on Windows, the usual ones elsewhere. */
function shownTools(c: Ctx): FixToolMap {
  if (c.io.tools) return c.io.tools;
  return c.platform === 'win32' ? defaultFixTools() : windowsTools();
}

function windowsTools(): FixToolMap {
  const t = defaultToolMap({ SystemRoot: 'C:\\Windows' });
  return {
    'reg.exe': t['reg.exe'],
    'appcmd.exe': t['appcmd.exe'],
    'certutil.exe': t['certutil.exe'],
    'secedit.exe': t['secedit.exe'],
    'iisreset.exe': 'C:\\Windows\\System32\\iisreset.exe',
    'powershell.exe': t['powershell.exe'],
  };
}

export async function undo(c: Ctx, rawId: string | undefined): Promise<number> {
  if (rawId === undefined || !/^\d{1,15}$/.test(rawId))
    throw new UsageError(fill(STRINGS.badId, { id: rawId ?? '' }));
  const id = Number(rawId);
  const dry = c.v['dry-run'] === true;
  const records = openFixRecords(c.db);
  try {
    const rec = records.getFix(id);
    if (!rec) throw new InputError(fill(STRINGS.noFix, { id, db: records.path }));
    if (rec.appliedSteps.length === 0 || rec.dryRun) {
      c.io.stdout.write(`${fill(STRINGS.nothingToUndo, { id, status: rec.status })}\n`);
      return 1;
    }
    if (!dry) await mustBeHostAdmin(c, 'undo');
    const opts = runOptions(c, rec.backupPath ?? defaultBackupDir(records.path, id), id);
    const shown = await undoPlan(rec.plan, rec.appliedSteps, {
      ...opts,
      dryRun: true,
      tools: shownTools(c),
    });
    c.io.stdout.write(formatDryRun(shown.dryRun ?? []));
    if (dry) return 0;
    const n = rec.appliedSteps.length;
    if (!c.v.yes && !(await c.confirm(fill(STRINGS.confirmUndo, { n, id, host: rec.host })))) {
      c.io.stdout.write(`${STRINGS.declined}\n`);
      return 1;
    }
    const r = await undoPlan(rec.plan, rec.appliedSteps, opts);
    records.recordUndo(id, r);
    if (r.ok) c.io.stdout.write(`\n${fill(STRINGS.undone, { id })}\n`);
    else
      c.io.stdout.write(
        `\n${fill(STRINGS.undoIncomplete, { id, steps: r.remaining.join(', ') })}\n`,
      );
    if (rec.plan.needsReboot) c.io.stdout.write(`${STRINGS.rebootNow}\n`);
    return r.ok ? 0 : 1;
  } finally {
    records.close();
  }
}
