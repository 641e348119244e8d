// Adds IIS_IUSRS to "Impersonate a client after authentication", keeping every holder, so mscep.dll
// stops answering 500 0 1346 (S-DEV2NDES, SEED-D2N step 6); reboot. secedit does not say whether a
// GPO sets the right, so a read-only RSoP precheck stops the fix before any change when one does.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { IIS_IUSRS_SID, holderIsIisIusrs } from '../engine/computed/accounts';
import { fill } from '../engine/computed/text';
import { rightHolders } from '../parse/secedit-inf';
import { buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { valid } from './validate';

export const strings = {
  title: 'Grant IIS_IUSRS "Impersonate a client after authentication"',
  why: 'mscep.dll impersonates the caller; without SeImpersonatePrivilege for IIS_IUSRS (or the pool account) every SCEP request fails with HTTP 500 (win32 status 1346).',
  change:
    'Adds IIS_IUSRS (*S-1-5-32-568) to SeImpersonatePrivilege and keeps the current holders ({holders}). The user rights are exported first. The right applies after a restart of the server.',
  gpoCheck: 'Check that no Group Policy sets this right',
  gpoCheckWhy:
    'A domain GPO would replace the local change at its next refresh; if one sets the right, change it in that GPO instead (gpresult /h report.html).',
  grant: 'Add IIS_IUSRS to SeImpersonatePrivilege',
  grantWhy: 'Neither IIS_IUSRS nor the service account holds the right (secedit-user-rights.inf).',
  backup: 'User rights assignment (secedit /export /areas USER_RIGHTS)',
  noInf: 'The secedit user-rights export was not read, so the current holders are unknown.',
  alreadyHeld:
    'IIS_IUSRS already holds SeImpersonatePrivilege; if requests still fail with 500 0 1346, restart the server so the right takes effect.',
  gpoNote:
    'The bundle cannot tell whether a GPO sets this right (secedit exports the effective rights, not their source); the first step asks the host and stops before any change if a GPO does.',
  nobody: '(nobody)',
};

const RIGHT = 'SeImpersonatePrivilege';
const HOLDER = `*${IIS_IUSRS_SID}`;

export const meta: WizardMeta = {
  id: 'grant-impersonate-right',
  checks: ['iis-iusrs-impersonate-right', 'mscep-impersonation-500'],
  verifies: ['iis-iusrs-impersonate-right'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    if (!isOk(snapshot.userRights)) return refuse(strings.noInf);
    const holders = rightHolders(snapshot.userRights.value, RIGHT).map((h) =>
      valid('rightHolder', `${RIGHT} holder`, h),
    );
    if (holders.some(holderIsIisIusrs)) return refuse(strings.alreadyHeld);
    const right = valid('userRight', 'user right', RIGHT);
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, {
        holders: holders.length > 0 ? holders.join(', ') : strings.nobody,
      }),
      steps: [
        {
          id: 'check-gpo',
          kind: 'precheck',
          title: strings.gpoCheck,
          why: strings.gpoCheckWhy,
          command: { powershell: 'check-user-right-gpo', params: { Right: right } },
          needsReboot: false,
          restarts: [],
        },
        {
          id: 'grant-right',
          kind: 'change',
          title: strings.grant,
          why: strings.grantWhy,
          command: { powershell: 'grant-user-right', params: { Right: right, Holder: HOLDER } },
          backup: {
            kind: 'user-rights',
            what: strings.backup,
            file: 'user-rights.inf',
            command: {
              tool: 'secedit.exe',
              args: [
                '/export',
                '/areas',
                'USER_RIGHTS',
                '/cfg',
                { backupFile: 'user-rights.inf' },
                '/quiet',
              ],
            },
          },
          undo: {
            powershell: 'restore-user-right',
            params: { Right: right, From: { backupFile: 'user-rights.inf' } },
          },
          needsReboot: true,
          restarts: [],
        },
      ],
      notes: [strings.gpoNote],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
