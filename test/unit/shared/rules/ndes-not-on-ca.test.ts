import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/host/ndes-not-on-ca';
import { judge, manifest, psJson, reg, snapshot, state } from '../../../helpers/snapshot';
import { contextFor, runRule } from '../../../../shared/engine/run-rules';
import type { Snapshot } from '../../../../shared/model';

const features = (caState: string) =>
  psJson(
    [
      { Name: 'ADCS-Cert-Authority', InstallState: caState },
      { Name: 'ADCS-Device-Enrollment', InstallState: 'Installed' },
    ],
    'commands/windows-features.json',
  );

/** registry/mscep.reg with CAInfo\Configuration naming `config` (as `reg export` writes it). */
const mscep = (config: string) =>
  reg(
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]\r\n' +
      '"SignatureTemplate"="IPSECIntermediateOffline"\r\n\r\n' +
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo]\r\n' +
      `"Configuration"="${config.replace(/\\/g, '\\\\')}"\r\n`,
    'registry/mscep.reg',
  );

describe('ndes-not-on-ca (host ndes01.corp.contoso.com)', () => {
  it.each([
    [
      'CA role available and CAInfo on another host passes',
      'Available',
      'CA01.corp.contoso.com\\Contoso Issuing CA',
      'pass',
    ],
    ['CA role Installed fails', 'Installed', 'CA01.corp.contoso.com\\Contoso Issuing CA', 'fail'],
    [
      'CAInfo naming this FQDN fails',
      'Available',
      'NDES01.CORP.CONTOSO.COM\\Contoso Issuing CA',
      'fail',
    ],
    ['CAInfo naming the short host name fails', 'Available', 'ndes01\\Contoso Issuing CA', 'fail'],
    ['a similar host name is not this host', 'Available', 'ndes01b\\Contoso Issuing CA', 'pass'],
  ])('%s', (_name, caState, config, expected) => {
    expect(
      judge(rule, { windowsFeatures: features(caState), regMscep: mscep(config) }).status,
    ).toBe(expected);
  });

  it('judges the feature alone when MSCEP is absent', () => {
    const parts = {
      windowsFeatures: features('Available'),
      regMscep: state('absent', 'registry/mscep.reg'),
    };
    const f = judge(rule, parts as Partial<Snapshot>);
    expect(f.status).toBe('pass');
    expect(f.summary).toBe(
      'The CA role is not installed here (MSCEP\\CAInfo\\Configuration is not set).',
    );
  });

  it('points at the CAInfo value', () => {
    const f = judge(rule, {
      windowsFeatures: features('Available'),
      regMscep: mscep('ndes01\\Contoso Issuing CA'),
    });
    expect(f.summary).toBe('MSCEP\\CAInfo names this server (ndes01) as the CA.');
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'registryValue',
        valueName: 'Configuration',
        value: 'ndes01\\Contoso Issuing CA',
        line: 7,
      }),
    );
  });

  it('uses computer.json for the FQDN when the manifest has no dnsHostName', () => {
    const s = snapshot({
      manifest: manifest({ host: { computerName: 'SRV7' } }),
      windowsFeatures: features('Available'),
      regMscep: mscep('srv7.fabrikam.local\\Fabrikam CA'),
      computer: psJson({ DNSHostName: 'srv7', Domain: 'fabrikam.local' }),
    });
    expect(runRule(rule, s, contextFor(s)).status).toBe('fail');
  });

  it('still fails on CAInfo when windows-features.json is absent, and is unknown otherwise', () => {
    const absent = state('absent', 'commands/windows-features.json');
    expect(
      judge(rule, { windowsFeatures: absent, regMscep: mscep('ndes01\\X') } as Partial<Snapshot>)
        .status,
    ).toBe('fail');
    expect(
      judge(rule, { windowsFeatures: absent, regMscep: mscep('CA01\\X') } as Partial<Snapshot>)
        .status,
    ).toBe('unknown');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when windows-features.json is %s',
    (st) => {
      expect(judge(rule, { windowsFeatures: state(st), regMscep: mscep('CA01\\X') }).status).toBe(
        'unknown',
      );
    },
  );
});
