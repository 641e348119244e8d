// Kerberos to the SCEP site runs as the pool's service account, so HTTP/<FQDN> must be registered on
// it; without it authentication fails when NDES is reached by a CNAME or load-balancer name
// (SEED-CFG step 3, W-NDESACCT, T-VALID #10). The sources disagree on need, hence only a warning.
import { defineRule } from '../../engine/define-rule';
import { fqdn, serviceAccount } from '../../engine/computed/host';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CheckOutcome, EvidenceItem } from '../../model';
import { psArray, psProp, psString } from '../../parse/ps-json';

const strings = {
  title: 'The service account has the HTTP/<FQDN> SPN',
  failureTitle: 'The service account lacks the HTTP/<FQDN> SPN',
  why: 'Kerberos authentication to NDES under a CNAME, load-balancer or custom name needs an HTTP SPN on the pool account; the real host name works without it.',
  fix: 'setspn -s HTTP/ndes01.corp.contoso.com CONTOSO\\svc-ndes (plus the short name). Check for duplicates with setspn -X. Needs domain rights. No reboot needed.',
  notApplicable:
    'The SCEP pool does not run as a domain service account (SpecificUser), so no SPN is needed.',
  noFqdn: 'The host FQDN is unknown, so the expected SPN cannot be named.',
  noSpns:
    'Neither service-account.json nor setspn -L output is available, so the SPNs of {account} are unknown.',
  found: 'The service account {account} has the SPN {spn}.',
  missing: 'The service account {account} has no SPN {spn}.',
  otherCaption: 'Other HTTP/ SPNs of the service account (custom or load-balancer names)',
  allCaption: 'SPNs of the service account',
};

export default defineRule({
  meta: {
    id: 'service-account-spn',
    step: 'device-to-ndes',
    severity: 'low',
    requiredEvidence: ['iisConfig'],
    optionalEvidence: ['serviceAccount', 'setspn', 'computer'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ iisConfig, serviceAccount: saEv, setspn, computer }, ctx): CheckOutcome => {
    const sa = serviceAccount({ iisConfig, serviceAccount: saEv });
    if (!sa) return { status: 'not-applicable', summary: strings.notApplicable };
    const host = fqdn({ manifest: ctx.manifest, computer });
    if (!host) return { status: 'unknown', summary: strings.noFqdn };
    const spn = `HTTP/${host}`;
    const values = { account: sa.userName, spn };
    const found: { spn: string; file: string }[] = [];
    if (isOk(saEv)) {
      const list = psArray(psProp(saEv.value, 'servicePrincipalName')).map(psString);
      for (const s of list) if (s) found.push({ spn: s.trim(), file: saEv.path });
    }
    if (isOk(setspn)) {
      for (const s of setspn.value.flatMap((a) => a.spns))
        found.push({ spn: s.trim(), file: setspn.path });
    }
    if (!isOk(saEv) && !isOk(setspn))
      return { status: 'unknown', summary: fill(strings.noSpns, values) };
    const evidence: EvidenceItem[] = [
      {
        kind: 'table',
        caption: strings.allCaption,
        headers: ['SPN', 'Source'],
        rows: found.map((f) => [f.spn, f.file]),
      },
    ];
    const want = spn.toLowerCase();
    const hit = found.find((f) => f.spn.toLowerCase() === want)?.spn;
    const others = new Map<string, string>();
    for (const { spn: s } of found) {
      if (/^HTTP\//i.test(s) && s.toLowerCase() !== want) others.set(s.toLowerCase(), s);
    }
    if (others.size > 0) {
      const rows = [...others.values()].map((s) => [s]);
      evidence.push({ kind: 'table', caption: strings.otherCaption, headers: ['SPN'], rows });
    }
    if (hit)
      return { status: 'pass', summary: fill(strings.found, { ...values, spn: hit }), evidence };
    return { status: 'warn', summary: fill(strings.missing, values), evidence };
  },
});
