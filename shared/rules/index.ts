// The rule registry: every check, sorted by id. Regenerate with `node scripts/gen-rules-index.mjs`.
import type { AnyRule } from '../model';
import httpsysMaxFieldLength from './device-to-ndes/httpsys-max-field-length';

/** Every rule, sorted by check id. */
export const RULES: readonly AnyRule[] = [
  httpsysMaxFieldLength,
];
