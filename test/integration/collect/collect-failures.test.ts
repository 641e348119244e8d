// Collection when things go wrong on the host: a hanging or failing command, a flood of output, a
// missing program, odd bytes, an unreadable key or config, a log cap, cancellation. Each failure
// stays with its artifact (error/skipped with the reason) and the run goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { collectLive } from '../../../main/acquire/windows/cli-collect';
import type { CollectLiveResult } from '../../../main/acquire/windows/cli-collect';
import { diagnoseBundle } from '../../../main/analysis/diagnose';
import type { ManifestArtifact } from '../../../shared/model/manifest';
import { healthyHost } from '../../fixtures/lib/spec';
import { makeStandinHost, removeStandinHosts, liveOf } from './standin/host';
import type { StandinHost } from './standin/host';
import { alive } from '../../helpers/processes';

afterAll(() => removeStandinHosts());

const MSCEP = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP';
// CP850 as German netsh prints it ("Zertifikathash : ü…"), with bytes that are not UTF-8.
const NETSH_HEX = '0d0a5a657274696669b46174686173682020203a20810d0aff fe 00 e1 84 0d0a'.replace(
  / /g,
  '',
);
const CLIXML =
  '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Get-CimInstance : Access denied _x000D__x000A_</S></Objs>';

describe('a collection with failing commands', () => {
  let host: StandinHost;
  let result: CollectLiveResult;
  let by: Map<string, ManifestArtifact>;

  beforeAll(async () => {
    host = await makeStandinHost(healthyHost());
    host.scenario({
      'wevtutil.exe:System': { hang: true },
      'wevtutil.exe:Application': { flood: 200 * 1024 * 1024 },
      'appcmd.exe:apppool': { exit: 5, stderr: 'ERROR ( message:Access is denied. )\r\n' },
      'netsh.exe': { stdoutHex: NETSH_HEX },
      [`reg.exe:${MSCEP}`]: { exit: 1, stderr: 'ERROR: Access is denied.\r\n' },
      'powershell.exe:services': { exit: 1, stderr: CLIXML },
    });
    result = await collectLive({
      out: path.join(host.root, 'out'),
      tools: { ...host.tools, 'setspn.exe': path.join(host.root, 'missing', 'setspn.exe') },
      paths: host.paths,
      platform: 'linux',
      now: host.now,
      probe: null,
      logCapMb: 0.5,
      limits: { eventsTimeoutMs: 2000, eventsMaxBytes: 8 * 1024 * 1024 },
    });
    by = new Map(result.manifest.artifacts.map((a) => [a.path, a]));
  }, 120_000);

  it('turns a hanging command into an error and kills its process tree', () => {
    expect(by.get('events/System.xml')).toMatchObject({
      status: 'error',
      error: 'wevtutil.exe timed out after 2 s',
    });
    expect(existsSync(path.join(result.bundlePath, 'events', 'System.xml'))).toBe(false);
    const pid = Number(readFileSync(path.join(host.dataDir, 'hang-child.pid'), 'utf8'));
    expect(alive(pid)).toBe(false);
  });

  it('caps a 200 MB output: skipped with the reason, nothing half-written left', () => {
    expect(by.get('events/Application.xml')).toMatchObject({
      status: 'skipped',
      error: `wevtutil.exe printed more than ${8 * 1024 * 1024} bytes: output capped`,
    });
    expect(existsSync(path.join(result.bundlePath, 'events', 'Application.xml'))).toBe(false);
  });

  it('records a non-zero exit with its code and message', () => {
    expect(by.get('commands/appcmd-list-apppool.xml')).toMatchObject({
      status: 'error',
      exitCode: 5,
      error: 'appcmd.exe exited with 5: ERROR ( message:Access is denied. )',
    });
    expect(by.get('commands/services.json')).toMatchObject({
      status: 'error',
      exitCode: 1,
      error: 'powershell.exe exited with 1: Get-CimInstance : Access denied',
    });
  });

  it('keeps console output byte for byte, whatever its encoding', () => {
    const bytes = readFileSync(
      path.join(result.bundlePath, 'commands', 'netsh-http-show-sslcert.txt'),
    );
    expect(bytes.toString('hex')).toBe(NETSH_HEX);
    expect(by.get('commands/netsh-http-show-sslcert.txt')).toMatchObject({
      status: 'ok',
      exitCode: 0,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('names a missing program', () => {
    const a = by.get('commands/setspn-L.txt');
    expect(a?.status).toBe('error');
    expect(a?.error).toBe(
      `setspn.exe not found (${path.join(host.root, 'missing', 'setspn.exe')})`,
    );
    expect(a?.source).toBe('setspn -L CORP\\svc-ndes');
  });

  it('tells an unreadable registry key from a missing one, and carries it to certutil', () => {
    expect(by.get('registry/mscep.reg')).toMatchObject({
      status: 'error',
      error: 'reg.exe exited with 1: ERROR: Access is denied. (the key exists but cannot be read)',
    });
    expect(by.get('registry/reboot-pending-cbs.reg')?.status).toBe('absent');
    expect(by.get('commands/certutil-ping.txt')).toMatchObject({
      status: 'error',
      error: 'CA unknown: registry/mscep.reg is error',
    });
    const calls = host.calls();
    expect(calls.filter((c) => c.script === 'registry-keys')).toHaveLength(1);
    expect(calls.some((c) => c.tool === 'certutil.exe')).toBe(false);
  });

  it('collects IIS logs newest first up to the cap and records the rest as skipped', () => {
    const logs = result.manifest.artifacts.filter((a) => a.path.startsWith('iis/logs/'));
    const taken = logs.filter((a) => a.status === 'ok');
    const skipped = logs.filter((a) => a.status === 'skipped');
    expect(taken.map((a) => a.path)).toEqual([
      'iis/logs/W3SVC1/u_ex261120.log',
      'iis/logs/W3SVC1/u_ex261119.log',
      'iis/logs/W3SVC1/u_ex261118.log',
      'iis/logs/W3SVC1/u_ex261117.log',
    ]);
    expect(taken.reduce((n, a) => n + (a.bytes ?? 0), 0)).toBeLessThanOrEqual(512 * 1024);
    expect(skipped.map((a) => a.path)).toHaveLength(10);
    expect(skipped[0]).toMatchObject({
      path: 'iis/logs/W3SVC1/u_ex261116.log',
      source: 'C:\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex261116.log',
      error: 'log size cap (0.5 MB) reached; newer files of the last 14 days were collected first',
    });
    expect(readdirSync(path.join(result.bundlePath, 'iis', 'logs', 'W3SVC1')).sort()).toEqual([
      'u_ex261117.log',
      'u_ex261118.log',
      'u_ex261119.log',
      'u_ex261120.log',
    ]);
  });

  it('records the probe as skipped when there is none', () => {
    expect(by.get('probe/mscep.json')).toMatchObject({
      status: 'skipped',
      error: 'the SCEP probe was turned off (--no-probe)',
    });
  });

  it('still writes a bundle that diagnoses, judging what failed as unknown', async () => {
    const { report } = await diagnoseBundle(result.bundlePath);
    const status = (id: string) => report.findings.find((f) => f.checkId === id)?.status;
    expect(status('ca-reachable')).toBe('unknown');
    expect(status('ca-configured')).toBe('unknown');
    expect(status('os-supported')).toBe('pass');
  });
});

describe('collection limits and host conditions', () => {
  it('keeps to the --days window', async () => {
    const host = await makeStandinHost(healthyHost());
    const r = await collectLive({
      out: path.join(host.root, 'out'),
      ...liveOf(host),
      probe: null,
      days: 3,
    });
    const logs = r.manifest.artifacts.filter((a) => a.path.startsWith('iis/logs/'));
    expect(logs.map((a) => [a.path, a.status])).toEqual([
      ['iis/logs/W3SVC1/u_ex261120.log', 'ok'],
      ['iis/logs/W3SVC1/u_ex261119.log', 'ok'],
      ['iis/logs/W3SVC1/u_ex261118.log', 'ok'],
      ['iis/logs/W3SVC1/u_ex261117.log', 'ok'],
    ]);
    const wev = host.calls().find((c) => c.tool === 'wevtutil.exe');
    expect(wev?.argv.at(-1)).toBe('/q:*[System[TimeCreated[timediff(@SystemTime) <= 259200000]]]');
  });

  it('falls back to W3SVC1 and says why the pool identity is unknown when applicationHost.config is unreadable', async () => {
    const host = await makeStandinHost(healthyHost());
    const apphost = host.paths.local('%windir%\\System32\\inetsrv\\config\\applicationHost.config');
    rmSync(apphost);
    mkdirSync(apphost); // reading a folder fails like a denied file does
    const r = await collectLive({
      out: path.join(host.root, 'out.zip'),
      ...liveOf(host),
    });
    const by = new Map(r.manifest.artifacts.map((a) => [a.path, a]));
    expect(by.get('iis/applicationHost.config')).toMatchObject({
      status: 'error',
      error: 'cannot read C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config: EISDIR',
    });
    expect(by.get('commands/service-account.json')).toMatchObject({
      status: 'error',
      error: 'SCEP pool identity unknown: applicationHost.config could not be read',
    });
    expect(by.get('iis/logs/W3SVC1/u_ex261120.log')?.status).toBe('ok');
    expect(by.get('probe/mscep.json')?.status).toBe('absent');
  });

  it('records an unusable web.config path as an error of that file and goes on', async () => {
    const host = await makeStandinHost(healthyHost());
    const apphost = host.paths.local('%windir%\\System32\\inetsrv\\config\\applicationHost.config');
    // A relative physical path (IIS would refuse it too) cannot be opened.
    const text = readFileSync(apphost, 'utf8').replace(
      'physicalPath="%SystemDrive%\\inetpub\\wwwroot"',
      'physicalPath="wwwroot"',
    );
    writeFileSync(apphost, text);
    const r = await collectLive({
      out: path.join(host.root, 'out'),
      ...liveOf(host),
      probe: null,
    });
    const by = new Map(r.manifest.artifacts.map((a) => [a.path, a]));
    expect(by.get('iis/web.config/Default Web Site/web.config')).toEqual({
      path: 'iis/web.config/Default Web Site/web.config',
      kind: 'file',
      source: 'wwwroot\\web.config',
      status: 'error',
      error:
        'cannot read wwwroot\\web.config: Error: not an absolute Windows path: wwwroot\\web.config',
    });
    expect(by.get('iis/applicationHost.config')?.status).toBe('ok');
    expect(by.get('commands/service-account.json')?.status).toBe('ok');
  });

  it('stops on cancellation, kills what runs and leaves no bundle behind', async () => {
    const host = await makeStandinHost(healthyHost());
    host.scenario({ 'wevtutil.exe:System': { hang: true } });
    const ac = new AbortController();
    const out = path.join(host.root, 'out');
    setTimeout(() => ac.abort(new Error('collection cancelled by the admin')), 1500);
    await expect(
      collectLive({
        out,
        ...liveOf(host),
        probe: null,
        signal: ac.signal,
      }),
    ).rejects.toThrow('collection cancelled by the admin');
    expect(existsSync(out)).toBe(false);
    const pid = Number(readFileSync(path.join(host.dataDir, 'hang-child.pid'), 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(pid)).toBe(false);
  });
});
