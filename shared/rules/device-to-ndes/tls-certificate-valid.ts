// The certificate HTTP.sys serves on the SCEP endpoint must be current, allowed for Server
// Authentication and issued to the FQDN, or devices fail with ERROR_WINHTTP_SECURE_FAILURE
// (12175 / 0x80072f8f) (S-POLMOD, SEED-CFG, T-VALID #14, T-YZ2 CERT04).
import { defineRule } from '../../engine/define-rule';
import { fqdn } from '../../engine/computed/host';
import { scepSiteOf } from '../../engine/computed/iis';
import { certByThumbprint, certEvidence, daysLeft } from '../../engine/computed/ra-certs';
import {
  certNameMatches,
  externalHosts,
  sslCertFor,
  sslTable,
  tlsCertProblem,
  tlsEndpoints,
} from '../../engine/computed/tls';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CheckOutcome, CheckStatus, EvidenceItem } from '../../model';
import type { SslCertBinding } from '../../parse/netsh-sslcert';

const strings = {
  title: 'The SCEP TLS certificate is valid for the server name',
  failureTitle: 'The SCEP TLS certificate is missing, expired or not valid for the server name',
  why: 'Devices and the reverse proxy reject a TLS certificate that is expired, not for Server Authentication or not issued to the host name (ERROR_WINHTTP_SECURE_FAILURE, 12175).',
  fix: 'Enroll a Server Authentication certificate into LocalMachine\\My with CN/SAN = FQDN (if the server is published directly under an external name, make that the subject and put the internal name in the SAN). Then run netsh http update sslcert ipport=0.0.0.0:443 certhash=<new> appid={4dc3e181-e14b-4a21-b022-59fc669b0914}, or use IIS Manager → Bindings → Edit. No reboot needed.',
  noFqdn:
    'The host FQDN is unknown (manifest and computer.json), so the certificate name cannot be checked.',
  noStores: 'The certificate stores were not collected, so the TLS certificate cannot be checked.',
  noBinding: 'The SCEP site has no https binding on 443, so no certificate serves it.',
  noSslCert: 'HTTP.sys holds no certificate for the 443 endpoint of the SCEP site.',
  notInMy: 'HTTP.sys serves certificate {hash} on {endpoint}, but it is not in LocalMachine\\My.',
  expired: 'The TLS certificate {hash} expired on {notAfter}.',
  noServerAuth:
    'The TLS certificate {hash} has an Extended Key Usage without Server Authentication (1.3.6.1.5.5.7.3.1).',
  nameMismatch:
    'Neither a SAN dNSName nor the subject CN of the TLS certificate {hash} matches {fqdn}.',
  expiring: 'The TLS certificate {hash} expires on {notAfter}, in {days} days.',
  ok: 'The TLS certificate {hash} matches {fqdn}, allows Server Authentication and is valid until {notAfter}.',
  externalMatch: 'The certificate also matches {host}, the host of an external URL the probe used.',
  externalNoMatch:
    'The certificate does not match {host}, the host of an external URL the probe used; a reverse proxy there must present its own certificate.',
  sslCaption: 'HTTP.sys entries serving the SCEP site on 443',
  role: 'TLS server certificate',
};

const PROBLEM_TEXT = {
  expired: 'expired',
  'no-server-auth': 'noServerAuth',
  'name-mismatch': 'nameMismatch',
  expiring: 'expiring',
  none: 'ok',
} as const;

const RANK: Record<CheckStatus, number> = {
  pass: 0,
  info: 0,
  'not-applicable': 0,
  warn: 1,
  unknown: 2,
  error: 2,
  fail: 3,
};

export default defineRule({
  meta: {
    id: 'tls-certificate-valid',
    step: 'device-to-ndes',
    severity: 'high',
    requiredEvidence: ['sslBindings', 'certs'],
    optionalEvidence: ['iisConfig', 'computer', 'probe'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ sslBindings, certs, iisConfig, computer, probe }, ctx): CheckOutcome => {
    if (!isOk(certs)) return { status: 'unknown', summary: strings.noStores };
    const host = fqdn({ manifest: ctx.manifest, computer });
    if (!host) return { status: 'unknown', summary: strings.noFqdn };
    const ssl = isOk(sslBindings) ? sslBindings.value : [];
    const scep = scepSiteOf(iisConfig);
    let entries: (SslCertBinding | undefined)[];
    if (scep) {
      const endpoints = tlsEndpoints(scep.site, ssl);
      if (endpoints.length === 0) return { status: 'fail', summary: strings.noBinding };
      entries = endpoints.map((e) => e.ssl);
    } else {
      entries = [sslCertFor(ssl, { ip: '*', host })];
    }
    const served = entries.filter((e): e is SslCertBinding => !!e?.certificateHash);
    const evidence: EvidenceItem[] =
      served.length > 0 ? [sslTable(strings.sslCaption, served)] : [];
    if (served.length === 0) return { status: 'fail', summary: strings.noSslCert, evidence };

    let worst: CheckOutcome | null = null;
    const seen = new Set<string>();
    for (const entry of served) {
      const hash = entry.certificateHash ?? '';
      if (seen.has(hash)) continue;
      seen.add(hash);
      const cert = certByThumbprint(certs.value, hash, 'My');
      let outcome: CheckOutcome;
      if (!cert) {
        outcome = {
          status: 'fail',
          summary: fill(strings.notInMy, { hash, endpoint: entry.endpoint }),
        };
      } else {
        evidence.push(certEvidence(cert, strings.role));
        const problem = tlsCertProblem(cert, host, ctx.nowMs);
        const status = problem === null ? 'pass' : problem === 'expiring' ? 'warn' : 'fail';
        const values = {
          hash,
          fqdn: host,
          notAfter: cert.notAfter,
          days: daysLeft(cert, ctx.nowMs),
        };
        outcome = { status, summary: fill(strings[PROBLEM_TEXT[problem ?? 'none']], values) };
        for (const ext of externalHosts(probe, host, ctx.manifest.host.computerName)) {
          const text = certNameMatches(cert, ext) ? strings.externalMatch : strings.externalNoMatch;
          evidence.push({ kind: 'text', text: fill(text, { host: ext }) });
        }
      }
      if (!worst || RANK[outcome.status] > RANK[worst.status]) worst = outcome;
    }
    return { ...(worst ?? { status: 'fail', summary: strings.noSslCert }), evidence };
  },
});
