// manifest.json of an NDES host bundle (BUNDLE-FORMAT.md): validated field by field so that a
// broken manifest is reported with the exact field at fault.
import type { ArtifactStatus, Manifest, ManifestArtifact } from '../model/manifest';
import { ParseError } from './errors';

const STATUSES: readonly ArtifactStatus[] = ['ok', 'absent', 'error', 'skipped'];

/** Parses and validates manifest.json text. Throws ParseError naming the field at fault. */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ParseError(`manifest.json is not valid JSON: ${(err as Error).message}`);
  }
  const m = obj(raw, 'manifest');
  if (m['format'] !== 'ndes-host-bundle') {
    throw new ParseError(`manifest.format must be "ndes-host-bundle" (found ${show(m['format'])})`);
  }
  if (m['version'] !== 1) {
    throw new ParseError(`manifest.version ${show(m['version'])} is not supported (expected 1)`);
  }
  const collectedAt = str(m['collectedAt'], 'manifest.collectedAt');
  if (Number.isNaN(Date.parse(collectedAt)) || !/^\d{4}-\d\d-\d\dT/.test(collectedAt)) {
    throw new ParseError(`manifest.collectedAt is not an ISO 8601 date: ${show(collectedAt)}`);
  }
  const host = obj(m['host'], 'manifest.host');
  const collector = m['collector'] === undefined ? {} : obj(m['collector'], 'manifest.collector');
  const artifactsRaw = m['artifacts'];
  if (!Array.isArray(artifactsRaw)) throw new ParseError('manifest.artifacts must be an array');
  const artifacts = artifactsRaw.map((a, i) => artifact(a, `manifest.artifacts[${i}]`));
  const redaction = m['redaction'];
  return {
    format: 'ndes-host-bundle',
    version: 1,
    collectedAt: new Date(Date.parse(collectedAt)).toISOString().replace('.000Z', 'Z'),
    host: {
      computerName: str(host['computerName'], 'manifest.host.computerName'),
      dnsHostName: optStr(host['dnsHostName'], 'manifest.host.dnsHostName'),
      domain: optStr(host['domain'], 'manifest.host.domain'),
    },
    collector: {
      name: optStr(collector['name'], 'manifest.collector.name'),
      version: optStr(collector['version'], 'manifest.collector.version'),
      elevated: typeof collector['elevated'] === 'boolean' ? collector['elevated'] : undefined,
      culture: optStr(collector['culture'], 'manifest.collector.culture'),
      timeZone: optStr(collector['timeZone'], 'manifest.collector.timeZone'),
      utcOffsetMinutes:
        typeof collector['utcOffsetMinutes'] === 'number'
          ? collector['utcOffsetMinutes']
          : undefined,
    },
    redaction:
      redaction && typeof redaction === 'object' ? (redaction as Manifest['redaction']) : null,
    artifacts,
  };
}

function artifact(raw: unknown, where: string): ManifestArtifact {
  const a = obj(raw, where);
  const path = str(a['path'], `${where}.path`);
  if (path.includes('..') || path.startsWith('/') || /^[a-z]:/i.test(path) || path.includes('\\')) {
    throw new ParseError(`${where}.path is not a safe relative path: ${show(path)}`);
  }
  const status = a['status'];
  if (!STATUSES.includes(status as ArtifactStatus)) {
    throw new ParseError(
      `${where}.status must be one of ${STATUSES.join(', ')} (found ${show(status)})`,
    );
  }
  const exitCode = a['exitCode'];
  if (exitCode !== undefined && exitCode !== null && typeof exitCode !== 'number') {
    throw new ParseError(`${where}.exitCode must be a number`);
  }
  return {
    path,
    kind: optStr(a['kind'], `${where}.kind`) ?? 'file',
    source: optStr(a['source'], `${where}.source`),
    status: status as ArtifactStatus,
    exitCode: typeof exitCode === 'number' ? exitCode : undefined,
    sha256: optStr(a['sha256'], `${where}.sha256`),
    bytes: typeof a['bytes'] === 'number' ? a['bytes'] : undefined,
    error: optStr(a['error'], `${where}.error`),
  };
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new ParseError(`${where} must be an object`);
  return v as Record<string, unknown>;
}
function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.length === 0)
    throw new ParseError(`${where} must be a non-empty string`);
  return v;
}
function optStr(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ParseError(`${where} must be a string`);
  return v;
}
function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}
