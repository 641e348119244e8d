// start-connector-services on the healthy host with PkiCreateConnectorSvc stopped and
// PkiRevokeConnectorSvc disabled: only those get steps (start mode, then start), no reboot.
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseVariant, planOf, removeFixTemp, shape } from '../../../helpers/fix-hosts';

afterAll(removeFixTemp);

describe('start-connector-services', () => {
  it('starts the stopped services and restores their start mode on undo', async () => {
    const d = await diagnoseVariant('connector-stopped', (spec) => {
      const svc = (n: string) => spec.services.find((s) => s.Name === n)!;
      svc('PkiCreateConnectorSvc').State = 'Stopped';
      svc('PkiRevokeConnectorSvc').State = 'Stopped';
      svc('PkiRevokeConnectorSvc').StartMode = 'Disabled';
    });
    const plan = planOf(d, 'connector-services-running');
    expect(shape(plan).map((s) => [s.id, s.command, s.undo])).toEqual([
      [
        'start-pkicreateconnectorsvc',
        "& set-service-state.ps1 -Name 'PkiCreateConnectorSvc' -State 'Running'",
        "& set-service-state.ps1 -Name 'PkiCreateConnectorSvc' -State 'Stopped'",
      ],
      [
        'startup-pkirevokeconnectorsvc',
        "& set-startup-type.ps1 -Name 'PkiRevokeConnectorSvc' -StartupType 'Automatic'",
        "& set-startup-type.ps1 -Name 'PkiRevokeConnectorSvc' -StartupType 'Disabled'",
      ],
      [
        'start-pkirevokeconnectorsvc',
        "& set-service-state.ps1 -Name 'PkiRevokeConnectorSvc' -State 'Running'",
        "& set-service-state.ps1 -Name 'PkiRevokeConnectorSvc' -State 'Stopped'",
      ],
    ]);
    expect(plan.needsReboot).toBe(false);
    expect(plan.explain.change).toBe(
      'Sets PkiCreateConnectorSvc, PkiRevokeConnectorSvc to start automatically and starts them, as listed in the steps. No reboot.',
    );
  });
});
