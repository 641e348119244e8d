// Detects a missing /CertSrv/mscep application or pool, and a SCEP pool identity other than a domain
// account (processModel identityType/userName, applicationPoolDefaults as fallback). The password is
// never read or shown. Source: T-VALID #7, T-YZ2 IIS02, T-HICKS, AF §2.
import { defineRule } from '../../engine/define-rule';
import { scepSite } from '../../engine/computed/host';
import { fill } from '../../engine/computed/text';
import type { ConfigEvidence } from '../../model';
import { isOk } from '../../model';

const strings = {
  title: 'The SCEP app pool runs as a domain service account',
  failureTitle: 'The SCEP application or its app pool identity is wrong',
  why: 'A missing /CertSrv/mscep application gives 404, a pool that cannot log on its identity stops (503), and Intune expects NDES to run as a domain service account.',
  fix: 'Missing app: reconfigure NDES (Uninstall-AdcsNetworkDeviceEnrollmentService, then Install-AdcsNetworkDeviceEnrollmentService). Identity: %windir%\\system32\\inetsrv\\appcmd.exe set apppool "SCEP" -processModel.identityType:SpecificUser -processModel.userName:CONTOSO\\svc-ndes -processModel.password:<password>, then give that account IIS_IUSRS membership and Read on the RA keys. Reboot: no.',
  noConfig: 'applicationHost.config is absent, so IIS has no /CertSrv/mscep application.',
  noApp: 'No site in applicationHost.config has a /CertSrv/mscep application.',
  noPool:
    'The /CertSrv/mscep application uses pool "{pool}", which is not defined under <applicationPools>.',
  notSpecificUser:
    'The SCEP pool "{pool}" runs as {identity}, not as a domain service account (SpecificUser).',
  noUserName:
    'The SCEP pool "{pool}" is set to SpecificUser without a userName, so it cannot start.',
  gmsa: 'The SCEP pool "{pool}" runs as the group managed service account {user}.',
  ok: 'The SCEP pool "{pool}" runs as {user}.',
  noPoolName: '(none)',
};

export default defineRule({
  meta: {
    id: 'scep-apppool-identity',
    step: 'host',
    severity: 'high',
    requiredEvidence: ['iisConfig'],
    fixWizard: 'manual',
  },
  strings,
  check: ({ iisConfig }) => {
    if (!isOk(iisConfig)) return { status: 'fail', summary: strings.noConfig };
    const file = iisConfig.value.applicationHost.file;
    const site = scepSite({ iisConfig });
    if (!site) return { status: 'fail', summary: strings.noApp };
    const poolName = site.app.applicationPool ?? strings.noPoolName;
    const evidence: ConfigEvidence[] = [
      {
        kind: 'config',
        file,
        line: site.app.line,
        location: site.site.name,
        setting: `application[@path='${site.app.path}']@applicationPool`,
        value: site.app.applicationPool,
      },
    ];
    const pool = site.pool;
    if (!pool)
      return { status: 'fail', summary: fill(strings.noPool, { pool: poolName }), evidence };
    const at = (setting: string, value: string | null): ConfigEvidence => ({
      kind: 'config',
      file,
      line: pool.line,
      location: `applicationPools/add[@name='${pool.name}']`,
      setting,
      value,
    });
    evidence.push(at('processModel@identityType', pool.identityType));
    evidence.push(at('processModel@userName', pool.userName));
    // IIS 7.5+ default when identityType is unset anywhere (applicationPoolDefaults included).
    const identity = pool.identityType ?? 'ApplicationPoolIdentity';
    const values = { pool: pool.name, identity, user: pool.userName ?? '' };
    if (identity.toLowerCase() !== 'specificuser') {
      return { status: 'warn', summary: fill(strings.notSpecificUser, values), evidence };
    }
    if (!pool.userName)
      return { status: 'fail', summary: fill(strings.noUserName, values), evidence };
    const gmsa = pool.userName.trim().endsWith('$') && !pool.hasPasswordBlob;
    return { status: 'pass', summary: fill(gmsa ? strings.gmsa : strings.ok, values), evidence };
  },
});
