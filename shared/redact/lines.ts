// Line transforms for plain text (command outputs, product logs, secedit) and W3C logs (IIS,
// HTTP.sys). W3C rows are redacted field by field so the column layout never shifts: addresses,
// user names, host headers and referers are tokenized; the user agent is kept whole because the
// traffic checks classify clients by it (CHECKS.md §5), and the status columns are never touched.
import { IIS_DEFAULT_FIELDS } from '../parse/w3c-log';
import type { LineTransform, Redactor } from './redactor';
import { PemKeyFilter } from './secrets';

/** Generic text: PEM key blocks across lines, inline secrets, identities. */
export class TextTransform implements LineTransform {
  private readonly pem = new PemKeyFilter();

  constructor(private readonly r: Redactor) {}

  push(line: string): string | null {
    const kept = this.pem.line(line);
    if (kept === null) return null;
    if (this.pem.found) this.r.removed.add('private-key');
    const out = this.r.text(kept);
    return out === line ? line : out;
  }

  end(): string[] {
    return [];
  }
}

export type FieldKind = 'skip' | 'ip' | 'user' | 'text' | 'query' | 'cookie';

const SKIP = new Set([
  'date',
  'time',
  's-port',
  'c-port',
  'cs-method',
  'cs-version',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  'time-taken',
  'sc-bytes',
  'cs-bytes',
  's-sitename',
  's-siteid',
  'streamid',
  's-reason',
  's-queuename',
  'cs(user-agent)',
]);

function kindOf(name: string): FieldKind {
  if (SKIP.has(name)) return 'skip';
  if (name === 'c-ip' || name === 's-ip') return 'ip';
  if (name === 'cs-username') return 'user';
  if (name === 'cs-uri-query') return 'query';
  if (name === 'cs(cookie)') return 'cookie';
  return 'text';
}

const LONG_URL_VALIDATOR = 'ndeslongurlvalidatorstep1of3';
const MESSAGE_FILL = 'REDACTED';

/** IIS u_ex*.log and HTTPERR logs, re-mapping columns at every `#Fields` directive. */
export class W3cTransform implements LineTransform {
  /** What to do with each column of the current `#Fields` layout. */
  kinds: FieldKind[];
  /** Addresses and user names repeat on every row: their tokens are remembered. */
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly r: Redactor,
    defaults: readonly string[] = IIS_DEFAULT_FIELDS,
  ) {
    this.kinds = defaults.map(kindOf);
  }

  push(line: string): string {
    if (line.charCodeAt(0) === 35) return this.directive(line);
    if (line.length === 0) return line;
    const values = line.split(' ');
    let changed = false;
    for (let i = 0; i < values.length; i++) {
      const kind = this.kinds[i] ?? 'text';
      const v = values[i]!;
      if (kind === 'skip' || v === '-' || v === '') continue;
      const out = kind === 'query' ? this.query(v) : this.field(kind, v);
      if (out !== v) {
        values[i] = out;
        changed = true;
      }
    }
    return changed ? values.join(' ') : line;
  }

  /** A `#` line: `#Fields` re-maps the columns, other directives are redacted as text. */
  directive(line: string): string {
    if (line.startsWith('#Fields:')) {
      this.kinds = line
        .slice(8)
        .trim()
        .split(/\s+/)
        .map((n) => kindOf(n.toLowerCase()));
      return line;
    }
    return this.r.text(line);
  }

  /** One value of a column that is not the query. */
  field(kind: FieldKind, v: string): string {
    switch (kind) {
      case 'skip':
        return v;
      case 'cookie':
        this.r.removed.add('cookie');
        return '-';
      case 'user':
        return this.cached(`u${v}`, () =>
          v.includes('+')
            ? this.r.names(v.replaceAll('+', ' ')).replaceAll(' ', '+')
            : this.r.names(v),
        );
      case 'ip':
        return this.cached(`i${v}`, () => this.r.names(v));
      default:
        return v.length > 256 ? this.r.text(v) : this.cached(`t${v}`, () => this.r.text(v));
    }
  }

  /** One `name=value` pair of the query other than a PKIOperation `message`. */
  param(p: string): string {
    return p.length > 256 ? this.r.text(p) : this.cached(`p${p}`, () => this.r.text(p));
  }

  /**
   * Tokens of a value seen before. Safe because tokens never change once assigned, and a value
   * holding a secret is recorded the first time it is seen.
   */
  private cached(key: string, make: () => string): string {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const out = make();
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }

  /**
   * A PKIOperation `message` (a base64 CMS blob, left alone in pseudonymize mode): strict mode
   * fills it with `REDACTED` to the same length. Null keeps it.
   */
  messageFill(value: string): string | null {
    if (!this.fillsMessages() || value.length <= 64) return null;
    if (value.toLowerCase() === LONG_URL_VALIDATOR) return null;
    this.r.removed.add('pkioperation-message');
    return MESSAGE_FILL.repeat(Math.ceil(value.length / 8)).slice(0, value.length);
  }

  /** True when PKIOperation messages are blanked (strict mode). */
  fillsMessages(): boolean {
    return this.r.mode === 'strict';
  }

  /** The whole query: every parameter but a PKIOperation `message`. */
  query(q: string): string {
    const amp = q.split('&');
    let changed = false;
    const pki = isPkiOperation(q);
    for (let i = 0; i < amp.length; i++) {
      const p = amp[i]!;
      const eq = p.indexOf('=');
      let out: string | null;
      if (pki && eq === 7 && p.slice(0, 7).toLowerCase() === 'message') {
        const fill = this.messageFill(p.slice(8));
        out = fill === null ? p : `${p.slice(0, 8)}${fill}`;
      } else out = this.param(p);
      if (out !== p) {
        amp[i] = out;
        changed = true;
      }
    }
    return changed ? amp.join('&') : q;
  }

  end(): string[] {
    return [];
  }
}

/** True when a query names the PKIOperation operation. */
export function isPkiOperation(q: string): boolean {
  return /(^|&)operation=pkioperation(&|$)/i.test(q);
}
