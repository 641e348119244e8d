// Detects a pending reboot: the CBS RebootPending or WU RebootRequired key exists (manifest status
// `ok`), or Session Manager holds PendingFileRenameOperations. Registry, HTTP.sys, user-right and
// feature changes only apply after it (SEED-CFG step 4.5, T-VALID #17).
import { defineRule } from '../../engine/define-rule';
import { regLookup } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import type { EvidenceItem } from '../../model';
import { psDate, psProp } from '../../parse/ps-json';

const strings = {
  title: 'No reboot is pending',
  failureTitle: 'A reboot is pending',
  why: 'Registry, HTTP.sys, user-right and feature changes are not in effect until the server restarts, so the endpoint can answer with unexpected codes.',
  fix: 'Restart-Computer in a maintenance window. iisreset is not enough (SEED-CFG step 4.5; T-VALID: "IISRESET is _not_ sufficient").',
  oneKey: 'A reboot is pending: the key {key} exists.',
  bothKeys: 'A reboot is pending: both {cbs} and {wu} exist.',
  renames:
    'A reboot is pending: PendingFileRenameOperations lists files to replace at the next restart (first: {first}).',
  ok: 'No reboot is pending: both reboot keys are absent and PendingFileRenameOperations is empty.',
  tableCaption: 'Reboot keys (manifest status)',
  exists: 'exists',
  notExists: 'does not exist',
  lastBoot: 'LastBootUpTime',
};

const MSCV = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';
const CBS_KEY = `${MSCV}\\Component Based Servicing\\RebootPending`;
const WU_KEY = `${MSCV}\\WindowsUpdate\\Auto Update\\RebootRequired`;
const SESSION_MANAGER = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager';

export default defineRule({
  meta: {
    id: 'reboot-pending',
    step: 'host',
    severity: 'medium',
    requiredEvidence: ['regRebootCbs', 'regRebootWu', 'regSessionManager'],
    optionalEvidence: ['os'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regRebootCbs, regRebootWu, regSessionManager, os }) => {
    const keys = [
      { ev: regRebootCbs, key: CBS_KEY },
      { ev: regRebootWu, key: WU_KEY },
    ];
    const renames = regLookup(regSessionManager, SESSION_MANAGER, 'PendingFileRenameOperations');
    const data = renames.value?.data;
    const entries =
      data?.type === 'REG_MULTI_SZ'
        ? data.value.filter((s) => s.trim() !== '')
        : data?.type === 'REG_SZ' && data.value.trim() !== ''
          ? [data.value]
          : [];
    const evidence: EvidenceItem[] = [
      {
        kind: 'table',
        caption: strings.tableCaption,
        headers: ['File', 'Key', 'Status'],
        rows: keys.map((k) => [
          k.ev.path,
          k.key,
          k.ev.state === 'ok' ? strings.exists : strings.notExists,
        ]),
      },
      renames.evidence,
    ];
    const boot = os.state === 'ok' ? psDate(psProp(os.value, 'LastBootUpTime')) : null;
    if (boot) evidence.push({ kind: 'keyValue', items: [{ key: strings.lastBoot, value: boot }] });
    const present = keys.filter((k) => k.ev.state === 'ok').map((k) => k.key);
    if (present.length === 2) {
      return {
        status: 'warn',
        summary: fill(strings.bothKeys, { cbs: CBS_KEY, wu: WU_KEY }),
        evidence,
      };
    }
    if (present[0]) {
      return { status: 'warn', summary: fill(strings.oneKey, { key: present[0] }), evidence };
    }
    if (entries[0] !== undefined) {
      return { status: 'warn', summary: fill(strings.renames, { first: entries[0] }), evidence };
    }
    return { status: 'pass', summary: strings.ok, evidence };
  },
});
