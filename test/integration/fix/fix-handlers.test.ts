// The wizard's channels on a (stand-in) Windows host: fix:apply stops at a failing step and keeps
// what was applied so the wizard can offer the rollback (fix:undo), and a verified fix comes back
// with its before/after as a run comparison for the diagram.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../../main/ipc/session';
import { openStore } from '../../../main/store';
import type { Handlers } from '../../../main/ipc/session';
import type { LogEvent } from '../../../shared/ipc/channels';
import { diagnoseFixture, removeFixTemp, tempDb } from '../../helpers/fix-hosts';
import { Standins } from './standin';

let s: Standins;
let broken: string;
let healthy: string;
const KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';

beforeAll(async () => {
  s = new Standins();
  broken = (await diagnoseFixture('http-414-httpsys-limits')).dir;
  healthy = (await diagnoseFixture('healthy')).dir;
}, 60_000);
afterAll(() => {
  s.remove();
  removeFixTemp();
});

async function session(platform: NodeJS.Platform = 'win32'): Promise<{
  h: Handlers;
  runId: string;
  storedId: number | null;
  db: string;
  lines: LogEvent[];
}> {
  const lines: LogEvent[] = [];
  const db = tempDb();
  const { handlers, openInitial } = createSession({
    mode: 'browser',
    version: 'test',
    demoBundle: healthy,
    dbPath: db,
    emit: (event, payload) => {
      if (event === 'log:line') lines.push(payload as LogEvent);
    },
    fixIo: { ...s.windowsIo(healthy), platform },
  });
  const view = await openInitial(broken);
  return { h: handlers, runId: view.id, storedId: view.storedId, db, lines };
}

const apply = { checkId: 'httpsys-max-field-length', params: {}, confirmed: true as const };

describe('fix channels', () => {
  it('offers apply only on Windows, for a real host', async () => {
    const win = await session();
    expect((await win.h['fix:plan']({ runId: win.runId, ...apply })).canApply).toBe(true);
    const linux = await session('linux');
    expect((await linux.h['fix:plan']({ runId: linux.runId, ...apply })).canApply).toBe(false);
    await expect(
      linux.h['fix:apply']({ runId: linux.runId, ...apply, dryRun: false }),
    ).resolves.toMatchObject({ exitCode: 2, fix: null });
  });

  it('returns a verified fix with its before/after for the diagram', async () => {
    s.scenario([]);
    const { h, runId, lines } = await session();
    const r = await h['fix:apply']({ runId, ...apply, dryRun: false });
    expect(r.exitCode).toBe(0);
    expect(r.fix).toMatchObject({
      status: 'applied',
      applied: ['set-maxfieldlength', 'set-maxrequestbytes'],
      failedStep: null,
      rebootRequired: true,
    });
    expect(r.fix?.verification).toMatchObject({ fixed: true, rebootPending: true });
    const diff = r.fix?.diff;
    expect(
      diff?.checks
        .filter((c) => c.change !== 'unchanged')
        .map((c) => [c.checkId, c.before, c.after]),
    ).toEqual([
      ['httpsys-max-field-length', 'fail', 'pass'],
      ['httpsys-max-request-bytes', 'fail', 'pass'],
    ]);
    // The step still fails on the 414s in its logs (log checks keep their window), with 2 fixed.
    const step = diff?.steps.find((x) => x.id === 'device-to-ndes');
    expect(step).toMatchObject({ before: 'fail', after: 'fail', checks: { fixed: 2, new: 0 } });
    // The registry values read again are the evidence that changed.
    expect(diff?.evidence.some((e) => e.checks.includes('httpsys-max-field-length'))).toBe(true);
    // The output streamed to the terminal pane as it ran.
    expect(lines.map((l) => l.text)).toContain('[apply] Set MaxFieldLength = 65534');
  });

  it('keeps the applied steps when one fails, then rolls them back on request', async () => {
    s.scenario([{ tool: 'reg.exe', match: 'MaxRequestBytes', exit: 1, stderr: 'Access denied' }]);
    const { h, runId, storedId, db } = await session();
    const r = await h['fix:apply']({ runId, ...apply, dryRun: false });
    expect(r.exitCode).toBe(1);
    expect(r.fix).toMatchObject({
      status: 'failed',
      applied: ['set-maxfieldlength'],
      failedStep: 'set-maxrequestbytes',
      verification: null,
      diff: null,
    });
    // Nothing was undone on its own: the last call is the failing one.
    expect(s.callText().at(-1)).toMatch(/^reg\.exe add .* \/v MaxRequestBytes /);
    const history = await h['fix:history'](null);
    expect(history[0]).toMatchObject({ id: r.fix?.fixId, status: 'failed' });
    // Recorded against the run the wizard planned from, which is not stored a second time.
    expect(storedId).toBeTypeOf('number');
    expect(history[0]?.runId).toBe(storedId);
    const store = openStore(db);
    expect(store.countRuns()).toBe(1);
    store.close();

    s.scenario([]);
    const u = await h['fix:undo']({ fixId: r.fix!.fixId, confirmed: true });
    expect(u.exitCode).toBe(0);
    expect(s.callText()).toEqual([`reg.exe delete ${KEY} /v MaxFieldLength /f`]);
    expect((await h['fix:history'](null))[0]).toMatchObject({ status: 'undone' });
  });

  it('cancels the running step on request and keeps what was applied before it', async () => {
    s.scenario([{ tool: 'reg.exe', match: 'MaxRequestBytes', hang: true, stdout: 'working\r\n' }]);
    const { h, runId } = await session();
    expect(await h['fix:cancel'](null)).toEqual({ cancelled: false });
    const applying = h['fix:apply']({ runId, ...apply, dryRun: false });
    for (let i = 0; i < 400 && !s.callText().some((c) => c.includes('MaxRequestBytes')); i++)
      await new Promise((r) => setTimeout(r, 25));
    await expect(h['fix:apply']({ runId, ...apply, dryRun: false })).rejects.toThrow(
      /already running/,
    );
    expect(await h['fix:cancel'](null)).toEqual({ cancelled: true });
    const r = await applying;
    expect(r.fix).toMatchObject({
      status: 'cancelled',
      applied: ['set-maxfieldlength'],
      failedStep: 'set-maxrequestbytes',
    });
    expect(await h['fix:cancel'](null)).toEqual({ cancelled: false });
  });

  it('writes a recorded fix (commands, output, result, undo) to the terminal log', async () => {
    s.scenario([{ tool: 'reg.exe', match: 'MaxRequestBytes', exit: 1, stderr: 'Access denied' }]);
    const { h, runId, lines } = await session();
    const r = await h['fix:apply']({ runId, ...apply, dryRun: false });
    s.scenario([]);
    await h['fix:undo']({ fixId: r.fix!.fixId, confirmed: true });
    lines.length = 0;
    await h['fix:log']({ fixId: r.fix!.fixId });
    const text = lines.map((l) => l.text).join('\n');
    expect(text).toMatch(
      /^Fix \d+: set-httpsys-limits \(check httpsys-max-field-length\) on NDES01/,
    );
    expect(text).toContain('[apply] Set MaxRequestBytes = 65534');
    expect(text).toContain('Access denied');
    expect(text).toContain('=> FAILED (exit 1');
    expect(text).toContain('Result: undone.');
    expect(text).toMatch(/Undo, \d{4}-\d\d-\d\d [\d:]+:\n\n\[undo\] Set MaxFieldLength = 65534/);
    await expect(h['fix:log']({ fixId: 999 })).rejects.toThrow(/no fix 999/);
  });
});
