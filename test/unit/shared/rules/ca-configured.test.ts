import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/ca-configured';
import { parseRegFile } from '../../../../shared/parse/reg-file';
import { decodeText } from '../../../../shared/parse/text-decode';
import type { Ev } from '../../../../shared/model';
import type { RegFile } from '../../../../shared/parse/reg-file';
import { judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const FILE = 'registry/mscep.reg';
// Real export: "Configuration"="CA03.intra.adcslabor.de\\ADCS Labor Issuing CA 2" on line 9.
const REAL = decodeText(sample('registry-reg/Sleepw4lker-NDES-MSCEP-ws2022.reg')).text;
const LINE = '"Configuration"="CA03.intra.adcslabor.de\\\\ADCS Labor Issuing CA 2"\r\n';
const withConfig = (line: string): Ev<RegFile> => ok(parseRegFile(REAL.replace(LINE, line)), FILE);

describe('ca-configured', () => {
  it.each<[string, Ev<RegFile>, string]>([
    ['the real CAInfo passes', ok(parseRegFile(REAL), FILE), 'pass'],
    [
      'a short host name passes',
      withConfig('"Configuration"="CA01\\\\Contoso Issuing CA"\r\n'),
      'pass',
    ],
    [
      'a value without a CA name still passes (only missing or empty fails)',
      withConfig('"Configuration"="CA01"\r\n'),
      'pass',
    ],
    ['an empty value fails', withConfig('"Configuration"=""\r\n'), 'fail'],
    ['a blank value fails', withConfig('"Configuration"="   "\r\n'), 'fail'],
    ['a missing value fails', withConfig(''), 'fail'],
    ['an absent MSCEP key fails', { state: 'absent', path: FILE }, 'fail'],
  ])('%s', (_name, regMscep, expected) => {
    expect(judge(rule, { regMscep }).status).toBe(expected);
  });

  it('shows the parsed CA host and CA name', () => {
    const f = judge(rule, { regMscep: ok(parseRegFile(REAL), FILE) });
    expect(f.summary).toBe(
      'NDES submits to the CA "ADCS Labor Issuing CA 2" on CA03.intra.adcslabor.de (MSCEP\\CAInfo\\Configuration = CA03.intra.adcslabor.de\\ADCS Labor Issuing CA 2).',
    );
    expect(f.evidence).toEqual([
      expect.objectContaining({
        kind: 'registryValue',
        file: FILE,
        keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo',
        valueName: 'Configuration',
        value: 'CA03.intra.adcslabor.de\\ADCS Labor Issuing CA 2',
        line: 9,
      }),
      {
        kind: 'keyValue',
        caption: 'MSCEP\\CAInfo\\Configuration, parsed',
        items: [
          { key: 'CA host', value: 'CA03.intra.adcslabor.de' },
          { key: 'CA name', value: 'ADCS Labor Issuing CA 2' },
        ],
      },
    ]);
  });

  it('says when the value names no CA', () => {
    const f = judge(rule, { regMscep: withConfig('"Configuration"="CA01"\r\n') });
    expect(f.summary).toBe(
      'MSCEP\\CAInfo\\Configuration is "CA01": it names the host CA01 but no CA name after a backslash.',
    );
  });

  it('explains a missing value', () => {
    const f = judge(rule, { regMscep: withConfig('') });
    expect(f.summary).toBe(
      'MSCEP\\CAInfo\\Configuration is missing or empty, so NDES has no CA to submit to.',
    );
    expect(f.evidence[0]).toMatchObject({ kind: 'registryValue', value: null, line: 8 });
    expect(f.fixes[0]?.wizard).toBe('manual');
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when mscep.reg is %s',
    (st) => {
      expect(judge(rule, { regMscep: state(st, FILE) }).status).toBe('unknown');
    },
  );
});
