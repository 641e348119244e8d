import { describe, expect, it } from 'vitest';
import rule from '../../../../shared/rules/ndes-to-ca/mscep-templates-configured';
import { parseRegFile } from '../../../../shared/parse/reg-file';
import { decodeText } from '../../../../shared/parse/text-decode';
import type { Ev } from '../../../../shared/model';
import type { RegFile } from '../../../../shared/parse/reg-file';
import { judge, ok, state } from '../../../helpers/snapshot';
import { sample } from '../../../helpers/paths';

const FILE = 'registry/mscep.reg';
// Real export of a fresh NDES install (UTF-16LE): all three slots hold IPSECIntermediateOffline.
const REAL = decodeText(sample('registry-reg/Sleepw4lker-NDES-MSCEP-ws2022.reg')).text;
const DEFAULT = '"IPSECIntermediateOffline"';

/** The real export with the three slots set (undefined = value removed). */
function mscep(sig?: string, enc?: string, gp?: string): Ev<RegFile> {
  const set = (text: string, name: string, v: string | undefined) =>
    text.replace(`"${name}"=${DEFAULT}\r\n`, v === undefined ? '' : `"${name}"="${v}"\r\n`);
  let text = set(REAL, 'SignatureTemplate', sig);
  text = set(text, 'EncryptionTemplate', enc);
  text = set(text, 'GeneralPurposeTemplate', gp);
  return ok(parseRegFile(text), FILE);
}

const D = 'IPSECIntermediateOffline';

describe('mscep-templates-configured', () => {
  it.each<[string, Ev<RegFile>, string]>([
    [
      'one template name in every slot passes',
      mscep('IntuneSCEP', 'IntuneSCEP', 'IntuneSCEP'),
      'pass',
    ],
    ['only the general-purpose slot set passes', mscep(D, D, 'IntuneSCEP'), 'pass'],
    ['the real fresh install (all default) fails', ok(parseRegFile(REAL), FILE), 'fail'],
    ['all default in another case fails', mscep(D.toLowerCase(), D.toUpperCase(), D), 'fail'],
    ['a missing value fails', mscep('IntuneSCEP', undefined, 'IntuneSCEP'), 'fail'],
    ['an empty value fails', mscep('IntuneSCEP', '', 'IntuneSCEP'), 'fail'],
    ['a blank value fails', mscep('IntuneSCEP', '  ', 'IntuneSCEP'), 'fail'],
    ['a display name (with a space) fails', mscep(D, D, 'Intune SCEP'), 'fail'],
    ['an absent MSCEP key fails', { state: 'absent', path: FILE }, 'fail'],
  ])('%s', (_name, regMscep, expected) => {
    expect(judge(rule, { regMscep }).status).toBe(expected);
  });

  it('points at the three values of the real export', () => {
    const f = judge(rule, { regMscep: ok(parseRegFile(REAL), FILE) });
    expect(f.summary).toBe(
      'All three MSCEP template values are the setup default IPSECIntermediateOffline, so NDES is not configured for the Intune SCEP template.',
    );
    expect(f.evidence).toEqual([
      expect.objectContaining({
        kind: 'registryValue',
        file: FILE,
        valueName: 'SignatureTemplate',
        value: D,
        line: 4,
      }),
      expect.objectContaining({ valueName: 'EncryptionTemplate', value: D, line: 5 }),
      expect.objectContaining({ valueName: 'GeneralPurposeTemplate', value: D, line: 6 }),
    ]);
    expect(f.decoded[0]).toMatchObject({
      raw: '0x80094800',
      meaning: expect.stringMatching(/^CERTSRV_E_UNSUPPORTED_CERT_TYPE: /),
      checkId: 'mscep-templates-configured',
    });
    expect(f.fixes[0]?.wizard).toBe('set-mscep-templates');
  });

  it('names the slot that holds a display name', () => {
    const f = judge(rule, { regMscep: mscep(D, D, 'Intune SCEP') });
    expect(f.summary).toBe(
      'The MSCEP value GeneralPurposeTemplate is "Intune SCEP", which contains a space: it looks like a template display name, not a template name.',
    );
  });

  it('lists every problem, the first in the summary', () => {
    const f = judge(rule, { regMscep: mscep(undefined, 'Intune SCEP', 'IntuneSCEP') });
    expect(f.summary).toBe('The MSCEP value SignatureTemplate is missing or empty.');
    expect(f.evidence[0]).toEqual({
      kind: 'text',
      text: 'The MSCEP value EncryptionTemplate is "Intune SCEP", which contains a space: it looks like a template display name, not a template name.',
    });
    expect(f.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'registryValue',
        valueName: 'SignatureTemplate',
        value: null,
      }),
    );
  });

  it('shows the configured names when it passes', () => {
    const f = judge(rule, { regMscep: mscep(D, 'IntuneSCEP-Enc', 'IntuneSCEP') });
    expect(f.summary).toBe(
      'The MSCEP template values name templates: SignatureTemplate = IPSECIntermediateOffline, EncryptionTemplate = IntuneSCEP-Enc, GeneralPurposeTemplate = IntuneSCEP.',
    );
  });

  it.each(['error', 'skipped', 'missing', 'unparseable'] as const)(
    'is unknown when mscep.reg is %s',
    (st) => {
      expect(judge(rule, { regMscep: state(st, FILE) }).status).toBe('unknown');
    },
  );
});
