// A fixture bundle with every secret the export must never let out, and the host's names, UPNs,
// IPs and SIDs in every kind of file (UTF-16LE .reg / secedit / MSI log, W3C logs, event XML,
// JSON, command text, certificates). A distinctive identity (Northwind, not Contoso) keeps the
// leak scan honest: the rules' own example commands mention Contoso.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeBundle } from '../../fixtures/lib/write-bundle';
import { buildHost } from '../../fixtures/lib/healthy/index';
import { CONTOSO, type Identity } from '../../fixtures/lib/healthy/identity';
import type { HostSpec } from '../../fixtures/lib/spec';

export const NORTHWIND: Identity = {
  ...CONTOSO,
  computerName: 'SCEPGW07',
  domain: 'ad.northwindtraders.net',
  netbios: 'NWTRADERS',
  domainSid: 'S-1-5-21-3623811015-3361044348-30300820',
  machineSid: 'S-1-5-21-1845294519-2107536901-1195402281',
  serverIp: '172.31.44.17',
  externalName: 'scep.northwindtraders.net',
  caHost: 'NWCAISS02.ad.northwindtraders.net',
  svcAccount: 'svc-scepgw',
  svcRid: 4711,
};

/** Secret values, each of which must appear nowhere in any export, in any encoding. */
export const SECRETS = {
  /** The processModel `[enc:…:enc]` blob (inner text). */
  poolPassword: 'IISCngProvider:QmxvYlNlY3JldDQyNDI0MjQyQmxvYlNlY3JldA==',
  /** MSCEP\EncryptedPassword, as regedit writes the bytes of "EncPwd-SECRET-7781". */
  encryptedPasswordHex: '45,6e,63,50,77,64,2d,53,45,43,52,45,54,2d,37,37,38,31',
  proxyPassword: 'Pr0xy-S3cret-Passw0rd',
  proxyUrlPassword: 'UrlPa55-Hidden',
  pemKeyBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDplantedKEYbody',
  pemKeyInJson: 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu',
  pfxMarker: 'PFX-SECRET-BYTES-4411',
  challenge: 'ChAlLeNgE9f3b2c71',
  adminPageChallenge: '7A1C4F9E3B2D8C6A',
  connectionPassword: 'C0nnStr-Pa55',
} as const;

/** Names that must not survive pseudonymization (compared case-insensitively). */
export const IDENTITIES = [
  'SCEPGW07',
  'northwindtraders',
  'NWTRADERS',
  'NWCAISS02',
  'svc-scepgw',
  'svc-proxyuser',
  'jane.doe',
  'S-1-5-21-3623811015',
  'S-1-5-21-1845294519',
  'S-1-12-1-1111111111',
  '172.31.44.17',
  'fe80::2c1f:9aa0:41b7:13',
];

const PEM = `-----BEGIN PRIVATE KEY-----\r\n${SECRETS.pemKeyBody}\r\nAnotherLineOfKeyMaterialThatMustGoAway0000000000000000000000\r\n-----END PRIVATE KEY-----`;

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** The spec: the healthy server as Northwind, with the secrets a real server holds. */
export function plantedSpec(): HostSpec {
  const spec = buildHost(NORTHWIND);
  spec.iis.scepPool.password = `[enc:${SECRETS.poolPassword}:enc]`;
  const mscep = spec.registry.mscep ?? [];
  mscep.push({
    path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EncryptedPassword',
    values: [
      { name: 'EncryptedPassword', type: 'binary', value: Buffer.from('EncPwd-SECRET-7781') },
    ],
  });
  const intune = spec.registry['microsoft-intune'] ?? [];
  const proxy = intune.find((k) => k.path.endsWith('\\Proxy'));
  if (proxy) {
    proxy.values = [
      { name: 'ProxyServer', type: 'sz', value: `http://proxy.ad.northwindtraders.net:8080` },
      { name: 'Port', type: 'sz', value: '8080' },
      { name: 'Username', type: 'sz', value: 'NWTRADERS\\svc-proxyuser' },
      { name: 'Password', type: 'sz', value: SECRETS.proxyPassword },
      {
        name: 'ProxyNotes',
        type: 'multi_sz',
        value: [
          'proxy for SCEPGW07',
          `http://svc-proxyuser:${SECRETS.proxyUrlPassword}@proxy.ad.northwindtraders.net:8080`,
        ],
      },
    ];
  }
  spec.probe.push({
    name: 'pkioperation',
    url: `https://scepgw07.ad.northwindtraders.net/certsrv/mscep/mscep.dll?operation=PKIOperation`,
    method: 'POST',
    status: 200,
    headers: { 'Content-Type': 'application/x-pki-message' },
    body: { text: `challengePassword=${SECRETS.challenge} for jane.doe@northwindtraders.net` },
    elapsedMs: 40,
    error: null,
    secondsBefore: 30,
    logged: 'none',
  });
  const plugin = [
    '[2026-11-19 10:00:00.000] Calling VerifyRequest, TransactionID 4242 for SCEPGW07.ad.northwindtraders.net',
    '[2026-11-19 10:00:00.100] Sending request to https://scep.northwindtraders.net from 172.31.44.17 as NWTRADERS\\svc-scepgw',
    `[2026-11-19 10:00:00.200] Loaded key ${PEM.replaceAll('\r\n', '\r\n')}`,
    `[2026-11-19 10:00:00.300] Server=sql01;User ID=svc-scepgw;Password=${SECRETS.connectionPassword};`,
    '[2026-11-19 10:00:00.400] Verify challenge returns 201 Created for jane.doe@northwindtraders.net (S-1-12-1-1111111111-2222222222-3333333333-4444444444)',
  ].join('\r\n');
  const setup = [
    '=== Verbose logging started: 8/12/2019  10:14:33  Calling process: C:\\NDESConnectorSetup\\NDESConnectorSetup.exe ===',
    'MSI (s) (9C:A0) [10:14:35:100]: Machine: SCEPGW07 User: NWTRADERS\\svc-scepgw SID S-1-5-21-3623811015-3361044348-30300820-4711',
    `Property(S): PROXYPASSWORD = ${SECRETS.proxyPassword}`,
    PEM,
    'MSI (s) (9C:A0) [10:14:40:000]: Product: Microsoft Intune Connector -- Installation completed successfully.',
  ].join('\r\n');
  spec.files = [
    {
      path: 'logs/NDESPolicyModule/NDESPlugin.log',
      kind: 'file',
      source: '%ProgramFiles%\\Microsoft Intune\\NDESPolicyModule\\Logs\\NDESPlugin.log',
      bytes: Buffer.from(`${plugin}\r\n`, 'utf8'),
    },
    {
      path: 'logs/NDESConnectorSetup/SetupMsi.log',
      kind: 'file',
      source: 'C:\\NDESConnectorSetup\\SetupMsi.log',
      bytes: utf16le(`${setup}\r\n`),
    },
    {
      path: 'logs/CertificateConnector/backup-SCEPGW07.pfx',
      kind: 'file',
      source: 'C:\\Users\\svc-scepgw\\Desktop\\backup.pfx',
      bytes: Buffer.concat([Buffer.from([0x30, 0x82, 0x0a, 0x00]), Buffer.from(SECRETS.pfxMarker)]),
    },
  ];
  return spec;
}

/** Recomputes sha256/bytes of the files changed after writing, as the collector would have. */
function rehash(dir: string, paths: string[]): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as { artifacts: Record<string, unknown>[] };
  for (const a of m.artifacts) {
    if (!paths.includes(String(a['path']))) continue;
    const bytes = readFileSync(path.join(dir, String(a['path'])));
    a['sha256'] = createHash('sha256').update(bytes).digest('hex');
    a['bytes'] = bytes.length;
  }
  writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
}

/** Writes the planted bundle folder and adds what the spec cannot express. */
export async function writePlanted(dir: string): Promise<void> {
  await writeBundle(plantedSpec(), dir);
  const probeFile = path.join(dir, 'probe', 'mscep.json');
  const probe = JSON.parse(readFileSync(probeFile, 'utf8').replace(/^\uFEFF/, '')) as Record<
    string,
    unknown
  >[];
  const admin = `<HTML><Body><P> The enrollment challenge password is: <B> ${SECRETS.adminPageChallenge} </B><P> This password can be used only once. SCEPGW07</Body></HTML>`;
  probe.push({
    name: 'admin',
    url: 'https://scepgw07.ad.northwindtraders.net/certsrv/mscep_admin/',
    method: 'GET',
    status: 200,
    headers: { 'Content-Type': 'text/html' },
    bodyBase64: Buffer.from(admin).toString('base64'),
    challengePassword: SECRETS.challenge,
    clientKey: `-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.pemKeyInJson}\n-----END RSA PRIVATE KEY-----`,
    elapsedMs: 7,
    error: null,
  });
  writeFileSync(probeFile, JSON.stringify(probe, null, 4));
  const event = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Planted-Test'/><EventID>4242</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2026-11-19T10:00:00.0000000Z'/><EventRecordID>1</EventRecordID><Correlation/><Execution ProcessID='4' ThreadID='8'/><Channel>Application</Channel><Computer>SCEPGW07.ad.northwindtraders.net</Computer><Security UserID='S-1-5-21-3623811015-3361044348-30300820-4711'/></System><EventData><Data Name='User'>jane.doe@northwindtraders.net</Data><Data Name='Client'>fe80::2c1f:9aa0:41b7:13%12</Data><Data Name='Account'>NWTRADERS\\svc-scepgw</Data><Data Name='Key'>${PEM}</Data></EventData></Event>\r\n`;
  appendFileSync(path.join(dir, 'events', 'Application.xml'), event);
  const log = path.join(dir, 'iis', 'logs', 'W3SVC1', 'u_ex261120.log');
  appendFileSync(
    log,
    '#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-20 09:00:00\r\n' +
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status time-taken\r\n' +
      '2026-11-20 09:00:01 172.31.44.17 GET /certsrv/mscep_admin/ - 443 NWTRADERS\\svc-scepgw 172.31.44.99 Mozilla/5.0 https://scepgw07.ad.northwindtraders.net/ scepgw07.ad.northwindtraders.net 200 0 0 15\r\n',
  );
  rehash(dir, ['probe/mscep.json', 'events/Application.xml', 'iis/logs/W3SVC1/u_ex261120.log']);
}

/** Every string form a value can take in a file: UTF-8, UTF-16LE and UTF-16BE. */
export function encodings(value: string): Buffer[] {
  const le = Buffer.from(value, 'utf16le');
  return [Buffer.from(value, 'utf8'), le, Buffer.from(le).swap16()];
}

/** Case-insensitive byte search (ASCII letters folded) in all three encodings. */
export function findCi(haystack: Buffer, needle: string): boolean {
  const lower = Buffer.from(haystack).map((b) => (b >= 65 && b <= 90 ? b + 32 : b));
  return encodings(needle.toLowerCase()).some((n) => Buffer.from(lower).includes(n));
}
