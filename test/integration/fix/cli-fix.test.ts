// `ndes-doctor fix …` end to end on fixture bundles: list and plan anywhere; apply and undo refuse
// off Windows unless --dry-run; on a (stand-in) Windows host apply confirms, backs up, applies,
// verifies against a fresh collection, records the fix, and undo reverses it from the record.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixCommand } from '../../../main/fix/cli-fix';
import { openStore, storeDiagnosis } from '../../../main/store';
import type { FixIo } from '../../../main/fix/cli-fix';
import { diagnoseFixture, diagnoseVariant, removeFixTemp, tempDb } from '../../helpers/fix-hosts';
import { Standins } from './standin';

let s: Standins;
let broken: string;
let templates: string;
let healthy: string;
const KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';

beforeAll(async () => {
  s = new Standins();
  broken = (await diagnoseFixture('http-414-httpsys-limits')).dir;
  templates = (await diagnoseFixture('default-templates')).dir;
  healthy = (await diagnoseFixture('healthy')).dir;
}, 60_000);
afterAll(() => {
  s.remove();
  removeFixTemp();
});

interface Run {
  code: number;
  out: string;
  err: string;
  asked: string[];
}

async function fix(
  args: string[],
  seams: Partial<FixIo> = {},
  answers: boolean[] = [],
): Promise<Run> {
  let out = '';
  let err = '';
  const asked: string[] = [];
  const code = await fixCommand(args, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    confirm: async (q) => (asked.push(q), answers.shift() ?? false),
    ...seams,
  });
  return { code, out, err, asked };
}

/** A Windows host made of stand-ins: elevated, real processes, a fresh collection = `after`. */
function windows(after: string, collected: string[][] = []): Partial<FixIo> {
  return s.windowsIo(after, collected);
}

describe('fix list / plan', () => {
  it('lists the wizards that apply to a host, with their state', async () => {
    const r = await fix(['list', '--bundle', broken, '--json']);
    expect(r.code).toBe(0);
    const { host, fixes } = JSON.parse(r.out) as {
      host: string;
      fixes: { wizard: string; checkId: string; result: object }[];
    };
    expect(host).toBe('NDES01');
    expect(fixes.map((f) => [f.wizard, f.checkId, 'steps' in f.result])).toEqual([
      ['set-httpsys-limits', 'httpsys-max-field-length', true],
      ['set-httpsys-limits', 'httpsys-max-request-bytes', true],
      ['set-httpsys-limits', 'mscep-long-url-ok', true],
      ['set-httpsys-limits', 'mscep-long-url-rejected', true],
    ]);
    const text = await fix(['list', '--bundle', templates]);
    expect(text.out).toMatch(
      /set-mscep-templates\s+mscep-templates-configured \(fail\)\s+needs --param template=…/,
    );
  });

  it('prints the plan with its commands, or the parameter it needs', async () => {
    const need = await fix([
      'plan',
      '--bundle',
      templates,
      '--check',
      'mscep-templates-configured',
    ]);
    expect(need).toMatchObject({
      code: 1,
      out: 'Give the name of the Intune SCEP template (parameter "template").\n',
    });
    const r = await fix([
      'plan',
      '--bundle',
      templates,
      '--check',
      'mscep-templates-configured',
      '--param',
      'template=IntuneSCEP',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Fix: Set the MSCEP template names (set-mscep-templates, check mscep-templates-configured)',
    );
    expect(r.out).toContain(
      '> reg.exe add HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP /v SignatureTemplate /t REG_SZ /d IntuneSCEP /f',
    );
    expect(r.out).toContain('backup first: HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP');
    expect(r.out).toContain('Reboot: required.');
    const json = JSON.parse(
      (await fix(['plan', '--bundle', broken, '--check', 'httpsys-max-request-bytes', '--json']))
        .out,
    );
    expect(json.result.needsReboot).toBe(true);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await fix(['plan', '--bundle', broken])).code).toBe(2);
    expect((await fix(['plan', '--bundle', broken, '--check', 'no-such-check'])).err).toMatch(
      /no check "no-such-check"/,
    );
    expect((await fix(['plan', '--bundle', broken, '--check', 'x', '--param', 'oops'])).code).toBe(
      2,
    );
    expect((await fix(['frobnicate'])).code).toBe(2);
  });
});

describe('fix apply / undo', () => {
  it('refuses to change anything off Windows, with a clear error', async () => {
    const r = await fix(
      [
        'apply',
        '--bundle',
        broken,
        '--check',
        'httpsys-max-field-length',
        '--yes',
        '--db',
        tempDb(),
      ],
      { platform: 'linux' },
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/runs on that server \(Windows\), elevated\. Use --dry-run/);
    expect((await fix(['undo', '1', '--db', tempDb()], { platform: 'linux' })).code).toBe(2);
  });

  it('shows the exact commands in a dry run anywhere, and records it', async () => {
    const db = tempDb();
    s.scenario([]);
    const r = await fix(
      ['apply', '--dry-run', '--bundle', broken, '--check', 'httpsys-max-field-length', '--db', db],
      { platform: 'linux' },
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('Exact commands (dry run, nothing was run):');
    expect(r.out).toContain(
      `C:\\Windows\\System32\\reg.exe add ${KEY} /v MaxFieldLength /t REG_DWORD /d 65534 /f`,
    );
    expect(r.out).toMatch(/Recorded as dry run 1; nothing was run\./);
    expect(s.calls()).toEqual([]);
    const h = JSON.parse((await fix(['history', '--json', '--db', db])).out);
    expect(h.fixes[0]).toMatchObject({
      id: 1,
      status: 'dry-run',
      dryRun: true,
      wizard: 'set-httpsys-limits',
    });
  });

  it('records a fix against the stored run given with --run, of the same host only', async () => {
    const db = tempDb();
    const d = await diagnoseFixture('http-414-httpsys-limits');
    const stored = storeDiagnosis(db, d, d.report.source, 0).id;
    const other = await diagnoseVariant('other-host', (spec) => {
      spec.host.computerName = 'NDES02';
    });
    const otherRun = storeDiagnosis(db, other, other.report.source, 0).id;
    const dry = ['apply', '--dry-run', '--bundle', broken, '--check', 'httpsys-max-field-length'];
    const linux: Partial<FixIo> = { platform: 'linux' };
    const r = await fix([...dry, '--run', String(stored), '--db', db], linux);
    expect(r.code).toBe(0);
    const h = JSON.parse((await fix(['history', '--json', '--db', db])).out);
    expect(h.fixes[0]).toMatchObject({ runId: stored, status: 'dry-run' });
    // Nothing was stored again.
    const store = openStore(db);
    expect(store.countRuns()).toBe(2);
    store.close();

    const wrongHost = await fix([...dry, '--run', String(otherRun), '--db', db], linux);
    expect(wrongHost).toMatchObject({
      code: 2,
      err: expect.stringMatching(new RegExp(`no run ${otherRun} of NDES01 in `)),
    });
    const missing = await fix([...dry, '--run', '99', '--db', db], linux);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/no run 99 of NDES01/) });
    const bad = await fix([...dry, '--run', '1x', '--db', db], linux);
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--run takes a run id/) });
    expect(s.calls()).toEqual([]);
  });

  it('needs an elevated prompt and an explicit yes', async () => {
    const db = tempDb();
    s.scenario([]);
    const notAdmin = await fix(
      ['apply', '--bundle', broken, '--check', 'httpsys-max-field-length', '--db', db],
      { ...windows(healthy), isElevated: async () => false },
    );
    expect(notAdmin).toMatchObject({
      code: 2,
      err: expect.stringMatching(/needs an elevated prompt/),
    });
    const declined = await fix(
      ['apply', '--bundle', broken, '--check', 'httpsys-max-field-length', '--db', db],
      windows(healthy),
      [false],
    );
    expect(declined.code).toBe(1);
    expect(declined.asked).toEqual(['Apply these 2 step(s) on NDES01? Type "yes" to go on: ']);
    expect(declined.out).toMatch(/Nothing was changed\.\n$/);
    expect(s.calls()).toEqual([]);
  });

  it('applies, verifies against a fresh collection, records, and undoes later', async () => {
    const db = tempDb();
    const collected: string[][] = [];
    s.scenario([]);
    const r = await fix(
      ['apply', '--bundle', broken, '--check', 'httpsys-max-field-length', '--db', db],
      windows(healthy, collected),
      [true],
    );
    expect(r.code).toBe(0);
    expect(s.callText().map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual([
      'reg.exe export',
      'reg.exe add',
      'reg.exe add',
    ]);
    expect(r.out).toContain('[apply] Set MaxFieldLength = 65534');
    expect(r.out).toContain('Result: applied.');
    expect(r.out).toMatch(/httpsys-max-field-length\s+fail -> pass/);
    expect(r.out).toContain('Restart the server now for the change to take effect.');
    // Only the evidence of the re-run checks is collected again.
    expect(collected).toEqual([['registry/http-parameters.reg']]);

    const h = JSON.parse((await fix(['history', '--json', '--db', db])).out);
    const rec = h.fixes[0];
    expect(rec).toMatchObject({
      status: 'applied',
      runId: 1,
      rebootRequired: true,
      appliedSteps: ['set-maxfieldlength', 'set-maxrequestbytes'],
    });
    expect(rec.verification).toMatchObject({
      fixed: true,
      rebootPending: true,
      artifacts: ['registry/http-parameters.reg'],
    });
    expect(existsSync(`${rec.backupPath}/http-parameters.reg`)).toBe(true);
    const shown = await fix(['show', String(rec.id), '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('[apply] Set MaxFieldLength = 65534');
    expect(shown.out).toContain('Result: applied.');
    expect(shown.out).toMatch(/httpsys-max-field-length\s+fail -> pass/);
    expect(
      JSON.parse((await fix(['show', String(rec.id), '--json', '--db', db])).out),
    ).toMatchObject({ id: rec.id, status: 'applied' });
    expect((await fix(['show', 'x1', '--db', db])).code).toBe(2);

    s.scenario([]);
    const u = await fix(['undo', String(rec.id), '--db', db], windows(healthy), [true]);
    expect(u.code).toBe(0);
    expect(u.asked).toEqual([`Undo 2 step(s) of fix ${rec.id} on NDES01? Type "yes" to go on: `]);
    expect(s.callText()).toEqual([
      `reg.exe delete ${KEY} /v MaxRequestBytes /f`,
      `reg.exe delete ${KEY} /v MaxFieldLength /f`,
    ]);
    const after = JSON.parse((await fix(['history', '--json', '--db', db])).out).fixes[0];
    expect(after).toMatchObject({ status: 'undone', appliedSteps: [] });
    expect((await fix(['undo', String(rec.id), '--db', db], windows(healthy))).code).toBe(1);
    expect((await fix(['undo', '99', '--db', db], windows(healthy))).err).toMatch(/no fix 99/);
  });

  it('offers the rollback when a step fails, and records the failure', async () => {
    const db = tempDb();
    s.scenario([
      {
        tool: 'reg.exe',
        match: 'MaxRequestBytes',
        exit: 1,
        stderr: 'ERROR: Access is denied.\r\n',
      },
    ]);
    const r = await fix(
      ['apply', '--bundle', broken, '--check', 'httpsys-max-field-length', '--db', db],
      windows(healthy),
      [true, true],
    );
    expect(r.code).toBe(1);
    expect(r.asked[1]).toBe(
      'Step "set-maxrequestbytes" failed. Roll back the 1 step(s) already applied? Type "yes": ',
    );
    expect(r.out).toContain('Result: rolled-back.');
    expect(s.callText().at(-1)).toBe(`reg.exe delete ${KEY} /v MaxFieldLength /f`);
    const rec = JSON.parse((await fix(['history', '--json', '--db', db])).out).fixes[0];
    expect(rec.status).toBe('rolled-back');
    expect(
      rec.steps.map((x: { phase: string; exitCode: number }) => [x.phase, x.exitCode]),
    ).toEqual([
      ['backup', 0],
      ['apply', 0],
      ['apply', 1],
      ['undo', 0],
    ]);
  });
});
