// Detects TLS 1.2 switched off for clients in SCHANNEL, or .NET 4 not set to strong crypto
// (SchUseStrongCrypto) in the 64- and 32-bit views: the connector then cannot reach Intune.
// Source: M-PREREQ, T-YZ2 LOC04; https://learn.microsoft.com/mem/configmgr/core/plan-design/security/enable-tls-1-2-client
import { defineRule } from '../../engine/define-rule';
import { regLookup, regNumber } from '../../engine/computed/registry';
import { fill } from '../../engine/computed/text';

const strings = {
  title: 'TLS 1.2 is enabled for the connector',
  failureTitle: 'TLS 1.2 is disabled or .NET does not use strong crypto',
  why: 'The Intune connector talks to Intune over TLS 1.2; with TLS 1.2 client disabled, or .NET not using strong crypto, its services cannot connect.',
  fix: 'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client" /v Enabled /t REG_DWORD /d 1 /f; the same key /v DisabledByDefault /t REG_DWORD /d 0 /f; reg add "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319" /v SchUseStrongCrypto /t REG_DWORD /d 1 /f; the same under HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319. Reboot: yes.',
  ok: 'TLS 1.2 client is not disabled and SchUseStrongCrypto is 1 in both .NET views.',
  disabled: 'TLS 1.2\\Client has Enabled=0, so SCHANNEL refuses TLS 1.2 for outgoing connections.',
  disabledByDefault:
    'TLS 1.2\\Client has DisabledByDefault=1, so applications do not offer TLS 1.2 unless they ask for it.',
  noStrongCrypto:
    'SchUseStrongCrypto is missing or 0 in: {views}; .NET 4 applications there may not use TLS 1.2.',
  view64: '64-bit .NET (v4.0.30319)',
  view32: '32-bit .NET (WOW6432Node)',
};

const TLS12_CLIENT =
  'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';
const NETFX = 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319';
const NETFX_WOW64 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319';

export default defineRule({
  meta: {
    id: 'tls12-enabled',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['regSchannel', 'regNetfx', 'regNetfxWow64'],
    fixWizard: 'enable-tls12',
  },
  strings,
  check: ({ regSchannel, regNetfx, regNetfxWow64 }) => {
    const enabled = regLookup(regSchannel, TLS12_CLIENT, 'Enabled');
    const disabledByDefault = regLookup(regSchannel, TLS12_CLIENT, 'DisabledByDefault');
    const views = [
      { ev: regNetfx, key: NETFX, label: strings.view64 },
      { ev: regNetfxWow64, key: NETFX_WOW64, label: strings.view32 },
    ].map((v) => ({
      ...v,
      strong: regLookup(v.ev, v.key, 'SchUseStrongCrypto'),
      systemDefault: regLookup(v.ev, v.key, 'SystemDefaultTlsVersions'),
    }));
    const evidence = [
      enabled.evidence,
      disabledByDefault.evidence,
      ...views.flatMap((v) => [v.strong.evidence, v.systemDefault.evidence]),
    ];
    if (regNumber(enabled.value?.data) === 0) {
      return { status: 'fail', summary: strings.disabled, evidence };
    }
    if ((regNumber(disabledByDefault.value?.data) ?? 0) !== 0) {
      return { status: 'fail', summary: strings.disabledByDefault, evidence };
    }
    const weak = views.filter((v) => (regNumber(v.strong.value?.data) ?? 0) === 0);
    if (weak.length > 0) {
      const summary = fill(strings.noStrongCrypto, { views: weak.map((v) => v.label).join(', ') });
      return { status: 'warn', summary, evidence };
    }
    return { status: 'pass', summary: strings.ok, evidence };
  },
});
