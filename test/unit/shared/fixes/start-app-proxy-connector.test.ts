// start-app-proxy-connector on the healthy host plus a stopped, manual WAPCSvc: start mode to
// Automatic (undo: Manual), then start (undo: stop); no backup, no reboot.
import { afterAll, describe, expect, it } from 'vitest';
import {
  diagnoseVariant,
  planOf,
  refusalOf,
  removeFixTemp,
  shape,
} from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

describe('start-app-proxy-connector', () => {
  it('sets WAPCSvc to Automatic and starts it', async () => {
    const d = await diagnoseVariant('wapc-stopped', (spec) => {
      spec.services.push({
        Name: 'WAPCSvc',
        DisplayName: 'Microsoft Entra private network connector',
        State: 'Stopped',
        StartMode: 'Manual',
        StartName: 'NT AUTHORITY\\NetworkService',
        PathName: null,
      });
    });
    const plan = planOf(d, 'app-proxy-connector-running');
    expect(shape(plan)).toEqual([
      {
        id: 'startup-wapcsvc',
        kind: 'change',
        command: "& set-startup-type.ps1 -Name 'WAPCSvc' -StartupType 'Automatic'",
        backup: null,
        undo: "& set-startup-type.ps1 -Name 'WAPCSvc' -StartupType 'Manual'",
        needsReboot: false,
      },
      {
        id: 'start-wapcsvc',
        kind: 'change',
        command: "& set-service-state.ps1 -Name 'WAPCSvc' -State 'Running'",
        backup: null,
        undo: "& set-service-state.ps1 -Name 'WAPCSvc' -State 'Stopped'",
        needsReboot: false,
      },
    ]);
    expect(plan.restarts).toEqual([{ kind: 'service', name: 'WAPCSvc' }]);
  });

  it('does not apply without the connector', async () => {
    const d = await diagnoseVariant('healthy', () => {});
    expect(refusalOf(d, 'app-proxy-connector-running').refused).toMatch(/is not-applicable/);
  });
});
