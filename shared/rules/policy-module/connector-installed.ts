// NDES only validates Intune challenges through the Intune connector's policy module; without a
// connector mscep.dll serves the generic NDES page. The legacy "Microsoft Intune Connector" is
// unsupported since 6.2109.51.0 and blocked below 6.2101.13.0 since June 2022 (M-CONN, M-INSTALL).
import { defineRule } from '../../engine/define-rule';
import { CONNECTOR, installedProducts } from '../../engine/computed/connector';
import { fill } from '../../engine/computed/text';
import type { CheckOutcome, TableEvidence } from '../../model';
import { psProp, psString } from '../../parse/ps-json';
import type { PsValue } from '../../parse/ps-json';

const strings = {
  title: 'The Intune Certificate Connector is installed',
  failureTitle: 'No Intune connector is installed',
  why: "NDES hands each device's challenge to the Intune connector's policy module; without a connector the challenge is never validated and mscep.dll serves the generic NDES page.",
  fix: 'Download the Certificate Connector for Microsoft Intune (IntuneCertificateConnector.exe) from the Intune admin center. Run it elevated and enable SCEP. Sign in as an Intune or Global admin that has an Intune license.',
  current: 'The Certificate Connector for Microsoft Intune {version} is installed.',
  legacyOnly:
    'Only the legacy Microsoft Intune Connector {version} is installed; legacy connectors are unsupported since 6.2109.51.0. Replace it with the Certificate Connector for Microsoft Intune.',
  legacyBlocked:
    'Only the legacy Microsoft Intune Connector {version} is installed; versions below 6.2101.13.0 have been blocked since June 2022, so it no longer works. Replace it with the Certificate Connector for Microsoft Intune.',
  none: 'Neither the Certificate Connector for Microsoft Intune nor the legacy Microsoft Intune Connector is installed.',
  unknownVersion: '(version unknown)',
  caption: 'Installed Intune connector products',
};

/** Dotted version comparison; null when either side is not numeric. */
function below(version: string | null, floor: string): boolean | null {
  if (!version || !/^\d+(\.\d+)*$/.test(version.trim())) return null;
  const a = version.trim().split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

const version = (p: PsValue | undefined) => (p ? psString(psProp(p, 'DisplayVersion')) : null);

export default defineRule({
  meta: {
    id: 'connector-installed',
    step: 'policy-module',
    severity: 'critical',
    requiredEvidence: ['installedProducts'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ installedProducts: ev }): CheckOutcome => {
    // `absent` (no Uninstall entries collected) reads as no product installed.
    const current = installedProducts(ev, CONNECTOR.current.product);
    const legacy = installedProducts(ev, CONNECTOR.legacy.product);
    const table: TableEvidence = {
      kind: 'table',
      caption: strings.caption,
      headers: ['DisplayName', 'DisplayVersion', 'Publisher', 'InstallDate'],
      rows: [...current, ...legacy].map((p) =>
        ['DisplayName', 'DisplayVersion', 'Publisher', 'InstallDate'].map(
          (k) => psString(psProp(p, k)) ?? '',
        ),
      ),
    };
    const evidence = table.rows.length > 0 ? [table] : [];
    if (current.length > 0) {
      const v = version(current[0]) ?? strings.unknownVersion;
      return { status: 'pass', summary: fill(strings.current, { version: v }), evidence };
    }
    if (legacy.length > 0) {
      const raw = version(legacy[0]);
      const blocked = below(raw, '6.2101.13.0') === true;
      const summary = fill(blocked ? strings.legacyBlocked : strings.legacyOnly, {
        version: raw ?? strings.unknownVersion,
      });
      return { status: 'warn', summary, evidence };
    }
    return { status: 'fail', summary: strings.none, evidence };
  },
});
