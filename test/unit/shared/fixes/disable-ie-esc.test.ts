// disable-ie-esc on the healthy host with IE ESC on for administrators (users keep the Windows
// default, on): IsInstalled=0 on both components, each exported first, undo back to 1; no reboot.
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseVariant, planOf, removeFixTemp, shape } from '../../../helpers/fix-hosts';
import { dword, setValue } from '../../../fixtures/lib/reg';

afterAll(removeFixTemp);

const KEY = (g: string) =>
  `"HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{${g}-37EF-4b3f-8CFC-4F3A74704073}"`;
const step = (id: string, g: string) => ({
  id,
  kind: 'change',
  command: `reg.exe add ${KEY(g)} /v IsInstalled /t REG_DWORD /d 0 /f`,
  backup: `reg.exe export ${KEY(g)} "<backup folder>\\${id}.reg" /y`,
  undo: `reg.exe add ${KEY(g)} /v IsInstalled /t REG_DWORD /d 1 /f`,
  needsReboot: false,
});

describe('disable-ie-esc', () => {
  it('turns IE ESC off for administrators and users', async () => {
    const d = await diagnoseVariant('ie-esc-on', (spec) => {
      setValue(spec.registry['ie-esc-admins']![0]!, dword('IsInstalled', 1));
    });
    const plan = planOf(d, 'ie-esc-disabled');
    expect(shape(plan)).toEqual([
      step('ie-esc-admins', 'A509B1A7'),
      step('ie-esc-users', 'A509B1A8'),
    ]);
    expect(plan.needsReboot).toBe(false);
  });
});
