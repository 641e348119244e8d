/**
 * State of one piece of evidence in the snapshot. `ok` and `absent` are data; the others mean
 * the rules cannot see it (CHECKS.md §1: never a pass).
 */
export type EvidenceState =
  | 'ok'
  | 'absent'
  | 'error'
  | 'skipped'
  /** Not in the manifest, or listed but the file is not in the bundle. */
  | 'missing'
  /** Present but the parser rejected it. */
  | 'unparseable';

/** A parsed artifact as the rules see it. */
export interface Ev<T> {
  /** Whether the value can be used. */
  state: EvidenceState;
  /** Bundle path(s) the value came from. */
  path: string;
  /** Parsed value; present when `state` is `ok`. */
  value?: T;
  /** Why the evidence is unusable (collector error, parse error). */
  error?: string;
  /** Exit code of the producing command, from the manifest. */
  exitCode?: number;
  /** Parser warnings that did not prevent use. */
  warnings?: string[];
}

/** True when the evidence can be judged (`ok`). */
export function isOk<T>(ev: Ev<T>): ev is Ev<T> & { state: 'ok'; value: T } {
  return ev.state === 'ok' && ev.value !== undefined;
}

/** True when the evidence cannot be used for a judgement at all. */
export function isUnusable(ev: Ev<unknown>): boolean {
  return ev.state !== 'ok' && ev.state !== 'absent';
}
