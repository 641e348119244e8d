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

type FieldKind = 'skip' | 'ip' | 'user' | 'text' | 'query' | 'cookie';

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
  private kinds: FieldKind[];

  constructor(
    private readonly r: Redactor,
    defaults: readonly string[] = IIS_DEFAULT_FIELDS,
  ) {
    this.kinds = defaults.map(kindOf);
  }

  push(line: string): string {
    if (line.charCodeAt(0) === 35) {
      if (line.startsWith('#Fields:')) {
        this.kinds = line.slice(8).trim().split(/\s+/).map((n) => kindOf(n.toLowerCase()));
        return line;
      }
      return this.r.text(line);
    }
    if (line.length === 0) return line;
    const values = line.split(' ');
    let changed = false;
    for (let i = 0; i < values.length; i++) {
      const kind = this.kinds[i] ?? 'text';
      const v = values[i]!;
      if (kind === 'skip' || v === '-' || v === '') continue;
      const out = this.field(kind, v);
      if (out !== v) {
        values[i] = out;
        changed = true;
      }
    }
    return changed ? values.join(' ') : line;
  }

  private field(kind: FieldKind, v: string): string {
    switch (kind) {
      case 'ip':
        return this.r.names(v);
      case 'user':
        return v.includes('+')
          ? this.r.names(v.replaceAll('+', ' ')).replaceAll(' ', '+')
          : this.r.names(v);
      case 'cookie':
        this.r.removed.add('cookie');
        return '-';
      case 'query':
        return this.query(v);
      default:
        return this.r.text(v);
    }
  }

  /** Every parameter but a PKIOperation `message` (a base64 CMS blob), which strict mode blanks. */
  private query(q: string): string {
    const amp = q.split('&');
    let changed = false;
    const pki = /(^|&)operation=pkioperation(&|$)/i.test(q);
    for (let i = 0; i < amp.length; i++) {
      const p = amp[i]!;
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      let out: string;
      if (name.toLowerCase() === 'message' && pki) {
        const value = p.slice(eq + 1);
        if (this.r.mode !== 'strict' || value.length <= 64) continue;
        if (value.toLowerCase() === LONG_URL_VALIDATOR) continue;
        this.r.removed.add('pkioperation-message');
        out = `${name}=${MESSAGE_FILL.repeat(Math.ceil(value.length / 8)).slice(0, value.length)}`;
      } else out = this.r.text(p);
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
