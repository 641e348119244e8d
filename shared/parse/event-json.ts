// Reads `Get-WinEvent | ConvertTo-Json` output (an already parsed JSON value) into EventRecords, for
// bundles whose collector could not run wevtutil. Windows PowerShell 5.1 writes dates as
// "\/Date(ms)\/", unwraps single results to an object and, at the default depth 2, loses
// Properties values (they become the type name), so Data is often empty.
import { ParseError } from './errors';
import { normalizeUtc } from './event-xml';
import type { EventRecord } from './event-xml';

type Json = Record<string, unknown>;

// English LevelDisplayName values; Level (a number) is preferred because display names are localized.
const LEVEL_NAMES: Record<string, number> = {
  critical: 1,
  error: 2,
  warning: 3,
  information: 4,
  verbose: 5,
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  // SecurityIdentifier and similar objects serialize with their string form in Value.
  if (isObject(v) && typeof v['Value'] === 'string') return v['Value'];
  return null;
}

/** "\/Date(1595374458918)\/" (PS 5.1), ISO with offset (PS 7), or {value: …} -> ISO UTC. */
function toUtc(v: unknown): string | null {
  if (isObject(v)) return toUtc(v['value']);
  if (typeof v !== 'string') return null;
  const ms = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(v.trim());
  if (ms) {
    const d = new Date(Number(ms[1]));
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return normalizeUtc(v);
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return str(v) ?? JSON.stringify(v);
}

function dataOf(o: Json): { value: string }[] {
  // A collector-side `@{n='Data';e={$_.Properties.Value}}` wins over the (usually truncated) Properties.
  const src = o['Data'] !== undefined ? o['Data'] : o['Properties'];
  if (src === undefined || src === null) return [];
  const items = Array.isArray(src) ? src : [src];
  const out: { value: string }[] = [];
  for (const item of items) {
    if (src === o['Data']) out.push({ value: valueText(item) });
    // A bare string in Properties is the depth-truncated type name, not a value.
    else if (isObject(item) && 'Value' in item) out.push({ value: valueText(item['Value']) });
  }
  return out;
}

function level(o: Json): number {
  const n = num(o['Level']);
  if (n !== null) return n;
  const name = typeof o['LevelDisplayName'] === 'string' ? o['LevelDisplayName'] : '';
  return LEVEL_NAMES[name.trim().toLowerCase()] ?? 0;
}

function toRecord(o: Json): EventRecord | null {
  const eventId = num(o['Id']);
  if (eventId === null) return null;
  return {
    provider: str(o['ProviderName']) ?? '',
    eventId,
    qualifiers: num(o['Qualifiers']),
    level: level(o),
    recordId: num(o['RecordId']),
    timeCreated: toUtc(o['TimeCreated']),
    channel: str(o['LogName']),
    computer: str(o['MachineName']),
    userId: str(o['UserId']),
    data: dataOf(o),
    message: typeof o['Message'] === 'string' ? o['Message'] : null,
    culture: null,
    line: 0,
  };
}

/**
 * Convert a parsed `Get-WinEvent | ConvertTo-Json` value (one object or an array) to EventRecords.
 * Items without a numeric Id are skipped; throws ParseError when the value holds no event at all.
 */
export function parseWinEventJson(value: unknown): EventRecord[] {
  if (value === null || value === undefined) return [];
  if (!isObject(value) && !Array.isArray(value)) {
    throw new ParseError('Get-WinEvent JSON: expected an object or an array of objects');
  }
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const records: EventRecord[] = [];
  for (const item of items) {
    const rec = isObject(item) ? toRecord(item) : null;
    if (rec) records.push(rec);
  }
  if (items.length > 0 && records.length === 0) {
    throw new ParseError('Get-WinEvent JSON: no object with a numeric Id');
  }
  return records;
}
