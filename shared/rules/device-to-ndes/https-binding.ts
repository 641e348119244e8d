// Devices and reverse proxies reach NDES only over TLS on 443 (SEED-CFG: Intune supports only 443).
// An IIS https binding is served only when HTTP.sys holds a certificate for its endpoint, so the
// IIS binding is joined with `netsh http show sslcert` (AF §2/§6a).
import { defineRule } from '../../engine/define-rule';
import { scepSiteOf } from '../../engine/computed/iis';
import { bindingEvidence, isWildcardIp, sslTable, tlsEndpoints } from '../../engine/computed/tls';
import { fill } from '../../engine/computed/text';
import { isOk } from '../../model';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'The SCEP site has an https binding on 443 with a certificate',
  failureTitle: 'The SCEP site has no working https binding on 443',
  why: 'Devices and the reverse proxy connect to NDES over TLS on port 443; without a binding and its HTTP.sys certificate they cannot connect.',
  fix: 'IIS Manager → Default Web Site → Bindings → Add: https, port 443, the server-authentication certificate. Or run New-WebBinding -Name "Default Web Site" -Protocol https -Port 443 and netsh http add sslcert ipport=0.0.0.0:443 certhash=<thumbprint> appid={4dc3e181-e14b-4a21-b022-59fc669b0914}. No reboot needed.',
  noSite:
    'applicationHost.config has no application /CertSrv/mscep, so the SCEP site is unknown (see ndes-role-installed).',
  noBinding: 'The SCEP site "{site}" has no https binding on port 443.',
  noCert:
    'The SCEP site "{site}" has an https binding on 443 ({binding}), but HTTP.sys lists no certificate for it, so nothing answers TLS there.',
  ok: 'The SCEP site "{site}" has an https binding on 443 ({binding}); HTTP.sys serves certificate {hash} on {endpoint}.',
  ipSpecific:
    'The https binding {binding} is bound to one IP address; a community guide reports that this breaks the legacy NDESPlugin (secondary source).',
  httpBinding:
    'The SCEP site also has an http binding ({binding}); hardening guides (T-HICKS) remove it.',
  tableCaption: 'IIS https bindings on 443 and the HTTP.sys entry that serves each',
  sslCaption: 'HTTP.sys certificate bindings',
};

export default defineRule({
  meta: {
    id: 'https-binding',
    step: 'device-to-ndes',
    severity: 'critical',
    requiredEvidence: ['iisConfig', 'sslBindings'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ iisConfig, sslBindings }): CheckOutcome => {
    const scep = scepSiteOf(iisConfig);
    if (!scep) return { status: 'unknown', summary: strings.noSite };
    const { cfg, site } = scep;
    const ssl = isOk(sslBindings) ? sslBindings.value : [];
    const endpoints = tlsEndpoints(site, ssl);
    const file = cfg.applicationHost.file;
    const evidence: EvidenceItem[] = endpoints.map((e) => bindingEvidence(file, site, e.binding));
    if (endpoints.length > 0) {
      evidence.push({
        kind: 'table',
        caption: strings.tableCaption,
        headers: ['IIS binding', 'Line', 'HTTP.sys endpoint', 'Certificate hash'],
        rows: endpoints.map((e) => [
          e.binding.bindingInformation,
          String(e.binding.line),
          e.ssl?.endpoint ?? '',
          e.ssl?.certificateHash ?? '',
        ]),
      });
    }
    if (ssl.length > 0) evidence.push(sslTable(strings.sslCaption, ssl));
    for (const e of endpoints.filter((x) => !isWildcardIp(x.info.ip))) {
      evidence.push({
        kind: 'text',
        text: fill(strings.ipSpecific, { binding: e.binding.bindingInformation }),
      });
    }
    for (const b of site.site.bindings.filter((x) => x.protocol.toLowerCase() === 'http')) {
      evidence.push({
        kind: 'text',
        text: fill(strings.httpBinding, { binding: b.bindingInformation }),
      });
      evidence.push(bindingEvidence(file, site, b));
    }
    const name = site.site.name;
    const first = endpoints[0];
    if (!first)
      return { status: 'fail', summary: fill(strings.noBinding, { site: name }), evidence };
    const served = endpoints.find((e) => e.ssl?.certificateHash);
    if (!served?.ssl?.certificateHash) {
      const values = { site: name, binding: first.binding.bindingInformation };
      return { status: 'fail', summary: fill(strings.noCert, values), evidence };
    }
    const values = {
      site: name,
      binding: served.binding.bindingInformation,
      hash: served.ssl.certificateHash,
      endpoint: served.ssl.endpoint,
    };
    return { status: 'pass', summary: fill(strings.ok, values), evidence };
  },
});
