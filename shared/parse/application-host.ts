// Reads IIS applicationHost.config plus the web.config files collected on the path to the SCEP app,
// and finds the site / application / app pool that serve a path such as /CertSrv/mscep.
// Effective (merged) values are resolved in iis-effective.ts. Passwords are redacted on load.
import { ParseError } from './errors';
import { childNamed, childrenNamed, parseXmlTree } from './xml-tree';
import type { XmlElement } from './xml-tree';

export { effectiveAttribute, effectiveCollection } from './iis-effective';

export interface IisConfigFile {
  /** Bundle path, e.g. iis/applicationHost.config or iis/web.config/Default Web Site/web.config. */
  file: string;
  /** '' for applicationHost, else '<site>' or '<site>/<app path>'. */
  configPath: string;
  root: XmlElement;
}

export interface IisConfig {
  applicationHost: IisConfigFile;
  webConfigs: IisConfigFile[];
}

export interface EffectiveValue {
  value: string | null;
  file: string | null;
  line: number | null;
  /** '(global)', '<location path="…">', 'web.config', or '(default)' when no level sets it. */
  location: string;
  /** web.config definitions IIS refuses because the section is locked (IIS answers 500.19). */
  ignored?: { file: string; line: number; reason: string }[];
}

export interface ScepSite {
  site: {
    name: string;
    id: string;
    line: number;
    bindings: { protocol: string; bindingInformation: string; line: number }[];
    /** site logFile@directory, else siteDefaults logFile@directory, raw (e.g. %SystemDrive%\…). */
    logDirectory: string | null;
    logFormat: string | null;
  };
  app: { path: string; applicationPool: string | null; line: number };
  pool: {
    name: string;
    line: number;
    identityType: string | null;
    userName: string | null;
    /** True when processModel carries a (redacted, never returned) password. */
    hasPasswordBlob: boolean;
    managedRuntimeVersion: string | null;
    autoStart: string | null;
  } | null;
}

/** Stands in for every `password` attribute value once a config is loaded. */
export const REDACTED = '[redacted]';

/** Replace every non-empty `password` attribute (processModel, virtualDirectory, anonymous user). */
export function redactPasswords(el: XmlElement): void {
  for (const key of Object.keys(el.attrs)) {
    if (key.toLowerCase() === 'password' && el.attrs[key] !== '') el.attrs[key] = REDACTED;
  }
  for (const c of el.children) redactPasswords(c);
}

/** `iis/web.config/Default Web Site/CertSrv/mscep/web.config` -> `Default Web Site/CertSrv/mscep`. */
export function webConfigPathFromBundle(file: string): string | null {
  const m = /(?:^|\/)iis\/web\.config\/(.+)\/web\.config$/i.exec(file.replace(/\\/g, '/'));
  return m?.[1] ?? null;
}

/**
 * Load applicationHost.config (a ParseError if it is malformed) and the web.config files (a
 * malformed or unplaceable web.config is skipped with a warning, as IIS itself would fail on it).
 */
export function parseIisConfig(
  appHost: { file: string; text: string },
  webConfigs: { file: string; text: string }[] = [],
): { config: IisConfig; warnings: string[] } {
  const root = parseXmlTree(appHost.text);
  if (root.name !== 'configuration') {
    throw new ParseError(`document element is <${root.name}>, expected <configuration>`, root.line);
  }
  redactPasswords(root);
  const warnings: string[] = [];
  const config: IisConfig = {
    applicationHost: { file: appHost.file, configPath: '', root },
    webConfigs: [],
  };
  for (const wc of webConfigs) {
    const configPath = webConfigPathFromBundle(wc.file);
    if (configPath === null) {
      warnings.push(`${wc.file}: not under iis/web.config/<site>/…/web.config, ignored`);
      continue;
    }
    try {
      const wcRoot = parseXmlTree(wc.text);
      if (wcRoot.name !== 'configuration') {
        throw new ParseError(`document element is <${wcRoot.name}>`, wcRoot.line);
      }
      redactPasswords(wcRoot);
      config.webConfigs.push({ file: wc.file, configPath, root: wcRoot });
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      warnings.push(`${wc.file}: ${err.message}; ignored`);
    }
  }
  return { config, warnings };
}

function normAppPath(p: string): string {
  return (
    '/' +
    p
      .replace(/\\/g, '/')
      .replace(/^\/+|\/+$/g, '')
      .toLowerCase()
  );
}

function firstAttr(attr: string, ...els: (XmlElement | undefined)[]): string | null {
  for (const el of els) {
    const v = el?.attrs[attr];
    if (v !== undefined) return v;
  }
  return null;
}

function findPool(appHostEl: XmlElement | undefined, name: string | null): ScepSite['pool'] {
  const pools = appHostEl ? childNamed(appHostEl, 'applicationPools') : undefined;
  if (!pools || name === null) return null;
  const pool = childrenNamed(pools, 'add').find(
    (p) => (p.attrs['name'] ?? '').toLowerCase() === name.toLowerCase(),
  );
  if (!pool) return null;
  const defaults = childNamed(pools, 'applicationPoolDefaults');
  const pm = childNamed(pool, 'processModel');
  const defPm = defaults ? childNamed(defaults, 'processModel') : undefined;
  const password = firstAttr('password', pm, defPm);
  return {
    name: pool.attrs['name'] ?? name,
    line: pool.line,
    identityType: firstAttr('identityType', pm, defPm),
    userName: firstAttr('userName', pm, defPm),
    hasPasswordBlob: password !== null && password !== '',
    managedRuntimeVersion: firstAttr('managedRuntimeVersion', pool, defaults),
    autoStart: firstAttr('autoStart', pool, defaults),
  };
}

/** The site holding application `appPath` (e.g. '/CertSrv/mscep', case-insensitive), its app and pool. */
export function findAppSite(cfg: IisConfig, appPath: string): ScepSite | null {
  const appHostEl = childNamed(cfg.applicationHost.root, 'system.applicationHost');
  const sites = appHostEl ? childNamed(appHostEl, 'sites') : undefined;
  if (!sites) return null;
  const want = normAppPath(appPath);
  const siteDefaults = childNamed(sites, 'siteDefaults');
  const defaultLog = siteDefaults ? childNamed(siteDefaults, 'logFile') : undefined;
  for (const site of childrenNamed(sites, 'site')) {
    const app = childrenNamed(site, 'application').find(
      (a) => normAppPath(a.attrs['path'] ?? '') === want,
    );
    if (!app) continue;
    const bindingsEl = childNamed(site, 'bindings');
    const log = childNamed(site, 'logFile');
    const applicationPool = firstAttr(
      'applicationPool',
      app,
      childNamed(site, 'applicationDefaults'),
      childNamed(sites, 'applicationDefaults'),
    );
    return {
      site: {
        name: site.attrs['name'] ?? '',
        id: site.attrs['id'] ?? '',
        line: site.line,
        bindings: (bindingsEl ? childrenNamed(bindingsEl, 'binding') : []).map((b) => ({
          protocol: b.attrs['protocol'] ?? '',
          bindingInformation: b.attrs['bindingInformation'] ?? '',
          line: b.line,
        })),
        logDirectory: firstAttr('directory', log, defaultLog),
        logFormat: firstAttr('logFormat', log, defaultLog),
      },
      app: { path: app.attrs['path'] ?? '', applicationPool, line: app.line },
      pool: findPool(appHostEl, applicationPool),
    };
  }
  return null;
}
