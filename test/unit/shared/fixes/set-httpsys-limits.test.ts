// set-httpsys-limits on http-414-httpsys-limits (neither HTTP.sys limit set): the HTTP\Parameters
// key is exported once, both values set to 65534 with undo = delete (they were missing), reboot.
// On the 404.15 host the HTTP.sys limits are fine, so it points at set-iis-request-limits.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  diagnoseVariant,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';
import { dword, setValue } from '../../../fixtures/lib/reg';

afterAll(removeFixTemp);

const KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const STEPS = [
  {
    id: 'set-maxfieldlength',
    kind: 'change',
    command: `reg.exe add ${KEY} /v MaxFieldLength /t REG_DWORD /d 65534 /f`,
    backup: `reg.exe export ${KEY} "<backup folder>\\http-parameters.reg" /y`,
    undo: `reg.exe delete ${KEY} /v MaxFieldLength /f`,
    needsReboot: true,
  },
  {
    id: 'set-maxrequestbytes',
    kind: 'change',
    command: `reg.exe add ${KEY} /v MaxRequestBytes /t REG_DWORD /d 65534 /f`,
    backup: null,
    undo: `reg.exe delete ${KEY} /v MaxRequestBytes /f`,
    needsReboot: true,
  },
];

describe('set-httpsys-limits', () => {
  it.each([
    'httpsys-max-field-length',
    'httpsys-max-request-bytes',
    'mscep-long-url-rejected',
    'mscep-long-url-ok',
  ])('sets both limits for %s, with a reboot', async (check) => {
    const d = await diagnoseFixture('http-414-httpsys-limits');
    const plan = planOf(d, check);
    expect(shape(plan)).toEqual(STEPS);
    expect(plan.needsReboot).toBe(true);
    expect(plan.explain.change).toMatch(/iisreset does not apply them/);
  });

  it('restores an old value instead of deleting it', async () => {
    const d = await diagnoseVariant('httpsys-16k', (spec) => {
      setValue(spec.registry['http-parameters']![0]!, dword('MaxFieldLength', 16384));
    });
    const plan = planOf(d, 'httpsys-max-field-length');
    expect(shape(plan).map((s) => [s.id, s.undo])).toEqual([
      ['set-maxfieldlength', `reg.exe add ${KEY} /v MaxFieldLength /t REG_DWORD /d 16384 /f`],
    ]);
  });

  it('points at the IIS limits when HTTP.sys is already large enough', async () => {
    const d = await diagnoseFixture('http-404-15-request-limits');
    expect(refusalOf(d, 'mscep-long-url-rejected').refused).toMatch(
      /already 65534 or more; the rejections come from IIS request filtering \(use set-iis-request-limits\)/,
    );
  });
});
