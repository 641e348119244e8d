// Which bundle artifacts (BUNDLE-FORMAT.md) each piece of snapshot evidence is read from, so a
// verification re-collects only what the re-run checks declare (requiredEvidence/optionalEvidence).
// A path ending in `/` is a folder of artifacts.
import type { AnyRule, EvidenceKey } from '../model';

export const EVIDENCE_PATHS: Record<EvidenceKey, readonly string[]> = {
  os: ['commands/os.json'],
  computer: ['commands/computer.json'],
  windowsFeatures: ['commands/windows-features.json'],
  services: ['commands/services.json'],
  installedProducts: ['commands/installed-products.json'],
  localGroups: ['commands/local-groups.json'],
  serviceAccount: ['commands/service-account.json'],
  templateOids: ['commands/template-oids.json'],
  userRights: ['commands/secedit-user-rights.inf'],
  appPools: ['commands/appcmd-list-apppool.xml'],
  sites: ['commands/appcmd-list-site.xml'],
  sslBindings: ['commands/netsh-http-show-sslcert.txt'],
  setspn: ['commands/setspn-L.txt'],
  certutilPing: ['commands/certutil-ping.txt'],
  caTemplates: ['commands/certutil-catemplates.txt'],
  regMscep: ['registry/mscep.reg'],
  regHttpParameters: ['registry/http-parameters.reg'],
  regIntune: ['registry/microsoft-intune.reg'],
  regIeEscAdmins: ['registry/ie-esc-admins.reg'],
  regIeEscUsers: ['registry/ie-esc-users.reg'],
  regDotnet: ['registry/dotnet-ndp-v4-full.reg'],
  regSchannel: ['registry/schannel-protocols.reg'],
  regNetfx: ['registry/netfx-v4.reg'],
  regNetfxWow64: ['registry/netfx-v4-wow64.reg'],
  regNtCurrentVersion: ['registry/windows-nt-currentversion.reg'],
  regRebootCbs: ['registry/reboot-pending-cbs.reg'],
  regRebootWu: ['registry/reboot-required-wu.reg'],
  regSessionManager: ['registry/session-manager.reg'],
  iisConfig: ['iis/applicationHost.config', 'iis/web.config/'],
  iisLogs: ['iis/logs/'],
  httpErr: ['iis/httperr/'],
  // Template names of v2 RA certificates come from template-oids.json.
  certs: ['certs/', 'commands/template-oids.json'],
  eventsApplication: ['events/Application.xml'],
  eventsSystem: ['events/System.xml'],
  eventsCapi2: ['events/Microsoft-Windows-CAPI2%4Operational.xml'],
  eventsConnectorAdmin: ['events/Microsoft-Intune-CertificateConnectors%4Admin.xml'],
  eventsConnectorOperational: ['events/Microsoft-Intune-CertificateConnectors%4Operational.xml'],
  eventsLegacyConnector: ['events/Microsoft Intune Connector.xml'],
  eventsDeployment: ['events/Microsoft-Windows-CertificateServices-Deployment%4Operational.xml'],
  ndesPluginLog: ['logs/NDESPolicyModule/NDESPlugin.log'],
  setupMsiLog: ['logs/NDESConnectorSetup/SetupMsi.log'],
  probe: ['probe/'],
};

/** Evidence keys the given rules read (required and optional), in snapshot order. */
export function evidenceOf(rules: readonly AnyRule[]): EvidenceKey[] {
  const keys = new Set<EvidenceKey>();
  for (const r of rules) {
    for (const k of [...r.meta.requiredEvidence, ...(r.meta.optionalEvidence ?? [])]) keys.add(k);
  }
  return (Object.keys(EVIDENCE_PATHS) as EvidenceKey[]).filter((k) => keys.has(k));
}

/** Bundle paths behind those evidence keys, deduplicated. */
export function bundlePathsOf(keys: readonly EvidenceKey[]): string[] {
  return [...new Set(keys.flatMap((k) => EVIDENCE_PATHS[k]))];
}
