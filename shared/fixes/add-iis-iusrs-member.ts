// Adds the SCEP pool's service account to the local IIS_IUSRS group, found by its SID S-1-5-32-568
// because the group name is localized (W-NDESACCT, SEED-CFG step 3). The pool's logon token only
// carries the new membership once the pool starts again; the sources ask for a reboot.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { IIS_IUSRS_SID } from '../engine/computed/accounts';
import { serviceAccount } from '../engine/computed/host';
import { fill } from '../engine/computed/text';
import { buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { valid } from './validate';

export const strings = {
  title: 'Add the service account to IIS_IUSRS',
  why: 'The SCEP pool identity needs the rights IIS grants to IIS_IUSRS; without the membership the pool does not start and devices get HTTP 503.',
  change:
    'Adds {account} to the local group IIS_IUSRS (SID S-1-5-32-568, whatever its localized name). The current members are saved first.',
  step: 'Add {account} to IIS_IUSRS',
  stepWhy: '{account} is not a direct member of IIS_IUSRS.',
  backup: 'Members of IIS_IUSRS (S-1-5-32-568)',
  noAccount: 'The SCEP pool has no SpecificUser identity, so there is no service account to add.',
  poolStopped: 'The SCEP pool "{pool}" is stopped; start it after this fix (start-scep-apppool).',
};

export const meta: WizardMeta = {
  id: 'add-iis-iusrs-member',
  checks: ['service-account-in-iis-iusrs'],
  verifies: ['service-account-in-iis-iusrs'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const sa = serviceAccount(snapshot);
    if (!sa) return refuse(strings.noAccount);
    const account = valid('account', 'service account', sa.userName);
    const sid = sa.sid === null ? '' : valid('sid', 'service account SID', sa.sid);
    const pool = valid('appPool', 'application pool', sa.pool);
    const params = { GroupSid: IIS_IUSRS_SID, Member: account, MemberSid: sid };
    const stopped =
      isOk(snapshot.appPools) &&
      snapshot.appPools.value.some(
        (p) => p.name.toLowerCase() === pool.toLowerCase() && p.state?.toLowerCase() !== 'started',
      );
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { account }),
      steps: [
        {
          id: 'add-to-iis-iusrs',
          kind: 'change',
          title: fill(strings.step, { account }),
          why: fill(strings.stepWhy, { account }),
          command: { powershell: 'add-group-member', params },
          backup: {
            kind: 'group-members',
            what: strings.backup,
            file: 'iis-iusrs-members.json',
            command: {
              powershell: 'export-group-members',
              params: { GroupSid: IIS_IUSRS_SID, Out: { backupFile: 'iis-iusrs-members.json' } },
            },
          },
          undo: { powershell: 'remove-group-member', params },
          needsReboot: true,
          restarts: [{ kind: 'app-pool', name: pool }],
        },
      ],
      notes: stopped ? [fill(strings.poolStopped, { pool })] : [],
      followUps: stopped ? ['start-scep-apppool'] : [],
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
