// The one-line message of an artifact that could not be read or parsed, naming the file. Kept apart
// from the snapshot builder so the log worker bundles it without every artifact parser.
import { BundleError } from '../acquire/bundle/reader';
import { ParseError } from '../../shared/parse/errors';

/** A clear message naming the file. */
export function describe(path: string, err: unknown): string {
  if (err instanceof ParseError) return `${path}: ${err.message}`;
  if (err instanceof BundleError) return err.message;
  return `${path}: ${err instanceof Error ? err.message : String(err)}`;
}
