// The command lines a collection actually starts, as the stand-in tools received them: argument
// arrays, PowerShell only as -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { collectLive } from '../../../main/acquire/windows/cli-collect';
import { healthyHost } from '../../fixtures/lib/spec';
import { makeStandinHost, removeStandinHosts, liveOf } from './standin/host';
import type { Call, StandinHost } from './standin/host';

afterAll(() => removeStandinHosts());

let host: StandinHost;
let bundle: string;
let calls: Call[];
const Q14 = '/q:*[System[TimeCreated[timediff(@SystemTime) <= 1209600000]]]';

beforeAll(async () => {
  host = await makeStandinHost(healthyHost());
  const r = await collectLive({
    out: path.join(host.root, 'out'),
    ...liveOf(host),
  });
  bundle = r.bundlePath;
  calls = host.calls().map((c) => ({
    ...c,
    argv: c.argv.map((a) => a.split(bundle).join('<bundle>')),
  }));
}, 120_000);

const argvOf = (tool: string) =>
  calls
    .filter((c) => c.tool === tool)
    .map((c) => c.argv)
    .sort((a, b) => (a.join(' ') < b.join(' ') ? -1 : 1));

describe('command lines of a collection', () => {
  it('exports each registry key with reg export <key> <file> /y', () => {
    expect(argvOf('reg.exe')).toHaveLength(13);
    expect(argvOf('reg.exe')).toContainEqual([
      'export',
      'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP',
      '<bundle>/registry/mscep.reg',
      '/y',
    ]);
    expect(argvOf('reg.exe')).toContainEqual([
      'export',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending',
      '<bundle>/registry/reboot-pending-cbs.reg',
      '/y',
    ]);
  });

  it('queries each event channel newest first over 14 days', () => {
    expect(argvOf('wevtutil.exe').map((a) => a[1])).toEqual([
      'Application',
      'Microsoft Intune Connector',
      'Microsoft-Intune-CertificateConnectors/Admin',
      'Microsoft-Intune-CertificateConnectors/Operational',
      'Microsoft-Windows-CAPI2/Operational',
      'Microsoft-Windows-CertificateServices-Deployment/Operational',
      'System',
    ]);
    for (const a of argvOf('wevtutil.exe')) {
      expect(a).toEqual(['qe', a[1], '/f:RenderedXml', '/rd:true', '/c:20000', Q14]);
    }
  });

  it('runs the text commands as BUNDLE-FORMAT.md names them', () => {
    expect(argvOf('netsh.exe')).toEqual([['http', 'show', 'sslcert']]);
    expect(argvOf('appcmd.exe')).toEqual([
      ['list', 'apppool', '/xml'],
      ['list', 'site', '/xml'],
    ]);
    expect(argvOf('secedit.exe')).toEqual([
      ['/export', '/areas', 'USER_RIGHTS', '/cfg', '<bundle>/commands/secedit-user-rights.inf'],
    ]);
    expect(argvOf('setspn.exe')).toEqual([['-L', 'CORP\\svc-ndes']]);
    expect(argvOf('certutil.exe')).toEqual([
      ['-config', 'CA01.corp.contoso.com\\Contoso Issuing CA', '-CATemplates'],
      ['-config', 'CA01.corp.contoso.com\\Contoso Issuing CA', '-ping'],
    ]);
  });

  it('runs each PowerShell script once, encoded, with its parameters', () => {
    const ps = calls.filter((c) => c.tool === 'powershell.exe');
    for (const c of ps) {
      expect(c.argv.slice(0, 5)).toEqual([
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-EncodedCommand',
      ]);
      expect(c.argv).toHaveLength(6);
    }
    expect(ps.map((c) => c.script).sort()).toEqual([
      'certificates',
      'computer',
      'host-info',
      'installed-products',
      'local-groups',
      'os',
      'registry-keys',
      'service-account',
      'services',
      'template-oids',
      'windows-features',
    ]);
    expect(ps.find((c) => c.script === 'service-account')?.params).toEqual({
      Account: 'CORP\\svc-ndes',
    });
    expect(ps.find((c) => c.script === 'certificates')?.params).toEqual({
      OutDir: path.join(bundle, 'certs'),
    });
    expect(
      (ps.find((c) => c.script === 'registry-keys')?.params?.['Keys'] as string[]).length,
    ).toBe(13);
  });

  it('starts nothing else (no kill was needed)', () => {
    expect([...new Set(calls.map((c) => c.tool))].sort()).toEqual([
      'appcmd.exe',
      'certutil.exe',
      'netsh.exe',
      'powershell.exe',
      'reg.exe',
      'secedit.exe',
      'setspn.exe',
      'wevtutil.exe',
    ]);
  });
});
