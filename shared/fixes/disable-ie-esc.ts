// Turns IE Enhanced Security Configuration off (Active Setup IsInstalled=0 for the administrators
// component {A509B1A7-…}, and for users {A509B1A8-…} when present), which blocks the connector's
// sign-in page (M-PREREQ, SEED-CFG step 5). The sources state no reboot.
import type { Finding, Snapshot } from '../model';
import type { FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import { regNumber } from '../engine/computed/registry';
import { buildPlan, guardPlan, refuse, regExportBackup, regOld, regStep } from './common';
import type { FixWizard, WizardMeta } from './common';

export const strings = {
  title: 'Turn off IE Enhanced Security Configuration',
  why: 'With IE ESC on, the connector configuration cannot show the Microsoft sign-in page, so connector sign-in or enrollment is blocked.',
  change:
    'Sets IsInstalled = 0 on the IE ESC Active Setup component(s) listed in the steps. The change applies at the next sign-in of an administrator; no reboot is needed.',
  admins: 'Turn off IE ESC for administrators',
  users: 'Turn off IE ESC for users',
  stepWhy: 'IsInstalled = 1 keeps IE ESC on for this group.',
  nothing: 'IE ESC is already off; nothing to change.',
  absent: 'The IE ESC component key does not exist on this host.',
};

const COMPONENTS = 'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components';
const ADMINS_KEY = `${COMPONENTS}\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}`;
const USERS_KEY = `${COMPONENTS}\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}`;

export const meta: WizardMeta = {
  id: 'disable-ie-esc',
  checks: ['ie-esc-disabled'],
  verifies: ['ie-esc-disabled'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const targets = [
      {
        ev: snapshot.regIeEscAdmins,
        key: ADMINS_KEY,
        file: 'ie-esc-admins.reg',
        id: 'ie-esc-admins',
        title: strings.admins,
      },
      {
        ev: snapshot.regIeEscUsers,
        key: USERS_KEY,
        file: 'ie-esc-users.reg',
        id: 'ie-esc-users',
        title: strings.users,
      },
    ];
    if (snapshot.regIeEscAdmins.state !== 'ok') return refuse(strings.absent);
    const steps: FixStep[] = [];
    for (const t of targets) {
      if (t.ev.state !== 'ok') continue;
      const old = regOld(t.ev, t.key, 'IsInstalled');
      if (regNumber(old) === 0) continue;
      steps.push(
        regStep({
          id: t.id,
          title: t.title,
          why: strings.stepWhy,
          key: t.key,
          name: 'IsInstalled',
          data: { type: 'REG_DWORD', value: 0 },
          old,
          backup: regExportBackup(t.key, t.file),
          needsReboot: false,
        }),
      );
    }
    if (steps.length === 0) return refuse(strings.nothing);
    return buildPlan(meta, finding, { why: strings.why, change: strings.change, steps });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
