import type { ReportHost, Snapshot } from '../../model';
import { isOk } from '../../model';
import { psArray, psProp, psString } from '../../parse/ps-json';
import { fqdn } from './host';

/** Host identity for the report header, from the manifest with os.json and installed products. */
export function hostSummary(s: Snapshot): ReportHost {
  const m = s.manifest;
  let os: string | null = null;
  if (isOk(s.os)) {
    const caption = psString(psProp(s.os.value, 'Caption'));
    const version = psString(psProp(s.os.value, 'Version'));
    os = [caption, version && `(${version})`].filter(Boolean).join(' ') || null;
  }
  let connectorVersion: string | null = null;
  if (isOk(s.installedProducts)) {
    for (const p of psArray(s.installedProducts.value)) {
      const name = psString(psProp(p, 'DisplayName'));
      if (
        name === 'Certificate Connector for Microsoft Intune' ||
        name === 'Microsoft Intune Connector'
      ) {
        connectorVersion = `${name} ${psString(psProp(p, 'DisplayVersion')) ?? ''}`.trim();
        if (name.startsWith('Certificate')) break;
      }
    }
  }
  return {
    computerName: m.host.computerName,
    dnsHostName: fqdn(s),
    domain: m.host.domain ?? null,
    os,
    culture: m.collector.culture ?? null,
    timeZone: m.collector.timeZone ?? null,
    connectorVersion,
  };
}
