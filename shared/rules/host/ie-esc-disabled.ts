// Detects Internet Explorer Enhanced Security Configuration still on for administrators (Active Setup
// component {A509B1A7-…} IsInstalled=1): it blocks the connector's sign-in page. Source: M-PREREQ, SEED-CFG step 5.
import { defineRule } from '../../engine/define-rule';
import { regLookup, regNumber } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import type { RegistryValueEvidence } from '../../model';

const strings = {
  title: 'IE Enhanced Security Configuration is off for administrators',
  failureTitle: 'IE Enhanced Security Configuration is on for administrators',
  why: 'With IE ESC on, the connector configuration UI cannot show the Microsoft sign-in page, so connector sign-in or enrollment is blocked.',
  fix: 'Server Manager → Local Server → IE Enhanced Security Configuration → Off. Or reg add "HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}" /v IsInstalled /t REG_DWORD /d 0 /f, and the same for {A509B1A8-37EF-4b3f-8CFC-4F3A74704073}. Reboot: not stated by sources.',
  on: 'IE ESC for administrators is on (IsInstalled={value}).',
  off: 'IE ESC for administrators is off (IsInstalled=0).',
  absent: 'The IE ESC component key does not exist on this host, so there is nothing to turn off.',
  noValue: 'The IE ESC administrators key has no IsInstalled value, so its state cannot be judged.',
};

const COMPONENTS = 'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components';
const ADMINS_KEY = `${COMPONENTS}\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}`;
const USERS_KEY = `${COMPONENTS}\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}`;

export default defineRule({
  meta: {
    id: 'ie-esc-disabled',
    step: 'host',
    severity: 'low',
    requiredEvidence: ['regIeEscAdmins'],
    optionalEvidence: ['regIeEscUsers'],
    fixWizard: 'disable-ie-esc',
  },
  strings,
  check: ({ regIeEscAdmins, regIeEscUsers }) => {
    if (regIeEscAdmins.state === 'absent')
      return { status: 'not-applicable', summary: strings.absent };
    const admins = regLookup(regIeEscAdmins, ADMINS_KEY, 'IsInstalled');
    const evidence: RegistryValueEvidence[] = [admins.evidence];
    if (regIeEscUsers.state === 'ok') {
      evidence.push(regLookup(regIeEscUsers, USERS_KEY, 'IsInstalled').evidence);
    }
    const value = regNumber(admins.value?.data);
    if (value === null) return { status: 'unknown', summary: strings.noValue, evidence };
    return value === 0
      ? { status: 'pass', summary: strings.off, evidence }
      : { status: 'warn', summary: fill(strings.on, { value }), evidence };
  },
});
