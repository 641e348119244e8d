// The exact command line behind every artifact, as the argument arrays the executor passes.
import { describe, expect, it } from 'vitest';
import {
  certutilArgs,
  displayCommand,
  EVENT_CHANNELS,
  eventFileName,
  JSON_COMMANDS,
  REGISTRY_KEYS,
  regExportArgs,
  seceditArgs,
  setspnArgs,
  STDOUT_COMMANDS,
  wevtutilArgs,
} from '../../../../../main/acquire/windows/commands';

const Q14 = '/q:*[System[TimeCreated[timediff(@SystemTime) <= 1209600000]]]';

describe('command lines per artifact', () => {
  it.each([
    ['registry/mscep.reg', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP'],
    ['registry/http-parameters.reg', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters'],
    ['registry/microsoft-intune.reg', 'HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune'],
    [
      'registry/ie-esc-admins.reg',
      'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}',
    ],
    [
      'registry/ie-esc-users.reg',
      'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}',
    ],
    [
      'registry/dotnet-ndp-v4-full.reg',
      'HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full',
    ],
    [
      'registry/schannel-protocols.reg',
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols',
    ],
    ['registry/netfx-v4.reg', 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319'],
    [
      'registry/netfx-v4-wow64.reg',
      'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319',
    ],
    [
      'registry/windows-nt-currentversion.reg',
      'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
    ],
    [
      'registry/reboot-pending-cbs.reg',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending',
    ],
    [
      'registry/reboot-required-wu.reg',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired',
    ],
    ['registry/session-manager.reg', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager'],
  ])('%s ← reg export %s <file> /y', (file, key) => {
    const entry = REGISTRY_KEYS.find((k) => `registry/${k.name}.reg` === file);
    expect(entry?.key).toBe(key);
    expect(regExportArgs(key, 'D:\\b\\x.reg')).toEqual(['export', key, 'D:\\b\\x.reg', '/y']);
  });

  it('covers the 13 registry files of BUNDLE-FORMAT.md and nothing else', () => {
    expect(REGISTRY_KEYS).toHaveLength(13);
  });

  it.each([
    ['Application', 'Application.xml'],
    ['System', 'System.xml'],
    ['Microsoft-Windows-CAPI2/Operational', 'Microsoft-Windows-CAPI2%4Operational.xml'],
    [
      'Microsoft-Intune-CertificateConnectors/Admin',
      'Microsoft-Intune-CertificateConnectors%4Admin.xml',
    ],
    [
      'Microsoft-Intune-CertificateConnectors/Operational',
      'Microsoft-Intune-CertificateConnectors%4Operational.xml',
    ],
    ['Microsoft Intune Connector', 'Microsoft Intune Connector.xml'],
    [
      'Microsoft-Windows-CertificateServices-Deployment/Operational',
      'Microsoft-Windows-CertificateServices-Deployment%4Operational.xml',
    ],
  ])('events/%s ← wevtutil qe, 14 days newest first', (channel, file) => {
    expect(EVENT_CHANNELS).toContain(channel);
    expect(eventFileName(channel)).toBe(file);
    expect(wevtutilArgs(channel, 14, 20000)).toEqual([
      'qe',
      channel,
      '/f:RenderedXml',
      '/rd:true',
      '/c:20000',
      Q14,
    ]);
  });

  it('the event window follows --days', () => {
    expect(wevtutilArgs('System', 3, 500).slice(4)).toEqual([
      '/c:500',
      '/q:*[System[TimeCreated[timediff(@SystemTime) <= 259200000]]]',
    ]);
  });

  it('text and XML commands are the BUNDLE-FORMAT.md ones', () => {
    expect(STDOUT_COMMANDS).toEqual([
      {
        path: 'commands/appcmd-list-apppool.xml',
        tool: 'appcmd.exe',
        args: ['list', 'apppool', '/xml'],
      },
      { path: 'commands/appcmd-list-site.xml', tool: 'appcmd.exe', args: ['list', 'site', '/xml'] },
      {
        path: 'commands/netsh-http-show-sslcert.txt',
        tool: 'netsh.exe',
        args: ['http', 'show', 'sslcert'],
      },
    ]);
    expect(seceditArgs('D:\\b\\commands\\secedit-user-rights.inf')).toEqual([
      '/export',
      '/areas',
      'USER_RIGHTS',
      '/cfg',
      'D:\\b\\commands\\secedit-user-rights.inf',
    ]);
    expect(certutilArgs('CA01.corp.contoso.com\\Contoso Issuing CA', '-ping')).toEqual([
      '-config',
      'CA01.corp.contoso.com\\Contoso Issuing CA',
      '-ping',
    ]);
    expect(certutilArgs('CA01\\X', '-CATemplates')).toEqual(['-config', 'CA01\\X', '-CATemplates']);
    expect(setspnArgs('CORP\\svc-ndes')).toEqual(['-L', 'CORP\\svc-ndes']);
  });

  it('every PowerShell JSON artifact has its script', () => {
    expect(JSON_COMMANDS.map((c) => [c.path, c.script])).toEqual([
      ['commands/os.json', 'os'],
      ['commands/computer.json', 'computer'],
      ['commands/windows-features.json', 'windows-features'],
      ['commands/services.json', 'services'],
      ['commands/installed-products.json', 'installed-products'],
      ['commands/local-groups.json', 'local-groups'],
      ['commands/template-oids.json', 'template-oids'],
    ]);
  });
});

describe('displayCommand', () => {
  it('shows a command the way an admin would type it', () => {
    expect(displayCommand('wevtutil', wevtutilArgs('Microsoft Intune Connector', 14, 20000))).toBe(
      'wevtutil qe "Microsoft Intune Connector" /f:RenderedXml /rd:true /c:20000 /q:"*[System[TimeCreated[timediff(@SystemTime) <= 1209600000]]]"',
    );
    expect(displayCommand('certutil', certutilArgs('CA01\\Contoso Issuing CA', '-ping'))).toBe(
      'certutil -config "CA01\\Contoso Issuing CA" -ping',
    );
  });
});
