// The Intune connector as CHECKS.md §3.0 defines it: legacy "Microsoft Intune Connector" vs current
// "Certificate Connector for Microsoft Intune" (product, registry key or service), plus the host-local
// date strings the connector writes (LastConnectionTime, NDESPlugin.log), read with the host culture.
import type {
  ArtifactEvidence,
  Decoded,
  Ev,
  EventEvidence,
  KeyValueEvidence,
  Snapshot,
  TableEvidence,
} from '../../model';
import { isOk } from '../../model';
import type { EventRecord } from '../../parse/event-xml';
import {
  decodeConnectorEvent,
  decodeDiagnosticCode,
  decodeLegacyConnectorEvent,
  findDiagnosticCode,
} from '../../decode/connector-events';
import type { ConnectorChannel } from '../../decode/connector-events';
import { decodeHresult } from '../../decode/hresult';
import { eventText, groupEvents, inWindow } from './events';
import { psArray, psProp, psString } from '../../parse/ps-json';
import type { PsValue } from '../../parse/ps-json';
import { canonicalKeyPath } from '../../parse/reg-keys';
import type { RegFile } from '../../parse/reg-file';
export { parseHostTime, findHostTime } from './host-time';
export type { HostTime } from './host-time';

export const INTUNE_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune';
export const CURRENT_KEY = `${INTUNE_KEY}\\PFXCertificateConnector`;
export const LEGACY_KEY = `${INTUNE_KEY}\\NDESConnector`;
export const MSCEP_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP';

export type ConnectorKind = 'current' | 'legacy';

/** Product name, registry key and service that each mark a connector as present (§3.0). */
export const CONNECTOR: Record<ConnectorKind, { product: string; key: string; service: string }> = {
  current: {
    product: 'Certificate Connector for Microsoft Intune',
    key: CURRENT_KEY,
    service: 'PFXCertificateConnectorSvc',
  },
  legacy: { product: 'Microsoft Intune Connector', key: LEGACY_KEY, service: 'NDESConnectorSvc' },
};

/** `unknown` when no usable source says present but one of the sources could not be read. */
export type Presence = 'present' | 'absent' | 'unknown';

export type PresenceSources = Partial<
  Pick<Snapshot, 'installedProducts' | 'services' | 'regIntune'>
>;

export interface ConnectorPresence {
  current: Presence;
  legacy: Presence;
  /** Which source showed which connector, for the finding's details. */
  evidence: KeyValueEvidence;
  /** Sources that could not be read (`path (state)`). */
  unreadable: string[];
}

const usable = (ev: Ev<unknown> | undefined): boolean =>
  ev !== undefined && (ev.state === 'ok' || ev.state === 'absent');

/** Entries of installed-products.json whose DisplayName is `name` (case-insensitive). */
export function installedProducts(ev: Ev<PsValue> | undefined, name: string): PsValue[] {
  if (!ev || !isOk(ev)) return [];
  const want = name.toLowerCase();
  return psArray(ev.value).filter(
    (p) => psString(psProp(p, 'DisplayName'))?.trim().toLowerCase() === want,
  );
}

/** True when the export holds `path` or any key below it. */
export function hasKey(ev: Ev<RegFile> | undefined, path: string): boolean {
  if (!ev || !isOk(ev)) return false;
  const want = canonicalKeyPath(path);
  return ev.value.keys.some((k) => {
    const p = canonicalKeyPath(k.path);
    return !k.deleted && (p === want || p.startsWith(`${want}\\`));
  });
}

/** One Win32_Service row (services.json). */
export interface ServiceInfo {
  name: string;
  displayName: string | null;
  state: string | null;
  startMode: string | null;
  startName: string | null;
}

/** Services by name (case-insensitive), in the order asked; services not installed are left out. */
export function findServices(ev: Ev<PsValue> | undefined, names: readonly string[]): ServiceInfo[] {
  if (!ev || !isOk(ev)) return [];
  const rows = psArray(ev.value);
  return names.flatMap((n) => {
    const row = rows.find((s) => psString(psProp(s, 'Name'))?.toLowerCase() === n.toLowerCase());
    if (!row) return [];
    const prop = (p: string) => psString(psProp(row, p));
    return [
      {
        name: prop('Name') ?? n,
        displayName: prop('DisplayName'),
        state: prop('State'),
        startMode: prop('StartMode'),
        startName: prop('StartName'),
      },
    ];
  });
}

/** Win32_Service `Running` with StartMode `Auto` (delayed start is also `Auto`). */
export function runsAutomatically(s: ServiceInfo): boolean {
  return s.state?.toLowerCase() === 'running' && s.startMode?.toLowerCase() === 'auto';
}

export function serviceTable(caption: string, services: readonly ServiceInfo[]): TableEvidence {
  return {
    kind: 'table',
    caption,
    headers: ['Name', 'DisplayName', 'State', 'StartMode', 'StartName'],
    rows: services.map((s) => [
      s.name,
      s.displayName ?? '',
      s.state ?? '',
      s.startMode ?? '',
      s.startName ?? '',
    ]),
  };
}

/** Legacy / current connector presence per CHECKS.md §3.0. */
export function connectorPresence(s: PresenceSources): ConnectorPresence {
  const sources = [s.installedProducts, s.services, s.regIntune];
  const unreadable = sources
    .filter((ev): ev is Ev<never> => ev !== undefined && !usable(ev))
    .map((ev) => `${ev.path} (${ev.state})`);
  const items: KeyValueEvidence['items'] = [];
  const judge = (kind: ConnectorKind): Presence => {
    const c = CONNECTOR[kind];
    const found: string[] = [];
    const product = installedProducts(s.installedProducts, c.product)[0];
    if (product) {
      const version = psString(psProp(product, 'DisplayVersion'));
      found.push(`installed product${version ? ` ${version}` : ''}`);
    }
    if (hasKey(s.regIntune, c.key)) found.push(`registry key ${c.key}`);
    if (findServices(s.services, [c.service]).length > 0) found.push(`service ${c.service}`);
    if (found.length > 0) {
      items.push({ key: c.product, value: found.join('; ') });
      return 'present';
    }
    return sources.every(usable) ? 'absent' : 'unknown';
  };
  const current = judge('current');
  const legacy = judge('legacy');
  const evidence: KeyValueEvidence = { kind: 'keyValue', caption: 'Intune connector', items };
  return { current, legacy, evidence, unreadable };
}

/** Any connector: present if either is, absent if both are, unknown otherwise. */
export function anyConnector(p: ConnectorPresence): Presence {
  if (p.current === 'present' || p.legacy === 'present') return 'present';
  return p.current === 'absent' && p.legacy === 'absent' ? 'absent' : 'unknown';
}

// ---- Connector events (§4.3–4.5) ------------------------------------------------------------

/** The legacy connector log, or one of the current connector's two channels. */
export type ConnectorLog = 'legacy' | ConnectorChannel;

/**
 * Events of a channel inside [fromMs, toMs]; `[]` when the channel is `absent`, null when it could
 * not be read. The channel files hold one product each, so events are not filtered by provider
 * (its name is not documented); they are keyed on event ID and EventData only (§3.0 event rule).
 */
export function channelEvents(
  ev: Ev<EventRecord[]> | undefined,
  fromMs: number,
  toMs: number,
): EventRecord[] | null {
  if (!ev || ev.state === 'absent') return [];
  return isOk(ev) ? inWindow(ev.value, fromMs, toMs) : null;
}

/** Evidence that could not be read (not `ok`, not `absent`), as artifact evidence. */
export function unreadable(list: readonly Ev<unknown>[]): ArtifactEvidence[] {
  return list
    .filter((ev) => ev.state !== 'ok' && ev.state !== 'absent')
    .map((ev) => ({
      kind: 'artifact',
      file: ev.path,
      state: ev.state,
      ...(ev.error ? { error: ev.error } : {}),
    }));
}

/** The event's code: the first `0x` token of 8 hex digits in EventData (§4.4 diagnostic code). */
export function eventCode(e: EventRecord): string | null {
  return findDiagnosticCode(eventText(e));
}

/** Groups repeated events by ID and code (device IDs differ per event), newest first. */
export function groupByCode(file: string, events: readonly EventRecord[]): EventEvidence[] {
  return groupEvents(file, events, (e) => eventCode(e) ?? '');
}

/** §4.3–4.5 meanings of the events' IDs and of their diagnostic codes or HRESULTs, once each. */
export function connectorDecoded(log: ConnectorLog, events: readonly EventRecord[]): Decoded[] {
  const out = new Map<string, Decoded>();
  const add = (raw: string, meaning: string, checkId?: string) => {
    if (!out.has(raw)) out.set(raw, { raw, meaning, ...(checkId ? { checkId } : {}) });
  };
  for (const e of events) {
    const row =
      log === 'legacy'
        ? decodeLegacyConnectorEvent(e.eventId)
        : decodeConnectorEvent(e.eventId, log);
    if (row) add(`event ${e.eventId}${row.name ? ` ${row.name}` : ''}`, row.meaning, row.checkId);
    const code = eventCode(e);
    const diag = code && log === 'legacy' ? decodeDiagnosticCode(code) : null;
    const hr = code && !diag ? decodeHresult(code) : null;
    if (diag) add(`${diag.code} ${diag.name}`, diag.meaning);
    else if (hr) add(hr.raw, hr.meaning, hr.checkId);
  }
  return [...out.values()];
}
