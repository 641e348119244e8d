import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/reporting/connector-recent-connection';
import type { Snapshot } from '../../../../shared/model';
import { judge, manifest, psJson, reg, state } from '../../../helpers/snapshot';

const PATH = 'registry/microsoft-intune.reg';
const BASE = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune';
// collectedAt is 2026-11-20T09:14:03Z.
const intune = (connector: 'PFXCertificateConnector' | 'NDESConnector', values: string) =>
  reg(
    `[${BASE}\\${connector}]\r\n"InstallFolder"="C:\\\\Program Files\\\\Microsoft Intune\\\\${connector}"\r\n\r\n` +
      `[${BASE}\\${connector}\\ConnectionStatus]\r\n${values}`,
    PATH,
  );
const current = (v: string) => intune('PFXCertificateConnector', `"LastConnectionTime"="${v}"\r\n`);
const others: Partial<Snapshot> = {
  installedProducts: psJson(
    [{ DisplayName: 'Microsoft Edge' }],
    'commands/installed-products.json',
  ),
  services: psJson([{ Name: 'W3SVC', State: 'Running' }], 'commands/services.json'),
};
const host = (culture: string, utcOffsetMinutes?: number) =>
  manifest({
    collector: { culture, ...(utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes }) },
  });
const run = (regIntune: Snapshot['regIntune'], m = host('en-US', 0)) =>
  judge(rule, { regIntune, ...others, manifest: m });

describe('connector-recent-connection', () => {
  it.each([
    [
      'an en-US time 1 hour ago passes',
      current('11/20/2026 3:14:03 AM'),
      host('en-US', -300),
      'pass',
    ],
    ['a pt-BR time 1 hour ago passes', current('20/11/2026 05:14:03'), host('pt-BR', -180), 'pass'],
    ['a de-DE time 2 days ago warns', current('18.11.2026 10:14:03'), host('de-DE', 60), 'warn'],
    ['a fr-FR time 10 days ago fails', current('10/11/2026 10:14:03'), host('fr-FR', 60), 'fail'],
    [
      'an ISO time with Z 30 hours ago warns',
      current('2026-11-19T03:14:03Z'),
      host('en-US', -300),
      'warn',
    ],
    [
      'exactly 24 hours ago still passes',
      current('2026-11-19T09:14:03Z'),
      host('en-US', 0),
      'pass',
    ],
    [
      'a legacy connector 8 days ago fails',
      intune('NDESConnector', '"LastConnectionTime"="11/12/2026 9:00:00 AM"\r\n'),
      host('en-US', 0),
      'fail',
    ],
    [
      'a QWORD FILETIME 1 hour ago passes',
      intune('PFXCertificateConnector', '"LastConnectionTime"=hex(b):80,17,89,1a,c7,78,dd,01\r\n'),
      host('en-US', 0),
      'pass',
    ],
    [
      'a missing value is unknown',
      intune('PFXCertificateConnector', '"IssueDetails"=""\r\n'),
      host('en-US', 0),
      'unknown',
    ],
    ['a value that does not parse is unknown', current('yesterday'), host('en-US', 0), 'unknown'],
    [
      'a day-first date read with a month-first culture is unknown',
      current('20/11/2026 05:14:03'),
      host('en-US', 0),
      'unknown',
    ],
    [
      'a time far after collection is unknown',
      current('12/11/2026 05:14:03'),
      host('en-US', 0),
      'unknown',
    ],
    [
      'no connector is not applicable',
      { state: 'absent' as const, path: PATH },
      host('en-US', 0),
      'not-applicable',
    ],
  ])('%s', (_name, regIntune, m, expected) => {
    expect(run(regIntune, m).status).toBe(expected);
  });

  it('converts host-local time with the UTC offset and says how it read it', () => {
    const f = run(current('20/11/2026 05:14:03'), host('pt-BR', -180));
    expect(f.summary).toBe(
      'The Certificate Connector for Microsoft Intune last contacted Intune at 2026-11-20T08:14:03.000Z, 1 hour(s) before collection.',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      file: PATH,
      keyPath: `${BASE}\\PFXCertificateConnector\\ConnectionStatus`,
      valueName: 'LastConnectionTime',
      value: '20/11/2026 05:14:03',
      line: 7,
    });
    expect(f.evidence[3]).toEqual({
      kind: 'keyValue',
      caption: 'How LastConnectionTime was read',
      items: [
        { key: 'format', value: 'culture' },
        { key: 'culture', value: 'pt-BR' },
        { key: 'utcOffsetMinutes', value: '-180' },
        { key: 'UTC', value: '2026-11-20T08:14:03.000Z' },
      ],
    });
  });

  it('decodes IssueDetails 0x80004003 (unlicensed sign-in account)', () => {
    const f = run(
      intune(
        'NDESConnector',
        '"LastConnectionTime"="11/1/2026 9:00:00 AM"\r\n"IssueDetails"="0x80004003"\r\n',
      ),
    );
    expect(f.status).toBe('fail');
    expect(f.summary).toBe(
      'The Microsoft Intune Connector last contacted Intune at 2026-11-01T09:00:00.000Z, 19 days before collection (more than 7 days).',
    );
    expect(f.decoded).toEqual([
      {
        raw: '0x80004003',
        meaning:
          'The legacy connector sign-in failed because the account has no valid Intune license.',
      },
    ]);
  });

  it('notes a missing UTC offset', () => {
    const f = run(current('11/20/2026 8:14:03 AM'), host('en-US'));
    expect(f.status).toBe('pass');
    expect(f.evidence.at(-1)).toEqual({
      kind: 'text',
      text: 'The collector did not record the host UTC offset; the local time was read as UTC.',
    });
  });

  it('is unknown when presence cannot be told', () => {
    const f = judge(rule, {
      regIntune: { state: 'absent', path: PATH },
      installedProducts: state('error', 'commands/installed-products.json'),
      services: others.services,
    });
    expect(f.status).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when the Intune export is %s',
    (st) => {
      expect(run(state(st, PATH)).status).toBe('unknown');
    },
  );
});
