// Grants the SCEP pool identity Read on the private key file of each newest RA certificate whose
// ACL lacks it (the "Manage Private Keys" fix of X-ASKDS / SEED-D2N step 15), keeping the old ACL
// as SDDL for undo, then runs iisreset so NDES opens the keys again. No reboot.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { CertIndexEntry } from '../model';
import type { FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import { IIS_IUSRS_SID } from '../engine/computed/accounts';
import { sameAccount } from '../engine/computed/host';
import { RA_KIND_LABEL, RA_KINDS, newestRa } from '../engine/computed/ra-certs';
import { fill } from '../engine/computed/text';
import { buildPlan, guardPlan, iisResetStep, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { keyReader } from './ra-keys';
import type { KeyReader } from './ra-keys';
import { valid } from './validate';

export const strings = {
  title: 'Let the SCEP pool read the RA private keys',
  why: 'NDES uses the RA private keys inside the SCEP application pool; without Read on a key it fails with events 2 and 10 (0x80070057) and HTTP 500.',
  change:
    'Adds an Allow Read entry for {reader} to the private key file of {count} RA certificate(s), after saving each current ACL, then restarts IIS.',
  grant: 'Grant {reader} Read on the {kind} key ({thumbprint})',
  grantWhy: 'The key ACL grants Read to neither {reader} nor IIS_IUSRS.',
  backup: 'ACL of the {kind} private key ({thumbprint})',
  reset: 'Restart IIS (iisreset)',
  resetWhy: 'NDES opens the RA keys when the SCEP pool starts.',
  noStores: 'certs/index.json was not read, so the RA key permissions are unknown.',
  noReader:
    'The SCEP pool identity is unknown (no /CertSrv/mscep application), so there is no one to grant Read to.',
  nothing:
    'The newest RA keys already grant Read to {reader} or IIS_IUSRS (or their ACL could not be read).',
};

type Ace = NonNullable<CertIndexEntry['privateKeyAcl']>[number];
const READ = /^(read|readandexecute|readdata|genericread|modify|fullcontrol|genericall)$/i;

function readableBy(acl: readonly Ace[], reader: KeyReader): boolean {
  return acl.some((a) => {
    if (!a.rights.split(/[,\s]+/).some((r) => READ.test(r))) return false;
    const sid = a.sid?.toUpperCase();
    if (sid === IIS_IUSRS_SID || sid === reader.principal.toUpperCase()) return true;
    return a.identity !== null && sameAccount(a.identity, reader.label);
  });
}

export const meta: WizardMeta = {
  id: 'grant-ra-key-read',
  checks: ['ra-private-key-readable'],
  verifies: ['ra-private-key-readable'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const certs = snapshot.certs;
    if (!isOk(certs) || certs.value.indexState !== 'ok') return refuse(strings.noStores);
    const reader = keyReader(snapshot);
    if (!reader) return refuse(strings.noReader);
    const newest = newestRa(certs.value);
    const steps: FixStep[] = [];
    for (const kind of RA_KINDS) {
      const cert = newest[kind];
      const acl = cert?.index?.privateKeyAcl;
      if (!cert || !acl || readableBy(acl, reader)) continue;
      const thumbprint = valid('thumbprint', 'thumbprint', cert.thumbprint);
      const v = { reader: reader.label, kind: RA_KIND_LABEL[kind], thumbprint };
      const file = `key-acl-${thumbprint.toLowerCase()}.sddl`;
      steps.push({
        id: `grant-${kind}`,
        kind: 'change',
        title: fill(strings.grant, v),
        why: fill(strings.grantWhy, v),
        command: {
          powershell: 'grant-key-read',
          params: { Thumbprint: thumbprint, Principal: reader.principal },
        },
        backup: {
          kind: 'key-acl',
          what: fill(strings.backup, v),
          file,
          command: {
            powershell: 'export-key-acl',
            params: { Thumbprint: thumbprint, Out: { backupFile: file } },
          },
        },
        undo: {
          powershell: 'restore-key-acl',
          params: { Thumbprint: thumbprint, From: { backupFile: file } },
        },
        needsReboot: false,
        restarts: [{ kind: 'iis' }],
      });
    }
    if (steps.length === 0) return refuse(fill(strings.nothing, { reader: reader.label }));
    steps.push(iisResetStep('iisreset', strings.reset, strings.resetWhy));
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { reader: reader.label, count: steps.length - 1 }),
      steps,
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
