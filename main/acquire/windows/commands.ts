// The exact Windows commands behind each bundle artifact (BUNDLE-FORMAT.md), as argument arrays.
// Kept as data so a table test pins every command line, and so the manifest's `source` shows the
// command an admin would type to reproduce the artifact.
import type { ToolName } from './executor';
import type { ScriptName } from './powershell';

/** reg.exe exits 1 both for a missing key and a denied one; registry-keys.ps1 tells them apart. */
export const REG_EXPORT_FAILED = 1;
/** wevtutil's exit code is the Win32 error: ERROR_EVT_CHANNEL_NOT_FOUND. */
export const EVT_CHANNEL_NOT_FOUND = 15007;

/** registry/<name>.reg ← `reg export <key> <file> /y`. */
export const REGISTRY_KEYS = [
  { name: 'mscep', key: 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP' },
  { name: 'http-parameters', key: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters' },
  { name: 'microsoft-intune', key: 'HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune' },
  {
    name: 'ie-esc-admins',
    key: 'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}',
  },
  {
    name: 'ie-esc-users',
    key: 'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}',
  },
  {
    name: 'dotnet-ndp-v4-full',
    key: 'HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full',
  },
  {
    name: 'schannel-protocols',
    key: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols',
  },
  { name: 'netfx-v4', key: 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319' },
  {
    name: 'netfx-v4-wow64',
    key: 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319',
  },
  {
    name: 'windows-nt-currentversion',
    key: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
  },
  {
    name: 'reboot-pending-cbs',
    key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending',
  },
  {
    name: 'reboot-required-wu',
    key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired',
  },
  { name: 'session-manager', key: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' },
] as const;

export function regExportArgs(key: string, file: string): string[] {
  return ['export', key, file, '/y'];
}

/** events/<file> ← `wevtutil qe <channel> …`, one file per channel. */
export const EVENT_CHANNELS = [
  'Application',
  'System',
  'Microsoft-Windows-CAPI2/Operational',
  'Microsoft-Intune-CertificateConnectors/Admin',
  'Microsoft-Intune-CertificateConnectors/Operational',
  'Microsoft Intune Connector',
  'Microsoft-Windows-CertificateServices-Deployment/Operational',
] as const;

/** The .evtx naming of a channel: `/` becomes `%4`. */
export function eventFileName(channel: string): string {
  return `${channel.replace(/\//g, '%4')}.xml`;
}

/** Newest first (`/rd:true`), at most `count` events of the last `days` days. */
export function wevtutilArgs(channel: string, days: number, count: number): string[] {
  const ms = Math.round(days * 86_400_000);
  return [
    'qe',
    channel,
    '/f:RenderedXml',
    '/rd:true',
    `/c:${count}`,
    `/q:*[System[TimeCreated[timediff(@SystemTime) <= ${ms}]]]`,
  ];
}

/** commands/<file>.json ← a PowerShell script printing ConvertTo-Json. */
export const JSON_COMMANDS: { path: string; script: ScriptName; source: string }[] = [
  {
    path: 'commands/os.json',
    script: 'os',
    source:
      'Get-CimInstance Win32_OperatingSystem | Select-Object Caption,Version,BuildNumber,ProductType,OSLanguage,LastBootUpTime,InstallDate | ConvertTo-Json',
  },
  {
    path: 'commands/computer.json',
    script: 'computer',
    source:
      'Get-CimInstance Win32_ComputerSystem | Select-Object Name,DNSHostName,Domain,PartOfDomain,DomainRole | ConvertTo-Json',
  },
  {
    path: 'commands/windows-features.json',
    script: 'windows-features',
    source:
      'Get-WindowsFeature | Select-Object Name,@{n=\'InstallState\';e={"$($_.InstallState)"}} | ConvertTo-Json',
  },
  {
    path: 'commands/services.json',
    script: 'services',
    source:
      'Get-CimInstance Win32_Service | Select-Object Name,DisplayName,State,StartMode,StartName,PathName | ConvertTo-Json',
  },
  {
    path: 'commands/installed-products.json',
    script: 'installed-products',
    source:
      'Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*, HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\* | Select-Object DisplayName,DisplayVersion,Publisher,InstallDate | ConvertTo-Json',
  },
  {
    path: 'commands/local-groups.json',
    script: 'local-groups',
    source:
      "@{ 'S-1-5-32-568' = @(Get-LocalGroupMember -SID S-1-5-32-568); 'S-1-5-32-544' = @(Get-LocalGroupMember -SID S-1-5-32-544) } | ConvertTo-Json (local-groups.ps1)",
  },
  {
    path: 'commands/template-oids.json',
    script: 'template-oids',
    source:
      "[adsisearcher]'(objectClass=pKICertificateTemplate)' under CN=Certificate Templates,CN=Public Key Services,CN=Services,<configurationNamingContext>: name, displayName, msPKI-Cert-Template-OID | ConvertTo-Json (template-oids.ps1)",
  },
];

/** commands/<file> ← a program's stdout, byte for byte (what cmd `>` would have written). */
export const STDOUT_COMMANDS: { path: string; tool: ToolName; args: string[] }[] = [
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
];

/** secedit writes the INF itself (UTF-16LE). */
export function seceditArgs(file: string): string[] {
  return ['/export', '/areas', 'USER_RIGHTS', '/cfg', file];
}

/** `certutil -config "<MSCEP\CAInfo\Configuration>" -ping | -CATemplates`. */
export function certutilArgs(config: string, verb: '-ping' | '-CATemplates'): string[] {
  return ['-config', config, verb];
}

export function setspnArgs(account: string): string[] {
  return ['-L', account];
}

/**
 * A command line for people (manifest `source`, messages): how it would be typed at a prompt.
 * Never executed; the executor passes argument arrays.
 */
export function displayCommand(program: string, args: string[]): string {
  const quote = (a: string): string => {
    if (a !== '' && !/[\s"]/.test(a)) return a;
    const m = /^(\/[A-Za-z]+:)(.*)$/.exec(a);
    return m ? `${m[1]}"${m[2]}"` : `"${a}"`;
  };
  return [program, ...args.map(quote)].join(' ');
}
