// The rule registry: every check, sorted by id. Regenerate with `node scripts/gen-rules-index.mjs`.
import type { AnyRule } from '../model';
import appProxyConnectorRunning from './device-to-ndes/app-proxy-connector-running';
import caConfigured from './ndes-to-ca/ca-configured';
import caReachable from './ndes-to-ca/ca-reachable';
import caSubmitFailures from './ndes-to-ca/ca-submit-failures';
import capi2ChainErrors from './device-to-ndes/capi2-chain-errors';
import connectorClientCertValid from './policy-module/connector-client-cert-valid';
import connectorEventErrors from './policy-module/connector-event-errors';
import connectorInstalled from './policy-module/connector-installed';
import connectorNotifyFailures from './reporting/connector-notify-failures';
import connectorProxyFormat from './policy-module/connector-proxy-format';
import connectorRecentConnection from './reporting/connector-recent-connection';
import connectorServicesRunning from './policy-module/connector-services-running';
import connectorSetupSucceeded from './policy-module/connector-setup-succeeded';
import crpAuthentication from './policy-module/crp-authentication';
import crpChallengeFailures from './policy-module/crp-challenge-failures';
import domainJoined from './host/domain-joined';
import dotnet472OrLater from './host/dotnet-472-or-later';
import httpsBinding from './device-to-ndes/https-binding';
import httpsysMaxFieldLength from './device-to-ndes/httpsys-max-field-length';
import httpsysMaxRequestBytes from './device-to-ndes/httpsys-max-request-bytes';
import ieEscDisabled from './host/ie-esc-disabled';
import iisFeaturesInstalled from './host/iis-features-installed';
import iisIusrsImpersonateRight from './device-to-ndes/iis-iusrs-impersonate-right';
import iisRequestLimits from './device-to-ndes/iis-request-limits';
import mscepAnonymousAuth from './device-to-ndes/mscep-anonymous-auth';
import mscepEndpoint403 from './device-to-ndes/mscep-endpoint-403';
import mscepGetcacertOk from './device-to-ndes/mscep-getcacert-ok';
import mscepImpersonation500 from './device-to-ndes/mscep-impersonation-500';
import mscepLongUrlOk from './device-to-ndes/mscep-long-url-ok';
import mscepLongUrlRejected from './device-to-ndes/mscep-long-url-rejected';
import mscepNoDeviceTraffic from './device-to-ndes/mscep-no-device-traffic';
import mscepTemplatesConfigured from './ndes-to-ca/mscep-templates-configured';
import mscepTemplatesPublished from './ndes-to-ca/mscep-templates-published';
import mscepTrafficErrors from './device-to-ndes/mscep-traffic-errors';
import ndesEventErrors from './device-to-ndes/ndes-event-errors';
import ndesNotOnCa from './host/ndes-not-on-ca';
import ndesRoleInstalled from './host/ndes-role-installed';
import ndespluginErrors from './policy-module/ndesplugin-errors';
import notDomainController from './host/not-domain-controller';
import osSupported from './host/os-supported';
import policyModuleConfigured from './policy-module/policy-module-configured';
import raCertificatesCsp from './ndes-to-ca/ra-certificates-csp';
import raCertificatesIssuer from './ndes-to-ca/ra-certificates-issuer';
import raCertificatesPresent from './ndes-to-ca/ra-certificates-present';
import raCertificatesValid from './ndes-to-ca/ra-certificates-valid';
import raPrivateKeyReadable from './device-to-ndes/ra-private-key-readable';
import rebootPending from './host/reboot-pending';
import rootStoreIntermediates from './device-to-ndes/root-store-intermediates';
import scepApppoolCrashes from './device-to-ndes/scep-apppool-crashes';
import scepApppoolIdentity from './host/scep-apppool-identity';
import scepApppoolRunning from './device-to-ndes/scep-apppool-running';
import serviceAccountEnabled from './host/service-account-enabled';
import serviceAccountInIisIusrs from './host/service-account-in-iis-iusrs';
import serviceAccountLogonRights from './host/service-account-logon-rights';
import serviceAccountNotAdmin from './host/service-account-not-admin';
import serviceAccountSpn from './device-to-ndes/service-account-spn';
import tlsCertificateValid from './device-to-ndes/tls-certificate-valid';
import tls12Enabled from './host/tls12-enabled';

/** Every rule, sorted by check id. */
export const RULES: readonly AnyRule[] = [
  appProxyConnectorRunning,
  caConfigured,
  caReachable,
  caSubmitFailures,
  capi2ChainErrors,
  connectorClientCertValid,
  connectorEventErrors,
  connectorInstalled,
  connectorNotifyFailures,
  connectorProxyFormat,
  connectorRecentConnection,
  connectorServicesRunning,
  connectorSetupSucceeded,
  crpAuthentication,
  crpChallengeFailures,
  domainJoined,
  dotnet472OrLater,
  httpsBinding,
  httpsysMaxFieldLength,
  httpsysMaxRequestBytes,
  ieEscDisabled,
  iisFeaturesInstalled,
  iisIusrsImpersonateRight,
  iisRequestLimits,
  mscepAnonymousAuth,
  mscepEndpoint403,
  mscepGetcacertOk,
  mscepImpersonation500,
  mscepLongUrlOk,
  mscepLongUrlRejected,
  mscepNoDeviceTraffic,
  mscepTemplatesConfigured,
  mscepTemplatesPublished,
  mscepTrafficErrors,
  ndesEventErrors,
  ndesNotOnCa,
  ndesRoleInstalled,
  ndespluginErrors,
  notDomainController,
  osSupported,
  policyModuleConfigured,
  raCertificatesCsp,
  raCertificatesIssuer,
  raCertificatesPresent,
  raCertificatesValid,
  raPrivateKeyReadable,
  rebootPending,
  rootStoreIntermediates,
  scepApppoolCrashes,
  scepApppoolIdentity,
  scepApppoolRunning,
  serviceAccountEnabled,
  serviceAccountInIisIusrs,
  serviceAccountLogonRights,
  serviceAccountNotAdmin,
  serviceAccountSpn,
  tlsCertificateValid,
  tls12Enabled,
];
