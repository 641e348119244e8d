import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/policy-module/policy-module-configured';
import { parseRegFile } from '../../../../shared/parse/reg-file';
import { decodeText } from '../../../../shared/parse/text-decode';
import type { Ev, Snapshot } from '../../../../shared/model';
import { judge, ok, psJson, reg, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

// A real MSCEP export of an NDES server without a connector (no Modules subkeys).
const MSCEP = decodeText(sample('registry-reg/Sleepw4lker-NDES-MSCEP-ws2022.reg')).text;
const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP';
const mscep = (extra = '') => ok(parseRegFile(`${MSCEP}\r\n${extra}`), 'registry/mscep.reg');
const POLICY = `[${KEY}\\Modules\\Policy]\r\n@="NDESPolicy.NDESPolicyModule"\r\n`;
const NDES_POLICY = `[${KEY}\\Modules\\NDESPolicy]\r\n"NDESCertThumbprint"="9f 3a 11 22"\r\n`;
const EMPTY_POLICY = `[${KEY}\\Modules\\Policy]\r\n@=""\r\n`;

const INTUNE_PATH = 'registry/microsoft-intune.reg';
const current = reg(
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector]\r\n"EnableSCEP"=dword:00000001\r\n',
  INTUNE_PATH,
);
const presence = (
  regIntune: Ev<never> | ReturnType<typeof reg>,
  serviceNames: string[] = [],
): Partial<Snapshot> => ({
  installedProducts: psJson(
    [{ DisplayName: 'Microsoft Edge', DisplayVersion: '130.0' }],
    'commands/installed-products.json',
  ),
  services: psJson(
    serviceNames.map((Name) => ({ Name, State: 'Running', StartMode: 'Auto' })),
    'commands/services.json',
  ),
  regIntune,
});
const none = presence({ state: 'absent', path: INTUNE_PATH } as Ev<never>);

describe('policy-module-configured', () => {
  it.each<[string, Snapshot['regMscep'], Partial<Snapshot>, string]>([
    ['a registered policy module passes', mscep(POLICY), presence(current), 'pass'],
    [
      'the legacy NDESPolicy key passes',
      mscep(NDES_POLICY),
      presence({ state: 'absent', path: INTUNE_PATH } as Ev<never>, ['NDESConnectorSvc']),
      'pass',
    ],
    ['a connector without any module fails', mscep(), presence(current), 'fail'],
    ['an empty Policy value fails', mscep(EMPTY_POLICY), presence(current), 'fail'],
    [
      'an absent MSCEP key with a connector fails',
      { state: 'absent' as const, path: 'registry/mscep.reg' },
      presence(current),
      'fail',
    ],
    ['no connector is not applicable', mscep(), none, 'not-applicable'],
    [
      'no module and an unreadable presence source is unknown',
      mscep(),
      { ...none, services: state('error', 'commands/services.json') },
      'unknown',
    ],
  ])('%s', (_name, regMscep, parts, expected) => {
    expect(judge(rule, { regMscep, ...parts }).status).toBe(expected);
  });

  it('shows the ProgID, EnableSCEP and how the connector was found', () => {
    const f = judge(rule, { regMscep: mscep(POLICY), ...presence(current) });
    expect(f.summary).toBe(
      'The policy module NDESPolicy.NDESPolicyModule is registered under MSCEP\\Modules\\Policy.',
    );
    expect(f.evidence[0]).toMatchObject({
      kind: 'registryValue',
      file: 'registry/mscep.reg',
      keyPath: `${KEY}\\Modules\\Policy`,
      valueName: '@',
      value: 'NDESPolicy.NDESPolicyModule',
    });
    expect(f.evidence[1]).toMatchObject({ valueName: 'EnableSCEP', value: '1', file: INTUNE_PATH });
    expect(f.evidence[2]).toEqual({
      kind: 'keyValue',
      caption: 'Intune connector',
      items: [
        {
          key: 'Certificate Connector for Microsoft Intune',
          value:
            'registry key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector',
        },
      ],
    });
  });

  it('points at the missing value when it fails', () => {
    const f = judge(rule, { regMscep: mscep(), ...presence(current) });
    expect(f.summary).toBe(
      'An Intune connector is installed, but MSCEP\\Modules\\Policy holds no policy module and MSCEP\\Modules\\NDESPolicy does not exist.',
    );
    expect(f.evidence[0]).toMatchObject({ kind: 'registryValue', value: null });
  });

  it('is not applicable without a connector even when mscep.reg is unusable', () => {
    expect(judge(rule, { regMscep: state('error', 'registry/mscep.reg'), ...none }).status).toBe(
      'not-applicable',
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when mscep.reg is %s',
    (st) => {
      expect(
        judge(rule, { regMscep: state(st, 'registry/mscep.reg'), ...presence(current) }).status,
      ).toBe('unknown');
    },
  );
});
