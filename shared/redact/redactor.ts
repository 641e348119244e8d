// One export's redaction policy: the mode, the tokenizer (none without pseudonymization) and the
// record of what was removed, shared by every per-format transform so the manifest can say it.
import { scrubSecrets } from './secrets';
import type { SecretKind } from './secrets';
import { Tokenizer } from './tokenizer';

export type RedactMode = 'none' | 'pseudonymize' | 'strict';

/** Line-wise transform of one text file; state may carry across lines (continuations, tags). */
export interface LineTransform {
  /**
   * Output for one input line (no terminator): the same string when unchanged, null to drop the
   * line, or several lines.
   */
  push(line: string): string | string[] | null;
  /** Lines still held at the end of the file. */
  end(): string[];
}

/** What was removed besides tokenized names: secret kinds and structural removals. */
export type Removal =
  | SecretKind
  | 'registry-secret'
  | 'probe-pkioperation-body'
  | 'probe-binary-body'
  | 'json-secret'
  | 'key-file'
  | 'certificate-summary'
  | 'pkioperation-message'
  | 'cookie'
  | 'binary-file';

export class Redactor {
  readonly tok: Tokenizer | null;
  readonly removed = new Set<Removal>();

  constructor(
    readonly mode: RedactMode,
    tok?: Tokenizer,
  ) {
    this.tok = mode === 'none' ? null : (tok ?? new Tokenizer());
  }

  /** Secrets removed, then identities tokenized. Returns `s` itself when nothing changed. */
  text(s: string): string {
    const a = scrubSecrets(s, this.removed as Set<SecretKind>);
    const b = this.tok ? this.tok.text(a) : a;
    return b === s ? s : b;
  }

  /** Identities only (values that cannot hold a secret: IPs, user names, host headers). */
  names(s: string): string {
    return this.tok ? this.tok.text(s) : s;
  }
}
