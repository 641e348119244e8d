// The manifest of an exported bundle: the source's artifacts with their new paths (certificate
// summaries), hashes and sizes, files left out marked `skipped` with the reason, names tokenized,
// and `redaction` / `export` saying what was done (BUNDLE-FORMAT.md, manifest.json).
import type { Excluded, PlannedFile } from './export-files';
import type { Manifest } from '../../../shared/model';
import type { Redactor, RedactMode } from '../../../shared/redact/redactor';
import type { TokenClass } from '../../../shared/redact/tokenizer';
import { ENGINE_VERSION } from '../../../shared/engine/version';

const TOKEN_RULES: TokenClass[] = ['hostnames', 'domains', 'upn', 'accounts', 'ip', 'sid'];

/** The exported manifest: same artifacts, new paths, hashes and sizes; names tokenized. */
export function buildManifest(
  raw: Record<string, unknown>,
  manifest: Manifest,
  files: PlannedFile[],
  excluded: Excluded[],
  outputs: Map<string, { sha256: string; bytes: number }>,
  r: Redactor,
  mode: RedactMode,
  at: string,
): Record<string, unknown> {
  const bySrc = new Map(files.map((f) => [f.src.toLowerCase(), f]));
  const out = new Map(excluded.map((e) => [e.src.toLowerCase(), e]));
  const listed = new Set<string>();
  const text = (v: unknown) => (typeof v === 'string' ? r.text(v) : v);
  // A re-exported support bundle gets a new report: the old report/ entries are not carried over.
  const rawArtifacts = (
    Array.isArray(raw['artifacts']) ? (raw['artifacts'] as Record<string, unknown>[]) : []
  ).filter((a) => !/^report\//i.test(String(a['path'] ?? '')));
  const artifacts = rawArtifacts.map((a) => {
    const p = String(a['path'] ?? '');
    const next: Record<string, unknown> = {
      ...a,
      source: text(a['source']),
      error: text(a['error']),
    };
    if (next['source'] === undefined) delete next['source'];
    if (next['error'] === undefined) delete next['error'];
    const f = bySrc.get(p.toLowerCase());
    const gone = out.get(p.toLowerCase());
    if (f) {
      listed.add(f.src.toLowerCase());
      const o = outputs.get(f.path);
      next['path'] = f.path;
      if (o && a['status'] === 'ok') {
        next['sha256'] = o.sha256;
        next['bytes'] = o.bytes;
      } else if (o && a['sha256'] !== undefined) {
        next['sha256'] = o.sha256;
        next['bytes'] = o.bytes;
      }
    } else if (gone) {
      next['path'] = r.names(p);
      next['status'] = 'skipped';
      next['error'] = gone.reason;
      delete next['sha256'];
      delete next['bytes'];
      delete next['exitCode'];
    } else next['path'] = r.names(p);
    return next;
  });
  for (const f of files) {
    if (listed.has(f.src.toLowerCase())) continue;
    const o = outputs.get(f.path);
    artifacts.push({
      path: f.path,
      kind: 'file',
      status: 'ok',
      sha256: o?.sha256,
      bytes: o?.bytes,
    });
  }
  const host = manifest.host;
  const redaction =
    mode === 'none'
      ? (raw['redaction'] ?? null)
      : {
          mode,
          at,
          rules: [...TOKEN_RULES, ...[...r.removed].sort()],
        };
  return {
    ...raw,
    host: {
      ...(raw['host'] as Record<string, unknown>),
      computerName: r.names(host.computerName),
      ...(host.dnsHostName !== undefined ? { dnsHostName: r.names(host.dnsHostName) } : {}),
      ...(host.domain !== undefined ? { domain: r.names(host.domain) } : {}),
    },
    redaction,
    export: {
      at,
      by: `ndes-doctor ${ENGINE_VERSION}`,
      removed: [...r.removed].sort(),
      excluded: excluded.map((e) => ({ path: r.names(e.src), reason: e.reason })),
    },
    artifacts,
  };
}
