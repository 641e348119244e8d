// The fix wizard registry: one module per wizard id of CHECKS.md whose "fix wizard" is not
// `manual`, sorted by id. A test checks it against CHECKS.md (STYLE principle 6).
import type { Finding, Report, Snapshot } from '../model';
import type { FixParams, FixPlanResult } from '../model/fix-plan';
import { fill } from '../engine/computed/text';
import { refuse } from './common';
import type { FixWizard } from './common';
import { wizard as addIisIusrsMember } from './add-iis-iusrs-member';
import { wizard as disableIeEsc } from './disable-ie-esc';
import { wizard as enableMscepAnonymousAuth } from './enable-mscep-anonymous-auth';
import { wizard as enableTls12 } from './enable-tls12';
import { wizard as fixCrpAuthentication } from './fix-crp-authentication';
import { wizard as grantImpersonateRight } from './grant-impersonate-right';
import { wizard as grantRaKeyRead } from './grant-ra-key-read';
import { wizard as installIisFeatures } from './install-iis-features';
import { wizard as moveRootIntermediates } from './move-root-intermediates';
import { wizard as renewRaCertificates } from './renew-ra-certificates';
import { wizard as setHttpsysLimits } from './set-httpsys-limits';
import { wizard as setIisRequestLimits } from './set-iis-request-limits';
import { wizard as setMscepTemplates } from './set-mscep-templates';
import { wizard as startAppProxyConnector } from './start-app-proxy-connector';
import { wizard as startConnectorServices } from './start-connector-services';
import { wizard as startScepApppool } from './start-scep-apppool';

export type { FixWizard, WizardMeta } from './common';

/** Every wizard, sorted by id. */
export const WIZARDS: readonly FixWizard[] = [
  addIisIusrsMember,
  disableIeEsc,
  enableMscepAnonymousAuth,
  enableTls12,
  fixCrpAuthentication,
  grantImpersonateRight,
  grantRaKeyRead,
  installIisFeatures,
  moveRootIntermediates,
  renewRaCertificates,
  setHttpsysLimits,
  setIisRequestLimits,
  setMscepTemplates,
  startAppProxyConnector,
  startConnectorServices,
  startScepApppool,
];

const STRINGS = {
  manual: 'The check {check} has no fix wizard: its fix is manual (see the finding).',
  unknownWizard: 'No fix wizard "{wizard}" exists in this version of NDES Doctor.',
};

export function wizardById(id: string): FixWizard | undefined {
  return WIZARDS.find((w) => w.meta.id === id);
}

/** The wizard a finding names (its rule's fixWizard), or why there is none. */
export function wizardFor(finding: Finding): FixWizard | { refused: string } {
  const id = finding.fixes[0]?.wizard ?? 'manual';
  if (id === 'manual') return refuse(fill(STRINGS.manual, { check: finding.checkId }));
  return wizardById(id) ?? refuse(fill(STRINGS.unknownWizard, { wizard: id }));
}

/** Plans the fix of one finding with the wizard its check names. */
export function planFix(
  snapshot: Snapshot,
  finding: Finding,
  params: FixParams = {},
): FixPlanResult {
  const w = wizardFor(finding);
  return 'refused' in w ? w : w.plan(snapshot, finding, params);
}

/** One wizard that applies to a failing or warning finding of the report. */
export interface ApplicableFix {
  wizard: string;
  title: string;
  checkId: string;
  status: Finding['status'];
  /** The plan without parameters (a refusal lists the parameters it needs). */
  result: FixPlanResult;
}

/** The wizards for every failing or warning finding that names one, in report order. */
export function applicableFixes(snapshot: Snapshot, report: Report): ApplicableFix[] {
  return report.findings
    .filter((f) => f.status === 'fail' || f.status === 'warn')
    .flatMap((f) => {
      const w = wizardFor(f);
      if ('refused' in w) return [];
      return [
        {
          wizard: w.meta.id,
          title: w.meta.title,
          checkId: f.checkId,
          status: f.status,
          result: w.plan(snapshot, f, {}),
        },
      ];
    });
}
