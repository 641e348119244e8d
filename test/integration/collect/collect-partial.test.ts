// A partial collection (what a fix's verification collects again): only the artifacts behind the
// asked bundle paths run, with the collectors they depend on; everything else is recorded as
// skipped, and the evidence collected judges exactly as in a full collection.
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { collectLive } from '../../../main/acquire/windows/cli-collect';
import { NOT_SELECTED } from '../../../main/acquire/windows/collect-context';
import { artifactSelection } from '../../../main/acquire/windows/collectors';
import { diagnoseBundle } from '../../../main/analysis/diagnose';
import { healthyHost } from '../../fixtures/lib/spec';
import { makeStandinHost, removeStandinHosts, liveOf } from './standin/host';

afterAll(() => removeStandinHosts());

describe('artifact selection', () => {
  it('takes files, folders and the files inside folders, with prerequisites', () => {
    const sel = artifactSelection([
      'registry/http-parameters.reg',
      'iis/httperr/',
      'logs/NDESPolicyModule/NDESPlugin.log',
      'commands/setspn-L.txt',
    ]);
    const picked = [
      'registry/http-parameters.reg',
      'registry/mscep.reg',
      'iis/httperr/',
      'logs/',
      'commands/setspn-L.txt',
      'iis/applicationHost.config',
      'iis/logs/',
      'probe/',
      'certs/',
    ].filter(sel);
    expect(picked).toEqual([
      'registry/http-parameters.reg',
      'iis/httperr/',
      'logs/',
      'commands/setspn-L.txt',
      // setspn reads the app pool identity from applicationHost.config.
      'iis/applicationHost.config',
    ]);
  });
});

describe('a partial collection', () => {
  it('runs only what was asked and records the rest as skipped', async () => {
    const host = await makeStandinHost(healthyHost());
    const r = await collectLive({
      out: path.join(host.root, 'out'),
      ...liveOf(host),
      only: ['registry/http-parameters.reg'],
    });
    const ok = r.manifest.artifacts.filter((a) => a.status === 'ok').map((a) => a.path);
    expect(ok).toEqual(['registry/http-parameters.reg']);
    const skipped = r.manifest.artifacts.filter((a) => a.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(40);
    for (const a of skipped) expect(a.error).toBe(NOT_SELECTED);
    expect(skipped.map((a) => a.path)).toContain('probe/');
    // Host facts, then the one registry export: nothing else was started.
    const calls = host.calls().map((c) => `${c.tool} ${c.script ?? c.argv.slice(0, 2).join(' ')}`);
    expect(calls.filter((c) => !c.startsWith('powershell.exe host-info'))).toEqual([
      'reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters',
    ]);
    // What was collected judges as it does in the fixture; what was not is unknown, not passed.
    const d = await diagnoseBundle(r.bundlePath);
    const status = (id: string) => d.report.findings.find((f) => f.checkId === id)?.status;
    expect(status('httpsys-max-field-length')).toBe('pass');
    expect(status('ra-certificates-present')).toBe('unknown');
  }, 120_000);
});
