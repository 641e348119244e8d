// grant-ra-key-read on ra-key-not-readable (RA key ACLs re-imported for Administrators only): per
// newest RA certificate, the key ACL is saved as SDDL, Read granted to the service account's SID,
// and restored on undo; then iisreset. No reboot.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseFixture,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1107';
const step = (kind: string, thumb: string) => ({
  id: `grant-${kind}`,
  kind: 'change',
  command: `& grant-key-read.ps1 -Thumbprint '${thumb}' -Principal '${SID}'`,
  backup: `& export-key-acl.ps1 -Thumbprint '${thumb}' -Out '<backup folder>\\key-acl-${thumb.toLowerCase()}.sddl'`,
  undo: `& restore-key-acl.ps1 -Thumbprint '${thumb}' -From '<backup folder>\\key-acl-${thumb.toLowerCase()}.sddl'`,
  needsReboot: false,
});

describe('grant-ra-key-read', () => {
  it('saves each key ACL, grants Read to the service account, then restarts IIS', async () => {
    const d = await diagnoseFixture('ra-key-not-readable');
    const plan = planOf(d, 'ra-private-key-readable');
    expect(shape(plan)).toEqual([
      step('cep-encryption', 'E8CE23FB6789561DAFF26DFAFD64B38C00F9DA06'),
      step('enrollment-agent', 'FD74693A26B4C021CF92DAF5A9266781BA582B0D'),
      {
        id: 'iisreset',
        kind: 'restart',
        command: 'iisreset.exe /restart',
        backup: null,
        undo: null,
        needsReboot: false,
      },
    ]);
    expect(plan.steps[0]!.backup?.kind).toBe('key-acl');
    expect(plan.steps[0]!.title).toBe(
      'Grant CORP\\svc-ndes Read on the CEP Encryption key (E8CE23FB6789561DAFF26DFAFD64B38C00F9DA06)',
    );
    expect(plan.needsReboot).toBe(false);
  });

  it('refuses on a healthy host', async () => {
    const d = await diagnoseFixture('healthy');
    expect(refusalOf(d, 'ra-private-key-readable').refused).toMatch(/is pass/);
  });
});
