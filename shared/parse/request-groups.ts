// The table of request groups behind the IIS log summary: identical requests counted once, found by
// a numeric hash of their key (collisions told apart by comparing fields), listed largest first.
import type { Platform } from '../decode/user-agent';
import { DeferredSamples } from './deferred-samples';
import { detach } from './log-file-info';
import type { LineRef } from './log-file-info';
import { groupHash } from './ndes-request';
import type { NdesPath } from './ndes-request';

/** Identical requests, counted. Numbers are -1 when the row has no usable value. */
export interface RequestGroup {
  path: NdesPath;
  method: string;
  /** `GetCACert`, `GetCACaps`, `PKIOperation`, … as sent (known names in canonical case); '' for none. */
  operation: string;
  status: number;
  substatus: number;
  /** Unsigned 32-bit, may exceed 2^31 (2148204809 = 0x800B0109). */
  win32: number;
  platform: Platform;
  count: number;
  /** UTC ISO of the earliest / latest row. */
  first: string;
  last: string;
  /** First three rows and the latest one. */
  samples: LineRef[];
}

export interface GroupState {
  group: Omit<RequestGroup, 'first' | 'last' | 'samples'>;
  firstMs: number;
  lastMs: number;
  samples: DeferredSamples;
  /** Number of the file that last added a sample (its samples settle when it ends). */
  file: number;
}

export class RequestGroups {
  private readonly buckets = new Map<number, GroupState[]>();
  private readonly all: GroupState[] = [];

  /** The group with these values; a new one, with no rows yet, first seen at `t`. */
  find(
    path: NdesPath,
    method: string,
    operation: string,
    status: number,
    substatus: number,
    win32: number,
    platform: Platform,
    t: number,
  ): GroupState {
    const hash = groupHash(path, platform, status, substatus, win32);
    let bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, (bucket = []));
    let g = bucket.find(
      (x) =>
        x.group.win32 === win32 &&
        x.group.status === status &&
        x.group.substatus === substatus &&
        x.group.path === path &&
        x.group.platform === platform &&
        x.group.operation === operation &&
        x.group.method === method,
    );
    if (g === undefined) {
      // Copies: method/operation may be views into a longer string, which must not stay alive.
      const names = { path, method: detach(method), operation: detach(operation) };
      const counts = { status, substatus, win32, platform, count: 0 };
      g = {
        group: { ...names, ...counts },
        firstMs: t,
        lastMs: t,
        samples: new DeferredSamples(),
        file: 0,
      };
      bucket.push(g);
      this.all.push(g);
    }
    return g;
  }

  /** Every group, largest count first (ties in the order first seen). */
  list(): RequestGroup[] {
    return [...this.all]
      .sort((a, b) => b.group.count - a.group.count)
      .map((g): RequestGroup => ({
        ...g.group,
        first: new Date(g.firstMs).toISOString(),
        last: new Date(g.lastMs).toISOString(),
        samples: g.samples.list(),
      }));
  }
}
