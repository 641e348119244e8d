// Differences between the facts of two snapshots (compare-facts.ts): values that changed, appeared
// or vanished, counters that moved, evidence that one side could not collect, and certificates
// renewed under the same role, sorted by area for display.
import type { Ev, EvidenceKey, EvidenceState, Snapshot } from '../model';
import { snapshotFacts } from './compare-facts';
import type { EvidenceArea, Facts } from './compare-facts';

const AREA_OF_KEY: Partial<Record<EvidenceKey, EvidenceArea>> = {
  iisConfig: 'iis',
  sites: 'iis',
  sslBindings: 'iis',
  certs: 'certificates',
  services: 'services',
  appPools: 'app-pools',
  serviceAccount: 'accounts',
  localGroups: 'accounts',
  userRights: 'accounts',
  iisLogs: 'logs',
  httpErr: 'logs',
  ndesPluginLog: 'logs',
  setupMsiLog: 'logs',
  probe: 'probe',
};

/** Area a snapshot key's collection state is reported under. */
export function areaOf(key: EvidenceKey): EvidenceArea {
  if (key.startsWith('reg')) return 'registry';
  if (key.startsWith('events')) return 'events';
  return AREA_OF_KEY[key] ?? 'artifacts';
}

/** Every evidence key of the snapshot, in snapshot order. */
export function evidenceKeys(s: Snapshot): EvidenceKey[] {
  return Object.keys(s).filter((k) => k !== 'schema' && k !== 'manifest') as EvidenceKey[];
}

/** Collection state of every evidence key (`ok`, `absent`, `missing`, …). */
export function evidenceStates(
  s: Snapshot,
): Map<EvidenceKey, { path: string; state: EvidenceState }> {
  const out = new Map<EvidenceKey, { path: string; state: EvidenceState }>();
  for (const k of evidenceKeys(s)) {
    const ev = s[k] as Ev<unknown> | undefined;
    if (ev && typeof ev === 'object') out.set(k, { path: ev.path, state: ev.state });
  }
  return out;
}

export interface EvidenceDiff {
  area: EvidenceArea;
  item: string;
  /** Value on each side; null when absent there (or unreadable, for counts). */
  before: string | null;
  after: string | null;
  /** Snapshot evidence the value comes from. */
  key: EvidenceKey;
  /** Changed checks that read this evidence (when the caller says which rule reads what). */
  checks: string[];
}

const AREA_ORDER: EvidenceArea[] = [
  'registry',
  'iis',
  'app-pools',
  'accounts',
  'services',
  'certificates',
  'probe',
  'logs',
  'events',
  'artifacts',
];

/** Display cap for long values (REG_BINARY, ACL lists); comparison uses the full text. */
export const MAX_VALUE_CHARS = 200;

function clip(v: string | null): string | null {
  return v !== null && v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS - 1)}…` : v;
}

function row(
  area: EvidenceArea,
  item: string,
  key: EvidenceKey,
  before: string | null,
  after: string | null,
): EvidenceDiff {
  return { area, item, key, before, after, checks: [] };
}

/**
 * Facts present on one side only are absent on the other, unless the other side could not read
 * that evidence at all: then only its collection state is reported (diffStates).
 */
function diffFacts(a: Facts, b: Facts, unreadable: Unreadable, out: EvidenceDiff[]): void {
  for (const [id, fa] of a) {
    const fb = b.get(id);
    if (fb === undefined && unreadable.after.has(fa.key)) continue;
    if (fb === undefined || fb.value !== fa.value)
      out.push(row(fa.area, fa.item, fa.key, fa.value, fb?.value ?? null));
  }
  for (const [id, fb] of b)
    if (!a.has(id) && !unreadable.before.has(fb.key))
      out.push(row(fb.area, fb.item, fb.key, null, fb.value));
}

/** A renewed or replaced certificate (same store, CN and template) becomes one row. */
function pairCertificates(rows: EvidenceDiff[]): EvidenceDiff[] {
  const removed = new Map<string, EvidenceDiff[]>();
  const added = new Map<string, EvidenceDiff[]>();
  for (const r of rows) {
    if (r.area !== 'certificates') continue;
    const map = r.after === null ? removed : r.before === null ? added : null;
    if (map) map.set(r.item, [...(map.get(r.item) ?? []), r]);
  }
  const drop = new Set<EvidenceDiff>();
  for (const [item, gone] of removed) {
    const came = added.get(item);
    if (gone.length !== 1 || came?.length !== 1) continue;
    const [g, c] = [gone[0]!, came[0]!];
    drop.add(c);
    // Same text on both sides (e.g. the renewed certificate's key): no difference to show.
    if (g.before === c.after) drop.add(g);
    else g.after = c.after;
  }
  return rows.filter((r) => !drop.has(r));
}

/** Counters seen on one side only are 0 on the other, when it could read that evidence. */
function diffCounts(a: Facts, b: Facts, unreadable: Unreadable, out: EvidenceDiff[]): void {
  for (const [id, fa] of a) {
    if (unreadable.after.has(fa.key)) continue;
    const after = b.get(id)?.value ?? '0';
    if (after !== fa.value) out.push(row(fa.area, fa.item, fa.key, fa.value, after));
  }
  for (const [id, fb] of b)
    if (!a.has(id) && !unreadable.before.has(fb.key))
      out.push(row(fb.area, fb.item, fb.key, '0', fb.value));
}

/** Evidence keys each side could not read (not `ok` and not `absent`). */
interface Unreadable {
  before: Set<EvidenceKey>;
  after: Set<EvidenceKey>;
}

function unreadableKeys(states: ReturnType<typeof evidenceStates>): Set<EvidenceKey> {
  const out = new Set<EvidenceKey>();
  for (const [key, s] of states) if (s.state !== 'ok' && s.state !== 'absent') out.add(key);
  return out;
}

function diffStates(
  sa: ReturnType<typeof evidenceStates>,
  sb: ReturnType<typeof evidenceStates>,
  out: EvidenceDiff[],
): void {
  for (const [key, x] of sa) {
    const y = sb.get(key);
    if (y?.state === x.state) continue;
    out.push(row(areaOf(key), `${x.path} (collection)`, key, x.state, y?.state ?? null));
  }
  for (const [key, y] of sb)
    if (!sa.has(key)) out.push(row(areaOf(key), `${y.path} (collection)`, key, null, y.state));
}

/** Evidence differences from snapshot `a` (before) to `b` (after). */
export function diffEvidence(a: Snapshot, b: Snapshot): EvidenceDiff[] {
  const fa = snapshotFacts(a);
  const fb = snapshotFacts(b);
  const sa = evidenceStates(a);
  const sb = evidenceStates(b);
  const unreadable = { before: unreadableKeys(sa), after: unreadableKeys(sb) };
  let rows: EvidenceDiff[] = [];
  diffStates(sa, sb, rows);
  diffFacts(fa.facts, fb.facts, unreadable, rows);
  diffCounts(fa.counts, fb.counts, unreadable, rows);
  rows = pairCertificates(rows);
  for (const r of rows) {
    r.before = clip(r.before);
    r.after = clip(r.after);
  }
  const rank = (r: EvidenceDiff) => AREA_ORDER.indexOf(r.area);
  return rows.sort((x, y) => rank(x) - rank(y) || x.item.localeCompare(y.item));
}
