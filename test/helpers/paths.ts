import path from 'node:path';
import { readFileSync } from 'node:fs';

/** Repository root. */
export const REPO = path.resolve(__dirname, '..', '..');
/** `../shared/samples`: real files from public sources (test data only). */
export const SAMPLES = path.resolve(REPO, '..', 'shared', 'samples');

/** Bytes of a file under `../shared/samples/`. */
export function sample(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SAMPLES, rel)));
}
