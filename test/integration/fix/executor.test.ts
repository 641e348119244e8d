// The fix executor against real stand-in processes: backups first, steps in order with streamed
// output, stop at the first failure and roll back the applied steps in reverse, a refusing
// precheck, per-step timeouts that kill the whole tree, cancellation, PowerShell through
// -EncodedCommand, and a dry run that shows every command and runs nothing.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Executor, TOOL_NAMES } from '../../../main/acquire/windows/executor';
import type { ToolMap } from '../../../main/acquire/windows/executor';
import { decodeCommand } from '../../../main/acquire/windows/powershell';
import { executePlan, undoPlan } from '../../../main/fix/executor';
import type { ExecuteOptions, FailureInfo, FixEvent } from '../../../main/fix/executor';
import type { FixPlan } from '../../../shared/model/fix-plan';
import { diagnoseFixture, planOf, removeFixTemp } from '../../helpers/fix-hosts';
import { Standins } from './standin';
import { alive } from '../../helpers/processes';

const KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
let s: Standins;
let httpsys: FixPlan;
let impersonate: FixPlan;
let n = 0;

beforeAll(async () => {
  s = new Standins();
  httpsys = planOf(await diagnoseFixture('http-414-httpsys-limits'), 'httpsys-max-field-length');
  impersonate = planOf(
    await diagnoseFixture('http-500-impersonation'),
    'iis-iusrs-impersonate-right',
  );
}, 60_000);
afterAll(() => {
  s.remove();
  removeFixTemp();
});

function options(
  extra: Partial<ExecuteOptions> = {},
): ExecuteOptions & { output: Map<string, string>; events: FixEvent[] } {
  const output = new Map<string, string>();
  const events: FixEvent[] = [];
  // Kill trees with POSIX process groups: the collector's Executor on this (Linux) host.
  const exec = new Executor(
    Object.fromEntries(TOOL_NAMES.map((t) => [t, '/bin/false'])) as ToolMap,
    'linux',
  );
  return {
    backupDir: path.join(s.dir, `backup-${++n}`),
    iisBackupName: `ndes-doctor-fix-${n}`,
    exec,
    tools: s.tools,
    onOutput: (step, chunk) => output.set(step, (output.get(step) ?? '') + chunk),
    onEvent: (e) => events.push(e),
    output,
    events,
    ...extra,
  };
}

/** A plan with one hanging step between two quick ones. */
function withHang(timeoutMs?: number): FixPlan {
  const [a, b] = httpsys.steps as [FixPlan['steps'][0], FixPlan['steps'][0]];
  const hang = {
    ...b,
    id: 'slow',
    command: { tool: 'appcmd.exe' as const, args: ['list', 'hang'] },
    ...(timeoutMs ? { timeoutMs } : {}),
  };
  return { ...httpsys, steps: [a, hang, b] };
}

describe('executePlan', () => {
  it('takes the backup first, then runs every step in order, streaming output', async () => {
    s.scenario([
      { tool: 'reg.exe', match: 'add', stdout: 'The operation completed successfully.\r\n' },
    ]);
    const o = options();
    const r = await executePlan(httpsys, o);
    expect(r.status).toBe('applied');
    expect(s.callText()).toEqual([
      `reg.exe export ${KEY} ${path.join(o.backupDir, 'http-parameters.reg')} /y`,
      `reg.exe add ${KEY} /v MaxFieldLength /t REG_DWORD /d 65534 /f`,
      `reg.exe add ${KEY} /v MaxRequestBytes /t REG_DWORD /d 65534 /f`,
    ]);
    expect(readFileSync(path.join(o.backupDir, 'http-parameters.reg'), 'utf8')).toBe(
      'backup by reg.exe\r\n',
    );
    expect(r.records.map((x) => [x.phase, x.stepId, x.exitCode, x.ok])).toEqual([
      ['backup', 'set-maxfieldlength', 0, true],
      ['apply', 'set-maxfieldlength', 0, true],
      ['apply', 'set-maxrequestbytes', 0, true],
    ]);
    expect(r.applied).toEqual(['set-maxfieldlength', 'set-maxrequestbytes']);
    expect(r.rebootRequired).toBe(true);
    expect(o.output.get('set-maxrequestbytes')).toBe('The operation completed successfully.\r\n');
    expect(o.events.map((e) => e.type)).toEqual(
      Array(6)
        .fill(0)
        .map((_, i) => (i % 2 ? 'step-end' : 'step-start')),
    );
    expect(r.records[1]!.commandLine).toBe(
      `${s.tools['reg.exe']} add ${KEY} /v MaxFieldLength /t REG_DWORD /d 65534 /f`,
    );
  });

  it('stops at a failing step 2 and rolls back step 1 when the caller agrees', async () => {
    s.scenario([
      {
        tool: 'reg.exe',
        match: 'MaxRequestBytes',
        exit: 1,
        stdout: '',
        stderr: 'ERROR: Access is denied.\r\n',
      },
    ]);
    const asked: FailureInfo[] = [];
    const o = options({ rollback: async (f) => (asked.push(f), true) });
    const r = await executePlan(httpsys, o);
    expect(r.status).toBe('rolled-back');
    expect(asked).toEqual([
      {
        stepId: 'set-maxrequestbytes',
        message: 'Set MaxRequestBytes = 65534: exit code 1\nERROR: Access is denied.',
        applied: ['set-maxfieldlength'],
      },
    ]);
    expect(s.callText().slice(1)).toEqual([
      `reg.exe add ${KEY} /v MaxFieldLength /t REG_DWORD /d 65534 /f`,
      `reg.exe add ${KEY} /v MaxRequestBytes /t REG_DWORD /d 65534 /f`,
      `reg.exe delete ${KEY} /v MaxFieldLength /f`,
    ]);
    expect(r.records.map((x) => [x.phase, x.stepId, x.exitCode])).toEqual([
      ['backup', 'set-maxfieldlength', 0],
      ['apply', 'set-maxfieldlength', 0],
      ['apply', 'set-maxrequestbytes', 1],
      ['undo', 'set-maxfieldlength', 0],
    ]);
    expect(r.failedStep).toBe('set-maxrequestbytes');
    expect(r.applied).toEqual([]);
    expect(o.output.get('set-maxrequestbytes')).toBe('ERROR: Access is denied.\r\n');
  });

  it('keeps the applied steps when the caller declines the rollback', async () => {
    s.scenario([{ tool: 'reg.exe', match: 'MaxRequestBytes', exit: 1 }]);
    const r = await executePlan(httpsys, options({ rollback: async () => false }));
    expect(r.status).toBe('failed');
    expect(r.applied).toEqual(['set-maxfieldlength']);
    expect(s.calls().filter((c) => c.args[0] === 'delete')).toEqual([]);
  });

  it('changes nothing when a backup fails', async () => {
    s.scenario([
      {
        tool: 'reg.exe',
        match: 'export',
        exit: 1,
        stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n',
      },
    ]);
    const r = await executePlan(httpsys, options({ rollback: true }));
    expect(r.status).toBe('failed');
    expect(r.failedStep).toBe('set-maxfieldlength');
    expect(s.callText()).toHaveLength(1);
    expect(r.message).toMatch(/unable to find the specified registry key/);
  });

  it('kills a step that exceeds its time limit, with its children, and stops there', async () => {
    s.scenario([{ tool: 'appcmd.exe', match: 'hang', hang: true }]);
    const t0 = Date.now();
    const r = await executePlan(withHang(1500), options({ rollback: true }));
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(r.status).toBe('rolled-back');
    const slow = r.records.find((x) => x.stepId === 'slow')!;
    expect(slow).toMatchObject({ timedOut: true, ok: false, exitCode: null });
    expect(slow.error).toMatch(/timed out after 2 s/);
    expect(slow.output).toBe('working...\r\n');
    // The stand-in's own child is gone too.
    const pids = readdirSync(s.dir).filter((f) => f.startsWith('hang-'));
    for (const f of pids)
      expect(alive(Number(readFileSync(path.join(s.dir, f), 'utf8')))).toBe(false);
    expect(s.callText().at(-1)).toBe(`reg.exe delete ${KEY} /v MaxFieldLength /f`);
  });

  it('cancels the running step and still rolls back what was applied', async () => {
    s.scenario([{ tool: 'appcmd.exe', match: 'hang', hang: true, stdout: 'started\r\n' }]);
    const ac = new AbortController();
    const o = options({
      signal: ac.signal,
      rollback: true,
      onOutput: (step) => {
        if (step === 'slow') ac.abort();
      },
    });
    const r = await executePlan(withHang(), o);
    expect(r.status).toBe('rolled-back');
    expect(r.records.find((x) => x.stepId === 'slow')).toMatchObject({
      cancelled: true,
      error: 'cancelled',
    });
    expect(s.callText().at(-1)).toBe(`reg.exe delete ${KEY} /v MaxFieldLength /f`);
  });

  it('reports a cancelled run as cancelled when nothing is rolled back', async () => {
    s.scenario([{ tool: 'appcmd.exe', match: 'hang', hang: true }]);
    const ac = new AbortController();
    const abort = (step: string) => step === 'slow' && ac.abort();
    const r = await executePlan(withHang(), options({ signal: ac.signal, onOutput: abort }));
    expect(r.status).toBe('cancelled');
    expect(r.applied).toEqual(['set-maxfieldlength']);
  });

  it('is refused by a precheck before any backup or change (GPO-managed right)', async () => {
    s.scenario([
      {
        tool: 'powershell.exe',
        match: 'fix/check-user-right-gpo',
        exit: 5,
        stdout:
          'SeImpersonatePrivilege is set by the Group Policy object CN={31B2F340-016D-11D2-945F-00C04FB984F9}.\r\n',
      },
    ]);
    const r = await executePlan(impersonate, options({ rollback: true }));
    expect(r.status).toBe('refused');
    expect(r.message).toMatch(/set by the Group Policy object/);
    expect(s.callText()).toEqual(['powershell fix/check-user-right-gpo']);
  });

  it('reports a precheck that errors (not exit 5) as failed, not refused', async () => {
    s.scenario([
      {
        tool: 'powershell.exe',
        match: 'fix/check-user-right-gpo',
        exit: 1,
        stdout: '',
        stderr: 'ERROR: Access denied\r\n',
      },
    ]);
    const r = await executePlan(impersonate, options());
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      'Check that no Group Policy sets this right: exit code 1\nERROR: Access denied',
    );
  });

  it('runs PowerShell scripts with -EncodedCommand and literal parameters', async () => {
    s.scenario([]);
    const o = options();
    const r = await executePlan(impersonate, o);
    expect(r.status).toBe('applied');
    expect(s.callText()).toEqual([
      'powershell fix/check-user-right-gpo',
      `secedit.exe /export /areas USER_RIGHTS /cfg ${path.join(o.backupDir, 'user-rights.inf')} /quiet`,
      'powershell fix/grant-user-right',
    ]);
    const grant = s.calls()[2]!;
    expect(grant.args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(grant.params).toEqual({ Right: "'SeImpersonatePrivilege'", Holder: "'*S-1-5-32-568'" });
    const script = decodeCommand(grant.args[5]!);
    expect(
      script.startsWith(
        "$Right = 'SeImpersonatePrivilege'\r\n$Holder = '*S-1-5-32-568'\r\n# ndes-doctor-script: fix/common\r\n",
      ),
    ).toBe(true);
    expect(script).toContain('# ndes-doctor-script: fix/grant-user-right');
    expect(script).not.toMatch(/^\s*#(?! ndes-doctor-script)/m);
  });

  it('shows every command in a dry run and runs nothing', async () => {
    s.scenario([]);
    const o = options({ dryRun: true });
    const r = await executePlan(impersonate, o);
    expect(r.status).toBe('dry-run');
    expect(s.calls()).toEqual([]);
    expect(existsSync(o.backupDir)).toBe(false);
    expect(r.dryRun!.map((l) => [l.phase, l.stepId])).toEqual([
      ['precheck', 'check-gpo'],
      ['backup', 'grant-right'],
      ['apply', 'grant-right'],
      ['undo', 'grant-right'],
    ]);
    expect(r.dryRun![1]!.commandLine).toBe(
      `${s.tools['secedit.exe']} /export /areas USER_RIGHTS /cfg ${path.join(o.backupDir, 'user-rights.inf')} /quiet`,
    );
    const undo = r.dryRun![3]!;
    expect(undo.summary).toBe(
      `& restore-user-right.ps1 -Right 'SeImpersonatePrivilege' -From '${o.backupDir}\\user-rights.inf'`,
    );
    expect(undo.script).toContain(`$From = '${path.join(o.backupDir, 'user-rights.inf')}'`);
    expect(decodeCommand(undo.commandLine.split(' ').at(-1)!)).toBe(undo.script);
  });
});

describe('undoPlan', () => {
  it('undoes applied steps later, in reverse order, continuing past a failing one', async () => {
    s.scenario([{ tool: 'reg.exe', match: 'delete', exit: 0 }]);
    const o = options();
    const r = await undoPlan(httpsys, ['set-maxfieldlength', 'set-maxrequestbytes'], o);
    expect(r).toMatchObject({ ok: true, remaining: [] });
    expect(s.callText()).toEqual([
      `reg.exe delete ${KEY} /v MaxRequestBytes /f`,
      `reg.exe delete ${KEY} /v MaxFieldLength /f`,
    ]);
    s.scenario([{ tool: 'reg.exe', match: 'MaxRequestBytes', exit: 1 }]);
    const bad = await undoPlan(httpsys, ['set-maxfieldlength', 'set-maxrequestbytes'], options());
    expect(bad.ok).toBe(false);
    expect(bad.remaining).toEqual(['set-maxrequestbytes']);
    expect(s.calls()).toHaveLength(2);
  });
});
