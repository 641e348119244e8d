// `platformFromUserAgent` by the user agent's bytes: fleets repeat a few user agents, so a UA seen
// before is neither decoded nor classified again.
import type { Platform } from '../decode/user-agent';

/** Distinct user agents remembered; the cache starts over when full. */
const UA_CACHE_MAX = 1024;

export class UaCache {
  /** Entries by a hash of their bytes. */
  private readonly byHash = new Map<number, { ua: Uint8Array; platform: Platform | null }[]>();
  private size = 0;

  get(src: Uint8Array, start: number, end: number): Platform | null | undefined {
    const bucket = this.byHash.get(hashBytes(src, start, end));
    if (bucket === undefined) return undefined;
    for (const e of bucket) if (bytesEqual(e.ua, src, start, end)) return e.platform;
    return undefined;
  }

  set(src: Uint8Array, start: number, end: number, platform: Platform | null): void {
    if (this.size >= UA_CACHE_MAX) {
      this.byHash.clear();
      this.size = 0;
    }
    const hash = hashBytes(src, start, end);
    let bucket = this.byHash.get(hash);
    if (bucket === undefined) this.byHash.set(hash, (bucket = []));
    // A copy: the source bytes are a read buffer that will be reused.
    bucket.push({ ua: src.slice(start, end), platform });
    this.size++;
  }
}

/** FNV-1a of a byte range. */
function hashBytes(src: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ src[i]!, 0x01000193);
  return h;
}

function bytesEqual(a: Uint8Array, src: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== src[start + i]) return false;
  return true;
}
