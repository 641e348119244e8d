// What the collector needs from applicationHost.config: the site(s) serving /CertSrv/mscep and the
// legacy /CertificateRegistrationSvc (their ids name the W3SVC<id> log folders), the log directory
// (site <logFile> or siteDefaults, default %SystemDrive%\inetpub\logs\LogFiles), the SCEP pool's
// identity, and the folders whose web.config files apply to mscep.
// Ref: learn.microsoft.com/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/
import { findAppSite, parseIisConfig } from '../../../shared/parse/application-host';
import type { ScepSite } from '../../../shared/parse/application-host';
import { childNamed, childrenNamed } from '../../../shared/parse/xml-tree';
import type { XmlElement } from '../../../shared/parse/xml-tree';

export const DEFAULT_LOG_DIR = '%SystemDrive%\\inetpub\\logs\\LogFiles';
export const SCEP_APP = '/CertSrv/mscep';
export const CRP_APP = '/CertificateRegistrationSvc';

export interface LogSite {
  id: string;
  name: string;
  /** Raw directory (environment variables not expanded); logs are in `<dir>\W3SVC<id>`. */
  logDirectory: string;
}

export interface WebConfigCandidate {
  /** `iis/web.config/<site>/<app path>/web.config`. */
  bundlePath: string;
  /** Raw Windows path of the web.config file. */
  winPath: string;
}

export interface IisLayout {
  scep: ScepSite | null;
  /** Sites whose logs are collected, without duplicates. */
  logSites: LogSite[];
  /** The SCEP pool's account when it runs as a specific user; null for built-in identities. */
  serviceAccount: string | null;
  /** The pool identity type (ApplicationPoolIdentity when applicationHost.config says nothing). */
  identityType: string | null;
  webConfigs: WebConfigCandidate[];
}

const norm = (p: string): string => p.replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();

function isPrefix(prefix: string, p: string): boolean {
  const a = norm(prefix);
  const b = norm(p);
  return a === '' || b === a || b.startsWith(`${a}/`);
}

/** Longest element of `els` whose `path` attribute is a prefix of `p`. */
function longest(els: XmlElement[], p: string): XmlElement | undefined {
  return els
    .filter((e) => isPrefix(e.attrs['path'] ?? '', p))
    .sort((x, y) => norm(y.attrs['path'] ?? '').length - norm(x.attrs['path'] ?? '').length)[0];
}

/** The physical folder IIS maps a URL path of `site` to (application, then virtual directory). */
export function physicalPathOf(site: XmlElement, urlPath: string): string | null {
  const app = longest(childrenNamed(site, 'application'), urlPath);
  if (!app) return null;
  const rel = urlPath.slice(norm(app.attrs['path'] ?? '').length) || '/';
  const vdir = longest(childrenNamed(app, 'virtualDirectory'), rel);
  const base = vdir?.attrs['physicalPath'];
  if (!vdir || !base) return null;
  const rest = rel
    .slice(norm(vdir.attrs['path'] ?? '').length)
    .split('/')
    .filter((s) => s !== '');
  return [base.replace(/\\+$/, ''), ...rest].join('\\');
}

function siteElement(root: XmlElement, name: string): XmlElement | undefined {
  const appHost = childNamed(root, 'system.applicationHost');
  const sites = appHost ? childNamed(appHost, 'sites') : undefined;
  return sites ? childrenNamed(sites, 'site').find((s) => s.attrs['name'] === name) : undefined;
}

/** web.config files on the path to the SCEP application: site root, each folder, the app. */
function webConfigCandidates(root: XmlElement, scep: ScepSite): WebConfigCandidate[] {
  const site = siteElement(root, scep.site.name);
  if (!site) return [];
  const segments = scep.app.path.split('/').filter((s) => s !== '');
  const out: WebConfigCandidate[] = [];
  for (let i = 0; i <= segments.length; i++) {
    const urlPath = `/${segments.slice(0, i).join('/')}`;
    const dir = physicalPathOf(site, urlPath);
    if (!dir) continue;
    const appPath = [scep.site.name, ...segments.slice(0, i)].join('/');
    out.push({ bundlePath: `iis/web.config/${appPath}/web.config`, winPath: `${dir}\\web.config` });
  }
  return out;
}

const BUILT_IN = /^(applicationpoolidentity|networkservice|localsystem|localservice)$/i;

/** Reads applicationHost.config text; throws ParseError when it is not a usable config. */
export function iisLayout(text: string): IisLayout {
  const { config } = parseIisConfig({ file: 'iis/applicationHost.config', text });
  const scep = findAppSite(config, SCEP_APP);
  const crp = findAppSite(config, CRP_APP);
  const logSites: LogSite[] = [];
  for (const s of [scep, crp]) {
    if (!s || logSites.some((l) => l.id === s.site.id)) continue;
    logSites.push({
      id: s.site.id,
      name: s.site.name,
      logDirectory: s.site.logDirectory ?? DEFAULT_LOG_DIR,
    });
  }
  const identityType = scep?.pool ? (scep.pool.identityType ?? 'ApplicationPoolIdentity') : null;
  const userName = scep?.pool?.userName ?? null;
  const serviceAccount =
    identityType !== null && identityType.toLowerCase() === 'specificuser' && userName
      ? userName
      : null;
  return {
    scep,
    logSites,
    serviceAccount: serviceAccount && !BUILT_IN.test(serviceAccount) ? serviceAccount : null,
    identityType,
    webConfigs: scep ? webConfigCandidates(config.applicationHost.root, scep) : [],
  };
}

/** The SCEP URL the local probe calls: the first https binding, else http. */
export function scepUrls(layout: IisLayout, dnsHostName: string): string[] {
  const bindings = layout.scep?.site.bindings ?? [];
  const urls: string[] = [];
  for (const protocol of ['https', 'http']) {
    const b = bindings.find((x) => x.protocol.toLowerCase() === protocol);
    if (!b) continue;
    // bindingInformation is ip:port:hostheader; the ip may be an IPv6 literal in brackets.
    const m = /^(.*):(\d*):([^:]*)$/.exec(b.bindingInformation);
    const port = m?.[2] ?? '';
    const hostHeader = m?.[3] ?? '';
    const host = hostHeader || dnsHostName;
    const defaultPort = protocol === 'https' ? '443' : '80';
    const authority = port && port !== defaultPort ? `${host}:${port}` : host;
    urls.push(`${protocol}://${authority}/certsrv/mscep/mscep.dll`);
  }
  return urls.slice(0, 1);
}
