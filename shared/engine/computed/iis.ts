// IIS settings resolved at the SCEP application (CHECKS.md §3.0 "SCEP site / app / pool"), with
// the evidence pointer to the level that sets the effective value (file, line, <location>), so an
// admin can see which of the many config levels to change.
import type { ConfigEvidence, Ev, TableEvidence } from '../../model';
import { isOk } from '../../model';
import { effectiveAttribute } from '../../parse/application-host';
import type { EffectiveValue, IisConfig, ScepSite } from '../../parse/application-host';
import { findAppSite } from '../../parse/application-host';

/** The application path NDES installs. */
export const SCEP_APP_PATH = '/CertSrv/mscep';

/** Config path of the SCEP application, e.g. `Default Web Site/CertSrv/mscep` (real site name). */
export function scepConfigPath(site: ScepSite): string {
  const app = site.app.path.replace(/^\/+/, '');
  return `${site.site.name}/${app === '' ? SCEP_APP_PATH.slice(1) : app}`;
}

/** The SCEP site and the loaded config, or null when the config is unusable or has no SCEP app. */
export function scepSiteOf(
  ev: Ev<IisConfig>,
): { cfg: IisConfig; site: ScepSite; configPath: string } | null {
  if (!isOk(ev)) return null;
  const site = findAppSite(ev.value, SCEP_APP_PATH);
  return site ? { cfg: ev.value, site, configPath: scepConfigPath(site) } : null;
}

/** A resolved setting: the effective value plus its evidence pointer. */
export interface ResolvedSetting {
  eff: EffectiveValue;
  evidence: ConfigEvidence;
}

/**
 * Resolves `section/element@attr` at `configPath` and points at the level that set it; when no
 * level sets it, the pointer is applicationHost.config with location `(default)`.
 */
export function resolveSetting(
  cfg: IisConfig,
  configPath: string,
  sectionPath: string,
  elementPath: string,
  attr: string,
): ResolvedSetting {
  const eff = effectiveAttribute(cfg, configPath, sectionPath, elementPath, attr);
  const section = sectionPath.split('/').pop() ?? sectionPath;
  const setting = `${section}${elementPath ? `/${elementPath}` : ''}@${attr}`;
  return {
    eff,
    evidence: {
      kind: 'config',
      file: eff.file ?? cfg.applicationHost.file,
      line: eff.line ?? undefined,
      location: eff.location,
      setting,
      value: eff.value,
    },
  };
}

/** web.config definitions IIS ignores because the section is locked, as a table (or none). */
export function ignoredDefinitions(
  settings: readonly ResolvedSetting[],
  caption: string,
): TableEvidence[] {
  const rows = settings.flatMap((s) =>
    (s.eff.ignored ?? []).map((i) => [s.evidence.setting, i.file, String(i.line), i.reason]),
  );
  if (rows.length === 0) return [];
  return [{ kind: 'table', caption, headers: ['Setting', 'File', 'Line', 'Why ignored'], rows }];
}
