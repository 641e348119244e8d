// The live collector's probe/ folder (BUNDLE-FORMAT.md probe/): the raw exchanges of the SCEP probe
// against the local endpoint and each external URL, as probe/mscep.json entries, and the whole
// GetCACert bodies for probe/getcacert-<n>.p7b. Raw facts only; the rules judge them later.
import { runProbeDetailed } from './probe';
import type { NamedExchange, ProbeOptions } from './probe';
import type { ProbeReport } from '../../shared/probe/types';
import { KEEP_BYTES } from './http';

/** One entry of probe/mscep.json. */
export interface BundleExchange {
  name: NamedExchange['name'];
  url: string;
  method: string;
  status: number | null;
  headers: Record<string, string>;
  /** The first 64 KiB of the body, base64; null when there was no body. */
  bodyBase64: string | null;
  elapsedMs: number | null;
  error: string | null;
}

export interface BundleProbe {
  exchanges: BundleExchange[];
  /**
   * GetCACert bodies, whole. `index` is the 1-based position of the exchange among the getcacert
   * entries, so the file is probe/getcacert-<index>.p7b (the reader pairs them by position).
   */
  p7b: { index: number; bytes: Uint8Array }[];
  /** The interpreted report per URL, for the collector's log. */
  reports: ProbeReport[];
}

export function toBundleExchange(x: NamedExchange): BundleExchange {
  const r = x.result;
  const body = r.body.subarray(0, KEEP_BYTES);
  return {
    name: x.name,
    url: r.url,
    method: r.method,
    status: r.status,
    headers: r.headers,
    bodyBase64: r.bodyBytes > 0 ? Buffer.from(body).toString('base64') : null,
    elapsedMs: r.elapsedMs,
    error: r.error,
  };
}

/** Probes each URL in turn (no enrollment unless opts.enroll) and returns the bundle's probe files. */
export async function probeExchangesForBundle(
  urls: readonly string[],
  opts: ProbeOptions = {},
): Promise<BundleProbe> {
  const out: BundleProbe = { exchanges: [], p7b: [], reports: [] };
  let getcacert = 0;
  for (const url of urls) {
    const run = await runProbeDetailed(url, opts);
    out.reports.push(run.report);
    for (const x of run.exchanges) {
      out.exchanges.push(toBundleExchange(x));
      if (x.name !== 'getcacert') continue;
      getcacert += 1;
      const r = x.result;
      if (r.status === 200 && r.bodyComplete && r.body.length > 0)
        out.p7b.push({ index: getcacert, bytes: r.body });
    }
  }
  return out;
}
