// Starts the stopped SCEP application pool (HTTP 503 while it is down; S-DEV2NDES, SEED-CFG
// step 4). Rapid-fail protection stops a pool that keeps crashing, so the plan points at the causes
// the bundle shows; starting it needs no reboot.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { IIS_IUSRS_SID, findMember, groupMembers } from '../engine/computed/accounts';
import { serviceAccount } from '../engine/computed/host';
import { scepSiteOf } from '../engine/computed/iis';
import { fill } from '../engine/computed/text';
import { appcmdPool, buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { valid } from './validate';

export const strings = {
  title: 'Start the SCEP application pool',
  why: 'When the pool that runs mscep.dll is stopped, IIS answers every SCEP request with HTTP 503.',
  change: 'Starts the application pool "{pool}" with appcmd. Nothing in the configuration changes.',
  step: 'Start the application pool "{pool}"',
  stepWhy: 'appcmd lists the pool as {state}.',
  noSite: 'applicationHost.config has no application /CertSrv/mscep, so the SCEP pool is unknown.',
  noPool: 'The application /CertSrv/mscep names no application pool.',
  noList: 'appcmd-list-apppool.xml was not read, so the state of the pool is unknown.',
  notListed:
    'appcmd does not list the pool "{pool}": it does not exist, so it cannot be started (reconfigure NDES).',
  started: 'The pool "{pool}" is already started.',
  crashes:
    'If the pool stops again, rapid-fail protection is stopping it: see scep-apppool-crashes, root-store-intermediates and the service account checks.',
  notMember:
    'The service account {account} is not in IIS_IUSRS, so the pool will likely fail to start: run add-iis-iusrs-member first.',
  noState: '(no state)',
};

export const meta: WizardMeta = {
  id: 'start-scep-apppool',
  checks: ['scep-apppool-running'],
  verifies: ['scep-apppool-running'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const scep = scepSiteOf(snapshot.iisConfig);
    if (!scep) return refuse(strings.noSite);
    const name = scep.site.app.applicationPool;
    if (!name) return refuse(strings.noPool);
    const pool = valid('appPool', 'application pool', name);
    if (!isOk(snapshot.appPools)) return refuse(strings.noList);
    const entry = snapshot.appPools.value.find((p) => p.name.toLowerCase() === pool.toLowerCase());
    if (!entry) return refuse(fill(strings.notListed, { pool }));
    if (entry.state?.toLowerCase() === 'started') return refuse(fill(strings.started, { pool }));
    const notes = [strings.crashes];
    const sa = serviceAccount(snapshot);
    if (sa && isOk(snapshot.localGroups)) {
      const members = groupMembers(snapshot.localGroups.value, IIS_IUSRS_SID);
      if (!findMember(members, sa))
        notes.unshift(fill(strings.notMember, { account: sa.userName }));
    }
    const values = { pool, state: entry.state ?? strings.noState };
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, values),
      steps: [
        {
          id: 'start-pool',
          kind: 'change',
          title: fill(strings.step, values),
          why: fill(strings.stepWhy, values),
          command: appcmdPool('start', pool),
          undo: appcmdPool('stop', pool),
          needsReboot: false,
          restarts: [],
        },
      ],
      notes,
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
