// The facts of one snapshot that explain why a check changed between two runs: registry values,
// effective IIS settings at the SCEP app, certificates, services, app pools, error event counts,
// IIS / HTTPERR counts and the collector probe, each as comparable text under a stable key.
import type { Ev, EvidenceKey, Snapshot } from '../model';
import { isOk } from '../model';
import { regValueText } from '../parse/reg-file';
import { canonicalKeyPath } from '../parse/reg-keys';
import type { RegFile } from '../parse/reg-file';
import { psArray, psProp, psString } from '../parse/ps-json';
import type { StoreCert } from '../model';
import { resolveSetting, scepSiteOf } from './computed/iis';
import { accountFacts } from './compare-accounts';

/** Where an evidence difference was seen. */
export type EvidenceArea =
  | 'registry'
  | 'iis'
  | 'certificates'
  | 'services'
  | 'app-pools'
  | 'accounts'
  | 'events'
  | 'logs'
  | 'probe'
  | 'artifacts';

/** One comparable fact: `item` is the label, `value` the text compared. */
export interface Fact {
  area: EvidenceArea;
  item: string;
  value: string;
  /** Snapshot evidence it was read from. */
  key: EvidenceKey;
}

/** Facts by stable id (`area|normalized item`). */
export type Facts = Map<string, Fact>;

/** Error and critical (levels 1–2) in the Windows event schema. */
const ERROR_LEVELS = new Set([1, 2]);

function put(
  facts: Facts,
  key: EvidenceKey,
  area: EvidenceArea,
  item: string,
  value: string,
): void {
  facts.set(`${area}|${item.toLowerCase()}`, { area, item, value, key });
}

function shortHive(path: string): string {
  return path.replace(/^HKEY_LOCAL_MACHINE\\/i, 'HKLM\\');
}

function registryFacts(facts: Facts, key: EvidenceKey, ev: Ev<RegFile>): void {
  if (!isOk(ev)) return;
  for (const k of ev.value.keys) {
    if (k.deleted) continue;
    const path = shortHive(k.path);
    for (const v of k.values) {
      if (v.data.type === 'DELETE') continue;
      const item = `${path}\\${v.name === '' ? '(Default)' : v.name}`;
      // Registry names are case-insensitive; the id uses the canonical path.
      const id = `registry|${canonicalKeyPath(k.path)}\\${v.name.toLowerCase()}`;
      facts.set(id, { area: 'registry', item, value: regValueText(v.data), key });
    }
  }
}

const REQUEST_FILTERING = 'system.webServer/security/requestFiltering';
const AUTH = 'system.webServer/security/authentication';
const IIS_SETTINGS: [section: string, element: string, attr: string][] = [
  [REQUEST_FILTERING, 'requestLimits', 'maxUrl'],
  [REQUEST_FILTERING, 'requestLimits', 'maxQueryString'],
  [REQUEST_FILTERING, 'requestLimits', 'maxAllowedContentLength'],
  [`${AUTH}/anonymousAuthentication`, '', 'enabled'],
  [`${AUTH}/anonymousAuthentication`, '', 'userName'],
  [`${AUTH}/windowsAuthentication`, '', 'enabled'],
];

function iisFacts(facts: Facts, s: Snapshot): void {
  const scep = scepSiteOf(s.iisConfig);
  if (scep) {
    const { cfg, site, configPath } = scep;
    put(
      facts,
      'iisConfig',
      'iis',
      'SCEP application',
      `${configPath} (pool ${site.app.applicationPool ?? '?'})`,
    );
    for (const [section, element, attr] of IIS_SETTINGS) {
      const r = resolveSetting(cfg, configPath, section, element, attr);
      put(
        facts,
        'iisConfig',
        'iis',
        `${r.evidence.setting} at /CertSrv/mscep`,
        r.eff.value ?? '(not set)',
      );
    }
    const pool = site.pool;
    if (pool) {
      const identity = [pool.identityType ?? '(default identity)', pool.userName].filter(Boolean);
      put(facts, 'iisConfig', 'iis', `SCEP pool ${pool.name} identity`, identity.join(' '));
      put(
        facts,
        'iisConfig',
        'iis',
        `SCEP pool ${pool.name} runtime`,
        pool.managedRuntimeVersion ?? '(default)',
      );
    }
    const bindings = site.site.bindings.map((b) => `${b.protocol} ${b.bindingInformation}`);
    put(facts, 'iisConfig', 'iis', `Site ${site.site.name} bindings`, bindings.sort().join(', '));
  }
  if (isOk(s.sites)) {
    for (const site of s.sites.value)
      put(facts, 'sites', 'iis', `Site ${site.name} state`, site.state ?? '(unknown)');
  }
  if (isOk(s.sslBindings)) {
    for (const b of s.sslBindings.value) {
      const cert = b.certificateHash ? b.certificateHash.toUpperCase() : '(none)';
      put(
        facts,
        'sslBindings',
        'iis',
        `SSL binding ${b.endpoint}`,
        `${cert} (${b.certStoreName ?? '?'})`,
      );
    }
  }
}

/** What the certificate index says about the private key, or null when it says nothing. */
function keyValue(c: StoreCert): string | null {
  const ix = c.index;
  if (!ix || ix.hasPrivateKey === null) return null;
  if (!ix.hasPrivateKey) return 'none';
  const parts = ['present'];
  if (ix.keyProvider) parts.push(ix.keyProvider);
  if (ix.privateKeyAcl) {
    const acl = ix.privateKeyAcl.map((a) => `${a.identity ?? a.sid ?? '?'} (${a.rights})`);
    parts.push(`ACL: ${acl.join(', ')}`);
  }
  return parts.join('; ');
}

/** The label a certificate keeps across renewals: store, subject CN and template. */
export function certItem(c: StoreCert): string {
  const name = c.subjectCN ?? c.subject;
  return `${c.store}: ${name}${c.template ? ` (${c.template})` : ''}`;
}

function certFacts(facts: Facts, s: Snapshot): void {
  if (!isOk(s.certs)) return;
  for (const c of s.certs.value.certs) {
    // Keyed by store + thumbprint; renewals are paired by item afterwards (compare.ts).
    const id = `certificates|${c.store.toLowerCase()}|${c.thumbprint}`;
    const item = certItem(c);
    const value = `${c.thumbprint}, expires ${c.notAfter}`;
    facts.set(id, { area: 'certificates', item, value, key: 'certs' });
    const key = keyValue(c);
    if (key !== null)
      facts.set(`${id}|key`, {
        area: 'certificates',
        item: `${item} private key`,
        value: key,
        key: 'certs',
      });
  }
}

function serviceFacts(facts: Facts, s: Snapshot): void {
  if (!isOk(s.services)) return;
  for (const svc of psArray(s.services.value)) {
    const name = psString(psProp(svc, 'Name'));
    if (name === null) continue;
    const display = psString(psProp(svc, 'DisplayName'));
    const state = psString(psProp(svc, 'State')) ?? '?';
    const start = psString(psProp(svc, 'StartMode')) ?? '?';
    facts.set(`services|${name.toLowerCase()}`, {
      area: 'services',
      item: display && display !== name ? `${name} (${display})` : name,
      value: `${state}, ${start}`,
      key: 'services',
    });
  }
}

function appPoolFacts(facts: Facts, s: Snapshot): void {
  if (!isOk(s.appPools)) return;
  for (const p of s.appPools.value) {
    const extra = [p.attrs['RuntimeVersion'], p.attrs['PipelineMode']].filter(Boolean);
    put(facts, 'appPools', 'app-pools', p.name, [p.state ?? '(unknown)', ...extra].join('; '));
  }
}

const EVENT_KEYS = [
  'eventsApplication',
  'eventsSystem',
  'eventsCapi2',
  'eventsConnectorAdmin',
  'eventsConnectorOperational',
  'eventsLegacyConnector',
  'eventsDeployment',
] as const;

/** Adds `n` to a counter fact (values are decimal text so counters diff like other facts). */
function count(c: Facts, key: EvidenceKey, area: EvidenceArea, item: string, n: number): void {
  const id = `${area}|${item.toLowerCase()}`;
  const prev = c.get(id);
  const total = (prev ? Number(prev.value) : 0) + n;
  c.set(id, { area, item, value: String(total), key });
}

function eventCounts(c: Facts, s: Snapshot): void {
  for (const key of EVENT_KEYS) {
    const ev = s[key];
    if (!isOk(ev)) continue;
    for (const e of ev.value) {
      if (!ERROR_LEVELS.has(e.level)) continue;
      const channel = e.channel ?? ev.path;
      count(c, key, 'events', `${channel}: ${e.provider} ${e.eventId}`, 1);
    }
  }
}

function logCounts(c: Facts, s: Snapshot): void {
  if (isOk(s.iisLogs)) {
    for (const g of s.iisLogs.value.groups)
      count(c, 'iisLogs', 'logs', `IIS /${g.path} ${g.status}.${g.substatus}.${g.win32}`, g.count);
  }
  if (isOk(s.httpErr)) {
    for (const g of s.httpErr.value.groups) {
      const uri = g.uriClass === 'none' ? '' : ` (${g.uriClass})`;
      count(
        c,
        'httpErr',
        'logs',
        `HTTPERR ${g.status ?? '-'} ${g.reason || '(no reason)'}${uri}`,
        g.count,
      );
    }
  }
}

function probeFacts(facts: Facts, s: Snapshot): void {
  if (!isOk(s.probe)) return;
  const seen = new Map<string, number>();
  for (const x of s.probe.value) {
    const n = (seen.get(x.name) ?? 0) + 1;
    seen.set(x.name, n);
    const item = `Probe ${x.name}${n > 1 ? ` #${n}` : ''}`;
    const value = x.error
      ? `error: ${x.error}`
      : x.status === null
        ? '(no answer)'
        : `HTTP ${x.status}`;
    put(facts, 'probe', 'probe', item, value);
  }
}

/** Every comparable fact of a snapshot; counters apart (a missing counter is 0, not absent). */
export function snapshotFacts(s: Snapshot): { facts: Facts; counts: Facts } {
  const facts: Facts = new Map();
  for (const k of Object.keys(s) as EvidenceKey[]) {
    if (!k.startsWith('reg')) continue;
    registryFacts(facts, k, s[k] as Ev<RegFile>);
  }
  iisFacts(facts, s);
  certFacts(facts, s);
  serviceFacts(facts, s);
  appPoolFacts(facts, s);
  accountFacts(facts, s);
  probeFacts(facts, s);
  const counts: Facts = new Map();
  eventCounts(counts, s);
  logCounts(counts, s);
  return { facts, counts };
}
