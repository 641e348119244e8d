// Moves non-self-signed certificates from LocalMachine\Root to Intermediate CAs: they crash the SCEP
// pool (503; S-DEV2NDES cause 1, SEED-D2N, T-VALID #11). Each is exported first, copied to CA unless
// already there, then removed from Root; reboot (SEED-D2N). A deploying GPO would put them back.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixBackup, FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import { fill } from '../engine/computed/text';
import { buildPlan, guardPlan, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { valid } from './validate';

export const strings = {
  title: 'Move intermediate certificates out of the Trusted Root store',
  why: 'Certificates in LocalMachine\\Root that are not self-signed roots make the SCEP application pool crash (HTTP 503) and break certificate validation by the connector.',
  change:
    'Moves {count} certificate(s) from LocalMachine\\Root to LocalMachine\\CA (Intermediate Certification Authorities), exporting each one first. Restart the server afterwards (SEED-D2N).',
  copy: 'Copy {subject} to Intermediate CAs',
  copyWhy: 'It belongs in LocalMachine\\CA: its issuer is "{issuer}".',
  remove: 'Remove {subject} ({thumbprint}) from Trusted Root',
  removeWhy: '{problem}',
  notSelfIssued: 'Its issuer differs from its subject, so it is not a root.',
  badSignature:
    'Its issuer equals its subject, but its signature does not verify with its own key.',
  alreadyInCa: '{subject} is already in LocalMachine\\CA; it is only removed from Root.',
  backup: 'Certificate {thumbprint} from LocalMachine\\Root',
  noStores: 'The certificate stores were not collected.',
  nothing: 'Every certificate in LocalMachine\\Root is a self-signed root.',
  gpo: 'If a GPO deploys these certificates to Trusted Root, it puts them back at its next refresh: exclude this server from that GPO.',
};

export const meta: WizardMeta = {
  id: 'move-root-intermediates',
  checks: ['root-store-intermediates'],
  verifies: ['root-store-intermediates'],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    if (!isOk(snapshot.certs)) return refuse(strings.noStores);
    const all = snapshot.certs.value.certs;
    const offenders = all.filter(
      (c) => c.store.toLowerCase() === 'root' && (!c.selfIssued || c.selfSignatureValid === false),
    );
    if (offenders.length === 0) return refuse(strings.nothing);
    const steps: FixStep[] = [];
    const notes: string[] = [];
    for (const c of offenders) {
      const thumbprint = valid('thumbprint', 'thumbprint', c.thumbprint);
      const id = thumbprint.toLowerCase();
      const file = `root-${id}.cer`;
      const v = { subject: c.subjectCN ?? c.subject, issuer: c.issuer, thumbprint };
      const backup: FixBackup = {
        kind: 'certificate',
        what: fill(strings.backup, v),
        file,
        command: {
          tool: 'certutil.exe',
          args: ['-store', 'Root', thumbprint, { backupFile: file }],
        },
      };
      const inCa = all.some((x) => x.store.toLowerCase() === 'ca' && x.thumbprint === c.thumbprint);
      if (inCa) notes.push(fill(strings.alreadyInCa, v));
      else
        steps.push({
          id: `copy-${id}`,
          kind: 'change',
          title: fill(strings.copy, v),
          why: fill(strings.copyWhy, v),
          command: { tool: 'certutil.exe', args: ['-addstore', 'CA', { backupFile: file }] },
          backup,
          undo: { tool: 'certutil.exe', args: ['-delstore', 'CA', thumbprint] },
          needsReboot: true,
          restarts: [],
        });
      steps.push({
        id: `remove-${id}`,
        kind: 'change',
        title: fill(strings.remove, v),
        why: c.selfIssued ? strings.badSignature : strings.notSelfIssued,
        command: { tool: 'certutil.exe', args: ['-delstore', 'Root', thumbprint] },
        ...(inCa ? { backup } : {}),
        undo: { tool: 'certutil.exe', args: ['-addstore', 'Root', { backupFile: file }] },
        needsReboot: true,
        restarts: [],
      });
    }
    notes.push(strings.gpo);
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, { count: offenders.length }),
      steps,
      notes,
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
