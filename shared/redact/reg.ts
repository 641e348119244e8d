// `reg export` (REGEDIT5) files, line by line: REG_SZ data is unescaped before tokenizing and
// re-escaped after; REG_EXPAND_SZ / REG_MULTI_SZ (`hex(2)`, `hex(7)`: UTF-16LE bytes) are decoded,
// tokenized and re-wrapped the way regedit wraps them; secret values (MSCEP\EncryptedPassword,
// proxy passwords) are dropped with their continuation lines.
import type { LineTransform, Redactor } from './redactor';
import { isSecretRegValue } from './secrets';

const VALUE = /^(@|"(?:[^"\\]|\\.)*")=(.*)$/;
const SZ = /^"((?:[^"\\]|\\.)*)"(\s*)$/;
/** regedit breaks hex data once a line reaches this column. */
const WRAP = 77;

const unescapeReg = (s: string) => s.replace(/\\([\\"])/g, '$1');
const escapeReg = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

function typeOf(data: string): string {
  if (data.startsWith('"')) return 'sz';
  if (/^dword:/i.test(data)) return 'dword';
  const m = /^hex(?:\(([0-9a-f]+)\))?:/i.exec(data);
  if (!m) return 'other';
  const t = (m[1] ?? '3').toLowerCase();
  return (
    { '1': 'sz-hex', '2': 'expand_sz', '7': 'multi_sz', b: 'qword', '3': 'binary' }[t] ?? 'binary'
  );
}

/** UTF-16LE bytes of `text`. */
function utf16(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(c & 0xff, c >> 8);
  }
  return out;
}

function hexLines(prefix: string, bytes: number[]): string[] {
  const lines: string[] = [];
  let cur = prefix;
  for (let i = 0; i < bytes.length; i++) {
    cur += (bytes[i] ?? 0).toString(16).padStart(2, '0');
    if (i === bytes.length - 1) break;
    cur += ',';
    if (cur.length >= WRAP) {
      lines.push(`${cur}\\`);
      cur = '  ';
    }
  }
  lines.push(cur);
  return lines;
}

export class RegTransform implements LineTransform {
  private key = '';
  /** Lines of a hex value still being continued. */
  private pending: string[] | null = null;

  constructor(private readonly r: Redactor) {}

  push(line: string): string | string[] | null {
    if (this.pending) {
      this.pending.push(line);
      if (line.endsWith('\\')) return [];
      const lines = this.pending;
      this.pending = null;
      return this.value(lines);
    }
    if (line.startsWith('[') && line.trimEnd().endsWith(']')) {
      this.key = line.trim().slice(1, -1).replace(/^-/, '');
      return this.r.names(line);
    }
    const m = VALUE.exec(line);
    if (!m) return this.r.text(line);
    if (/^hex/i.test(m[2] ?? '') && line.endsWith('\\')) {
      this.pending = [line];
      return [];
    }
    return this.value([line]);
  }

  /** One whole value (first line plus continuations): dropped, rewritten or kept. */
  private value(lines: string[]): string | string[] | null {
    const first = lines[0] ?? '';
    const m = VALUE.exec(first);
    if (!m) return lines;
    const rawName = m[1] ?? '@';
    const name = rawName === '@' ? '' : unescapeReg(rawName.slice(1, -1));
    const data = m[2] ?? '';
    const type = typeOf(data);
    if (isSecretRegValue(this.key, name, type)) {
      this.r.removed.add('registry-secret');
      return lines.length === 1 ? null : [];
    }
    const newName = rawName === '@' ? '@' : `"${escapeReg(this.r.names(name))}"`;
    if (type === 'sz') {
      const sz = SZ.exec(data);
      if (!sz) return this.keep(lines, this.r.text(first));
      const value = unescapeReg(sz[1] ?? '');
      const out = this.r.text(value);
      if (out === value && newName === rawName) return lines.length === 1 ? first : lines;
      return `${newName}="${escapeReg(out)}"${sz[2] ?? ''}`;
    }
    if (type === 'expand_sz' || type === 'multi_sz' || type === 'sz-hex') {
      const colon = data.indexOf(':');
      const hex = lines
        .map((l, i) => (i === 0 ? data.slice(colon + 1) : l))
        .join('')
        .replace(/[\\\s]/g, '');
      const bytes = hex === '' ? [] : hex.split(',').map((h) => parseInt(h, 16));
      let text = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        text += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
      }
      const out = text
        .split('\0')
        .map((s) => this.r.text(s))
        .join('\0');
      if (out === text && newName === rawName) return lines.length === 1 ? first : lines;
      const tail = bytes.length % 2 === 1 ? [bytes[bytes.length - 1] ?? 0] : [];
      return hexLines(`${newName}=${data.slice(0, colon + 1)}`, [...utf16(out), ...tail]);
    }
    if (newName === rawName) return lines.length === 1 ? first : lines;
    return [first.replace(rawName, newName), ...lines.slice(1)];
  }

  private keep(lines: string[], first: string): string | string[] {
    return lines.length === 1 ? first : [first, ...lines.slice(1)];
  }

  end(): string[] {
    const rest = this.pending ? this.value(this.pending) : [];
    this.pending = null;
    if (rest === null) return [];
    return typeof rest === 'string' ? [rest] : rest;
  }
}
