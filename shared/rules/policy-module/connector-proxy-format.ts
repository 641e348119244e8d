// The current connector reads its outbound proxy as a URI: a bare "proxy:8080" without http:// makes
// it fail or silently go direct, and NDES then reports the misleading "The password in the
// certificate request cannot be verified" (M-INSTALL tip, memdocs #2608 / #2248, T-YZ2 NET01/NET02).
import { defineRule } from '../../engine/define-rule';
import { connectorPresence, CURRENT_KEY } from '../../engine/computed/connector';
import { regLookup, regString } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, EvidenceItem } from '../../model';

const strings = {
  title: 'The connector proxy is written as a URL',
  failureTitle: 'The connector proxy has no http:// or https:// scheme',
  why: 'The connector needs the proxy as a URL; without the scheme it fails or goes direct, and NDES reports the misleading "The password in the certificate request cannot be verified. It may have been used already."',
  fix: 'Re-run the connector configuration UI and enter the proxy as http://proxy.contoso.com with its port. Reboot: no.',
  noConnector:
    'The Certificate Connector for Microsoft Intune is not installed, so its proxy setting does not apply.',
  presenceUnknown:
    'Whether the Certificate Connector for Microsoft Intune is installed cannot be told, because these sources could not be read: {files}.',
  none: 'No proxy is configured for the connector (ProxyServer is empty or missing).',
  ok: 'The connector proxy {proxy} starts with a scheme.',
  bad: 'The connector proxy "{proxy}" does not start with http:// or https://.',
  authenticated:
    'The proxy is set with a user name ({user}); the connector documentation expects an unauthenticated proxy (T-YZ2).',
};

const PROXY_KEY = `${CURRENT_KEY}\\Proxy`;

export default defineRule({
  meta: {
    id: 'connector-proxy-format',
    step: 'policy-module',
    severity: 'medium',
    requiredEvidence: ['regIntune'],
    optionalEvidence: ['installedProducts', 'services'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ regIntune, installedProducts, services }): CheckOutcome => {
    const presence = connectorPresence({ installedProducts, services, regIntune });
    if (presence.current === 'absent')
      return { status: 'not-applicable', summary: strings.noConnector };
    const server = regLookup(regIntune, PROXY_KEY, 'ProxyServer');
    const port = regLookup(regIntune, PROXY_KEY, 'Port');
    const user = regLookup(regIntune, PROXY_KEY, 'Username');
    const evidence: EvidenceItem[] = [server.evidence, port.evidence, user.evidence];
    const userName = regString(user.value?.data)?.trim();
    if (userName)
      evidence.push({ kind: 'text', text: fill(strings.authenticated, { user: userName }) });
    const proxy = (regString(server.value?.data) ?? server.evidence.value ?? '').trim();
    if (proxy !== '' && !/^https?:\/\//i.test(proxy))
      return { status: 'fail', summary: fill(strings.bad, { proxy }), evidence };
    if (presence.current === 'unknown')
      return {
        status: 'unknown',
        summary: fill(strings.presenceUnknown, { files: presence.unreadable.join(', ') }),
        evidence,
      };
    if (proxy === '') return { status: 'pass', summary: strings.none, evidence };
    return { status: 'pass', summary: fill(strings.ok, { proxy }), evidence };
  },
});
