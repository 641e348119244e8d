// Builds snapshots for table-driven rule tests: every evidence key starts `missing`; a test sets
// only what the case needs, from real text through the real parsers.
import type { AnyRule, Ev, EvidenceKey, Finding, Manifest, Snapshot } from '../../shared/model';
import { contextFor, runRule } from '../../shared/engine/run-rules';
import { parseRegFile } from '../../shared/parse/reg-file';
import type { RegFile } from '../../shared/parse/reg-file';
import { parsePsJson } from '../../shared/parse/ps-json';
import type { PsValue } from '../../shared/parse/ps-json';

export const COLLECTED_AT = '2026-11-20T09:14:03Z';
export const NOW_MS = Date.parse(COLLECTED_AT);
export const DAY = 86_400_000;

const KEYS: EvidenceKey[] = [
  'os',
  'computer',
  'windowsFeatures',
  'services',
  'installedProducts',
  'localGroups',
  'serviceAccount',
  'templateOids',
  'userRights',
  'appPools',
  'sites',
  'sslBindings',
  'setspn',
  'certutilPing',
  'caTemplates',
  'regMscep',
  'regHttpParameters',
  'regIntune',
  'regIeEscAdmins',
  'regIeEscUsers',
  'regDotnet',
  'regSchannel',
  'regNetfx',
  'regNetfxWow64',
  'regNtCurrentVersion',
  'regRebootCbs',
  'regRebootWu',
  'regSessionManager',
  'iisConfig',
  'iisLogs',
  'httpErr',
  'certs',
  'eventsApplication',
  'eventsSystem',
  'eventsCapi2',
  'eventsConnectorAdmin',
  'eventsConnectorOperational',
  'eventsLegacyConnector',
  'eventsDeployment',
  'ndesPluginLog',
  'setupMsiLog',
  'probe',
];

export function manifest(over: Partial<Manifest> = {}): Manifest {
  return {
    format: 'ndes-host-bundle',
    version: 1,
    collectedAt: COLLECTED_AT,
    host: {
      computerName: 'NDES01',
      dnsHostName: 'ndes01.corp.contoso.com',
      domain: 'corp.contoso.com',
    },
    collector: { culture: 'en-US', utcOffsetMinutes: 0, elevated: true },
    redaction: null,
    artifacts: [],
    ...over,
  };
}

/** A snapshot where every evidence is `missing`, with `parts` applied. */
export function snapshot(parts: Partial<Snapshot> = {}): Snapshot {
  const s: Record<string, unknown> = { schema: 'ndes-doctor-snapshot/1', manifest: manifest() };
  for (const k of KEYS) s[k] = { state: 'missing', path: k };
  return { ...(s as unknown as Snapshot), ...parts };
}

/** `ok` evidence. */
export function ok<T>(value: T, path = 'test'): Ev<T> {
  return { state: 'ok', path, value };
}

/** Evidence in a non-ok state. */
export function state<T>(st: Ev<T>['state'], path = 'test', error?: string): Ev<T> {
  return { state: st, path, error };
}

/** A `.reg` export as evidence, from REGEDIT5 body text (header added). */
export function reg(body: string, path = 'registry/test.reg'): Ev<RegFile> {
  return ok(parseRegFile(`Windows Registry Editor Version 5.00\r\n\r\n${body}`), path);
}

/** PowerShell JSON as evidence. */
export function psJson(value: unknown, path = 'commands/test.json'): Ev<PsValue> {
  return ok(parsePsJson(JSON.stringify(value)), path);
}

/** Runs a rule through the engine's guards and returns its finding. */
export function judge(rule: AnyRule, parts: Partial<Snapshot>): Finding {
  const s = snapshot(parts);
  return runRule(rule, s, contextFor(s));
}
