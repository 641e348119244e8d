// Re-requests each RA certificate kind that is missing, expired, expiring within 30 days or foreign
// from the CA in MSCEP\CAInfo, grants the pool Read on the new key, then iisreset (SEED-D2N,
// X-COREINFRA, T-HICKS). A valid store with a stale GetCACert only needs the iisreset.
import type { Finding, Snapshot } from '../model';
import { isOk } from '../model';
import type { FixParams, FixPlanResult, FixStep } from '../model/fix-plan';
import { caInfo, sameName, templateOidNames, withTemplateNames } from '../engine/computed/ca';
import { probeEntries } from '../engine/computed/probe';
import { RA_KIND_LABEL, RA_KINDS, daysLeft, raCertificates } from '../engine/computed/ra-certs';
import type { RaKind } from '../engine/computed/ra-certs';
import { fill } from '../engine/computed/text';
import { buildPlan, guardPlan, iisResetStep, refuse } from './common';
import type { FixWizard, WizardMeta } from './common';
import { RA_REQUEST, keyReader, raProvider, raSubject, raTemplate } from './ra-keys';
import { valid } from './validate';

export const strings = {
  title: 'Renew the NDES RA certificates',
  why: 'NDES decrypts device requests with the CEP Encryption certificate and signs them for the CA with the Enrollment Agent certificate; a missing, expired or foreign one breaks every enrollment (HTTP 500, events 2 and 10).',
  change:
    'Requests new RA certificates ({kinds}) from {ca} with certreq (subject, template and CryptoAPI provider of the current one), grants {reader} Read on each new private key, then restarts IIS so NDES loads them. The old certificates stay in the store.',
  reloadOnly:
    'The store already holds valid RA certificates, but GetCACert still serves others: restarts IIS so NDES loads the current ones.',
  request: 'Request a new {kind} certificate',
  requestWhy: '{reason}',
  missing: 'There is no {kind} RA certificate with a private key.',
  expired: 'The newest {kind} RA certificate {thumbprint} is not valid at collection time.',
  expiring: 'The newest {kind} RA certificate {thumbprint} expires in {days} days.',
  foreign:
    'The newest {kind} RA certificate {thumbprint} was issued by "{issuer}", not by {caName}.',
  reset: 'Restart IIS (iisreset)',
  resetWhy:
    'NDES loads its RA certificates when the SCEP pool starts; until then it serves the old ones.',
  noStores: 'certs/index.json was not read, so the RA certificates with private keys are unknown.',
  noCa: 'MSCEP\\CAInfo\\Configuration is missing, so there is no CA to request from (see ca-configured).',
  probeFailed:
    'GetCACert answered {status} on {url}: new RA certificates do not fix that (see the other failing checks).',
  allValid: 'Both RA certificates are current and issued by {caName}; nothing to renew.',
  enroll:
    'The account that applies this fix needs Enroll permission on {templates} (v1 templates: usually an Enterprise Admin), and the CA must issue them without manager approval.',
  noReader:
    'The SCEP pool identity is unknown: grant its Read on the new keys afterwards (grant-ra-key-read).',
  noStatus: 'no HTTP answer',
};

export const meta: WizardMeta = {
  id: 'renew-ra-certificates',
  checks: [
    'ra-certificates-present',
    'ra-certificates-valid',
    'ra-certificates-issuer',
    'mscep-getcacert-ok',
  ],
  verifies: [
    'ra-certificates-present',
    'ra-certificates-valid',
    'ra-certificates-issuer',
    'mscep-getcacert-ok',
  ],
  title: strings.title,
};

export function plan(snapshot: Snapshot, finding: Finding, _params: FixParams): FixPlanResult {
  return guardPlan(meta, finding, () => {
    const certs = snapshot.certs;
    if (!isOk(certs) || certs.value.indexState !== 'ok') return refuse(strings.noStores);
    if (finding.checkId === 'mscep-getcacert-ok' && isOk(snapshot.probe)) {
      const bad = probeEntries(snapshot.probe.value, 'getcacert').find((x) => x.status !== 200);
      if (bad) {
        const status = bad.status === null ? strings.noStatus : `HTTP ${bad.status}`;
        return refuse(fill(strings.probeFailed, { status, url: bad.url }));
      }
    }
    const ca = caInfo(snapshot.regMscep).config;
    if (!ca?.caName) return refuse(strings.noCa);
    const caConfig = valid('caConfig', 'CA configuration', ca.raw);
    const nowMs = Date.parse(snapshot.manifest.collectedAt);
    const stores = withTemplateNames(certs.value, templateOidNames(snapshot.templateOids));
    const ra = raCertificates(stores);
    const reasons = new Map<RaKind, string>();
    for (const kind of RA_KINDS) {
      const c = ra[kind][0];
      const v = { kind: RA_KIND_LABEL[kind], thumbprint: c?.thumbprint ?? '', caName: ca.caName };
      if (!c) reasons.set(kind, fill(strings.missing, v));
      else if (Date.parse(c.notBefore) > nowMs || Date.parse(c.notAfter) < nowMs)
        reasons.set(kind, fill(strings.expired, v));
      else if (!c.issuerCN || !sameName(c.issuerCN, ca.caName))
        reasons.set(kind, fill(strings.foreign, { ...v, issuer: c.issuerCN ?? c.issuer }));
      else if (daysLeft(c, nowMs) <= 30)
        reasons.set(kind, fill(strings.expiring, { ...v, days: daysLeft(c, nowMs) }));
    }
    const reset = iisResetStep('iisreset', strings.reset, strings.resetWhy);
    if (reasons.size === 0) {
      if (finding.checkId !== 'mscep-getcacert-ok')
        return refuse(fill(strings.allValid, { caName: ca.caName }));
      return buildPlan(meta, finding, {
        why: strings.why,
        change: strings.reloadOnly,
        steps: [reset],
      });
    }
    const reader = keyReader(snapshot);
    const notes: string[] = [];
    const steps: FixStep[] = [];
    const templates: string[] = [];
    for (const [kind, reason] of reasons) {
      const old =
        ra[kind][0] ?? ra[kind === 'cep-encryption' ? 'enrollment-agent' : 'cep-encryption'][0];
      const req = RA_REQUEST[kind];
      const template = raTemplate(ra[kind][0], kind);
      templates.push(template);
      const out = { backupFile: valid('backupFile', 'backup file', req.file) };
      steps.push({
        id: `request-${kind}`,
        kind: 'change',
        title: fill(strings.request, { kind: RA_KIND_LABEL[kind] }),
        why: fill(strings.requestWhy, { reason }),
        command: {
          powershell: 'request-ra-certificate',
          params: {
            Template: template,
            Subject: raSubject(old, snapshot.manifest.host.computerName),
            CaConfig: caConfig,
            Provider: raProvider(old),
            KeySpec: req.keySpec,
            KeyUsage: req.keyUsage,
            Reader: reader?.principal ?? '',
            Out: out,
          },
        },
        undo: { powershell: 'remove-certificate', params: { Store: 'My', ThumbprintFile: out } },
        needsReboot: false,
        restarts: [{ kind: 'iis' }],
        timeoutMs: 300_000,
      });
    }
    steps.push(reset);
    notes.push(fill(strings.enroll, { templates: templates.join(', ') }));
    if (!reader) notes.push(strings.noReader);
    return buildPlan(meta, finding, {
      why: strings.why,
      change: fill(strings.change, {
        kinds: [...reasons.keys()].map((k) => RA_KIND_LABEL[k]).join(', '),
        ca: caConfig,
        reader: reader?.label ?? '-',
      }),
      steps,
      notes,
    });
  });
}

export const wizard: FixWizard = { meta, strings, plan };
